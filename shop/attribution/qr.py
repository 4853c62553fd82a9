"""QR codes drawn here (segno), never fetched from another host (issue #14)."""

import segno


def make(url: str) -> segno.QRCode:
    # Error correction M: a shelf label or a screen may be a little scuffed or glossy.
    return segno.make(url, error="m", micro=False)


def svg_inline(url: str, *, scale: int = 8) -> str:
    """An inline ``<svg>`` of ``url``'s QR code (dark on white, quiet zone of 4 modules)."""
    return make(url).svg_inline(scale=scale, border=4, dark="#000", light="#fff", omitsize=True)


def modules(url: str) -> list[tuple[int, int]]:
    """(column, row) of every dark module, without the quiet zone, for drawing elsewhere."""
    matrix = make(url).matrix
    return [(x, y) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark]


def size(url: str) -> int:
    """Modules per side."""
    return len(make(url).matrix)
