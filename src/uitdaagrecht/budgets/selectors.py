"""Reads for the budget pages and the API: a municipality's budget with its comparisons."""

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Sum

from uitdaagrecht.tenants.models import Municipality

from .models import (
    NATIONAL,
    BudgetCycleMoment,
    BudgetDelivery,
    BudgetLine,
    Document,
    Hoofdtaakveld,
    ReferenceFigure,
    SizeClass,
    Taakveld,
)

Period = tuple[int, str]


def available_periods() -> list[Period]:
    """Every (year, document) with data, newest first; begroting before jaarrekening."""
    key = "budgets:periods"
    periods = cache.get(key)
    if periods is None:
        periods = sorted(
            set(BudgetDelivery.objects.values_list("year", "document").distinct()),
            key=lambda p: (-p[0], p[1]),
        )
        cache.set(key, periods, 300)
    return periods


def default_period(periods: list[Period]) -> Period | None:
    """The newest budget: what residents can still influence."""
    budgets = [p for p in periods if p[1] == Document.BUDGET]
    return (budgets or periods or [None])[0]


def previous_period(period: Period, periods: list[Period]) -> Period | None:
    """The same document one year earlier, if there is one."""
    candidate = (period[0] - 1, period[1])
    return candidate if candidate in periods else None


def per_inhabitant(amount_k_eur: int | None, population: int | None) -> float | None:
    if amount_k_eur is None or not population:
        return None
    return amount_k_eur * 1000 / population


def change_percent(current: int | None, previous: int | None) -> float | None:
    if current is None or previous in (None, 0):
        return None
    return (current - previous) / abs(previous) * 100


@dataclass
class Row:
    """One hoofdtaakveld or taakveld in a municipality's budget, with its comparisons."""

    code: str
    name: str
    expenditure: int | None = None
    income: int | None = None
    previous_expenditure: int | None = None
    comparable: bool = True  # False where the 2025 scheme change breaks the comparison
    expenditure_per_inhabitant: float | None = None
    national_per_inhabitant: float | None = None
    size_class_per_inhabitant: float | None = None
    children: list["Row"] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        return (
            change_percent(self.expenditure, self.previous_expenditure) if self.comparable else None
        )


@dataclass
class BudgetOverview:
    municipality: Municipality
    period: Period
    previous: Period | None
    delivered: bool
    previous_delivered: bool
    population: int | None
    size_class: SizeClass | None
    rows: list[Row]
    total: Row
    scheme_changed: bool  # the comparison crosses the 2025 change of the social domain

    @property
    def year(self) -> int:
        return self.period[0]

    @property
    def document(self) -> str:
        return self.period[1]


def budget_overview(
    *, municipality: Municipality, period: Period, periods: list[Period]
) -> BudgetOverview:
    """The budget of one municipality for one period, per hoofdtaakveld and taakveld.

    Queries: deliveries (1), lines of both periods with their taakveld (1), hoofdtaakvelden (1),
    reference figures (1). The same four whatever the number of municipalities.
    """
    year, document = period
    previous = previous_period(period, periods)
    deliveries = {
        (d.year, d.document): d
        for d in BudgetDelivery.objects.filter(
            municipality=municipality,
            year__in=[year] + ([previous[0]] if previous else []),
            document=document,
        )
    }
    current = deliveries.get(period)
    before = deliveries.get(previous) if previous else None
    delivered = bool(current and current.delivered)
    previous_delivered = bool(before and before.delivered)
    population = current.population if current else None
    size_class = SizeClass.of(population)

    lines = BudgetLine.objects.filter(
        municipality=municipality,
        document=document,
        year__in=[year, *([previous[0]] if previous else [])],
    ).select_related("taakveld")
    amounts: dict[Period, dict[str, BudgetLine]] = {}
    for line in lines:
        amounts.setdefault((line.year, line.document), {})[line.taakveld_id] = line
    # Not delivered means unknown: no amounts at all rather than a table of zeros.
    now = amounts.get(period, {}) if delivered else {}
    then = amounts.get(previous, {}) if previous_delivered else {}

    groups = [NATIONAL] + ([size_class.value] if size_class else [])
    reference = {
        (f.group, f.taakveld_id or f"h{f.hoofdtaakveld_id}"): f
        for f in ReferenceFigure.objects.filter(year=year, document=document, group__in=groups)
    }

    def reference_per_inhabitant(group: str | None, key: str) -> float | None:
        figure = reference.get((group, key)) if group else None
        return per_inhabitant(figure.expenditure_k_eur, figure.population) if figure else None

    rows, scheme_changed = _rows(
        now=now,
        then=then,
        previous=previous,
        population=population,
        size_class=size_class,
        reference_per_inhabitant=reference_per_inhabitant,
    )
    total = Row(
        code="",
        name="",
        expenditure=_sum(r.expenditure for r in rows.values()),
        income=_sum(r.income for r in rows.values()),
        previous_expenditure=_sum(r.previous_expenditure for r in rows.values()),
    )
    total.expenditure_per_inhabitant = per_inhabitant(total.expenditure, population)
    return BudgetOverview(
        municipality=municipality,
        period=period,
        previous=previous,
        delivered=delivered,
        previous_delivered=previous_delivered,
        population=population,
        size_class=size_class,
        rows=list(rows.values()),
        total=total,
        scheme_changed=scheme_changed,
    )


