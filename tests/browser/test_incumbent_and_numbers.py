"""Issue 14 in Chromium, in Dutch and in English, with axe under the real CSP: the assessment
pages name the current provider (staff and public), and the catalogue's form for an indicator's
values takes numbers the Dutch way, keeps what was typed with the reason, and shows it back."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.browser.support import CHROMIUM, log_in
from tests.browser.test_accessibility import LANGUAGES, Sweep

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


def _task_with_a_running_contract():
    from uitdaagrecht.catalog.models import Task

    today = timezone.localdate()
    for task in Task.objects.filter(municipality__slug="zwolle").order_by("pk"):
        running = task.contracts.filter(start_date__lte=today, end_date__gte=today)
        if running.exists():
            return task, sorted({c.provider.name for c in running.select_related("provider")})
    raise AssertionError("the demo catalogue has a task with a running contract")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_current_provider_is_named_where_it_is_compared(
    page, base_url, site_data, without_2fa, language
):
    from uitdaagrecht.catalog.services import part_save
    from uitdaagrecht.challenges.models import Challenge

    prefix, data = LANGUAGES[language], site_data.challenges
    task, names = _task_with_a_running_contract()
    # The decided challenge is about a catalogue task; saving a contract through the catalogue
    # is what a municipality does, and what drops the cached public page.
    Challenge.objects.get(reference=data.agreed).tasks.add(task)
    contract = task.contracts.order_by("pk").first()
    part_save(obj=contract, task=task, municipality=task.municipality, actor=None)
    cache.clear()
    name = " en ".join(names) if language == "nl" else " and ".join(names)
    compared = {
        "nl": f"De uitdagers worden vergeleken met de huidige uitvoerder: {name}.",
        "en": f"The challengers are compared with the current provider: {name}.",
    }[language]
    column = {"nl": "Huidige uitvoerder", "en": "Current provider"}[language]

    sweep = Sweep(page, base_url, language)
    sweep.visit(f"{base_url}{prefix}/zwolle/uitdagingen/{data.agreed}/")
    assert compared in page.locator("main").inner_text()
    heading = page.locator("main table thead th").last.inner_text()
    assert column in heading and name in heading

    log_in(
        page, base_url, site_data.coordinator_email, site_data.coordinator_password, prefix=prefix
    )
    sweep.visit(f"{base_url}{prefix}/zwolle/beheer/uitdagingen/{data.agreed}/beoordeling/")
    assert compared in page.locator("main").inner_text()
    heading = page.locator("main table thead th").last.inner_text()
    assert column in heading and name in heading
    sweep.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_indicator_values_the_dutch_way(page, base_url, site_data, without_2fa, language):
    from uitdaagrecht.catalog.models import Indicator

    prefix = LANGUAGES[language]
    indicator = Indicator.objects.filter(
        task__municipality__slug="zwolle", unit="rapportcijfer"
    ).first()
    kwargs = {"municipality": "zwolle", "task_pk": indicator.task_id}
    new = reverse("workspace:catalog_value_new", kwargs=kwargs | {"indicator_pk": indicator.pk})
    sweep = Sweep(page, base_url, language)
    log_in(page, base_url, site_data.admin_email, site_data.admin_password, prefix=prefix)
    sweep.visit(f"{base_url}{prefix}{new}")
    page.fill("#id_year", "2030")
    page.fill("#id_target", "7,5")
    page.fill("#id_realised", "12,5")
    sweep.submit("main form.ou-form", f"{prefix}{new} (POST, a mark of 12,5)")
    assert page.locator("#id_target").input_value() == "7,5", "nothing typed is lost"
    assert page.locator("#id_realised").input_value() == "12,5"
    assert page.locator("#id_realised").get_attribute("aria-invalid") == "true"
    reason = {"nl": "een waarde van 1 tot 10", "en": "a value from 1 to 10"}[language]
    assert reason in page.locator("main").inner_text()

    page.fill("#id_realised", "8,25")
    with page.expect_navigation():
        page.locator("main form.ou-form button[type=submit]").click()
    value = indicator.values.get(year=2030)
    assert (str(value.target), str(value.realised)) == ("7.50", "8.25")
    edit = reverse(
        "workspace:catalog_value_edit",
        kwargs=kwargs | {"indicator_pk": indicator.pk, "pk": value.pk},
    )
    sweep.visit(f"{base_url}{prefix}{edit}")
    assert page.locator("#id_target").input_value() == "7,5"
    assert page.locator("#id_realised").input_value() == "8,25"
    sweep.assert_clean()
