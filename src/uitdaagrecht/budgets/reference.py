"""Reference figures: national and size-class totals per taakveld, derived from budget lines."""

from collections import defaultdict

from django.db.models import Sum

from .models import NATIONAL, BudgetDelivery, BudgetLine, ReferenceFigure, SizeClass, Taakveld


def reference_figures_rebuild(*, periods: set[tuple[int, str]]) -> int:
    """Recompute the reference figures of the given (year, document) periods; returns the count.

    Only municipalities that delivered their figures count, so a missing delivery does not pull
    the national average per inhabitant down.
    """
    hoofdtaakveld_of = dict(Taakveld.objects.values_list("code", "hoofdtaakveld_id"))
    figures: list[ReferenceFigure] = []
    for year, document in sorted(periods):
        ReferenceFigure.objects.filter(year=year, document=document).delete()
        groups: dict[str, dict[int, int]] = defaultdict(dict)
        for m_id, population in BudgetDelivery.objects.filter(
            year=year, document=document, delivered=True
        ).values_list("municipality_id", "population"):
            groups[NATIONAL][m_id] = population or 0
            if size := SizeClass.of(population):
                groups[size.value][m_id] = population or 0
        for group, members in groups.items():
            population = sum(members.values())
            per_hoofdtaakveld: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for taakveld_id, expenditure, income in (
                BudgetLine.objects.filter(
                    year=year, document=document, municipality_id__in=list(members)
                )
                .values("taakveld_id")
                .order_by("taakveld_id")
                .annotate(e=Sum("expenditure_k_eur"), i=Sum("income_k_eur"))
                .values_list("taakveld_id", "e", "i")
            ):
                figures.append(
                    ReferenceFigure(
                        year=year,
                        document=document,
                        group=group,
                        taakveld_id=taakveld_id,
                        expenditure_k_eur=expenditure or 0,
                        income_k_eur=income or 0,
                        population=population,
                        municipalities=len(members),
                    )
                )
                totals = per_hoofdtaakveld[hoofdtaakveld_of[taakveld_id]]
                totals[0] += expenditure or 0
                totals[1] += income or 0
            for hoofdtaakveld_id, (expenditure, income) in per_hoofdtaakveld.items():
                figures.append(
                    ReferenceFigure(
                        year=year,
                        document=document,
                        group=group,
                        hoofdtaakveld_id=hoofdtaakveld_id,
                        expenditure_k_eur=expenditure,
                        income_k_eur=income,
                        population=population,
                        municipalities=len(members),
                    )
                )
    ReferenceFigure.objects.bulk_create(figures, batch_size=2000)
    return len(figures)
