"""The open-data files of the catalogue side: municipalities, taakvelden, CBS budget lines, tasks,
contracts and the procurement calendar. Public data only: departments and providers are
organisations; no civil servant's name or e-mail address, not even the contact point's."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.budgets.models import AMOUNT_UNIT, BudgetLine, Taakveld
from uitdaagrecht.catalog.models import Contract, Task
from uitdaagrecht.catalog.services import today
from uitdaagrecht.tenants.models import Municipality

from .datasets_cases import CASE_DATASETS
from .datasets_monitoring import MONITORING_DATASETS
from .tables import CBS_SOURCE, CC_BY, Column, Dataset, site_url

CHUNK = 2000  # rows read from the database at a time: memory stays flat however many there are


def _municipalities():
    return Municipality.objects.order_by("id").iterator(chunk_size=CHUNK)


MUNICIPALITIES = Dataset(
    name="municipalities",
    title=_("Municipalities"),
    description=_("The municipalities of the CBS municipal division, with their page."),
    columns=(
        Column("cbs_code", "string", "CBS code, e.g. GM0363.", lambda m: m.cbs_code),
        Column("name", "string", "Name.", lambda m: m.name),
        Column("slug", "string", "Short name in the platform's URLs.", lambda m: m.slug),
        Column("province", "string", "Province.", lambda m: m.province),
        Column("population", "integer", "Inhabitants (CBS).", lambda m: m.population),
        Column("is_active", "boolean", "Part of the current division.", lambda m: m.is_active),
        Column("page", "string", "The municipality's page.", lambda m: site_url(f"/{m.slug}/")),
    ),
    rows=_municipalities,
    municipality_of=lambda m: m.pk,
)


def _taakvelden():
    return (
        Taakveld.objects.select_related("hoofdtaakveld")
        .order_by("sort_key", "code")
        .iterator(chunk_size=CHUNK)
    )


TAAKVELDEN = Dataset(
    name="taakvelden",
    title=_("Taakvelden"),
    description=_("The Iv3 taakvelden with their hoofdtaakveld and the years their code is valid."),
    columns=(
        Column("code", "string", "Iv3 code, e.g. 5.7 (text: 0.10 is not 0.1).", lambda t: t.code),
        Column("name", "string", "Name.", lambda t: t.name),
        Column("cbs_label", "string", "The label CBS uses.", lambda t: t.cbs_label),
        Column(
            "hoofdtaakveld", "string", "Code of the hoofdtaakveld.", lambda t: t.hoofdtaakveld_id
        ),
        Column(
            "hoofdtaakveld_name",
            "string",
            "Name of the hoofdtaakveld.",
            lambda t: t.hoofdtaakveld.name,
        ),
        Column("valid_from_year", "integer", "First year of the code.", lambda t: t.first_year),
        Column("valid_to_year", "integer", "Last year of the code.", lambda t: t.last_year),
    ),
    rows=_taakvelden,
    municipality_of=None,
)


def _budget_lines():
    return (
        BudgetLine.objects.annotate(code=F("municipality__cbs_code"))
        .order_by("municipality_id", "year", "document", "taakveld_id")
        .values_list(
            "municipality_id",
            "code",
            "year",
            "document",
            "taakveld_id",
            "expenditure_k_eur",
            "income_k_eur",
            "salaries_k_eur",
        )
        .iterator(chunk_size=CHUNK)
    )


_K = f"in {AMOUNT_UNIT}"
BUDGET_LINES = Dataset(
    name="budget-lines",
    title=_("Budget lines (CBS Iv3)"),
    description=_(
        "Expenditure and income per taakveld in the budgets and annual accounts that "
        "municipalities deliver to CBS, in thousands of euros."
    ),
    columns=(
        Column("municipality", "string", "CBS code of the municipality.", lambda r: r[1]),
        Column("year", "integer", "Year.", lambda r: r[2]),
        Column("document", "string", "begroting or jaarrekening.", lambda r: r[3]),
        Column("taakveld", "string", "Iv3 taakveld code.", lambda r: r[4]),
        Column("expenditure_k_eur", "integer", f"Expenditure (lasten), {_K}.", lambda r: r[5]),
        Column("income_k_eur", "integer", f"Income (baten), {_K}.", lambda r: r[6]),
        Column("salaries_k_eur", "integer", f"Of which salaries, {_K}.", lambda r: r[7]),
    ),
    rows=_budget_lines,
    municipality_of=lambda r: r[0],
    temporal=("year",),
    licence=CC_BY,
    source=CBS_SOURCE,
)


def _tasks():
    return (
        Task.objects.select_related("municipality", "department")
        .order_by("municipality_id", "id")
        .iterator(chunk_size=CHUNK)
    )


def _page(task: Task) -> str:
    return site_url(task.get_absolute_url())


TASKS = Dataset(
    name="tasks",
    title=_("Tasks"),
    description=_(
        "The tasks in the municipalities' catalogues and from when they can be taken over."
    ),
    columns=(
        Column("id", "integer", "Identifier.", lambda t: t.pk),
        Column("municipality", "string", "CBS code.", lambda t: t.municipality.cbs_code),
        Column("slug", "string", "Short name, unique per municipality.", lambda t: t.slug),
        Column("title", "string", "Title.", lambda t: t.title),
        Column("description", "string", "What the task is.", lambda t: t.description),
        Column("target_group", "string", "For whom.", lambda t: t.target_group),
        Column("area", "string", "Area.", lambda t: t.area),
        Column("department", "string", "Owning department.", lambda t: t.department.name),
        Column("taakveld", "string", "Iv3 taakveld code.", lambda t: t.taakveld_id),
        Column(
            "challengeable_from",
            "date",
            "First day the task can be taken over; empty when it cannot be challenged.",
            lambda t: t.challengeable_from(today()),
        ),
        Column("blocker", "string", "Why it cannot be challenged, if so.", lambda t: t.blocker),
        Column("blocker_explanation", "string", "Explanation.", lambda t: t.blocker_explanation),
        Column("is_example", "boolean", "Example data, not real.", lambda t: t.is_example),
        Column("updated_at", "datetime", "Last change (UTC).", lambda t: t.updated_at),
        Column("page", "string", "The task's page.", _page),
    ),
    rows=_tasks,
    municipality_of=lambda t: t.municipality_id,
)


def _contracts():
    return (
        Contract.objects.select_related("task__municipality", "provider")
        .order_by("task__municipality_id", "id")
        .iterator(chunk_size=CHUNK)
    )


def _calendar():
    return (
        Contract.objects.filter(end_date__gte=today())
        .select_related("task__municipality", "provider")
        .order_by("task__municipality_id", "end_date", "id")
        .iterator(chunk_size=CHUNK)
    )


_CONTRACT = (
    Column("municipality", "string", "CBS code.", lambda c: c.task.municipality.cbs_code),
    Column("task", "string", "Slug of the task.", lambda c: c.task.slug),
    Column("provider", "string", "Current provider (an organisation).", lambda c: c.provider.name),
    Column("provider_kind", "string", "Kind of provider.", lambda c: c.provider.kind),
    Column(
        "value_per_year_eur", "integer", "Value per year in euros.", lambda c: c.value_per_year_eur
    ),
    Column("end_date", "date", "End date.", lambda c: c.end_date),
    Column("notice_deadline", "date", "Last day to give notice.", lambda c: c.notice_deadline),
)

CONTRACTS = Dataset(
    name="contracts",
    title=_("Contracts"),
    description=_("Contracts with the current providers of tasks: value, dates and notice period."),
    columns=(
        Column("id", "integer", "Identifier.", lambda c: c.pk),
        *_CONTRACT,
        Column("reference", "string", "Contract reference.", lambda c: c.reference),
        Column("start_date", "date", "Start date.", lambda c: c.start_date),
        Column("notice_months", "integer", "Notice period in months.", lambda c: c.notice_months),
        Column("extension_options", "string", "Extension options.", lambda c: c.extension_options),
    ),
    rows=_contracts,
    municipality_of=lambda c: c.task.municipality_id,
    temporal=("start_date", "end_date"),
)

CALENDAR = Dataset(
    name="calendar",
    title=_("Procurement calendar"),
    description=_(
        "Current contracts by end date, with the last day to give notice and the date from "
        "which their task can be challenged."
    ),
    columns=(
        *_CONTRACT,
        Column("task_title", "string", "Title of the task.", lambda c: c.task.title),
        Column(
            "challengeable_from",
            "date",
            "First day the task can be taken over.",
            lambda c: c.task.challengeable_from(today()),
        ),
    ),
    rows=_calendar,
    municipality_of=lambda c: c.task.municipality_id,
    temporal=("notice_deadline", "end_date", "challengeable_from"),
)

DATASETS: tuple[Dataset, ...] = (
    MUNICIPALITIES,
    TAAKVELDEN,
    BUDGET_LINES,
    TASKS,
    CONTRACTS,
    CALENDAR,
    *CASE_DATASETS,
    *MONITORING_DATASETS,
)
BY_NAME = {d.name: d for d in DATASETS}
