"""Reference figures: national and size-class totals per taakveld, derived from budget lines."""

from collections import defaultdict

from django.db import connection

from .models import (
    NATIONAL,
    BudgetDelivery,
    BudgetLine,
    ReferenceFigure,
    SizeClass,
    Taakveld,
)


def _size_class_sql(column: str) -> tuple[str, list]:
    """SizeClass.of as a SQL CASE expression, built from the same bounds."""
    whens, params = [], []
    for limit, size in SizeClass.bounds():
        if limit is None:
            whens.append("ELSE %s")
            params.append(size.value)
        else:
            whens.append(f"WHEN {column} < %s THEN %s")
            params += [limit, size.value]
    return f"CASE WHEN {column} IS NULL THEN NULL {' '.join(whens)} END", params


def reference_figures_rebuild(*, periods: set[tuple[int, str]]) -> int:
    """Recompute the reference figures of the given (year, document) periods; returns the count.

    Only municipalities that delivered their figures count, so a missing delivery does not pull
    the national average per inhabitant down. One grouped query per period.
    """
    hoofdtaakveld_of = dict(Taakveld.objects.values_list("code", "hoofdtaakveld_id"))
    lines, deliveries = BudgetLine._meta.db_table, BudgetDelivery._meta.db_table
    size_class, size_params = _size_class_sql("d.population")
    figures: list[ReferenceFigure] = []
    for year, document in sorted(periods):
        ReferenceFigure.objects.filter(year=year, document=document).delete()
        members: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # population, count
        for population in BudgetDelivery.objects.filter(
            year=year, document=document, delivered=True
        ).values_list("population", flat=True):
            for group in (NATIONAL, getattr(SizeClass.of(population), "value", None)):
                if group:
                    members[group][0] += population or 0
                    members[group][1] += 1
        sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT l.taakveld_id, {size_class}, "  # noqa: S608 - names from code
                "SUM(l.expenditure_k_eur), SUM(l.income_k_eur) "
                f"FROM {lines} l JOIN {deliveries} d ON d.municipality_id = l.municipality_id "
                "AND d.year = l.year AND d.document = l.document "
                "WHERE l.year = %s AND l.document = %s AND d.delivered "
                "GROUP BY l.taakveld_id, 2",
                [*size_params, year, document],
            )
            for taakveld_id, group, expenditure, income in cursor.fetchall():
                for key in ((NATIONAL, taakveld_id), (group, taakveld_id)):
                    if key[0]:
                        sums[key][0] += expenditure or 0
                        sums[key][1] += income or 0
        per_hoofdtaakveld: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for (group, taakveld_id), (expenditure, income) in sums.items():
            totals = per_hoofdtaakveld[(group, hoofdtaakveld_of[taakveld_id])]
            totals[0] += expenditure
            totals[1] += income
        for target, field in ((sums, "taakveld_id"), (per_hoofdtaakveld, "hoofdtaakveld_id")):
            for (group, code), (expenditure, income) in target.items():
                figures.append(
                    ReferenceFigure(
                        year=year,
                        document=document,
                        group=group,
                        expenditure_k_eur=expenditure,
                        income_k_eur=income,
                        population=members[group][0],
                        municipalities=members[group][1],
                        **{field: code},
                    )
                )
    ReferenceFigure.objects.bulk_create(figures, batch_size=2000)
    return len(figures)