def _rows(
    *, now: dict, then: dict, previous, population, size_class, reference_per_inhabitant
) -> tuple[dict[str, "Row"], bool]:
    """The rows per hoofdtaakveld with their taakvelden, and whether the scheme changed since the
    previous period (a taakveld that did not exist then)."""
    scheme_changed = False
    rows: dict[str, Row] = {
        h.code: Row(code=h.code, name=h.name) for h in Hoofdtaakveld.objects.all()
    }
    for code, line in sorted(now.items(), key=lambda item: item[1].taakveld.sort_key):
        taakveld = line.taakveld
        comparable = previous is None or taakveld.exists_in(previous[0])
        scheme_changed |= not comparable
        child = Row(
            code=code,
            name=taakveld.name,
            expenditure=line.expenditure_k_eur,
            income=line.income_k_eur,
            previous_expenditure=then[code].expenditure_k_eur if code in then else None,
            comparable=comparable,
            expenditure_per_inhabitant=per_inhabitant(line.expenditure_k_eur, population),
            national_per_inhabitant=reference_per_inhabitant(NATIONAL, code),
            size_class_per_inhabitant=reference_per_inhabitant(
                size_class and size_class.value, code
            ),
        )
        rows[taakveld.hoofdtaakveld_id].children.append(child)
    for row in rows.values():
        row.expenditure = _sum(c.expenditure for c in row.children)
        row.income = _sum(c.income for c in row.children)
        row.previous_expenditure = _sum(
            line.expenditure_k_eur
            for line in then.values()
            if line.taakveld.hoofdtaakveld_id == row.code
        )
        row.expenditure_per_inhabitant = per_inhabitant(row.expenditure, population)
        row.national_per_inhabitant = reference_per_inhabitant(NATIONAL, f"h{row.code}")
        row.size_class_per_inhabitant = reference_per_inhabitant(
            size_class and size_class.value, f"h{row.code}"
        )
    return rows, scheme_changed


def _sum(values) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass
class TaakveldYear:
    period: Period
    delivered: bool
    expenditure: int | None
    income: int | None
    population: int | None
    per_inhabitant: float | None
    national_per_inhabitant: float | None
    size_class_per_inhabitant: float | None
    rank: int | None = None  # 1 = highest expenditure per inhabitant
    ranked: int = 0


def taakveld_history(*, municipality: Municipality, taakveld: Taakveld) -> list[TaakveldYear]:
    """One taakveld of one municipality in every period, with its national and size-class
    comparison and its rank among all municipalities that delivered.

    Queries: deliveries (1), lines of this taakveld in all municipalities (1), reference (1).
    """
    populations: dict[tuple[int, Period], tuple[int | None, bool]] = {
        (m_id, (y, d)): (population, delivered)
        for m_id, y, d, population, delivered in BudgetDelivery.objects.values_list(
            "municipality_id", "year", "document", "population", "delivered"
        )
    }
    by_period: dict[Period, list[tuple[int, int | None, int | None]]] = {}
    for m_id, y, d, expenditure, income in BudgetLine.objects.filter(taakveld=taakveld).values_list(
        "municipality_id", "year", "document", "expenditure_k_eur", "income_k_eur"
    ):
        by_period.setdefault((y, d), []).append((m_id, expenditure, income))
    reference = {
        ((f.year, f.document), f.group): f
        for f in ReferenceFigure.objects.filter(taakveld=taakveld)
    }
    history = []
    for period in sorted(by_period, key=lambda p: (p[0], p[1])):
        own_population, own_delivered = populations.get((municipality.pk, period), (None, False))
        own = next((row for row in by_period[period] if row[0] == municipality.pk), None)
        ratios = sorted(
            (
                (per_inhabitant(expenditure, populations[(m_id, period)][0]) or 0, m_id)
                for m_id, expenditure, _income in by_period[period]
                if populations.get((m_id, period), (None, False))[1]
            ),
            reverse=True,
        )
        size = SizeClass.of(own_population)
        national = reference.get((period, NATIONAL))
        similar = reference.get((period, size.value)) if size else None
        history.append(
            TaakveldYear(
                period=period,
                delivered=own_delivered,
                expenditure=own[1] if own and own_delivered else None,
                income=own[2] if own and own_delivered else None,
                population=own_population,
                per_inhabitant=per_inhabitant(own[1], own_population)
                if own and own_delivered
                else None,
                national_per_inhabitant=national
                and per_inhabitant(national.expenditure_k_eur, national.population),
                size_class_per_inhabitant=similar
                and per_inhabitant(similar.expenditure_k_eur, similar.population),
                rank=next(
                    (i for i, (_r, m_id) in enumerate(ratios, 1) if m_id == municipality.pk),
                    None,
                ),
                ranked=len(ratios),
            )
        )
    return history


def upcoming_budget_moments(*, municipality: Municipality, today: date) -> list[BudgetCycleMoment]:
    return list(municipality.budget_cycle_moments.filter(date__gte=today).order_by("date")[:5])


def national_total(*, period: Period) -> int | None:
    """Sum of expenditure over all municipalities, as NL01 in the CBS file."""
    return BudgetLine.objects.filter(year=period[0], document=period[1]).aggregate(
        total=Sum("expenditure_k_eur")
    )["total"]
