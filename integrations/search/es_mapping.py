"""The Elasticsearch index body (settings with analyzers, mappings) as plain data.

No client and no Django here, so the mapping is tested without a server
(tests/unit/test_search_es_mapping.py). Every language has its own ``title_<lang>`` and
``description_<lang>`` fields (``<lang>`` as modeltranslation spells it: ``zh_hans``, ``ko`` ...):

============  =============================================  ==========================
language      analyzer (plugin)                              without the plugin
============  =============================================  ==========================
zh-hans       ``smartcn`` (analysis-smartcn)                 ``cjk_text`` (CJK bigrams)
ko            ``ko_text``: nori tokenizer (analysis-nori)    ``cjk_text``
ja            ``kuromoji`` (analysis-kuromoji)               ``cjk_text``
ru            ``russian`` (built in, with stemming)          —
en            ``english`` (built in, with stemming)          —
============  =============================================  ==========================

Every language field has subfields:

- ``.cjk``: CJK bigrams (unigrams too at index time), so a one- or two-character query (茶, 面膜,
  김) finds what a word segmenter put inside a longer word. Standard tokenizer + ``cjk_bigram``:
  built in; with analysis-icu the text is also NFKC-casefolded (``icu_normalizer``).
- ``title_<lang>.autocomplete``: edge n-grams for suggestions as the shopper types; Japanese uses
  ``kuromoji_completion`` (romaji and kana partial input, analysis-kuromoji) when available.

``sort_title_<lang>`` (keyword) holds the title shown in that language, the default language's
when missing, for the TITLE sort.

Keyword fields: ``upc`` (barcode), ``hs_code``, ``customs_name`` (the filed Chinese name, with a
Chinese text subfield), ``brand`` (``.folded`` lowercased for case-insensitive facets and filters),
``origin_country``, ``trade_modes``, ``category_ids`` (direct categories, what the CATEGORY facet
counts and a category page filters on: the caller expands descendants) and ``category_path_ids``
(with every ancestor). ``min_price`` is a ``scaled_float`` with factor 100: stored as whole fen,
so a CNY price with two decimals is exact and range filters on bucket edges are exact too.
"""

from __future__ import annotations

from collections.abc import Iterable

SMARTCN = "analysis-smartcn"
ICU = "analysis-icu"
NORI = "analysis-nori"
KUROMOJI = "analysis-kuromoji"
ALL_PLUGINS = frozenset({SMARTCN, ICU, NORI, KUROMOJI})

PRICE_SCALING_FACTOR = 100  # fen


def field_suffix(language: str) -> str:
    """modeltranslation's column suffix: ``zh-hans`` -> ``zh_hans``."""
    return language.replace("-", "_")


def title_field(language: str) -> str:
    return f"title_{field_suffix(language)}"


def description_field(language: str) -> str:
    return f"description_{field_suffix(language)}"


def _base(language: str) -> str:
    return language.split("-")[0].lower()


def language_analyzer(language: str, plugins: Iterable[str]) -> str:
    """The analyzer of ``title_<lang>`` / ``description_<lang>``."""
    plugins = frozenset(plugins)
    base = _base(language)
    if base == "zh":
        return "smartcn" if SMARTCN in plugins else "cjk_text"
    if base == "ko":
        return "ko_text" if NORI in plugins else "cjk_text"
    if base == "ja":
        return "kuromoji" if KUROMOJI in plugins else "cjk_text"
    if base == "ru":
        return "russian"
    if base == "en":
        return "english"
    return "standard"


def autocomplete_analyzers(language: str, plugins: Iterable[str]) -> tuple[str, str]:
    """(index analyzer, search analyzer) of ``title_<lang>.autocomplete``."""
    if _base(language) == "ja" and KUROMOJI in frozenset(plugins):
        return "ja_autocomplete_index", "ja_autocomplete_search"
    return "autocomplete_index", "autocomplete_search"


# hiragana -> katakana (ぁ..ゖ -> ァ..ヶ) before the bigram and autocomplete analyzers, as the
# database backend folds them: めでぃ finds メディヒール.
KANA_FOLD = [f"{chr(code)}=>{chr(code + 0x60)}" for code in range(0x3041, 0x3097)]


