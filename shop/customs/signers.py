"""Signer backends as ``settings.INTEGRATIONS["customs_signer"]`` builds them (spec §1.5).

Development signs with a locally generated SM2 identity kept in ``var/`` (never committed; a
deploy check refuses the embedded signer in production). Production points
``CUSTOMS_SIGNER_URL`` at the signing service that holds the E-port card.
"""

from __future__ import annotations

from pathlib import Path

from integrations.customs.signing import Sm2Signer, load_or_create_identity


class DevelopmentSigner(Sm2Signer):
    """``Sm2Signer`` with its test identity loaded from (or created at) ``identity_path``."""

    def __init__(self, identity_path: str):
        super().__init__(load_or_create_identity(Path(identity_path)))
