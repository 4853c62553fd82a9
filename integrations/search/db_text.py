"""Text rules of the database search backend: normalisation and the n-grams of its index.

No Django here. Every product's text and every query are normalised the same way (NFKC, casefold,
hiragana folded to katakana, so ``ますく`` finds ``マスク`` and full-width ``ＡＢＣ`` finds ``abc``),
then cut into segments: runs of CJK characters (Han, kana, Hangul) and runs of other letters or
digits (Latin, Cyrillic, numbers). The index keeps, per product, the set of

- every CJK unigram and bigram (``面``, ``膜``, ``面膜``): a 1- or 2-character Chinese, Japanese or
  Korean query is answered from the index, which pg_trgm cannot do;
- every trigram of each other word, plus its 1- and 2-character prefixes (``^m``, ``^me``).

A query term is answered by the products holding *all* of its grams (an intersection on the
btree index), rechecked with a substring match on those candidates only.
"""

from __future__ import annotations

import re
import unicodedata

# Han (with extension A and compatibility ideographs), kana, Hangul syllables and jamo.
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_SEGMENT = re.compile(rf"[{_CJK}]+|(?:(?![{_CJK}])[^\W_])+")
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")
_TAGS = re.compile(r"<[^>]+>")
_HIRAGANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}  # ぁ..ゖ -> ァ..ヶ

# Hangul syllable arithmetic (Unicode ch. 3.12): syllable = 0xAC00 + (lead * 21 + vowel) * 28 + tail
_SBASE, _VCOUNT, _TCOUNT = 0xAC00, 21, 28
_NCOUNT = _VCOUNT * _TCOUNT
# compatibility jamo of the 19 leading consonants, and the 27 tails mapped to a leading consonant
# (single consonants only; a double tail such as ㄳ splits as ㄱ + ㅅ)
_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_TAIL_SPLIT = {
    1: (0, "ㄱ"), 2: (0, "ㄲ"), 3: (1, "ㅅ"), 4: (0, "ㄴ"), 5: (4, "ㅈ"), 6: (4, "ㅎ"),
    7: (0, "ㄷ"), 8: (0, "ㄹ"), 9: (8, "ㄱ"), 10: (8, "ㅁ"), 11: (8, "ㅂ"), 12: (8, "ㅅ"),
    13: (8, "ㅌ"), 14: (8, "ㅍ"), 15: (8, "ㅎ"), 16: (0, "ㅁ"), 17: (0, "ㅂ"), 18: (17, "ㅅ"),
    19: (0, "ㅅ"), 20: (0, "ㅆ"), 21: (0, "ㅇ"), 22: (0, "ㅈ"), 23: (0, "ㅊ"), 24: (0, "ㅋ"),
    25: (0, "ㅌ"), 26: (0, "ㅍ"), 27: (0, "ㅎ"),
}  # fmt: skip


def normalize(text: str, *, html: bool = False) -> str:
    """The form both the index and the queries use: NFKC, casefolded, hiragana as katakana,
    single spaces; ``html`` (product text, never a query) drops tags first."""
    if html:
        text = _TAGS.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.translate(_HIRAGANA).split())


def is_cjk(segment: str) -> bool:
    return bool(_CJK_RUN.match(segment))


def segments(text: str) -> list[str]:
    """CJK runs and other letter/digit runs of normalised text; punctuation separates."""
    return _SEGMENT.findall(text)


def document_grams(text: str) -> set[str]:
    """The grams the index keeps for one product's normalised text."""
    grams: set[str] = set()
    for segment in segments(text):
        if is_cjk(segment):
            grams.update(segment)
            grams.update(segment[i : i + 2] for i in range(len(segment) - 1))
        else:
            grams.add("^" + segment[:1])
            if len(segment) > 1:
                grams.add("^" + segment[:2])
            grams.update(segment[i : i + 3] for i in range(len(segment) - 2))
    return grams


def query_grams(term: str) -> set[str]:
    """Grams every product containing the normalised ``term`` as a substring must hold.

    A CJK segment gives its bigrams (its one character when alone). A longer word gives its
    trigrams. A word of one or two letters gives nothing when the term has other grams (the
    substring recheck handles it); alone, it is matched as the beginning of a word (``mi`` finds
    Mediheal's ``miracle``, not ``vitamin``) - a shopper typing two letters means that."""
    grams: set[str] = set()
    short: list[str] = []
    for segment in segments(term):
        if is_cjk(segment):
            if len(segment) == 1:
                grams.add(segment)
            else:
                grams.update(segment[i : i + 2] for i in range(len(segment) - 1))
        elif len(segment) >= 3:
            grams.update(segment[i : i + 3] for i in range(len(segment) - 2))
        else:
            short.append("^" + segment)
    if not grams:
        grams.update(short)
    return grams


def short_word_prefixes(term: str) -> list[str]:
    """Words of one or two letters that ``query_grams`` matched as word beginnings: the
    substring recheck must then look for them at a word start."""
    parts = segments(term)
    if any(is_cjk(part) or len(part) >= 3 for part in parts):
        return []
    return parts


def hangul_partial(prefix: str) -> tuple[str, str] | None:
    """What the last character of Korean input still being typed may become.

    Typing 마스크 shows ``마``, ``맛``, ``마스``, ``마슼``: the final consonant of the last syllable
    may move on to start the next one, and a bare jamo (``마ㅅ``) starts a syllable. Returns
    ``(stem, lead)``: the text is ``stem`` followed by a syllable beginning with the leading
    consonant ``lead``; ``None`` when the input does not end that way."""
    if not prefix:
        return None
    last = prefix[-1]
    if last in _LEADS:
        return prefix[:-1], last
    if 0x1100 <= ord(last) <= 0x1112:  # NFKC turns a typed ㅅ into the leading jamo ᄉ
        return prefix[:-1], _LEADS[ord(last) - 0x1100]
    code = ord(last) - _SBASE
    if 0 <= code < 19 * _NCOUNT and code % _TCOUNT:
        tail = code % _TCOUNT
        kept_tail, lead = _TAIL_SPLIT[tail]
        return prefix[:-1] + chr(_SBASE + code - tail + kept_tail), lead
    return None


def hangul_syllable_range(lead: str) -> tuple[str, str]:
    """First and last syllable starting with the leading consonant ``lead`` (for a regex class)."""
    start = _SBASE + _LEADS.index(lead) * _NCOUNT
    return chr(start), chr(start + _NCOUNT - 1)


def partial_pattern(prefix: str) -> re.Pattern:
    """A pattern for normalised text that contains ``prefix`` as typed so far (Hangul partial
    input included)."""
    partial = hangul_partial(prefix)
    literal = re.escape(prefix)
    if partial is None:
        return re.compile(literal)
    stem, lead = partial
    first, last = hangul_syllable_range(lead)
    jamo = chr(0x1100 + _LEADS.index(lead))
    return re.compile(f"{literal}|{re.escape(stem)}[{first}-{last}{lead}{jamo}]")
