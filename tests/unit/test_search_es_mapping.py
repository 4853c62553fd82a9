"""The Elasticsearch index body as data: analyzers per language, plugin fallbacks, keyword fields."""

import json

import pytest

from integrations.search.es_mapping import (
    ALL_PLUGINS,
    ICU,
    KUROMOJI,
    NORI,
    SMARTCN,
    index_body,
)

LANGUAGES = ["zh-hans", "ko", "ja", "ru", "en"]
# analyzers Elasticsearch has without any plugin
BUILT_IN_ANALYZERS = {"standard", "russian", "english"}
BUILT_IN_FILTERS = {"lowercase", "cjk_width", "cjk_bigram", "asciifolding", "edge_ngram"}
PLUGIN_ANALYZERS = {"smartcn": SMARTCN, "kuromoji": KUROMOJI}
PLUGIN_TOKENIZERS = {"nori_tokenizer": NORI, "kuromoji_tokenizer": KUROMOJI}
PLUGIN_FILTERS = {
    "icu_normalizer": ICU,
    "nori_part_of_speech": NORI,
    "nori_readingform": NORI,
    "kuromoji_completion": KUROMOJI,
}
PLUGIN_CHAR_FILTERS = {"kuromoji_iteration_mark": KUROMOJI}


def props(plugins=ALL_PLUGINS):
    return index_body(LANGUAGES, plugins)["mappings"]["properties"]


@pytest.mark.parametrize(
    ("field", "analyzer"),
    [
        ("title_zh_hans", "smartcn"),
        ("title_ko", "ko_text"),
        ("title_ja", "kuromoji"),
        ("title_ru", "russian"),
        ("title_en", "english"),
        ("description_zh_hans", "smartcn"),
        ("description_ko", "ko_text"),
        ("description_ja", "kuromoji"),
        ("description_ru", "russian"),
        ("description_en", "english"),
    ],
)
def test_each_language_field_has_its_language_analyzer(field, analyzer):
    assert props()[field]["analyzer"] == analyzer


def test_korean_analyzer_is_nori():
    analysis = index_body(LANGUAGES)["settings"]["analysis"]
    korean = analysis["analyzer"]["ko_text"]
    assert analysis["tokenizer"][korean["tokenizer"]]["type"] == "nori_tokenizer"
    assert "nori_part_of_speech" in korean["filter"]


@pytest.mark.parametrize("field", ["title_zh_hans", "title_ko", "title_ja"])
def test_cjk_languages_fall_back_to_bigrams_without_plugins(field):
    analysis = index_body(LANGUAGES, plugins=())["settings"]["analysis"]
    assert props(())[field]["analyzer"] == "cjk_text"
    assert "cjk_bigram" in analysis["analyzer"]["cjk_text"]["filter"]


def test_without_plugins_nothing_refers_to_a_plugin():
    text = json.dumps(index_body(LANGUAGES, plugins=()))
    for name in ["smartcn", "nori", "kuromoji", "icu_"]:
        assert name not in text


@pytest.mark.parametrize("plugins", [ALL_PLUGINS, frozenset(), frozenset({ICU}), {NORI, SMARTCN}])
def test_every_analyzer_and_filter_used_is_defined_or_provided(plugins):
    """What a server with exactly ``plugins`` can create: nothing undefined, no missing plugin."""
    body = index_body(LANGUAGES, plugins)
    analysis = body["settings"]["analysis"]

    def analyzers_of(field):
        for key in ("analyzer", "search_analyzer"):
            if key in field:
                yield field[key]
        for sub in field.get("fields", {}).values():
            yield from analyzers_of(sub)

    used = {
        name for field in body["mappings"]["properties"].values() for name in analyzers_of(field)
    }
    for name in used:
        if name in analysis["analyzer"] or name in BUILT_IN_ANALYZERS:
            continue
        assert PLUGIN_ANALYZERS.get(name) in plugins, name
    for analyzer in analysis["analyzer"].values():
        tokenizer = analyzer["tokenizer"]
        tokenizer_type = analysis.get("tokenizer", {}).get(tokenizer, {}).get("type", tokenizer)
        assert tokenizer_type == "standard" or PLUGIN_TOKENIZERS[tokenizer_type] in plugins
        for name in analyzer.get("filter", []):
            kind = analysis["filter"].get(name, {}).get("type", name)
            assert kind in BUILT_IN_FILTERS or PLUGIN_FILTERS[kind] in plugins, kind
        for name in analyzer.get("char_filter", []):
            assert name in analysis["char_filter"] or PLUGIN_CHAR_FILTERS[name] in plugins


