"""China Customs cross-border retail **import** messages (统一版, 2022-05 XSD), pure Python.

Reference: ``spec/customs/README.md`` (the digest) and the official XSDs in
``integrations/customs/xsd/``. No Django here.

* ``data`` – frozen dataclasses of one declaration set (order, payment, waybill, inventory)
* ``build`` – unsigned CEB311/411/511/621/623 messages (``build_message``)
* ``schema`` – XSD validation (``validate``, ``validate_envelope``)
* ``compare`` – the three-document pre-check (``compare``, ``compare_documents``)
* ``parse`` – received CEB311/411/511/621 back into the data classes
* ``envelope`` – the DXP terminal-node wrapper (``wrap``, ``unwrap``)
"""

from .build import (
    build_cancel,
    build_inventory,
    build_message,
    build_order,
    build_payment,
    build_return,
    build_waybill,
    new_guid,
    to_bytes,
)
from .compare import Mismatch, MismatchCode, compare, compare_documents
from .data import (
    BONDED,
    DIRECT,
    ID_CARD,
    RMB,
    Consignee,
    DeclarationSet,
    GoodsLine,
    InventoryData,
    OrderData,
    Party,
    PaymentData,
    Person,
    ReturnLine,
    Transmitter,
    WaybillData,
)
from .envelope import IMPORT_RECEIVER_ID, EnvelopeMeta, unwrap, wrap
from .errors import MessageDataError, MessageParseError, SchemaInvalid
from .formats import SHANGHAI
from .parse import parse_inventory, parse_order, parse_payment, parse_waybill
from .schema import CEB_NS, DXP_NS, validate, validate_envelope

__all__ = [
    "BONDED",
    "CEB_NS",
    "DIRECT",
    "DXP_NS",
    "ID_CARD",
    "IMPORT_RECEIVER_ID",
    "RMB",
    "SHANGHAI",
    "Consignee",
    "DeclarationSet",
    "EnvelopeMeta",
    "GoodsLine",
    "InventoryData",
    "MessageDataError",
    "MessageParseError",
    "Mismatch",
    "MismatchCode",
    "OrderData",
    "Party",
    "PaymentData",
    "Person",
    "ReturnLine",
    "SchemaInvalid",
    "Transmitter",
    "WaybillData",
    "build_cancel",
    "build_return",
    "build_inventory",
    "build_message",
    "build_order",
    "build_payment",
    "build_waybill",
    "compare",
    "compare_documents",
    "new_guid",
    "parse_inventory",
    "parse_order",
    "parse_payment",
    "parse_waybill",
    "to_bytes",
    "unwrap",
    "validate",
    "validate_envelope",
    "wrap",
]
