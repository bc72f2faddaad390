"""Reference figures: national and size-class totals per taakveld, derived from budget lines."""

from django.db import connection

from .models import NATIONAL, BudgetDelivery, BudgetLine, ReferenceFigure, SizeClass, Taakveld


def _size_class_sql(column: str) -> tuple[str, dict]:
    """SizeClass.of as a SQL CASE expression, built from the same bounds (named parameters)."""
    whens, params = [], {}
    for number, (limit, size) in enumerate(SizeClass.bounds()):
        params[f"size_{number}"] = size.value
        if limit is None:
            whens.append(f"ELSE %(size_{number})s")
        else:
            whens.append(f"WHEN {column} < %(limit_{number})s THEN %(size_{number})s")
            params[f"limit_{number}"] = limit
    return f"CASE WHEN {column} IS NULL THEN NULL {' '.join(whens)} END", params


def reference_figures_rebuild(*, periods: set[tuple[int, str]]) -> int:
    """Recompute the reference figures of the given (year, document) periods; returns the count.

    Only municipalities that delivered their figures count, so a missing delivery does not pull
    the national average per inhabitant down. One `INSERT … SELECT` per period, on SQLite and
    PostgreSQL alike: the country and each size class (the members: population and number of
    municipalities that delivered), per taakveld and per hoofdtaakveld (the sum of its
    taakvelden); an amount left empty counts as 0.
    """
    size_class, size_params = _size_class_sql("d.population")
    tables = {
        "lines": BudgetLine._meta.db_table,
        "deliveries": BudgetDelivery._meta.db_table,
        "taakvelden": Taakveld._meta.db_table,
        "figures": ReferenceFigure._meta.db_table,
    }
    sql = _REBUILD.format(size_class=size_class, **tables)
    count = 0
    with connection.cursor() as cursor:
        for year, document in sorted(periods):
            ReferenceFigure.objects.filter(year=year, document=document).delete()
            cursor.execute(
                sql, {"nation": NATIONAL, "year": year, "document": document, **size_params}
            )
            count += cursor.rowcount
    return count


# `d`: the municipalities that delivered, with their size class (none without a population);
# `per_size`: the sums per size class and taakveld; `sums`: those of each size class and of the
# country (all classes, and municipalities without a class, together) per taakveld.
_REBUILD = """
INSERT INTO {figures} (year, document, "group", taakveld_id, hoofdtaakveld_id,
    expenditure_k_eur, income_k_eur, population, municipalities)
WITH d AS (
    SELECT d.municipality_id, d.year, d.document, d.population, {size_class} AS size
    FROM {deliveries} d WHERE d.year = %(year)s AND d.document = %(document)s AND d.delivered
), members AS (
    SELECT %(nation)s AS grp, SUM(COALESCE(population, 0)) AS population,
        COUNT(*) AS municipalities FROM d
    UNION ALL
    SELECT size, SUM(population), COUNT(*) FROM d WHERE size IS NOT NULL GROUP BY size
), per_size AS (
    SELECT d.size, l.taakveld_id, COALESCE(SUM(l.expenditure_k_eur), 0) AS expenditure,
        COALESCE(SUM(l.income_k_eur), 0) AS income
    FROM {lines} l JOIN d ON d.municipality_id = l.municipality_id AND d.year = l.year
        AND d.document = l.document
    GROUP BY d.size, l.taakveld_id
), sums AS (
    SELECT size AS grp, taakveld_id, expenditure, income FROM per_size WHERE size IS NOT NULL
    UNION ALL
    SELECT %(nation)s, taakveld_id, SUM(expenditure), SUM(income) FROM per_size
    GROUP BY taakveld_id
)
SELECT %(year)s, %(document)s, s.grp, s.taakveld_id, NULL, s.expenditure, s.income,
    m.population, m.municipalities
FROM sums s JOIN members m ON m.grp = s.grp
UNION ALL
SELECT %(year)s, %(document)s, s.grp, NULL, t.hoofdtaakveld_id, SUM(s.expenditure),
    SUM(s.income), m.population, m.municipalities
FROM sums s JOIN members m ON m.grp = s.grp JOIN {taakvelden} t ON t.code = s.taakveld_id
GROUP BY s.grp, t.hoofdtaakveld_id, m.population, m.municipalities
"""
