"""China Customs receipts (回执): a safe parser and, for the local simulator, a builder.

Spec: /work/shared/spec/customs/README.md §5 (receipts, statuses, tax bills, error codes, CEB900),
§1 (namespace, DXP envelope). No Django imports.
"""

from .build import build_dxp_envelope, build_receipt, customs_time
from .model import (
    CUSTOMS_TZ,
    RECEIPT_KINDS,
    Outcome,
    Receipt,
    ReceiptRejected,
    TaxBill,
    TaxLine,
    error_reason,
    outcome,
    outcome_for,
    status_text,
)
from .parse import DEFAULT_MAX_BYTES, parse_customs_time, parse_receipt

__all__ = [
    "CUSTOMS_TZ",
    "DEFAULT_MAX_BYTES",
    "RECEIPT_KINDS",
    "Outcome",
    "Receipt",
    "ReceiptRejected",
    "TaxBill",
    "TaxLine",
    "build_dxp_envelope",
    "build_receipt",
    "customs_time",
    "error_reason",
    "outcome",
    "outcome_for",
    "parse_customs_time",
    "parse_receipt",
    "status_text",
]
