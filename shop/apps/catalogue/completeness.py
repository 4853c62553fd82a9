"""How complete a product's translation is, per language (issue #12).

One definition for the dashboard's product form (a badge per language tab), its product list
(a badge per language, computed in the database so the list makes no query per row) and its
"Missing: <language>" filter.

Counted are the texts a shopper reads on the product page: the title and the description.
The other registered fields (meta title, meta description) are optional search-engine
overrides: Oscar falls back to the title and description when they are empty
(``Product.get_meta_title``/``get_meta_description``), so an empty one is not missing.

A field counts as filled when it holds a non-whitespace character. A language's completeness is
``filled * 100 // counted`` (an integer percentage; title only → 50).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Cast
from modeltranslation.utils import build_localized_fieldname

COUNTED_FIELDS = ("title", "description")
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
_FILLED = re.compile(r"\S")
_FILLED_SQL = r"\S"  # the same test as a database regex (SQLite through Python's re; PostgreSQL ~)


def column(field: str, language: str) -> str:
    """``title``, ``ko`` → ``title_ko`` (``zh-hans`` → ``title_zh_hans``)."""
    return build_localized_fieldname(field, language)


def annotation_name(language: str) -> str:
    """The queryset annotation holding ``language``'s percentage: ``translated_ko``."""
    return "translated_" + language.replace("-", "_")


def percent(values: Mapping[str, object], fields=COUNTED_FIELDS) -> int:
    """Completeness of one language from its counted fields' values (field name → text).
    ``fields``: the counted fields that apply (a variant's form has no description)."""
    if not fields:
        return 100
    filled = sum(1 for field in fields if _FILLED.search(str(values.get(field) or "")))
    return filled * 100 // len(fields)


def completeness_of(product) -> dict[str, int]:
    """Language code → percentage, read from a product instance (no query)."""
    return {
        language: percent(
            {field: getattr(product, column(field, language)) for field in COUNTED_FIELDS}
        )
        for language in LANGUAGES
    }


def _percent_expression(language: str):
    filled = [
        Case(
            When(**{f"{column(field, language)}__regex": _FILLED_SQL}, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for field in COUNTED_FIELDS
    ]
    total = filled[0]
    for term in filled[1:]:
        total = total + term
    # integer arithmetic in SQLite and PostgreSQL alike: floor, as ``percent``
    return Cast(total * Value(100) / Value(len(COUNTED_FIELDS)), IntegerField())


def with_completeness(queryset):
    """``queryset`` annotated with ``translated_<language>`` (an integer percentage) for every
    language: one expression per column, no join and no extra query."""
    return queryset.annotate(
        **{annotation_name(language): _percent_expression(language) for language in LANGUAGES}
    )


def missing_language(queryset, language: str):
    """Products of ``queryset`` whose ``language`` completeness is below 100 %."""
    if language not in LANGUAGES:
        raise ValueError(f"not a catalogue language: {language!r}")
    name = annotation_name(language)
    if name not in queryset.query.annotations:
        queryset = with_completeness(queryset)
    return queryset.filter(**{f"{name}__lt": 100})


@dataclass(frozen=True)
class LanguageCompleteness:
    code: str
    name: str
    percent: int

    @property
    def level(self) -> str:
        """``complete``, ``partial`` or ``empty`` (for the badge's colour)."""
        if self.percent >= 100:
            return "complete"
        return "partial" if self.percent else "empty"


def from_annotations(product) -> list[LanguageCompleteness]:
    """The per-language completeness of a product of a ``with_completeness`` queryset, read
    from its annotations."""
    names = dict(settings.LANGUAGES)
    return [
        LanguageCompleteness(
            language,
            names.get(language, language),
            int(getattr(product, annotation_name(language))),
        )
        for language in LANGUAGES
    ]
