"""The shelf-label sheet as a PDF (issue #14), drawn with reportlab on A4: 3 × 4 labels of
66 × 70 mm a page, cut lines in light grey.

Fonts: Chinese, Korean and Japanese text uses reportlab's built-in CID fonts (``STSong-Light``,
``HYSMyeongJo-Medium``, ``HeiseiKakuGo-W5``: the PDF viewer supplies the glyphs, nothing is
embedded, the file stays small); Latin and Cyrillic text a TrueType font from the system
(DejaVu Sans, else Noto Sans), embedded as a subset. Each text run picks its font from its
characters: Hangul → Korean, kana → Japanese, other Han characters → the run's language.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from babel.numbers import format_currency
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from . import qr
from .labels import ShelfLabel

CID_FONTS = {"zh-hans": "STSong-Light", "ko": "HYSMyeongJo-Medium", "ja": "HeiseiKakuGo-W5"}
TTF_CANDIDATES = (
    ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("NotoSans", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)
TTF_BOLD_CANDIDATES = (
    ("DejaVuSans-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("NotoSans-Bold", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
)

COLUMNS, ROWS = 3, 4
LABEL_W, LABEL_H = 66 * mm, 70 * mm
PAD = 4 * mm
QR_SIZE = 24 * mm
GREY = Color(0.75, 0.75, 0.75)


@functools.cache
def _ttf(bold: bool = False) -> str:
    for name, path in TTF_BOLD_CANDIDATES if bold else TTF_CANDIDATES:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(name, path))
            return name
    return "Helvetica-Bold" if bold else "Helvetica"  # no Cyrillic then


@functools.cache
def _cid(language: str) -> str:
    name = CID_FONTS[language]
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _script_language(text: str, language: str) -> str | None:
    """The CJK font language ``text`` needs, or None for Latin/Cyrillic."""
    has_han = False
    for char in text:
        code = ord(char)
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            return "ko"
        if 0x3040 <= code <= 0x30FF:
            return "ja"
        if 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF:
            has_han = True
    if has_han:
        return language if language in CID_FONTS else "zh-hans"
    return None


def font_for(text: str, language: str, *, bold: bool = False) -> str:
    cjk = _script_language(text, language)
    return _cid(cjk) if cjk else _ttf(bold)


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Greedy wrap, between words where there are spaces, else between characters (CJK)."""
    lines, current = [], ""
    tokens = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    for token in tokens:
        candidate = f"{current}{joiner}{token}" if current else token
        if pdfmetrics.stringWidth(candidate, font, size) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = token
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and pdfmetrics.stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _money(amount, language: str) -> str:
    return format_currency(amount, "CNY", locale=to_locale(language))


def _draw_text(pdf, x, top, text, language, size, *, width, max_lines=1, bold=False, floor=None):
    """Draw wrapped ``text`` below ``top`` (the top edge of its first line; each line's baseline
    one font size lower, so a larger line never runs into the one above), no baseline below
    ``floor``; returns the top edge of the next line."""
    font = font_for(text, language, bold=bold)
    step = size * 1.25
    if floor is not None:
        room = int((top - size - floor) // step) + 1 if top - size >= floor else 0
        max_lines = min(max_lines, room)
        if not max_lines:
            return top
    for line in _wrap(text, font, size, width, max_lines):
        pdf.setFont(font, size)
        pdf.drawString(x, top - size, line)
        top -= step
    return top


def _draw_qr(pdf, url: str, x: float, y: float, side: float) -> None:
    count = qr.size(url)
    module = side / count
    pdf.setFillColor(black)
    for col, row in qr.modules(url):
        pdf.rect(x + col * module, y + side - (row + 1) * module, module, module, 0, 1)


def _draw_label(pdf, label: ShelfLabel, *, store, language: str, x: float, y: float) -> None:
    pdf.setStrokeColor(GREY)
    pdf.setLineWidth(0.3)
    pdf.rect(x, y, LABEL_W, LABEL_H, stroke=1, fill=0)
    pdf.setFillColor(black)
    inner = LABEL_W - 2 * PAD
    top = y + LABEL_H - PAD
    top = _draw_text(pdf, x + PAD, top, str(store.name), language, 6.5, width=inner)
    top -= 1.5
    floor = y + PAD + QR_SIZE + 3 * mm  # the names stay above the price and the QR code
    for index, name in enumerate(label.names):
        size = 12 if index == 0 else 10
        top = _draw_text(
            pdf,
            x + PAD,
            top,
            name.text,
            name.language,
            size,
            width=inner,
            max_lines=2,
            bold=index == 0,
            floor=floor,
        )
    # bottom: the price and facts left of the QR code
    _draw_qr(pdf, label.url, x + LABEL_W - PAD - QR_SIZE, y + PAD, QR_SIZE)
    left_w = LABEL_W - 3 * PAD - QR_SIZE
    base = y + PAD + QR_SIZE  # the price's top edge, level with the QR code's
    if label.price_with_tax is not None:
        after = _draw_text(
            pdf,
            x + PAD,
            base,
            _money(label.price_with_tax, language),
            language,
            14,
            width=left_w,
            bold=True,
        )
        note = _("incl. est. import tax %(tax)s") % {"tax": _money(label.unit_tax, language)}
        after = _draw_text(pdf, x + PAD, after, note, language, 6.5, width=left_w, max_lines=2)
    else:
        after = _draw_text(pdf, x + PAD, base, _("Not on sale"), language, 9, width=left_w)
    facts = [text for text in (label.origin, label.trade_mode_label or label.trade_mode) if text]
    for fact in facts:
        after = _draw_text(pdf, x + PAD, after - 1, fact, language, 6.5, width=left_w, max_lines=2)


def shelf_labels_pdf(labels: list[ShelfLabel], *, store, language: str) -> bytes:
    """The sheet for ``labels`` of ``store``, texts in ``language``; returns the PDF's bytes."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1)
    with translation.override(language):
        pdf.setTitle(_("Shelf labels – %(store)s") % {"store": store.name})
        page_w, page_h = A4
        left = (page_w - COLUMNS * LABEL_W) / 2
        bottom = (page_h - ROWS * LABEL_H) / 2
        per_page = COLUMNS * ROWS
        for index, label in enumerate(labels):
            if index and index % per_page == 0:
                pdf.showPage()
            slot = index % per_page
            col, row = slot % COLUMNS, slot // COLUMNS
            _draw_label(
                pdf,
                label,
                store=store,
                language=language,
                x=left + col * LABEL_W,
                y=bottom + (ROWS - 1 - row) * LABEL_H,
            )
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()
