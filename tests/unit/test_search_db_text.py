"""Text rules of the database search backend (integrations/search/db_text.py): normalisation,
index grams, query grams and Korean partial input. No database."""

import pytest

from integrations.search import db_text


def test_normalize_folds_case_width_and_kana():
    assert db_text.normalize("ＡＢＣ  Шоколад") == "abc шоколад"
    assert db_text.normalize("ますく") == "マスク"  # hiragana as katakana
    assert db_text.normalize("ﾏｽｸ") == "マスク"  # half-width katakana
    # tags only dropped from product text, never from a query
    assert db_text.normalize("<p>夜宵</p>", html=True) == "夜宵"
    assert db_text.normalize("<p>") == "<p>"


def test_document_grams_cover_short_cjk_queries_and_word_starts():
    grams = db_text.document_grams(db_text.normalize("美迪惠尔 面膜 Mediheal 10片"))
    assert {"面", "膜", "面膜", "尔", "惠尔"} <= grams  # CJK unigrams and bigrams
    assert "尔面" not in grams  # runs do not join across spaces
    assert {"med", "edi", "eal", "^m", "^me", "^1", "^10"} <= grams
    assert "片" in grams


@pytest.mark.parametrize(
    ("term", "grams"),
    [
        ("茶", {"茶"}),
        ("面膜", {"面膜"}),
        ("补水面膜", {"补水", "水面", "面膜"}),
        ("김", {"김"}),
        ("mediheal", {"med", "edi", "dih", "ihe", "hea", "eal"}),
        ("mi", {"^mi"}),  # alone, a short word is a word beginning
        ("10片", {"片"}),  # with other grams, the short part is left to the substring check
        ("!!!", set()),
    ],
)
def test_query_grams(term, grams):
    assert db_text.query_grams(term) == grams


def test_every_query_gram_of_a_substring_is_in_the_document():
    text = db_text.normalize("メディヒール アクアリング アンプルマスク 10枚入 Тканевая маска")
    grams = db_text.document_grams(text)
    for term in ("アンプル", "マスク", "枚入", "тканевая", "аска", "10枚"):
        assert term in text
        assert db_text.query_grams(term) <= grams, term


@pytest.mark.parametrize(
    ("typed", "stem", "lead"),
    [
        ("맛", "마", "ㅅ"),  # 마 + ㅅ: the ㅅ may start the next syllable (마스크)
        ("쿸", "쿠", "ㅋ"),  # 쿠키 being typed
        ("닭", "달", "ㄱ"),  # a double tail keeps its first consonant
        ("마ㅅ", "마", "ㅅ"),  # a bare consonant
        (db_text.normalize("마ㅅ"), "마", "ㅅ"),  # NFKC turns it into a leading jamo
    ],
)
def test_hangul_partial_input(typed, stem, lead):
    assert db_text.hangul_partial(typed) == (stem, lead)


def test_hangul_without_a_tail_is_complete():
    assert db_text.hangul_partial("마스") is None
    assert db_text.hangul_partial("mask") is None


def test_partial_pattern_matches_what_the_syllable_may_become():
    pattern = db_text.partial_pattern("맛")
    assert pattern.search("마스크")
    assert pattern.search("맛있는")
    assert not pattern.search("마크")  # the next syllable does not start with ㅅ
    assert db_text.partial_pattern("쿸").search("쿠키")
    assert db_text.partial_pattern("マス").search("アンプルマスク")
