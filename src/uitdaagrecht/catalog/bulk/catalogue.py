"""What the rows of an import refer to, fetched once for the whole file."""

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.utils.text import slugify
from django.utils.translation import gettext as _

from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.tenants.models import Department, Municipality

from ..models import Contract, Finance, Indicator, IndicatorValue, Provider, Task
from .cells import Cell, Invalid, cell_text, is_number, title_key
from .columns import KIND_WORDS, WORD_OF_KIND


class Catalogue:
    """Everything the rows refer to, fetched once: six queries for any number of rows (eight
    when the file has results)."""

    def __init__(self, municipality: Municipality, *, indicators: bool = False) -> None:
        self.municipality = municipality
        departments = list(Department.objects.filter(municipality=municipality).order_by("name"))
        self.departments = {d.name.strip().casefold(): d for d in departments}
        self.department_names = [d.name for d in departments]
        self.department_by_id = {d.pk: d for d in departments}
        taakvelden = list(Taakveld.objects.all())
        self.taakvelden = {t.code.lower(): t for t in taakvelden}
        self.by_number: dict[Decimal, list[str]] = defaultdict(list)
        for taakveld in taakvelden:
            try:
                self.by_number[Decimal(taakveld.code)].append(taakveld.code)
            except InvalidOperation:
                continue  # codes with a letter, e.g. 6.71a: Excel leaves them as text
        self.providers = {
            p.name.strip().casefold(): p for p in Provider.objects.filter(municipality=municipality)
        }
        tasks = list(Task.objects.filter(municipality=municipality))
        self.slugs = {task.slug for task in tasks}
        self.tasks_by_slug = {task.slug: task for task in tasks}
        self.tasks_by_key: dict[str, list[Task]] = defaultdict(list)
        for task in tasks:
            self.tasks_by_key[title_key(task.title)].append(task)
        self.contracts: dict[int, list[Contract]] = defaultdict(list)
        for contract in Contract.objects.filter(task__municipality=municipality).order_by("pk"):
            self.contracts[contract.task_id].append(contract)
        self.finances = {
            (finance.task_id, finance.year): finance
            for finance in Finance.objects.filter(task__municipality=municipality)
        }
        # Results and their values: two queries more, only for a file with results.
        self.indicators: dict[tuple[int, str], Indicator] = {}
        self.indicator_values: dict[int, dict[int, IndicatorValue]] = defaultdict(dict)
        if indicators:
            for indicator in Indicator.objects.filter(task__municipality=municipality):
                self.indicators[(indicator.task_id, indicator.name.strip().casefold())] = indicator
            for value in IndicatorValue.objects.filter(indicator__task__municipality=municipality):
                self.indicator_values[value.indicator_id][value.year] = value
        self.kinds = {slugify(word): kind for word, kind in KIND_WORDS.items()}
        for kind in Provider.Kind:
            self.kinds.setdefault(slugify(kind.value), kind.value)
            self.kinds.setdefault(slugify(str(kind.label)), kind.value)

    def department(self, cell: Cell) -> Department:
        found = self.departments.get(cell_text(cell).casefold())
        if found is not None:
            return found
        if not self.department_names:
            raise Invalid(
                _("There are no departments yet: add them in the workspace first, then import.")
            )
        names = self.department_names[:15]
        more = "…" if len(self.department_names) > len(names) else ""
        raise Invalid(
            _("Unknown department. The departments are: {names}.").format(
                names=", ".join(names) + more
            )
        )

    def taakveld(self, cell: Cell) -> Taakveld:
        text = cell_text(cell).lstrip("'")
        numeric = is_number(cell) or ("," in text and "." not in text)
        if not numeric:
            code = text.split()[0].lower() if text else ""  # "7.1 Volksgezondheid" is fine too
            found = self.taakvelden.get(code)
            if found is None:
                raise Invalid(
                    _("Unknown Iv3 taakveld code. Write the code as text, e.g. 7.1 or 0.10.")
                )
            return found
        # Excel turned the code into a number: 0.10 became 0.1 (and "0,1" in a Dutch CSV).
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation as error:
            raise Invalid(_("Unknown Iv3 taakveld code.")) from error
        codes = self.by_number.get(number, []) if number.is_finite() else []
        if len(codes) == 1:
            return self.taakvelden[codes[0].lower()]
        if len(codes) > 1:
            raise Invalid(
                _(
                    "Excel turned this code into the number {number}, which can be taakveld "
                    "{codes}. Format the column as text and type the code again."
                ).format(number=text, codes=_(" or ").join(codes))
            )
        raise Invalid(
            _(
                "Unknown Iv3 taakveld code. Excel may have turned it into a number: format the "
                "column as text and type the code again."
            )
        )

    def kind(self, cell: Cell) -> str:
        found = self.kinds.get(slugify(cell_text(cell)))
        if found is None:
            raise Invalid(
                _("Unknown kind of provider. Choose one of: {kinds}.").format(
                    kinds=", ".join(WORD_OF_KIND.values())
                )
            )
        return found
