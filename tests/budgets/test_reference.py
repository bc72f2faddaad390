"""Reference figures (ADR 2), written by one `INSERT … SELECT` per period, are the sums a reader
would work out from the budget lines: per group (the country, each size class) and taakveld and
hoofdtaakveld, over the municipalities that delivered, an empty amount counting as 0."""

from collections import defaultdict

import pytest

from tests.iv3 import first_codes, load_reference
from uitdaagrecht.budgets.models import (
    NATIONAL,
    BudgetDelivery,
    BudgetLine,
    ReferenceFigure,
    SizeClass,
)

pytestmark = pytest.mark.django_db

VOORNE = "GM1992"  # did not deliver its 2023 budget (all zeros): counts nowhere


def _expected() -> dict[tuple, tuple]:
    groups: dict[tuple, list[str]] = {}
    members: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for d in BudgetDelivery.objects.filter(delivered=True):
        size = SizeClass.of(d.population)
        names = [NATIONAL] + ([size.value] if size else [])
        groups[(d.municipality_id, d.year, d.document)] = names
        for name in names:
            members[(d.year, d.document, name)][0] += d.population or 0
            members[(d.year, d.document, name)][1] += 1
    sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for line in BudgetLine.objects.select_related("taakveld"):
        for name in groups.get((line.municipality_id, line.year, line.document), ()):
            for part in (("t", line.taakveld_id), ("h", line.taakveld.hoofdtaakveld_id)):
                totals = sums[(line.year, line.document, name, *part)]
                totals[0] += line.expenditure_k_eur or 0
                totals[1] += line.income_k_eur or 0
    return {key: (*amounts, *members[key[:3]]) for key, amounts in sums.items()}


def test_the_figures_are_the_sums_of_the_lines_of_those_who_delivered():
    municipalities = [*first_codes(12), VOORNE]
    load_reference(*municipalities)
    BudgetDelivery.objects.filter(municipality__cbs_code=first_codes(1)[0]).update(
        population=None  # no size class: counted in the country only
    )
    # Empty amounts (the real file has none): one municipality's, and a taakveld's everywhere in
    # one period, so that a whole group sums to nothing, which counts as 0.
    BudgetLine.objects.filter(municipality__cbs_code=first_codes(2)[1]).update(
        expenditure_k_eur=None
    )
    BudgetLine.objects.filter(year=2024, document="begroting", taakveld_id="0.1").update(
        expenditure_k_eur=None, income_k_eur=None
    )
    from uitdaagrecht.budgets.reference import reference_figures_rebuild

    periods = set(BudgetDelivery.objects.values_list("year", "document"))
    assert reference_figures_rebuild(periods=periods) == ReferenceFigure.objects.count()
    ours = {
        (
            f.year,
            f.document,
            f.group,
            "t" if f.taakveld_id else "h",
            f.taakveld_id or f.hoofdtaakveld_id,
        ): (f.expenditure_k_eur, f.income_k_eur, f.population, f.municipalities)
        for f in ReferenceFigure.objects.all()
    }
    expected = _expected()
    assert ours == expected
    assert len({key[2] for key in ours}) >= 3  # the country and at least two size classes
    assert ours[(2024, "begroting", NATIONAL, "t", "0.1")][:2] == (0, 0)
    assert not BudgetDelivery.objects.get(
        municipality__cbs_code=VOORNE, year=2023, document="begroting"
    ).delivered
