"""Element layout of every receipt, in XSD order (ceb-import-202205.xsd; spec §5.1, §5.3, §5.5).

Shared by the parser (which fields must be there) and the builder (which order to write them in).
"""

from __future__ import annotations

from dataclasses import dataclass

CEB_NS = "http://www.chinaport.gov.cn/ceb"
DXP_NS = "http://www.chinaport.gov.cn/dxp"


@dataclass(frozen=True)
class Field:
    xml: str  # element name
    attr: str  # Receipt / TaxBill attribute
    required: bool = False  # minOccurs=1 in the XSD
    may_be_empty: bool = False  # required but minLength 0 (CEB900)
    parse_only: bool = False  # PDF-only field: read if present, never written (XSD rejects it)


@dataclass(frozen=True)
class Layout:
    kind: str  # "CEB312"
    entry: str  # element repeated under the root
    head: str | None  # element inside ``entry`` carrying the fields (CEB816/818), else None
    fields: tuple[Field, ...]

    @property
    def root(self) -> str:
        return self.kind + "Message"


def _f(xml: str, attr: str, required: bool = False, **kw) -> Field:
    return Field(xml, attr, required, **kw)


_GUID = _f("guid", "guid", True)
_TAIL = (
    _f("returnStatus", "return_status", True),
    _f("returnTime", "return_time", True),
    _f("returnInfo", "return_info", True),
)

LAYOUTS: dict[str, Layout] = {
    layout.kind: layout
    for layout in (
        Layout(
            "CEB312",
            "OrderReturn",
            None,
            (
                _GUID,
                _f("ebpCode", "ebp_code", True),
                _f("ebcCode", "ebc_code", True),
                _f("orderNo", "order_no", True),
                *_TAIL,
            ),
        ),
        Layout(
            "CEB412",
            "PaymentReturn",
            None,
            (
                _GUID,
                _f("payCode", "pay_code", True),
                _f("payTransactionId", "pay_transaction_id", True),
                *_TAIL,
            ),
        ),
        Layout(
            "CEB512",
            "LogisticsReturn",
            None,
            (
                _GUID,
                _f("logisticsCode", "logistics_code", True),
                _f("logisticsNo", "logistics_no", True),
                *_TAIL,
            ),
        ),
        Layout(
            "CEB514",
            "LogisticsStatusReturn",
            None,
            (
                _GUID,
                _f("logisticsCode", "logistics_code", True),
                _f("logisticsNo", "logistics_no", True),
                _f("logisticsStatus", "logistics_status", True),
                *_TAIL,
            ),
        ),
        Layout(
            "CEB622",
            "InventoryReturn",
            None,
            (
                _GUID,
                _f("customsCode", "customs_code"),
                _f("ebpCode", "ebp_code"),
                _f("ebcCode", "ebc_code"),
                _f("agentCode", "agent_code"),
                _f("copNo", "cop_no", True),
                _f("preNo", "pre_no", True),
                _f("invtNo", "invt_no"),
                *_TAIL,
            ),
        ),
        *(
            Layout(
                kind,
                entry,
                None,
                (
                    _GUID,
                    _f("customsCode", "customs_code"),
                    _f("agentCode", "agent_code"),
                    _f("ebpCode", "ebp_code"),
                    _f("ebcCode", "ebc_code"),
                    _f("copNo", "cop_no", True),
                    _f("preNo", "pre_no", True),
                    _f("invtNo", "invt_no"),
                    *_TAIL,
                ),
            )
            for kind, entry in (("CEB624", "InvtCancelReturn"), ("CEB626", "InvtRefundReturn"))
        ),
        Layout(
            "CEB712",
            "DeliveryReturn",
            None,
            (
                _GUID,
                _f("customsCode", "customs_code"),
                _f("operatorCode", "operator_code"),
                _f("copNo", "cop_no"),
                _f("preNo", "pre_no"),
                _f("rkdNo", "rkd_no"),
                *_TAIL,
            ),
        ),
        Layout(
            "CEB816",
            "Tax",
            "TaxHeadRd",
            (
                _GUID,
                _f("returnTime", "return_time", True),
                _f("invtNo", "invt_no", True),
                _f("taxNo", "tax_no", True),
                _f("customsTax", "customs_tax", True),
                _f("valueAddedTax", "value_added_tax", True),
                _f("consumptionTax", "consumption_tax", True),
                _f("status", "return_status", True),
                _f("entDutyNo", "ent_duty_no"),
                _f("note", "return_info"),
                _f("assureCode", "assure_code"),
                _f("ebcCode", "ebc_code"),
                _f("logisticsCode", "logistics_code"),
                _f("agentCode", "agent_code"),
                _f("customsCode", "customs_code"),
                # Listed in the PDF head table but not in the XSD (spec §5.3): read leniently.
                _f("orderNo", "order_no", parse_only=True),
                _f("logisticNo", "logistics_no", parse_only=True),
            ),
        ),
        Layout(
            "CEB818",
            "Tax",
            "TaxHeadStatus",
            (
                _GUID,
                _f("returnTime", "return_time", True),
                _f("invtNo", "invt_no", True),
                _f("taxNo", "tax_no", True),
                _f("status", "return_status", True),
                _f("entDutyNo", "ent_duty_no"),
                _f("assureCode", "assure_code"),
            ),
        ),
        Layout(
            "CEB900",
            "MessageReturn",
            None,
            (
                _GUID,
                _f("returnStatus", "return_status", True),
                _f("returnInfo", "return_info", True, may_be_empty=True),
                _f("returnTime", "return_time", True),
                _f("oriCopMsgId", "ori_cop_msg_id", True, may_be_empty=True),
                _f("oriMessageType", "ori_message_type", True, may_be_empty=True),
                _f("oriBizMessage", "ori_biz_message", True, may_be_empty=True),
            ),
        ),
    )
}

TAX_LIST = "TaxListRd"
TAX_LINE_FIELDS: tuple[tuple[str, str], ...] = (
    ("gnum", "gnum"),
    ("gcode", "gcode"),
    ("taxPrice", "tax_price"),
    ("customsTax", "customs_tax"),
    ("valueAddedTax", "value_added_tax"),
    ("consumptionTax", "consumption_tax"),
)
AMOUNT_ATTRS = frozenset({"customs_tax", "value_added_tax", "consumption_tax", "tax_price"})

# Roots that are declarations the enterprise sends, not receipts (better error message).
DECLARATION_ROOTS = frozenset(f"CEB{n}Message" for n in (311, 411, 511, 513, 621, 623, 625, 711))
