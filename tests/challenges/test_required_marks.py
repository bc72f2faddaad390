"""Required fields are marked on every step of the challenge form, and the list of what is missing
(step 6) links to the field itself, which then has the focus and says it is still empty."""

import re

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.services.drafts import REQUIRED_FOR_SUBMIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    place = MunicipalityFactory()
    resident = UserFactory()
    challenge = services.draft_start(
        municipality=place,
        organisation=OrganisationFactory(owner=resident),
        actor=resident,
        title="Park van de buurt",
    )
    client.force_login(resident)

    def step(n: int) -> str:
        return reverse(
            "challenges:draft_step",
            kwargs={"municipality": place.slug, "pk": challenge.pk, "step": n},
        )

    return challenge, step


def _marked(page: str) -> set[str]:
    """The ids of the fields whose label or legend says "(verplicht)"."""
    labels = re.findall(r'<label[^>]*for="id_(\w+)"[^>]*>[^<]*<span class="ou-required">', page)
    legends = re.findall(
        r'<legend[^>]*>[^<]*<span class="ou-required">.*?name="(\w+)"', page, flags=re.S
    )
    return set(labels) | set(legends)


def test_every_step_marks_what_submitting_needs(client, draft):
    _challenge, step = draft
    marked = set()
    for n in range(1, 5):
        page = client.get(step(n)).content.decode()
        assert "(verplicht)" in page
        assert "Velden met “(verplicht)” moeten ingevuld zijn voordat u indient." in page
        marked |= _marked(page)
    assert marked == set(REQUIRED_FOR_SUBMIT)


def test_a_step_still_saves_with_required_fields_empty(client, draft):
    challenge, step = draft
    response = client.post(step(2), {"summary": "", "area": "Assendorp"})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.area == "Assendorp"


def test_the_missing_list_links_to_the_field_which_gets_focus_and_is_marked(client, draft):
    _challenge, step = draft
    page = client.get(step(6)).content.decode()
    summary = f"{step(2)}?ontbreekt=summary#id_summary"
    assert f'href="{summary}"' in page
    assert f'href="{step(1)}?ontbreekt=mode#id_mode_0"' in page
    assert f'href="{step(1)}?ontbreekt=other_task#id_other_task"' in page

    response = client.get(summary.split("#")[0])
    assert response.status_code == 200
    page = response.content.decode()
    textarea = re.search(r"<textarea[^>]*id=\"id_summary\"[^>]*>", page).group(0)
    assert 'aria-invalid="true"' in textarea
    assert "autofocus" in textarea
    assert "Nog leeg: vul dit in voordat u indient." in page
    assert "Niet opgeslagen" not in page  # nothing was posted: no error summary
    # Only that field.
    assert page.count('aria-invalid="true"') == 1


def test_a_missing_choice_marks_the_group_without_focusing_every_option(client, draft):
    _challenge, step = draft
    page = client.get(f"{step(1)}?ontbreekt=mode").content.decode()
    radios = re.findall(r'<input type="radio"[^>]*name="mode"[^>]*>', page)
    assert radios and all('aria-invalid="true"' in radio for radio in radios)
    assert "autofocus" not in page


def test_an_unknown_field_in_the_link_changes_nothing(client, draft):
    _challenge, step = draft
    response = client.get(f"{step(2)}?ontbreekt=<script>")
    assert response.status_code == 200
    assert 'aria-invalid="true"' not in response.content.decode()