def analysis(plugins: Iterable[str]) -> dict:
    plugins = frozenset(plugins)
    # Full-width to half-width and case folding; with ICU, NFKC casefolding does both.
    fold = ["icu_normalizer"] if ICU in plugins else ["cjk_width", "lowercase"]
    kana = ["kana_fold"]
    body: dict = {
        "char_filter": {"kana_fold": {"type": "mapping", "mappings": KANA_FOLD}},
        "filter": {
            "cjk_bigram_unigrams": {"type": "cjk_bigram", "output_unigrams": True},
            "autocomplete_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
        },
        "normalizer": {
            "folded": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
        },
        "analyzer": {
            # Fallback for zh/ko/ja without their plugins: overlapping bigrams.
            "cjk_text": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*fold, "cjk_bigram"],
            },
            # .cjk subfields: unigrams and bigrams indexed, bigrams searched (a lone character
            # is still searched as itself), so 茶 and 面膜 both match inside 绿茶 / 补水面膜.
            "cjk_index": {
                "type": "custom",
                "char_filter": kana,
                "tokenizer": "standard",
                "filter": [*fold, "cjk_bigram_unigrams"],
            },
            "cjk_search": {
                "type": "custom",
                "char_filter": kana,
                "tokenizer": "standard",
                "filter": [*fold, "cjk_bigram"],
            },
            "autocomplete_index": {
                "type": "custom",
                "char_filter": kana,
                "tokenizer": "standard",
                "filter": [*fold, "autocomplete_edge"],
            },
            "autocomplete_search": {
                "type": "custom",
                "char_filter": kana,
                "tokenizer": "standard",
                "filter": fold,
            },
            # Spelling suggestions (term suggester): words as typed, casefolded.
            "spell": {"type": "custom", "tokenizer": "standard", "filter": fold},
        },
    }
    if NORI in plugins:
        body.setdefault("tokenizer", {})["nori_mixed"] = {
            "type": "nori_tokenizer",
            "decompound_mode": "mixed",
        }
        body["analyzer"]["ko_text"] = {
            "type": "custom",
            "tokenizer": "nori_mixed",
            # drops particles and endings (default stop tags), hanja to hangul, then folds
            "filter": ["nori_part_of_speech", "nori_readingform", *fold],
        }
    if KUROMOJI in plugins:
        body["filter"]["ja_completion_index"] = {"type": "kuromoji_completion", "mode": "index"}
        body["filter"]["ja_completion_query"] = {"type": "kuromoji_completion", "mode": "query"}
        body["analyzer"]["ja_autocomplete_index"] = {
            "type": "custom",
            "char_filter": ["kuromoji_iteration_mark", *kana],
            "tokenizer": "kuromoji_tokenizer",
            "filter": ["cjk_width", "lowercase", "ja_completion_index", "autocomplete_edge"],
        }
        body["analyzer"]["ja_autocomplete_search"] = {
            "type": "custom",
            "char_filter": ["kuromoji_iteration_mark", *kana],
            "tokenizer": "kuromoji_tokenizer",
            "filter": ["cjk_width", "lowercase", "ja_completion_query"],
        }
    return body


def _cjk_subfield() -> dict:
    return {"type": "text", "analyzer": "cjk_index", "search_analyzer": "cjk_search"}


def mappings(languages: Iterable[str], plugins: Iterable[str]) -> dict:
    plugins = frozenset(plugins)
    properties: dict = {
        "product_id": {"type": "long"},
        "upc": {"type": "keyword"},
        "hs_code": {"type": "keyword"},
        "customs_name": {
            "type": "keyword",
            "fields": {
                "text": {"type": "text", "analyzer": language_analyzer("zh-hans", plugins)},
                "cjk": _cjk_subfield(),
            },
        },
        "brand": {
            "type": "keyword",
            "copy_to": "spell",
            "fields": {
                "folded": {"type": "keyword", "normalizer": "folded"},
                "text": {"type": "text", "analyzer": "cjk_text"},
                "autocomplete": {
                    "type": "text",
                    "analyzer": "autocomplete_index",
                    "search_analyzer": "autocomplete_search",
                },
            },
        },
        "origin_country": {"type": "keyword"},
        "trade_modes": {"type": "keyword"},
        "category_ids": {"type": "keyword"},
        "category_path_ids": {"type": "keyword"},
        "min_price": {"type": "scaled_float", "scaling_factor": PRICE_SCALING_FACTOR},
        "in_stock": {"type": "boolean"},
        "date_created": {"type": "date"},
        "spell": {"type": "text", "analyzer": "spell"},
    }
    for language in languages:
        analyzer = language_analyzer(language, plugins)
        ac_index, ac_search = autocomplete_analyzers(language, plugins)
        properties[title_field(language)] = {
            "type": "text",
            "analyzer": analyzer,
            "copy_to": "spell",
            "fields": {
                "cjk": _cjk_subfield(),
                "autocomplete": {
                    "type": "text",
                    "analyzer": ac_index,
                    "search_analyzer": ac_search,
                },
            },
        }
        properties[description_field(language)] = {
            "type": "text",
            "analyzer": analyzer,
            "fields": {"cjk": _cjk_subfield()},
        }
        # the title shown in this language (falls back to the default language): TITLE sort
        properties[f"sort_{title_field(language)}"] = {
            "type": "keyword",
            "normalizer": "folded",
            "ignore_above": 256,
        }
    return {"dynamic": "strict", "properties": properties}


def index_body(
    languages: Iterable[str],
    plugins: Iterable[str] = ALL_PLUGINS,
    *,
    shards: int = 1,
    replicas: int = 1,
) -> dict:
    """The body of ``PUT <prefix>-products-<timestamp>``."""
    languages = tuple(languages)
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas},
            "analysis": analysis(plugins),
        },
        "mappings": mappings(languages, plugins),
    }


def plugins_used(plugins: Iterable[str]) -> frozenset[str]:
    """The plugins ``index_body(..., plugins)`` actually references (unknown names dropped)."""
    return frozenset(plugins) & ALL_PLUGINS
