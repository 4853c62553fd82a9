"""Exceptions of the customs message package."""

from __future__ import annotations


class MessageDataError(ValueError):
    """The declaration data cannot become a valid message (spec §2/§3 field rules).

    ``field`` names the element as it would appear in the message, e.g. ``OrderHead.orderNo`` or
    ``InventoryList[gnum=2].gcode``; ``problem`` says what is wrong. Values are never truncated or
    guessed: the caller must fix the data.
    """

    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class SchemaInvalid(ValueError):
    """A document does not validate against the official XSD; ``errors`` are readable lines."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        summary = "; ".join(self.errors[:3])
        more = f" (+{len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
        super().__init__(f"XML does not validate: {summary}{more}")


class MessageParseError(ValueError):
    """A received document cannot be read (not XML, wrong root, several business nodes…)."""
