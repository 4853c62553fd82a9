"""A local China Customs (E-port + customs) on the exchange folder, for development and tests.

No Django here. ``CustomsSimulator(root)`` plays the other side of ``transport/folder.py``: it
picks up what the shop wrote to ``<root>/out/`` and answers in ``<root>/in/`` the way the spec
describes (spec §5 receipts, §6 three-document comparison, §8 tax limits, §9 flows)::

    <root>/out/<GUID>.xml        messages from the shop (``.part`` and dot files are ignored)
    <root>/customs-seen/         every message picked up is moved here, so it is read once
    <root>/in/                   receipts, written atomically (``.<name>.part`` then rename), named
                                 ``<sequence>_<kind>_<status>.xml`` so they sort in issue order
    <root>/customs-state.json    what the simulator remembers between passes and restarts

What happens to a message
    1. Format: well-formed, at most ``max_bytes``, a CEB message (a ``DxpMsg`` envelope is
       unwrapped), valid against the official XSD. Otherwise a **CEB900** format-check receipt
       with a negative status: ``-1`` not well-formed / not a CEB message, ``-2`` XSD invalid
       (the XSD errors in ``returnInfo``), ``-1001`` signature invalid (the exchange platform's
       codes 0001/0002/1001 of spec §1.6, negated).
    2. Signature: the ``ds:Signature`` must verify (sm2-sm3) against the certificate embedded in
       its ``KeyInfo`` (``signing.check_signature``); a missing signature is refused too unless
       ``require_signature=False`` (GACC 2018 No.56: every message is signed, spec §1.5).
    3. CEB311 / 411 / 511 are stored per order number and answered with CEB312 / 412 / 512
       ``120`` (海关入库), or a negative code: the same document twice (−301010, −401007,
       −504015), a modification (appType 2) after the inventory was accepted (−301011, −401008,
       −504016) or of an unknown document / appType 3 (−301009, −401006, −504014).
    4. CEB621 (appStatus 2) waits for its CEB311 (``order_wait`` seconds, then −621001), then:
       its own three-document comparison (``simulator_checks.three_documents``, independent of
       the shop's ``messages.compare``) with whatever CEB411/511 arrived (another company may
       send them),
       the single-transaction limit (5 000 CNY of dutiable value = goods + freight + insurance −
       discount; one item of quantity 1 may go up to 26 000, §8.1 / 财关税〔2018〕49号) and the
       annual limit per ID number (26 000 CNY per calendar year, Beijing time, summed over what
       this simulator accepted; kept in the state file by SHA-256 of the ID number). A failed
       check is refused with one CEB622 carrying the negative code and its Chinese reason
       (``receipts.error_reason``, placeholders filled): −621001 mismatch (with the
       mismatches), −621005 single limit, −621018 annual limit, −621004 declared twice.
       Otherwise CEB622 ``2`` → ``120`` (with invtNo) → ``800`` 放行, and with the 800 a CEB816
       tax bill; or, drawn with ``refusal_rate``, ``2`` → ``120`` → ``100`` 海关退单 with a reason.
       appStatus 1 (temporary save) is answered with ``1`` only.
    5. CEB623 cancels an inventory that is not released yet: pending receipts of the inventory
       are withdrawn, its amount leaves the annual total, CEB624 ``399``; a released / refused /
       cancelled inventory gets −623005, an unknown one −623003.
    6. CEB625 returns (part of) a released inventory within 30 days of its release, each item
       (by its original gnum) at most its declared quantity minus earlier returns: CEB626
       ``120`` → ``399``, and the returned share of its value leaves the annual total; not
       released or too late −625004, an item not in the inventory −625010, an unknown
       inventory −625016.
    CEB513/711 and unknown kinds are kept in ``customs-seen`` and logged, not answered.

Receipt keys are what the shop matches on: the entry ``guid`` is the guid of the message it
answers (root ``guid`` a fresh one), plus orderNo (CEB312), payCode/payTransactionId (412),
logisticsCode/logisticsNo (512), copNo/preNo/invtNo (622/624, copNo = the inventory's), invtNo
(816) and oriCopMsgId (900: the DxpMsg CopMsgId, else the file name without ``.xml``).
preNo = ``B``/``C`` + Beijing date + 9-digit serial; invtNo = customsCode + year + ``I`` + serial
(18 characters each, spec §2).

Tax bill (CEB816; the simulator has no tariff): customs duty 0; the order's ``taxTotal`` is
split across the lines by dutiable value (freight, insurance and discount apportioned by line
value, remainders to the largest line), and each line's share into consumption tax and VAT by
inverting §8.2 with VAT 13 %: the effective rate r = share / (P × 70 %) gives
c = (r − 0.13) / (1 + r) when r > 13 %, else everything is VAT. With ``taxTotal`` 0 the bill is
13 % VAT × 70 %. Single items above 5 000 use 100 % instead of 70 %.

Faults, all drawn from one ``random.Random(seed)``: ``delay`` seconds between the receipts of
one inventory (a queue with due times read from ``clock``; ``step`` never sleeps),
``duplicate_rate`` writes a receipt file twice (same bytes, another name), ``drop_rate`` drops
intermediate receipts (CEB622 ``2``/``120`` only: never a final, a refusal or a tax bill),
``refusal_rate`` refuses inventories that passed every check.

One simulator per root at a time. The seen messages and the state file hold personal data of
test orders (the state keeps hashes of ID numbers, not the numbers): development only.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from lxml import etree

from .messages import (
    CEB_NS,
    DXP_NS,
    MessageParseError,
    SchemaInvalid,
    parse_inventory,
    parse_order,
    parse_payment,
    parse_waybill,
    unwrap,
    validate,
)
from .messages.schema import safe_parser
from .policy import ANNUAL_LIMIT, RETAIL_RATE, SINGLE_LIMIT, STANDARD_VAT
from .receipts import CUSTOMS_TZ, TaxBill, TaxLine, build_receipt, error_reason
from .signing import SigningError, check_signature
from .signing.xmldsig import find_signature, parse_document, read_signature
from .simulator_checks import three_documents

__all__ = ["ANNUAL_LIMIT", "SINGLE_LIMIT", "CustomsSimulator", "tax_bill_for"]

CENT = Decimal("0.01")
#: returns must be asked within this many days of the inventory's release (GACC 2020 No.45)
RETURN_DAYS = 30
ZERO = Decimal("0.00")

STATE_FILE = "customs-state.json"
SEEN_DIR = "customs-seen"
STATE_VERSION = 1

# CEB900 statuses: the exchange platform's error codes (spec §1.6, table 7-1), negated.
NOT_WELL_FORMED = "-1"
SCHEMA_INVALID = "-2"
SIGNATURE_INVALID = "-1001"

_HANDLED = ("CEB311", "CEB411", "CEB511", "CEB621", "CEB623", "CEB625")
_PICK_ORDER = {kind: n for n, kind in enumerate(_HANDLED)}
_STEP = 0.001  # receipts of one inventory are at least 1 ms apart (distinct returnTime)
_MAX_ORIGINAL = 200_000  # characters of the original kept in a CEB900 (receipts stay < 1 MB)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PLACEHOLDER = re.compile(r"\[\*\]|\*")

RANDOM_REFUSALS = (
    "海关退单：商品申报要素不全，请补充后重新申报（模拟器随机退单）",
    "海关退单：申报价格存疑，请核实后重新申报（模拟器随机退单）",
    "海关退单：风险布控，退回企业处理（模拟器随机退单）",
)


@dataclass(frozen=True)
class _Rule:
    """How customs answers one of the three documents (spec §5.1, §5.4)."""

    receipt: str
    duplicate: str  # same number declared again
    locked: str  # modification after the inventory was accepted
    app_type: str  # appType not allowed / nothing to modify


_RULES = {
    "CEB311": _Rule("CEB312", "-301010", "-301011", "-301009"),
    "CEB411": _Rule("CEB412", "-401007", "-401008", "-401006"),
    "CEB511": _Rule("CEB512", "-504015", "-504016", "-504014"),
}


@dataclass
class _Message:
    name: str  # file name in out/
    seen: str  # path relative to root, under customs-seen/
    data: bytes  # the CEB message (unwrapped)
    kind: str  # "CEB311" …
    guid: str
    cop_msg_id: str
    order: int  # pick-up order


class _Refused(Exception):
    """A message fails the format or signature check: answer with CEB900."""

    def __init__(self, status: str, info: str, kind: str = "Unknown", guid: str = ""):
        super().__init__(info)
        self.status, self.info, self.kind, self.guid = status, info, kind, guid


def _now_utc() -> datetime:
    return datetime.now(UTC)


def _fill(code: str, *values: object) -> str:
    """``error_reason(code)`` with its ``[*]`` / ``*`` placeholders replaced by ``values``."""
    template = error_reason(code) or "处理异常"
    remaining = [str(v) for v in values]

    def one(match: re.Match) -> str:
        if not remaining:
            return "" if match.group() == "*" else "[]"
        value = remaining.pop(0)
        return f"[{value}]" if match.group() == "[*]" else value

    text = _PLACEHOLDER.sub(one, template)
    return text.replace("[[", "[").replace("]]", "]")


def _mask(text: str | None) -> str:
    if not text:
        return ""
    if len(text) <= 2:
        return text[0] + "*" * (len(text) - 1)
    return text[0] + "*" * (len(text) - 2) + text[-1]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _apportion(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """``amount`` split in proportion to ``weights``, to the cent; the rounding remainder goes to
    the largest weight (all to the first when every weight is 0)."""
    if not weights:
        return []
    total = sum(weights, Decimal(0))
    if total <= 0:
        return [amount] + [ZERO] * (len(weights) - 1)
    shares = [(amount * w / total).quantize(CENT, rounding=ROUND_HALF_UP) for w in weights]
    largest = max(range(len(weights)), key=lambda i: (weights[i], -i))
    shares[largest] += amount - sum(shares, Decimal(0))
    return shares


def tax_bill_for(order, inventory, *, tax_no: str, full_tax: bool = False) -> TaxBill:
    """The CEB816 amounts of an accepted inventory (see the module docstring): the order's
    ``taxTotal`` split over the lines and into consumption tax / VAT, duty 0."""
    lines = inventory.lines
    values = [line.total_price for line in lines]
    extra = inventory.freight + inventory.insured_fee - order.discount
    prices = [v + s for v, s in zip(values, _apportion(extra, values), strict=True)]
    prices = [max(p, ZERO) for p in prices]
    factor = Decimal(1) if full_tax else RETAIL_RATE
    if order.tax_total > 0:
        shares = _apportion(order.tax_total, prices)
    else:
        shares = [
            (p * STANDARD_VAT * factor).quantize(CENT, rounding=ROUND_HALF_UP) for p in prices
        ]
    tax_lines = []
    for line, price, share in zip(lines, prices, shares, strict=True):
        consumption = ZERO
        if price > 0 and share > 0:
            rate = share / (price * factor)
            if rate > STANDARD_VAT:
                c = (rate - STANDARD_VAT) / (1 + rate)
                consumption = (price * c / (1 - c) * factor).quantize(CENT, rounding=ROUND_HALF_UP)
                consumption = min(consumption, share)
        tax_lines.append(
            TaxLine(
                gnum=line.gnum,
                gcode=line.g_code,
                tax_price=price.quantize(CENT),
                customs_tax=ZERO,
                value_added_tax=share - consumption,
                consumption_tax=consumption,
            )
        )
    return TaxBill(
        tax_no=tax_no,
        customs_tax=ZERO,
        value_added_tax=sum((t.value_added_tax for t in tax_lines), ZERO),
        consumption_tax=sum((t.consumption_tax for t in tax_lines), ZERO),
        lines=tuple(tax_lines),
    )


def dutiable_value(order, inventory) -> Decimal:
    """§8.1: goods + freight + insurance − discount (never below 0)."""
    goods = sum((line.total_price for line in inventory.lines), ZERO)
    return max(goods + inventory.freight + inventory.insured_fee - order.discount, ZERO)


class CustomsSimulator:
    """China Customs on the exchange folder ``root``; call ``step()`` or ``run()``.

    ``clock`` returns the current time as an aware datetime (default: now, UTC); receipts that
    are delayed wait in a queue until the clock passes their due time.
    """

    def __init__(
        self,
        root: str | os.PathLike,
        *,
        refusal_rate: float = 0.0,
        delay: float = 0.0,
        duplicate_rate: float = 0.0,
        drop_rate: float = 0.0,
        seed: int | None = None,
        clock: Callable[[], datetime] = _now_utc,
        order_wait: float = 300.0,
        require_signature: bool = True,
        max_bytes: int = 10_000_000,
    ):
        for name, rate in (
            ("refusal_rate", refusal_rate),
            ("duplicate_rate", duplicate_rate),
            ("drop_rate", drop_rate),
        ):
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {rate}")
        if delay < 0 or order_wait < 0:
            raise ValueError("delay and order_wait must not be negative")
        self.root = Path(root)
        self.out_dir = self.root / "out"
        self.in_dir = self.root / "in"
        self.seen_dir = self.root / SEEN_DIR
        self.state_path = self.root / STATE_FILE
        self.refusal_rate = refusal_rate
        self.delay = float(delay)
        self.duplicate_rate = duplicate_rate
        self.drop_rate = drop_rate
        self.order_wait = float(order_wait)
        self.require_signature = require_signature
        self.max_bytes = max_bytes
        self.clock = clock
        self._rng = random.Random(seed)
        self.state = self._load()

    # --- the loop -------------------------------------------------------------------------

    def step(self) -> list[str]:
        """One pass: pick up every message in ``out/``, answer it, write the receipts that are
        due to ``in/``, save the state. Returns one log line per event."""
        for folder in (self.out_dir, self.in_dir, self.seen_dir):
            folder.mkdir(parents=True, exist_ok=True)
        now = self._now()
        log: list[str] = []
        messages = []
        for number, path in enumerate(self._waiting_files()):
            message = self._pick_up(path, number, now, log)
            if message is not None:
                messages.append(message)
        messages.sort(key=lambda m: (_PICK_ORDER.get(m.kind, len(_HANDLED)), m.order))
        for message in messages:
            try:
                self._handle(message, now, log)
            except Exception as error:  # one bad message must not stop customs
                log.append(f"{message.kind} {message.name}: simulator error {error!r}")
        self._recheck_waiting(now, log)
        self._emit_due(now, log)
        self._save()
        return log

    def run(
        self,
        interval: float = 1.0,
        stop_after: int | None = None,
        *,
        log: Callable[[str], object] | None = None,
        sleep: Callable[[float], object] = time.sleep,
    ) -> int:
        """``step()`` every ``interval`` seconds, ``stop_after`` passes (None: forever). Each log
        line goes to ``log``. Returns the number of passes made."""
        passes = 0
        while stop_after is None or passes < stop_after:
            for line in self.step():
                if log is not None:
                    log(line)
            passes += 1
            if stop_after is None or passes < stop_after:
                sleep(interval)
        return passes

    @property
    def pending(self) -> int:
        """Receipts waiting for their due time."""
        return len(self.state["pending"])

    # --- picking up -------------------------------------------------------------------------

    def _waiting_files(self) -> list[Path]:
        """``out/*.xml`` oldest first; dot files (``.<GUID>.xml.part`` being written) skipped."""
        files = []
        for path in self.out_dir.iterdir():
            if path.name.startswith(".") or not path.name.endswith(".xml"):
                continue
            try:
                if path.is_file():
                    files.append((path.stat().st_mtime_ns, path.name, path))
            except FileNotFoundError:
                continue  # taken meanwhile
        return [path for _, _, path in sorted(files)]

    def _pick_up(self, path: Path, number: int, now: datetime, log: list[str]) -> _Message | None:
        target = self.seen_dir / path.name
        suffix = 1
        while target.exists():
            target = self.seen_dir / f"{path.stem}.{suffix}{path.suffix}"
            suffix += 1
        try:
            os.replace(path, target)
        except FileNotFoundError:
            return None  # taken meanwhile
        raw = target.read_bytes()
        cop_msg_id = path.stem
        try:
            data, cop_msg_id, kind, guid = self._open(raw, cop_msg_id)
            self._check_signature(data, kind, guid)
        except _Refused as refused:
            self._format_refusal(raw, path.stem, cop_msg_id, refused, now, log)
            return None
        if data != raw:  # keep the unwrapped message for the comparison later
            target = target.with_name(f"{target.stem}.ceb.xml")
            target.write_bytes(data)
        return _Message(
            name=path.name,
            seen=str(target.relative_to(self.root)),
            data=data,
            kind=kind,
            guid=guid,
            cop_msg_id=cop_msg_id,
            order=number,
        )

    def _open(self, raw: bytes, cop_msg_id: str) -> tuple[bytes, str, str, str]:
        """(CEB bytes, CopMsgId, kind, guid) of a file, or ``_Refused``."""
        if len(raw) > self.max_bytes:
            raise _Refused(NOT_WELL_FORMED, f"报文过大：{len(raw)} 字节，超过 {self.max_bytes}")
        try:
            root = etree.fromstring(raw, safe_parser())
        except (etree.XMLSyntaxError, ValueError) as error:
            raise _Refused(
                NOT_WELL_FORMED, f"报文格式错误（not well-formed XML）：{error}"
            ) from None
        data = raw
        if root.tag == f"{{{DXP_NS}}}DxpMsg":
            try:
                meta, data = unwrap(raw)
            except (SchemaInvalid, MessageParseError) as error:
                raise _Refused(SCHEMA_INVALID, f"DxpMsg 校验失败：{error}", "DxpMsg") from None
            cop_msg_id = meta.message_id
            try:
                root = etree.fromstring(data, safe_parser())
            except (etree.XMLSyntaxError, ValueError) as error:
                raise _Refused(NOT_WELL_FORMED, f"报文格式错误：{error}") from None
        qname = etree.QName(root)
        if qname.namespace != CEB_NS or not re.fullmatch(r"CEB\d{3}Message", qname.localname):
            raise _Refused(NOT_WELL_FORMED, f"不是海关跨境电商报文：根元素 {root.tag}")
        kind = qname.localname.removesuffix("Message")
        guid = root.get("guid") or ""
        try:
            validate(data)
        except SchemaInvalid as error:
            details = "; ".join(error.errors)
            raise _Refused(SCHEMA_INVALID, f"报文XSD校验失败：{details}", kind, guid) from None
        return data, cop_msg_id, kind, guid

    def _check_signature(self, data: bytes, kind: str, guid: str) -> None:
        """Verify against the certificate in KeyInfo (what customs does, codes 1001/1004)."""
        try:
            tree = parse_document(data)
            signature = find_signature(tree)
            if signature is None:
                if self.require_signature:
                    raise _Refused(SIGNATURE_INVALID, "验签失败：报文没有数字签名", kind, guid)
                return
            certificate = read_signature(signature).certificate
            check_signature(data, certificate=certificate)
        except SigningError as error:
            raise _Refused(SIGNATURE_INVALID, f"验签失败：{error}", kind, guid) from None

    def _format_refusal(
        self,
        raw: bytes,
        stem: str,
        cop_msg_id: str,
        refused: _Refused,
        now: datetime,
        log: list[str],
    ) -> None:
        guid = refused.guid if len(refused.guid) == 36 else self._new_guid()
        original = _CONTROL.sub("", raw.decode("utf-8", errors="replace"))
        self._schedule(
            "CEB900",
            now.timestamp(),
            guid=guid,
            return_status=refused.status,
            return_info=_short(refused.info, 5000),
            ori_cop_msg_id=cop_msg_id[:255],
            ori_message_type=(
                f"{refused.kind}Message" if refused.kind.startswith("CEB") else refused.kind
            )[:15],
            ori_biz_message=_short(original, _MAX_ORIGINAL),
        )
        log.append(f"{stem}: CEB900 {refused.status} {_short(refused.info, 200)}")

    # --- the documents ----------------------------------------------------------------------

    def _handle(self, message: _Message, now: datetime, log: list[str]) -> None:
        if message.guid in self.state["guids"]:
            log.append(f"{message.kind} {message.guid}: received before, ignored")
            return
        handler = {
            "CEB311": self._three_documents,
            "CEB411": self._three_documents,
            "CEB511": self._three_documents,
            "CEB621": self._inventory,
            "CEB623": self._cancel,
            "CEB625": self._return,
        }.get(message.kind)
        if handler is None:
            log.append(f"{message.kind} {message.name}: not simulated, kept in {SEEN_DIR}")
            return
        try:
            handler(message, now, log)
        except MessageParseError as error:
            refused = _Refused(
                SCHEMA_INVALID, f"模拟器无法处理：{error}", message.kind, message.guid
            )
            self._format_refusal(message.data, message.name, message.cop_msg_id, refused, now, log)
            return
        self.state["guids"][message.guid] = message.kind

    def _three_documents(self, message: _Message, now: datetime, log: list[str]) -> None:
        kind, rule = message.kind, _RULES[message.kind]
        if kind == "CEB311":
            doc = parse_order(message.data)
            key = f"{kind}|{doc.ebp.code}|{doc.order_no}"
            keys = {"ebp_code": doc.ebp.code, "ebc_code": doc.ebc.code, "order_no": doc.order_no}
            label = doc.order_no
        elif kind == "CEB411":
            doc = parse_payment(message.data)
            key = f"{kind}|{doc.pay.code}|{doc.pay_transaction_id}"
            keys = {"pay_code": doc.pay.code, "pay_transaction_id": doc.pay_transaction_id}
            label = doc.pay_transaction_id
        else:
            doc = parse_waybill(message.data)
            key = f"{kind}|{doc.logistics.code}|{doc.logistics_no}"
            keys = {"logistics_code": doc.logistics.code, "logistics_no": doc.logistics_no}
            label = doc.logistics_no
        order_no = doc.order_no
        documents = self.state["documents"].setdefault(order_no, {})
        known = self.state["keys"].get(key)
        app_type = _first_text(message.data, "appType")
        status, info = "120", f"新增申报成功[{message.guid}]"
        if app_type == "1":
            if known is not None or kind in documents:
                status, info = rule.duplicate, _fill(rule.duplicate)
        elif app_type == "2":
            if known is None or kind not in documents:
                status, info = rule.app_type, _fill(rule.app_type)
            elif self._inventory_of(order_no, ("clearing", "released")) is not None:
                status, info = rule.locked, _fill(rule.locked)
            else:
                info = f"修改申报成功[{message.guid}]"
        else:
            status, info = rule.app_type, _fill(rule.app_type)
        if status == "120":
            documents[kind] = {"guid": message.guid, "file": message.seen}
            self.state["keys"][key] = order_no
        elif not documents:
            del self.state["documents"][order_no]
        self._schedule(
            rule.receipt,
            now.timestamp(),
            guid=message.guid,
            return_status=status,
            return_info=info,
            **keys,
        )
        log.append(f"{kind} {label}: {rule.receipt} {status} {info}")

    def _inventory(self, message: _Message, now: datetime, log: list[str]) -> None:
        inventory = parse_inventory(message.data)
        cop_no = inventory.cop_no or inventory.order_no[:20]
        record = {
            "guid": message.guid,
            "file": message.seen,
            "order_no": inventory.order_no,
            "cop_no": cop_no,
            "since": now.timestamp(),
            "pre_no": self._number("B", now),
            "invt_no": None,
            "customs_code": inventory.customs_code,
            "ebp_code": inventory.ebp.code,
            "ebc_code": inventory.ebc.code,
            "agent_code": inventory.agent.code,
            "status": "waiting",
            "amount": "0",
            "year": None,
            "buyer": None,
            # per gnum: declared quantity and line value (for returns), and what came back
            "lines": {
                str(line.gnum): {"qty": str(line.qty), "value": str(line.total_price)}
                for line in inventory.lines
            },
            "returned": {},
            "released_at": None,
        }
        if _first_text(message.data, "appStatus") == "1":
            self._schedule_inventory(record, now.timestamp(), [("1", "电子口岸已暂存")])
            log.append(f"CEB621 {cop_no}: CEB622 1 saved at E-port only (appStatus 1)")
            return
        existing = self.state["inventories"].get(cop_no)
        if existing is not None and existing["status"] in ("waiting", "clearing", "released"):
            record["pre_no"] = existing["pre_no"]
            self._refuse(record, "-621004", _fill("-621004", cop_no), now, log, keep=True)
            return
        self.state["inventories"][cop_no] = record
        self._decide(record, now, log)

    def _recheck_waiting(self, now: datetime, log: list[str]) -> None:
        for record in list(self.state["inventories"].values()):
            if record["status"] != "waiting":
                continue
            try:
                self._decide(record, now, log)
            except Exception as error:  # keep the others going; it stays waiting
                log.append(f"CEB621 {record['cop_no']}: simulator error {error!r}")

    def _decide(self, record: dict, now: datetime, log: list[str]) -> None:
        """The customs decision on an inventory whose order has arrived (spec §6, §8, §9)."""
        cop_no = record["cop_no"]
        documents = self.state["documents"].get(record["order_no"], {})
        if "CEB311" not in documents:
            if now.timestamp() - record["since"] >= self.order_wait:
                info = _fill("-621001", f"未收到订单{record['order_no']}的电子订单(CEB311)")
                self._refuse(record, "-621001", info, now, log)
            elif not record.get("logged_wait"):
                record["logged_wait"] = True
                log.append(f"CEB621 {cop_no}: waiting for CEB311 {record['order_no']}")
            return
        read = self._read
        order_xml = read(documents["CEB311"]["file"])
        payment_xml = read(documents["CEB411"]["file"]) if "CEB411" in documents else None
        waybill_xml = read(documents["CEB511"]["file"]) if "CEB511" in documents else None
        inventory_xml = read(record["file"])
        # its own comparison, not the shop's (messages.compare): see simulator_checks
        mismatches = three_documents(order_xml, payment_xml, waybill_xml, inventory_xml)
        if mismatches:
            found = "; ".join(mismatches)
            info = _fill("-621001", f"三单比对不一致：{found}")
            self._refuse(record, "-621001", _short(info, 1000), now, log)
            return
        order = parse_order(order_xml)
        inventory = parse_inventory(inventory_xml)
        value = dutiable_value(order, inventory)
        single_item = len(inventory.lines) == 1 and inventory.lines[0].qty == 1
        if value > SINGLE_LIMIT and not (single_item and value < ANNUAL_LIMIT):
            info = _fill("-621005", cop_no, _money(SINGLE_LIMIT))
            self._refuse(record, "-621005", info, now, log)
            return
        year = str(now.astimezone(CUSTOMS_TZ).year)
        buyer = hashlib.sha256(inventory.buyer.id_number.encode("utf-8")).hexdigest()
        used = Decimal(self.state["annual"].get(year, {}).get(buyer, "0"))
        if used + value > ANNUAL_LIMIT:
            info = _fill(
                "-621018", cop_no, _mask(inventory.buyer.name), _money(used), _money(ANNUAL_LIMIT)
            )
            self._refuse(record, "-621018", info, now, log)
            return
        record["invt_no"] = self._invt_no(inventory.customs_code, now)
        start = now.timestamp()
        first = [("2", "电子口岸申报中"), ("120", "海关入库")]
        if self.refusal_rate and self._rng.random() < self.refusal_rate:
            record["status"] = "refused"
            reason = self._rng.choice(RANDOM_REFUSALS)
            self._schedule_inventory(record, start, [*first, ("100", reason)])
            log.append(f"CEB621 {cop_no}: 2 → 120 → 100 {reason}")
            return
        self.state["annual"].setdefault(year, {})[buyer] = str(used + value)
        record.update(status="clearing", amount=str(value), year=year, buyer=buyer)
        due, stamp = self._schedule_inventory(record, start, [*first, ("800", "放行")])
        bill = tax_bill_for(
            order,
            inventory,
            tax_no=f"{record['invt_no']}01",
            full_tax=value > SINGLE_LIMIT,
        )
        self._schedule(
            "CEB816",
            due,
            stamp=stamp + _STEP,
            inventory=cop_no,
            guid=record["guid"],
            return_status="1",
            return_info="电子税单已生成",
            invt_no=record["invt_no"],
            tax_bill=bill,
            assure_code=inventory.assure_code,
            ebc_code=inventory.ebc.code,
            logistics_code=inventory.logistics.code,
            agent_code=inventory.agent.code,
            customs_code=inventory.customs_code,
        )
        log.append(
            f"CEB621 {cop_no}: 2 → 120 → 800 invtNo {record['invt_no']}, value {_money(value)}, "
            f"tax {_money(bill.total)}"
        )

    def _refuse(
        self, record: dict, code: str, info: str, now: datetime, log: list[str], keep=False
    ) -> None:
        if not keep:
            record["status"] = "refused"
        self._schedule_inventory(record, now.timestamp(), [(code, info)])
        log.append(f"CEB621 {record['cop_no']}: CEB622 {code} {_short(info, 200)}")

    def _schedule_inventory(
        self, record: dict, start: float, statuses: list[tuple[str, str]]
    ) -> tuple[float, float]:
        """CEB622 receipts ``delay`` apart (all but the last may be dropped); returns the due
        time and returnTime of the last one."""
        due = stamp = start
        for number, (status, info) in enumerate(statuses):
            due = start + number * self.delay
            stamp = start + number * max(self.delay, _STEP)
            self._schedule(
                "CEB622",
                due,
                stamp=stamp,
                inventory=record["cop_no"],
                cop_no=record["cop_no"],
                droppable=number < len(statuses) - 1,
                releases=status == "800",
                guid=record["guid"],
                return_status=status,
                return_info=info,
                customs_code=record["customs_code"],
                ebp_code=record["ebp_code"],
                ebc_code=record["ebc_code"],
                agent_code=record["agent_code"],
                pre_no=record["pre_no"],
                invt_no=record["invt_no"] if status not in ("1", "2") else None,
            )
        return due, stamp

    def _cancel(self, message: _Message, now: datetime, log: list[str]) -> None:
        node = etree.fromstring(message.data, safe_parser()).find(f"{{{CEB_NS}}}InvtCancel")

        def text(tag: str) -> str | None:
            value = node.findtext(f"{{{CEB_NS}}}{tag}")
            return value.strip() if value and value.strip() else None

        invt_no, cop_no = text("invtNo"), text("copNo")
        inventories = self.state["inventories"]
        record = next(
            (r for r in inventories.values() if invt_no and r["invt_no"] == invt_no), None
        )
        if record is None and cop_no:
            record = inventories.get(cop_no)
        keys = {
            "customs_code": text("customsCode"),
            "agent_code": text("agentCode"),
            "ebp_code": text("ebpCode"),
            "ebc_code": text("ebcCode"),
            "cop_no": cop_no or (record["cop_no"] if record else (invt_no or "")[:20]),
            "pre_no": self._number("C", now),
            "invt_no": invt_no,
        }
        if record is None:
            status, info = "-623003", _fill("-623003", invt_no)
        elif record["status"] in ("waiting", "clearing"):
            self._withdraw(record)
            status, info = "399", "撤单审核通过，清单已撤销"
        else:
            status, info = "-623005", _fill("-623005", invt_no)
        self._schedule(
            "CEB624",
            now.timestamp(),
            guid=message.guid,
            return_status=status,
            return_info=info,
            **keys,
        )
        log.append(f"CEB623 {invt_no or cop_no}: CEB624 {status} {info}")

    def _return(self, message: _Message, now: datetime, log: list[str]) -> None:
        """CEB625 (spec §3.8, §9.3): a return of (part of) a released inventory, asked within
        ``RETURN_DAYS`` of its release, each item at most what was declared minus what came
        back before. Accepted: CEB626 ``120`` then ``399``, and the returned share of the
        inventory's value leaves the buyer's annual total (the tax is not levied)."""
        root = etree.fromstring(message.data, safe_parser())
        head = root.find(f"{{{CEB_NS}}}InvtRefund/{{{CEB_NS}}}InvtRefundHead")

        def text(node, tag: str) -> str | None:
            value = node.findtext(f"{{{CEB_NS}}}{tag}")
            return value.strip() if value and value.strip() else None

        invt_no, cop_no = text(head, "invtNo"), text(head, "copNo")
        record = next(
            (r for r in self.state["inventories"].values() if invt_no and r["invt_no"] == invt_no),
            None,
        )
        asked = {}
        for line in root.iterfind(f"{{{CEB_NS}}}InvtRefund/{{{CEB_NS}}}InvtRefundList"):
            gnum = text(line, "gnum") or "?"
            asked[gnum] = asked.get(gnum, ZERO) + Decimal(text(line, "qty") or "0")
        keys = {
            "customs_code": text(head, "customsCode"),
            "agent_code": text(head, "agentCode"),
            "ebp_code": text(head, "ebpCode"),
            "ebc_code": text(head, "ebcCode"),
            "cop_no": cop_no or (invt_no or "")[:20],
            "pre_no": self._number("T", now),
            "invt_no": invt_no,
        }
        problem = None  # a refusal: −625004 申报失败 with the reason
        if record is None:
            status, info = "-625016", _fill("-625016")
        elif record["status"] != "released" or record.get("released_at") is None:
            problem = f"清单{invt_no}未放行，不能申报退货"
        elif now.timestamp() - record["released_at"] > RETURN_DAYS * 86400:
            problem = f"清单{invt_no}放行已超过{RETURN_DAYS}天，不能申报退货"
        else:
            for gnum, qty in asked.items():
                declared = record.get("lines", {}).get(gnum)
                if declared is None:
                    problem = f"表体第{gnum}项不是清单{invt_no}的商品"
                    break
                left = Decimal(declared["qty"]) - Decimal(record["returned"].get(gnum, "0"))
                if not ZERO < qty <= left:
                    problem = f"表体第{gnum}项退货数量{qty}超过可退数量{left}"
                    break
        if record is not None:
            status = "399" if problem is None else "-625004"
            info = "" if problem is None else _fill("-625004", problem)
        if status == "399":
            share = sum(
                (
                    Decimal(record["lines"][gnum]["value"])
                    * qty
                    / Decimal(record["lines"][gnum]["qty"])
                    for gnum, qty in asked.items()
                ),
                ZERO,
            )
            total = sum((Decimal(line["value"]) for line in record["lines"].values()), ZERO)
            restored = (Decimal(record["amount"]) * share / total).quantize(CENT) if total else ZERO
            year = self.state["annual"].get(record["year"], {})
            left = Decimal(year.get(record["buyer"], "0")) - restored
            year[record["buyer"]] = str(max(left, ZERO))
            for gnum, qty in asked.items():
                record["returned"][gnum] = str(Decimal(record["returned"].get(gnum, "0")) + qty)
            start = now.timestamp()
            self._schedule(
                "CEB626",
                start,
                guid=message.guid,
                return_status="120",
                return_info="退货申请单海关入库",
                droppable=True,
                **keys,
            )
            self._schedule(
                "CEB626",
                start + self.delay,
                stamp=start + max(self.delay, _STEP),
                guid=message.guid,
                return_status="399",
                return_info="退货申请审结，退货商品不予征税，额度已恢复",
                **keys,
            )
            log.append(f"CEB625 {invt_no}: CEB626 120 → 399, {_money(restored)} back in the quota")
            return
        self._schedule(
            "CEB626",
            now.timestamp(),
            guid=message.guid,
            return_status=status,
            return_info=info,
            **keys,
        )
        log.append(f"CEB625 {invt_no or cop_no}: CEB626 {status} {info}")

    def _withdraw(self, record: dict) -> None:
        """Cancel an inventory not released yet: its pending receipts go, its amount leaves the
        buyer's annual total."""
        cop_no = record["cop_no"]
        self.state["pending"] = [
            p
            for p in self.state["pending"]
            if not (p.get("inventory") == cop_no and p["kind"] in ("CEB622", "CEB816"))
        ]
        if record["status"] == "clearing":
            year = self.state["annual"].get(record["year"], {})
            left = Decimal(year.get(record["buyer"], "0")) - Decimal(record["amount"])
            year[record["buyer"]] = str(max(left, ZERO))
        record["status"] = "cancelled"

    def _inventory_of(self, order_no: str, statuses: tuple[str, ...]) -> dict | None:
        for record in self.state["inventories"].values():
            if record["order_no"] == order_no and record["status"] in statuses:
                return record
        return None

    # --- receipts -------------------------------------------------------------------------

    def _schedule(
        self,
        kind: str,
        due: float,
        *,
        inventory: str | None = None,
        droppable: bool = False,
        releases: bool = False,
        stamp: float | None = None,
        **fields,
    ) -> None:
        """Build a receipt now and queue it; ``returnTime`` is ``stamp`` (default: the due
        time; receipts of one inventory are at least 1 ms apart even without a delay)."""
        data = build_receipt(
            kind,
            message_guid=self._new_guid(),
            return_time=datetime.fromtimestamp(due if stamp is None else stamp, UTC),
            **fields,
        )
        state = self.state
        state["sequence"] += 1
        state["pending"].append(
            {
                "due": due,
                "order": state["sequence"],
                "kind": kind,
                "status": fields["return_status"],
                "inventory": inventory,
                "droppable": droppable,
                "releases": releases,
                "data": data.decode("utf-8"),
            }
        )

    def _emit_due(self, now: datetime, log: list[str]) -> None:
        moment = now.timestamp()
        due = sorted(
            (p for p in self.state["pending"] if p["due"] <= moment),
            key=lambda p: (p["due"], p["order"]),
        )
        self.state["pending"] = [p for p in self.state["pending"] if p["due"] > moment]
        for item in due:
            label = f"{item['kind']} {item['status']}" + (
                f" {item['inventory']}" if item.get("inventory") else ""
            )
            if item["droppable"] and self.drop_rate and self._rng.random() < self.drop_rate:
                log.append(f"dropped {label}")
                continue
            name = self._write(item)
            log.append(f"wrote in/{name} ({label})")
            if self.duplicate_rate and self._rng.random() < self.duplicate_rate:
                again = self._write(item)
                log.append(f"wrote in/{again} again ({label})")
            if item["releases"]:
                record = self.state["inventories"].get(item["inventory"])
                if record is not None:
                    record["status"] = "released"
                    record["released_at"] = item["due"]

    def _write(self, item: dict) -> str:
        self.state["files"] += 1
        name = f"{self.state['files']:09d}_{item['kind']}_{item['status']}.xml"
        temporary = self.in_dir / f".{name}.part"
        with open(temporary, "wb") as handle:
            handle.write(item["data"].encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.in_dir / name)
        return name

    # --- state and numbers ----------------------------------------------------------------

    def _now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("the simulator clock must return an aware datetime")
        return now

    def _new_guid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4)).upper()

    def _number(self, prefix: str, now: datetime) -> str:
        """preNo: prefix + Beijing date + 9-digit serial = 18 characters."""
        self.state["serial"] += 1
        day = now.astimezone(CUSTOMS_TZ).strftime("%Y%m%d")
        return f"{prefix}{day}{self.state['serial'] % 10**9:09d}"

    def _invt_no(self, customs_code: str, now: datetime) -> str:
        """invtNo: 4-digit customs district + year + I + 9-digit serial (spec §2)."""
        self.state["serial"] += 1
        district = customs_code if re.fullmatch(r"\d{4}", customs_code or "") else "0000"
        year = now.astimezone(CUSTOMS_TZ).year
        return f"{district}{year}I{self.state['serial'] % 10**9:09d}"

    def _read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()

    def _load(self) -> dict:
        empty = {
            "version": STATE_VERSION,
            "sequence": 0,
            "files": 0,
            "serial": 0,
            "guids": {},
            "keys": {},
            "documents": {},
            "inventories": {},
            "annual": {},
            "pending": [],
        }
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return empty
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"{self.state_path}: unknown state version {state.get('version')!r}")
        return {**empty, **state}

    def _save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.root / f".{STATE_FILE}.part"
        temporary.write_text(json.dumps(self.state, ensure_ascii=False, indent=1), "utf-8")
        os.replace(temporary, self.state_path)


def _first_text(xml: bytes, tag: str) -> str | None:
    """Text of the first ``ceb:tag`` in the message (the head's appType / appStatus)."""
    root = etree.fromstring(xml, safe_parser())
    found = root.find(f".//{{{CEB_NS}}}{tag}")
    return found.text.strip() if found is not None and found.text else None
