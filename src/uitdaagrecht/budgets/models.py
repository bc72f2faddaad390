"""Iv3 budgets: taakvelden and the amounts every municipality reports to CBS.

Amounts are stored exactly as the source gives them: whole thousands of euros. Every amount field
says so in its name (`_k_eur`) and the API and pages state the unit next to the figures.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.tenants.models import Municipality

AMOUNT_UNIT = "EUR x 1000"
SOURCE_ATTRIBUTION = "Bron: CBS, Iv3 (informatie voor derden), CC BY 4.0"
SOURCE_URL = "https://iv3statline.cbs.nl/"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"


class Document(models.TextChoices):
    BUDGET = "begroting", _("budget (begroting)")
    ACTUALS = "jaarrekening", _("annual accounts (jaarrekening)")

    @property
    def heading(self) -> str:
        """The name in a heading, e.g. "Begroting" in "Begroting 2025"."""
        return {Document.BUDGET: _("Budget"), Document.ACTUALS: _("Annual accounts")}[self]


class Hoofdtaakveld(models.Model):
    """One of the ten main Iv3 policy areas, 0 (administration) to 8 (housing)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("hoofdtaakveld")
        verbose_name_plural = _("hoofdtaakvelden")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Taakveld(models.Model):
    """An Iv3 taakveld. Codes are strings: `0.10` is not `0.1`.

    `first_year`/`last_year` record the scheme in which a code exists: the social domain (6) was
    reorganised in 2025, so some codes exist only up to 2024 and others only from 2025.
    """

    code = models.CharField(_("code"), max_length=10, primary_key=True)
    name = models.CharField(_("name"), max_length=150)
    cbs_label = models.CharField(_("CBS label"), max_length=150, blank=True)
    hoofdtaakveld = models.ForeignKey(
        Hoofdtaakveld, on_delete=models.PROTECT, related_name="taakvelden"
    )
    first_year = models.PositiveSmallIntegerField(_("valid from year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(
        _("valid up to and including"), null=True, blank=True
    )
    sort_key = models.CharField(max_length=30, db_index=True, editable=False)

    class Meta:
        verbose_name = _("taakveld")
        verbose_name_plural = _("taakvelden")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.sort_key = taakveld_sort_key(self.code)
        super().save(*args, **kwargs)

    def exists_in(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    @property
    def changed_in_2025(self) -> bool:
        return self.first_year is not None or self.last_year is not None


def taakveld_sort_key(code: str) -> str:
    """The official Iv3 order as sortable text: 0.5, 0.61, 0.7, 0.9, 0.10, 0.11; 6.71, 6.71a.

    After the dot every digit is a level (0.61 is 0.6 → 1), except 0.10 and 0.11, which are
    taakvelden ten and eleven of hoofdtaakveld 0.
    """
    main, _dot, rest = code.partition(".")
    digits = "".join(ch for ch in rest if ch.isdigit())
    letters = rest[len(digits) :]
    levels = [int(digits)] if main == "0" and digits in {"10", "11"} else [int(d) for d in digits]
    return f"{int(main):02d}" + "".join(f"{n:02d}" for n in levels) + letters


class BudgetDelivery(models.Model):
    """What one municipality delivered to CBS for one year and document.

    `delivered` is False when every amount is zero: CBS received nothing, which is not "€ 0".
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="budget_deliveries"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    document = models.CharField(_("document"), max_length=12, choices=Document.choices)
    population = models.PositiveIntegerField(_("population"), null=True)
    delivered = models.BooleanField(_("delivered"), default=True)

    class Meta:
        verbose_name = _("budget delivery")
        verbose_name_plural = _("budget deliveries")
        ordering = ["year", "document"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "document"], name="delivery_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.document} {self.year}"


class BudgetLine(models.Model):
    """Expenditure and income of one taakveld in one municipality's budget or accounts."""

    # No separate indexes on the foreign keys: the unique constraint starts with the municipality
    # and the (taakveld, year, document) index with the taakveld. Fewer indexes, faster imports.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="budget_lines", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    document = models.CharField(_("document"), max_length=12, choices=Document.choices)
    taakveld = models.ForeignKey(
        Taakveld, on_delete=models.PROTECT, related_name="budget_lines", db_index=False
    )
    expenditure_k_eur = models.BigIntegerField(
        _("expenditure (x EUR 1,000)"), null=True, help_text=_("Lasten, in thousands of euros.")
    )
    income_k_eur = models.BigIntegerField(
        _("income (x EUR 1,000)"), null=True, help_text=_("Baten, in thousands of euros.")
    )
    salaries_k_eur = models.BigIntegerField(
        _("of which salaries (x EUR 1,000)"),
        null=True,
        help_text=_("Salarislasten (category L1.1), in thousands of euros; empty when not given."),
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "document", "taakveld"], name="budgetline_unique"
            )
        ]
        indexes = [
            models.Index(fields=["taakveld", "year", "document"]),
            # The API's cursor pages by id; filtered by year they walk this index.
            models.Index(fields=["year", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.document} {self.year} {self.taakveld_id}"


class SizeClass(models.TextChoices):
    """CBS size classes of municipalities by population (gemeentegrootteklasse, grouped)."""

    UNDER_20K = "lt20k", _("fewer than 20,000 inhabitants")
    FROM_20K = "20k-50k", _("20,000 to 50,000 inhabitants")
    FROM_50K = "50k-100k", _("50,000 to 100,000 inhabitants")
    FROM_100K = "100k-250k", _("100,000 to 250,000 inhabitants")
    FROM_250K = "250k+", _("250,000 inhabitants or more")

    @classmethod
    def bounds(cls) -> list[tuple[int | None, "SizeClass"]]:
        """(upper limit, class) from small to large; the last class has no upper limit."""
        return [
            (20_000, cls.UNDER_20K),
            (50_000, cls.FROM_20K),
            (100_000, cls.FROM_50K),
            (250_000, cls.FROM_100K),
            (None, cls.FROM_250K),
        ]

    @classmethod
    def of(cls, population: int | None) -> "SizeClass | None":
        if population is None:
            return None
        return next(size for limit, size in cls.bounds() if limit is None or population < limit)


NATIONAL = "NL"


class ReferenceFigure(models.Model):
    """Sum over a group of municipalities (the country, or one size class) for one taakveld.

    Derived from BudgetLine and rebuilt inside every import, so that per-inhabitant comparisons
    on every budget page are one indexed read instead of an aggregate over 30,000 rows
    (docs/adr/0002-reference-figures.md). Only municipalities that delivered count.
    """

    year = models.PositiveSmallIntegerField()
    document = models.CharField(max_length=12, choices=Document.choices)
    group = models.CharField(max_length=12, help_text="'NL' or a SizeClass value")
    taakveld = models.ForeignKey(Taakveld, on_delete=models.CASCADE, null=True)
    hoofdtaakveld = models.ForeignKey(Hoofdtaakveld, on_delete=models.CASCADE, null=True)
    expenditure_k_eur = models.BigIntegerField()
    income_k_eur = models.BigIntegerField()
    population = models.BigIntegerField()
    municipalities = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["year", "document", "group"])]

    def __str__(self) -> str:
        return (
            f"{self.group} {self.document} {self.year} {self.taakveld_id or self.hoofdtaakveld_id}"
        )


class BudgetCycleMoment(models.Model):
    """A council meeting in the budget cycle where residents can still influence the budget."""

    class Kind(models.TextChoices):
        FRAMEWORK = "kadernota", _("framework memorandum (kadernota / voorjaarsnota)")
        BUDGET = "begroting", _("budget (begroting)")
        ACCOUNTS = "jaarrekening", _("annual accounts (jaarrekening)")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="budget_cycle_moments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date of the council meeting"))
    description = models.CharField(
        _("how residents can take part"),
        max_length=300,
        blank=True,
        help_text=_("E.g. 'Speak at the committee meeting: register two days before.'"),
    )
    url = models.URLField(_("link to the council information"), blank=True)

    class Meta:
        verbose_name = _("budget cycle moment")
        verbose_name_plural = _("budget cycle moments")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"
