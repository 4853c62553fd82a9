"""Signals of the customs app. ``declaration_status_changed`` is sent after the transaction
that changed the status commits (payments refund a paid declaration customs refused or
cancelled)."""

from django.dispatch import Signal

# sender=Declaration, declaration=..., from_status=..., to_status=...
declaration_status_changed = Signal()
