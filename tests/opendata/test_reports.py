"""'Klopt dit niet?': anyone reports an error from a task, taakveld or challenge page; the report
waits in the queue of the municipality's coordinators and admins with a term; the answer is
public on the page, never who reported it; rate-limited; refused clearly."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CatalogFactory,
    ChallengeFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.core.models import OutgoingMail
from uitdaagrecht.opendata.models import ErrorReport
from uitdaagrecht.opendata.reports import TERM_DAYS

pytestmark = pytest.mark.django_db
SECRET = "melder@example.org"


@pytest.fixture
def place(settings):
    settings.STAFF_2FA_REQUIRED = False
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    taakvelden_load()
    return MunicipalityFactory(slug="hier", name="Hier")


@pytest.fixture
def catalog(place):
    return CatalogFactory(municipality=place)


def report(client, subject, key, **fields):
    data = {
        "about": f"{subject}:{key}",  # as the form sends it (hidden when there is one choice)
        "wrong": "Het bedrag klopt niet.",
        "should_be": "Het is 90.000 euro.",
        **fields,
    }
    return client.post(f"/hier/klopt-dit-niet/?over={subject}&id={key}", data)


def test_a_report_on_a_task_is_answered_and_the_outcome_is_public(client, place, catalog):
    task, contract = catalog["task"], catalog["contract"]
    page = client.get(task.get_absolute_url()).content.decode()
    link = f"/hier/klopt-dit-niet/?over=task&amp;id={task.pk}"
    assert link in page and "Klopt dit niet?" in page
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f"contract:{contract.pk}" in form  # the task or one of its contracts

    response = report(client, "task", task.pk, about=f"contract:{contract.pk}", email=SECRET)
    assert response.status_code == 302
    assert "binnen 14 dagen" in client.get(response["Location"]).content.decode()
    item = ErrorReport.objects.get()
    assert item.subject == "contract" and item.page == task.get_absolute_url()
    assert (item.due_at - item.created_at).days == TERM_DAYS

    coordinator = StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user
    client.force_login(coordinator)
    queue = client.get("/hier/beheer/meldingen-gegevens/").content.decode()
    assert "Het bedrag klopt niet." in queue and SECRET not in queue
    answered = client.post(
        f"/hier/beheer/meldingen-gegevens/{item.pk}/",
        {"outcome": "corrected", "answer": "Op 5 december verbeterd: de waarde is 90.000."},
    )
    assert answered.status_code == 302
    mail = OutgoingMail.objects.get(purpose="error_report_answer")
    assert mail.to == SECRET and "90.000" in mail.body
    item.refresh_from_db()
    assert item.email == "" and item.answered_by == coordinator

    client.logout()
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Op 5 december verbeterd" in page and "gecorrigeerd" in page.lower()
    assert SECRET not in page and "Het bedrag klopt niet." not in page


def test_a_report_on_budget_figures_explains_where_cbs_figures_come_from(client, place):
    page = client.get("/hier/begroting/5.7/").content.decode()
    assert "/hier/klopt-dit-niet/?over=taakveld&amp;id=5.7" in page
    form = client.get("/hier/klopt-dit-niet/?over=taakveld&id=5.7").content.decode()
    assert "Iv3-levering" in form
    response = report(client, "taakveld", "5.7")
    assert "Iv3-levering" in client.get(response["Location"]).content.decode()
    assert ErrorReport.objects.get().label.startswith("5.7 ")


def test_only_public_challenges_can_be_reported(client, place, catalog):
    owner = UserFactory()
    organisation = OrganisationFactory(owner=owner)
    public = ChallengeFactory(municipality=place, organisation=organisation, task=catalog["task"])
    draft = ChallengeFactory(municipality=place, organisation=organisation, submitted=False)
    assert (
        "klopt-dit-niet/?over=challenge"
        in client.get(f"/hier/uitdagingen/{public.reference}/").content.decode()
    )
    assert report(client, "challenge", public.reference).status_code == 302
    assert report(client, "challenge", draft.reference or "x").status_code == 404
    other = MunicipalityFactory(slug="elders")
    assert (
        client.get(f"/elders/klopt-dit-niet/?over=challenge&id={public.reference}").status_code
        == 404
    )
    assert other.error_reports.count() == 0


def test_bad_input_gets_a_clear_dutch_message(client, place, catalog):
    task = catalog["task"]
    response = report(client, "task", task.pk, wrong="", email="geen-adres")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Dit veld is verplicht." in text and "geldig e-mailadres" in text
    assert client.get("/hier/klopt-dit-niet/?over=iets&id=1").status_code == 404
    assert client.get("/hier/klopt-dit-niet/?over=task&id=abc").status_code == 404
    assert ErrorReport.objects.count() == 0


def test_reports_are_rate_limited_per_address(client, place, catalog):
    task = catalog["task"]
    for _n in range(5):
        assert report(client, "task", task.pk).status_code == 302
    refused = report(client, "task", task.pk)
    assert refused.status_code == 429
    assert "Probeer het later opnieuw" in refused.content.decode()
    assert ErrorReport.objects.count() == 5


def test_only_the_municipalitys_coordinators_and_admins_see_the_queue(client, place, catalog):
    report(client, "task", catalog["task"].pk)
    item = ErrorReport.objects.get()
    urls = ["/hier/beheer/meldingen-gegevens/", f"/hier/beheer/meldingen-gegevens/{item.pk}/"]
    assert client.get(urls[0]).status_code == 302  # to the login page
    elsewhere = MunicipalityFactory(slug="elders")
    refused = [
        UserFactory(),
        StaffRoleFactory(municipality=place, role=Role.ASSESSOR).user,
        StaffRoleFactory(municipality=elsewhere, role=Role.COORDINATOR).user,
    ]
    for user in refused:
        client.force_login(user)
        assert [client.get(u).status_code for u in urls] == [403, 403]
    for role in (Role.COORDINATOR, Role.MUNICIPAL_ADMIN):
        client.force_login(StaffRoleFactory(municipality=place, role=role).user)
        assert [client.get(u).status_code for u in urls] == [200, 200]
    # a report of another municipality is not found from this one
    other = ErrorReport.objects.create(
        municipality=elsewhere,
        subject="task",
        key="1",
        label="x",
        page="/",
        wrong="x",
        due_at=item.due_at,
    )
    assert client.get(f"/hier/beheer/meldingen-gegevens/{other.pk}/").status_code == 404
    bad = client.post(urls[1], {"outcome": "misschien", "answer": ""})
    assert bad.status_code == 400 and "Dit veld is verplicht." in bad.content.decode()


def test_the_task_page_costs_the_same_queries_with_more_outcomes(client, place, catalog, settings):
    # The whole page rendered each time: a kept fragment would hide what the outcomes cost.
    settings.FRAGMENT_CACHE_SECONDS = 0
    task = catalog["task"]
    coordinator = StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(task.get_absolute_url()).status_code == 200
        return len(queries)

    from uitdaagrecht.opendata.reports import report_answer, report_create, targets_of

    def grow(times: int) -> None:
        target = targets_of(municipality=place, subject="task", key=str(task.pk))[0]
        for n in range(times):
            item = report_create(municipality=place, target=target, wrong=f"Fout {n}")
            report_answer(report=item, actor=coordinator, outcome="not_corrected", answer="Klopt.")

    grow(1)
    one = count()
    grow(5)
    assert count() == one