@pytest.mark.parametrize("plugins", [ALL_PLUGINS, frozenset()])
def test_bigram_and_autocomplete_analyzers_fold_hiragana_to_katakana(plugins):
    body = index_body(LANGUAGES, plugins)
    analysis = body["settings"]["analysis"]
    assert analysis["char_filter"]["kana_fold"]["type"] == "mapping"
    mappings = analysis["char_filter"]["kana_fold"]["mappings"]
    assert "め=>メ" in mappings
    assert "ぃ=>ィ" in mappings
    assert len(mappings) == 0x3097 - 0x3041
    p = body["mappings"]["properties"]
    for field in (p["title_ja"]["fields"]["cjk"], p["title_ja"]["fields"]["autocomplete"]):
        for key in ("analyzer", "search_analyzer"):
            assert "kana_fold" in analysis["analyzer"][field[key]]["char_filter"]


def test_icu_normalizes_when_available():
    with_icu = index_body(LANGUAGES, {ICU})["settings"]["analysis"]["analyzer"]
    without = index_body(LANGUAGES, ())["settings"]["analysis"]["analyzer"]
    assert with_icu["cjk_index"]["filter"][0] == "icu_normalizer"
    assert without["cjk_index"]["filter"][:2] == ["cjk_width", "lowercase"]


@pytest.mark.parametrize("language", ["zh_hans", "ko", "ja", "ru", "en"])
def test_every_language_has_a_cjk_bigram_subfield_for_short_queries(language):
    analysis = index_body(LANGUAGES)["settings"]["analysis"]
    for field in (f"title_{language}", f"description_{language}"):
        cjk = props()[field]["fields"]["cjk"]
        index_filters = analysis["analyzer"][cjk["analyzer"]]["filter"]
        search_filters = analysis["analyzer"][cjk["search_analyzer"]]["filter"]
        # unigrams and bigrams indexed: 茶 is found inside 绿茶; bigrams searched: 面膜 is 面膜
        assert analysis["filter"][index_filters[-1]] == {
            "type": "cjk_bigram",
            "output_unigrams": True,
        }
        assert search_filters[-1] == "cjk_bigram"


def test_japanese_autocomplete_uses_kuromoji_completion():
    body = index_body(LANGUAGES)
    analysis = body["settings"]["analysis"]
    autocomplete = body["mappings"]["properties"]["title_ja"]["fields"]["autocomplete"]
    index_filters = analysis["analyzer"][autocomplete["analyzer"]]["filter"]
    search_filters = analysis["analyzer"][autocomplete["search_analyzer"]]["filter"]
    assert {"type": "kuromoji_completion", "mode": "index"} in [
        analysis["filter"].get(f) for f in index_filters
    ]
    assert {"type": "kuromoji_completion", "mode": "query"} in [
        analysis["filter"].get(f) for f in search_filters
    ]
    # other languages: edge n-grams of the standard tokenizer
    ko = body["mappings"]["properties"]["title_ko"]["fields"]["autocomplete"]
    assert ko["analyzer"] == "autocomplete_index"
    assert "autocomplete_edge" in analysis["analyzer"]["autocomplete_index"]["filter"]


def test_japanese_autocomplete_without_kuromoji_uses_edge_ngrams():
    ja = props(())["title_ja"]["fields"]["autocomplete"]
    assert (ja["analyzer"], ja["search_analyzer"]) == ("autocomplete_index", "autocomplete_search")


@pytest.mark.parametrize(
    "field",
    [
        "upc",
        "hs_code",
        "customs_name",
        "brand",
        "origin_country",
        "trade_modes",
        "category_ids",
        "category_path_ids",
        "sort_title_zh_hans",
        "sort_title_en",
    ],
)
def test_identifier_and_facet_fields_are_keywords(field):
    assert props()[field]["type"] == "keyword"


def test_brand_is_folded_for_case_insensitive_facets_and_has_autocomplete():
    body = index_body(LANGUAGES)
    brand = body["mappings"]["properties"]["brand"]["fields"]
    normalizer = body["settings"]["analysis"]["normalizer"][brand["folded"]["normalizer"]]
    assert "lowercase" in normalizer["filter"]
    assert brand["autocomplete"]["analyzer"] == "autocomplete_index"


def test_filed_chinese_name_is_also_searchable_as_chinese_text():
    customs = props()["customs_name"]["fields"]
    assert customs["text"]["analyzer"] == "smartcn"
    assert props(())["customs_name"]["fields"]["text"]["analyzer"] == "cjk_text"


def test_price_stock_and_date_types():
    p = props()
    assert p["min_price"] == {"type": "scaled_float", "scaling_factor": 100}
    assert p["in_stock"]["type"] == "boolean"
    assert p["date_created"]["type"] == "date"


def test_mapping_is_strict():
    assert index_body(LANGUAGES)["mappings"]["dynamic"] == "strict"


def test_titles_feed_the_spelling_field():
    p = props()
    assert all(p[f"title_{code}"]["copy_to"] == "spell" for code in ["zh_hans", "ko", "ru", "en"])
    assert p["spell"]["analyzer"] == "spell"
