"""Reference prices are never used in any total (issue #11): no code that computes, charges,
declares or refunds an amount may reach the rate table, and no basket, checkout or order page
shows a reference amount. A simple scan of the source, so it fails as soon as someone wires
rates into money code."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Code that makes amounts: basket and prices (partner strategy), checkout, orders, shipping,
#: customs declarations and tax, payments and refunds, and their outside systems.
MONEY_CODE = [
    "shop/apps/basket",
    "shop/apps/checkout",
    "shop/apps/order",
    "shop/apps/partner",
    "shop/apps/shipping",
    "shop/customs",
    "shop/payments",
    "integrations/customs",
    "integrations/payments",
]
#: Pages that show totals: basket, checkout, order history, order e-mails, order dashboards.
TOTAL_TEMPLATES = [
    "themes/web/templates/oscar/basket",
    "themes/web/templates/oscar/checkout",
    "themes/web/templates/oscar/order",
    "themes/web/templates/oscar/customer/order",
    "themes/web/templates/oscar/communication",
    "themes/web/templates/oscar/dashboard/orders",
    "themes/web/templates/shop/checkout",
    "themes/web/templates/shop/customs",
    "themes/web/templates/shop/payments",
]

# `import shop.rates`, `from shop.rates…`, `from shop import rates`, get_model("rates", …),
# the model, the template tag library and the partial.
PYTHON_REFERENCE = re.compile(
    r"shop[./]rates\b|from\s+shop\s+import\s+[^\n]*\brates\b|['\"]rates['\"]"
    r"|ReferenceRate|reference_price|reference_rate"
)
TEMPLATE_REFERENCE = re.compile(r"reference_price|reference_rate|shop/rates/")


def offenders(folders, suffixes, pattern):
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in suffixes and path.is_file():
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if pattern.search(line):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_money_code_never_reaches_the_rate_table():
    assert offenders(MONEY_CODE, {".py"}, PYTHON_REFERENCE) == []


def test_pages_with_totals_show_no_reference_amount():
    assert offenders(TOTAL_TEMPLATES, {".html", ".txt"}, TEMPLATE_REFERENCE) == []


def test_the_scanned_folders_exist():
    # a renamed folder would make the scan pass vacuously (basket is not forked yet)
    missing = [f for f in MONEY_CODE + TOTAL_TEMPLATES if not (ROOT / f).is_dir()]
    assert set(missing) <= {
        "shop/apps/basket",
        "themes/web/templates/oscar/basket",
        "themes/web/templates/oscar/order",
        "themes/web/templates/oscar/communication",
    }
    assert (ROOT / "shop/customs/tax.py").is_file()


@pytest.mark.parametrize(
    "line",
    [
        "from shop.rates.selectors import reference_rate_list_current",
        "import shop.rates",
        "from shop import customs, rates",
        'Rate = apps.get_model("rates", "ReferenceRate")',
        "from shop.rates.display import reference_amount",
    ],
)
def test_the_scan_catches_a_reference(line):
    assert PYTHON_REFERENCE.search(line)


@pytest.mark.parametrize(
    "line",
    ['"""Rates are fractions (Decimal("0.13"))."""', "tax_rates = {}", "VAT_RATE = 0.13"],
)
def test_the_scan_ignores_tax_rates(line):
    assert not PYTHON_REFERENCE.search(line)
