"""A mistyped reference currency would silently hide every reference price of its language:
the system check names it (issue #11)."""

from shop.rates.checks import check_reference_currencies


def ids(settings_mapping, settings):
    settings.SHOP_REFERENCE_CURRENCIES = settings_mapping
    return sorted(problem.id for problem in check_reference_currencies(None))


def test_the_default_mapping_passes(settings):
    assert settings.SHOP_REFERENCE_CURRENCIES == {"ko": "KRW", "ja": "JPY", "ru": "RUB"}
    assert check_reference_currencies(None) == []


def test_mistakes_are_reported(settings):
    assert ids({"ko": "KRWW"}, settings) == ["rates.E002"]
    assert ids({"de": "EUR"}, settings) == ["rates.E001"]
    assert ids({"zh-hans": "KRW"}, settings) == ["rates.W001"]
    assert ids({"en": "CNY"}, settings) == ["rates.W001"]
    settings.SHOP_REFERENCE_RATE_MAX_AGE_DAYS = -1
    assert ids({}, settings) == ["rates.E003"]
