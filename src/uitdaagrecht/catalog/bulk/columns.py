"""The columns of the import file, the kinds of provider as written in it, and the limits."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.tenants.models import Department, Municipality

from ..models import Provider
from .cells import Cell

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # an .xlsx is a zip: refuse zip bombs before parsing
MAX_ERRORS = 500  # shown in the preview; the rest are counted
MAX_DESCRIPTION = 10_000


@dataclass(frozen=True)
class Column:
    name: str
    help: Any  # a lazy translation; "{kinds}" is filled in with the kinds of provider


COLUMNS: tuple[Column, ...] = (
    Column(
        "taak",
        gettext_lazy(
            "Title of the task. Required. A row whose title matches an existing task (ignoring "
            "capitals, accents and punctuation) changes that task; any other row adds a task."
        ),
    ),
    Column("omschrijving", gettext_lazy("What the task is, in plain language. Required.")),
    Column("voor_wie", gettext_lazy("For whom the task is done.")),
    Column("gebied", gettext_lazy("District or neighbourhood, if any.")),
    Column(
        "afdeling",
        gettext_lazy(
            "Name of the department responsible, exactly as in the workspace; it must exist "
            "already. Required."
        ),
    ),
    Column(
        "taakveld",
        gettext_lazy(
            "Iv3 taakveld code, e.g. 7.1. Required. Format this column as text: 0.10 and 0.1 are "
            "different taakvelden, and Excel turns codes typed in a number column into numbers."
        ),
    ),
    Column(
        "uitvoerder",
        gettext_lazy(
            "Name of the current provider. A provider that does not exist yet is added. Leave "
            "this and the other contract columns empty when there is no contract."
        ),
    ),
    Column("soort_uitvoerder", gettext_lazy("Kind of provider, required for a new one: {kinds}.")),
    Column(
        "contract_waarde_per_jaar",
        gettext_lazy("Value of the contract per year in whole euros, without cents."),
    ),
    Column(
        "contract_start",
        gettext_lazy("Start date of the contract, as YYYY-MM-DD or DD-MM-YYYY."),
    ),
    Column(
        "contract_einde",
        gettext_lazy(
            "End date of the contract without extensions, as YYYY-MM-DD or DD-MM-YYYY. A row "
            "changes the contract with the same provider and start date, or adds one."
        ),
    ),
    Column(
        "opzegtermijn_maanden",
        gettext_lazy("Notice period in whole months (empty is 0)."),
    ),
    Column("verlengingsopties", gettext_lazy("Extension options, e.g. 'twice one year'.")),
    Column("begroting_jaar", gettext_lazy("Year of the budget, e.g. 2026.")),
    Column("begroting_eur", gettext_lazy("Budget of the task in that year, in whole euros.")),
    Column(
        "overhead_eur",
        gettext_lazy(
            "Share of overhead (housing, ICT, management) in that year, in whole euros (empty "
            "is 0)."
        ),
    ),
    Column(
        "resultaat",
        gettext_lazy(
            "A result agreement with the current provider, e.g. 'Residents' satisfaction'. A row "
            "changes the result of the task with this name, or adds one. Leave this and the "
            "other result columns empty when there is none."
        ),
    ),
    Column(
        "eenheid",
        gettext_lazy(
            "Unit of the result, e.g. %, rapportcijfer or aantal per jaar; required for a new "
            "result. The unit decides the values: a percentage is 0 to 100, a report mark 1 to "
            "10, a count a whole number."
        ),
    ),
    Column("resultaat_jaar", gettext_lazy("Year of the target and the realised value, e.g. 2025.")),
    Column("streefwaarde", gettext_lazy("Target in that year, in the unit, e.g. 7,5.")),
    Column("gerealiseerd", gettext_lazy("Realised in that year, in the unit, e.g. 7,8.")),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)


# The word written in the file for each kind of provider; the template uses the first per kind.
KIND_WORDS: dict[str, str] = {
    "gemeente": Provider.Kind.IN_HOUSE,
    "bedrijf": Provider.Kind.COMPANY,
    "stichting": Provider.Kind.FOUNDATION,
    "overheid": Provider.Kind.PUBLIC,
    "cooperatie": Provider.Kind.COOPERATIVE,
    "anders": Provider.Kind.OTHER,
    "vereniging": Provider.Kind.FOUNDATION,
    "bewonersorganisatie": Provider.Kind.COOPERATIVE,
}
WORD_OF_KIND: dict[str, str] = {}
for _word, _kind in KIND_WORDS.items():
    WORD_OF_KIND.setdefault(_kind, _word)


def column_explanations() -> list[tuple[str, str]]:
    kinds = "; ".join(
        f"{word} = {Provider.Kind(kind).label}" for kind, word in WORD_OF_KIND.items()
    )
    return [(column.name, str(column.help).format(kinds=kinds)) for column in COLUMNS]


def template_example(municipality: Municipality) -> list[Cell]:
    """One example row, for the columns in order, that imports cleanly in `municipality`."""
    departments = Department.objects.filter(municipality=municipality).order_by("name")
    department = next(
        (d.name for d in departments if d.name[:1] not in "=+-@\t\r"), _("Name of a department")
    )
    year = timezone.localdate().year
    current = Taakveld.objects.exclude(last_year__lt=year)
    taakveld = current.filter(code="5.7").first() or current.first()
    example = {
        "taak": _("Maintenance of public green spaces (example)"),
        "omschrijving": _("Mowing, pruning and planting in parks and along streets."),
        "voor_wie": _("Residents and visitors"),
        "gebied": _("Whole municipality"),
        "afdeling": department,
        "taakveld": taakveld.code if taakveld else "5.7",
        "uitvoerder": _("Green Company (example)"),
        "soort_uitvoerder": WORD_OF_KIND[Provider.Kind.COMPANY],
        "contract_waarde_per_jaar": 250_000,
        "contract_start": datetime.date(year - 1, 1, 1),
        "contract_einde": datetime.date(year + 2, 12, 31),
        "opzegtermijn_maanden": 6,
        "verlengingsopties": _("twice one year"),
        "begroting_jaar": year,
        "begroting_eur": 300_000,
        "overhead_eur": 45_000,
        "resultaat": _("Residents' satisfaction (example)"),
        "eenheid": "rapportcijfer",
        "resultaat_jaar": year - 1,
        "streefwaarde": 7.5,
        "gerealiseerd": 7.8,
    }
    return [example[name] for name in COLUMN_NAMES]
