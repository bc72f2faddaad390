"""E-mail alerts: subscribe without an account, confirm, receive each alert once, unsubscribe."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import DepartmentFactory, MunicipalityFactory
from uitdaagrecht.budgets.models import Hoofdtaakveld, Taakveld
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.notifications.models import SentAlert, Subscription
from uitdaagrecht.notifications.services import (
    RESEND_AFTER,
    alerts_send_due,
    token_hash,
    unsubscribe_token,
)

pytestmark = pytest.mark.django_db
EMAIL = "anna@example.org"
TODAY = timezone.localdate()
LINK = re.compile(r"https?://[^/\s]+(/\S+)")


@pytest.fixture
def place():
    return MunicipalityFactory(name="Zwolle", slug="zwolle")


@pytest.fixture
def groen():
    hoofdtaakveld, _ = Hoofdtaakveld.objects.get_or_create(code="5", defaults={"name": "Sport"})
    return Taakveld.objects.create(code="5.7", name="Openbaar groen", hoofdtaakveld=hoofdtaakveld)


@pytest.fixture
def sport(groen):
    return Taakveld.objects.create(code="5.1", name="Sport", hoofdtaakveld=groen.hoofdtaakveld)


def make_task(place, taakveld, title: str, *, opens_in_days: int | None, **fields) -> Task:
    """A task whose contracts end so that it can be challenged in `opens_in_days` days."""
    bound_until = None
    if opens_in_days is not None:
        bound_until = TODAY + datetime.timedelta(days=opens_in_days - 1)
    return Task.objects.create(
        municipality=place,
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        description="Onderhoud",
        department=DepartmentFactory(municipality=place),
        taakveld=taakveld,
        bound_until=bound_until,
        **fields,
    )


def confirmed(place, email: str = EMAIL, horizon: int = 6, **scope) -> Subscription:
    return Subscription.objects.create(
        municipality=place,
        email=email,
        horizon_months=horizon,
        token_hash=token_hash(email + str(scope)),
        confirmed_at=timezone.now(),
        **scope,
    )


def subscribe_url(place, query: str = "") -> str:
    return reverse("notifications:subscribe", kwargs={"municipality": place.slug}) + query


def subscribe(client, callbacks, place, *, email=EMAIL, horizon=6, scope="municipality", query=""):
    with callbacks(execute=True):
        return client.post(
            subscribe_url(place, query),
            {"email": email, "horizon_months": horizon, "scope": scope},
        )


def run(callbacks) -> tuple[list, str]:
    """One run of the periodic command; the e-mails it sent and what it printed."""
    before = len(mail.outbox)
    out = StringIO()
    with callbacks(execute=True):
        call_command("check_terms", stdout=out)
    return mail.outbox[before:], out.getvalue()


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def test_subscribe_confirm_and_get_exactly_one_alert(
    client, place, groen, django_capture_on_commit_callbacks
):
    make_task(place, groen, "Maaien van bermen", opens_in_days=60)
    response = subscribe(client, django_capture_on_commit_callbacks, place)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "notifications:requested", kwargs={"municipality": "zwolle"}
    )
    assert client.get(response["Location"]).status_code == 200

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.token_hash not in mail.outbox[0].body  # only the secret is in the link
    confirm = link_in(mail.outbox[0])
    assert confirm.startswith("/zwolle/meldingen/bevestigen/")

    # Nothing before confirmation.
    messages, _out = run(django_capture_on_commit_callbacks)
    assert messages == []

    # A mail scanner that opens the link confirms nothing: GET only shows the button.
    page = client.get(confirm)
    assert page.status_code == 200 and b'type="submit"' in page.content
    assert Subscription.objects.get().confirmed_at is None
    assert client.post(confirm).status_code == 302
    assert Subscription.objects.get().confirmed_at is not None
    assert client.post(confirm).status_code == 302  # twice is harmless
    assert 'method="post"' not in client.get(confirm).content.decode()  # "your alerts are on"

    messages, out = run(django_capture_on_commit_callbacks)
    assert len(messages) == 1
    alert = messages[0]
    assert alert.to == [EMAIL] and "Maaien van bermen" in alert.body
    assert "http://127.0.0.1:8000/zwolle/taken/maaien-van-bermen/" in alert.body
    unsubscribe = "http://127.0.0.1:8000" + reverse(
        "notifications:unsubscribe",
        kwargs={"municipality": "zwolle", "token": unsubscribe_token(subscription)},
    )
    assert unsubscribe in alert.body
    assert alert.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "1 subscriptions checked, 1 e-mails queued about 1 events" in out
    assert EMAIL not in out

    again, _out = run(django_capture_on_commit_callbacks)
    assert again == []  # idempotent
    assert SentAlert.objects.count() == 1


def test_a_task_already_open_is_told_once_not_every_day(
    place, groen, django_capture_on_commit_callbacks
):
    make_task(place, groen, "Buurthuis", opens_in_days=None)
    confirmed(place)
    first = alerts_send_due(today=TODAY)
    assert first.emails == first.events == 1
    # challengeable_from() moves with today for an open task; the alert does not.
    tomorrow = alerts_send_due(today=TODAY + datetime.timedelta(days=1))
    assert tomorrow.emails == 0


def test_a_new_task_sends_one_mail(place, groen, django_capture_on_commit_callbacks):
    confirmed(place)
    messages, _out = run(django_capture_on_commit_callbacks)
    assert messages == []
    make_task(place, groen, "Zwembad", opens_in_days=None, blocker="statutory")
    messages, _out = run(django_capture_on_commit_callbacks)
    assert len(messages) == 1 and "Zwembad" in messages[0].body
    assert run(django_capture_on_commit_callbacks)[0] == []


def test_all_news_of_a_run_is_in_one_mail(place, groen, django_capture_on_commit_callbacks):
    make_task(place, groen, "Speeltuinen", opens_in_days=30)
    make_task(place, groen, "Bermen", opens_in_days=90)
    confirmed(place)
    make_task(place, groen, "Hondenuitlaatplaatsen", opens_in_days=400)
    messages, out = run(django_capture_on_commit_callbacks)
    assert len(messages) == 1
    body = messages[0].body
    assert "Speeltuinen" in body and "Bermen" in body and "Hondenuitlaatplaatsen" in body
    assert "3 events" in out


def test_a_task_outside_the_horizon_sends_nothing(place, groen, django_capture_on_commit_callbacks):
    make_task(place, groen, "Groenonderhoud", opens_in_days=200)
    make_task(place, groen, "Gemeentelijke taak", opens_in_days=None, blocker="statutory")
    confirmed(place, "zes@example.org", horizon=6)
    confirmed(place, "twaalf@example.org", horizon=12)
    messages, _out = run(django_capture_on_commit_callbacks)
    assert [m.to for m in messages] == [["twaalf@example.org"]]
    assert "Gemeentelijke taak" not in messages[0].body


def test_a_scope_hears_only_about_its_own_tasks(
    place, groen, sport, django_capture_on_commit_callbacks
):
    maaien = make_task(place, groen, "Maaien", opens_in_days=10)
    make_task(place, groen, "Snoeien", opens_in_days=10)
    make_task(place, sport, "Sporthal", opens_in_days=10)
    make_task(MunicipalityFactory(), groen, "Elders", opens_in_days=10)
    confirmed(place, "taak@example.org", task=maaien)
    confirmed(place, "taakveld@example.org", taakveld=groen)
    confirmed(place, "alles@example.org")
    messages, _out = run(django_capture_on_commit_callbacks)
    bodies = {m.to[0]: m.body for m in messages}
    titles = {
        email: {t for t in ("Maaien", "Snoeien", "Sporthal", "Elders") if f"- {t}" in body}
        for email, body in bodies.items()
    }
    assert titles == {
        "taak@example.org": {"Maaien"},
        "taakveld@example.org": {"Maaien", "Snoeien"},
        "alles@example.org": {"Maaien", "Snoeien", "Sporthal"},
    }


def test_the_task_page_offers_task_taakveld_or_everything(
    client, place, groen, django_capture_on_commit_callbacks
):
    task = make_task(place, groen, "Maaien", opens_in_days=10)
    page = client.get(task.get_absolute_url()).content.decode()
    assert f'href="/zwolle/meldingen/?taak={task.slug}"' in page
    catalogue = client.get(reverse("catalog:catalogue", kwargs={"municipality": "zwolle"}))
    assert 'href="/zwolle/meldingen/"' in catalogue.content.decode()

    form = client.get(subscribe_url(place, f"?taak={task.slug}")).content.decode()
    assert 'value="task"' in form and 'value="taakveld"' in form and 'value="municipality"' in form
    assert "csrfmiddlewaretoken" in form  # this page is never cached
    subscribe(
        client, django_capture_on_commit_callbacks, place, scope="task", query=f"?taak={task.slug}"
    )
    subscribe(
        client, django_capture_on_commit_callbacks, place, scope="taakveld", query="?taakveld=5.7"
    )
    scopes = {(s.task_id, s.taakveld_id) for s in Subscription.objects.all()}
    assert scopes == {(task.pk, None), (None, "5.7")}


def test_unconfirmed_subscriptions_receive_nothing_and_expire(
    client, place, groen, django_capture_on_commit_callbacks
):
    make_task(place, groen, "Maaien", opens_in_days=10)
    subscribe(client, django_capture_on_commit_callbacks, place)
    mail.outbox.clear()
    messages, _out = run(django_capture_on_commit_callbacks)
    assert messages == []
    Subscription.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(days=8))
    _messages, out = run(django_capture_on_commit_callbacks)
    assert "1 unconfirmed requests expired" in out
    assert not Subscription.objects.exists()


def test_one_click_unsubscribe_without_csrf_token(place, groen, django_capture_on_commit_callbacks):
    make_task(place, groen, "Maaien", opens_in_days=10)
    confirmed(place)
    (alert,), _out = run(django_capture_on_commit_callbacks)
    url = alert.extra_headers["List-Unsubscribe"].strip("<>")
    path = LINK.match(url).group(1)
    strict = Client(enforce_csrf_checks=True)

    page = strict.get(path)
    assert page.status_code == 200 and b'method="post"' in page.content
    assert b"csrfmiddlewaretoken" not in page.content
    # What a mail program does (RFC 8058): POST this body to the URL, no cookies, no token.
    response = strict.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists() and not SentAlert.objects.exists()

    make_task(place, groen, "Snoeien", opens_in_days=10)
    assert run(django_capture_on_commit_callbacks)[0] == []
    assert strict.post(path).status_code == 404  # gone: "this link is no longer valid"


def test_a_bad_address_is_refused_kept_and_nothing_is_saved(
    client, place, django_capture_on_commit_callbacks
):
    response = subscribe(client, django_capture_on_commit_callbacks, place, email="anna@@example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Voer een geldig e-mailadres in." in page and 'role="alert"' in page
    assert 'value="anna@@example"' in page and 'aria-invalid="true"' in page
    assert not Subscription.objects.exists() and mail.outbox == []

    empty = subscribe(client, django_capture_on_commit_callbacks, place, email="", horizon=99)
    assert empty.status_code == 400
    assert 'id="id_email_error"' in empty.content.decode()
    assert 'id="id_horizon_months_error"' in empty.content.decode()
    forged_scope = subscribe(client, django_capture_on_commit_callbacks, place, scope="task")
    assert forged_scope.status_code == 400
    assert not Subscription.objects.exists() and mail.outbox == []


def test_hostile_input_is_escaped_and_never_a_500(
    client, place, groen, django_capture_on_commit_callbacks
):
    task = make_task(place, groen, "<script>alert(1)</script>", opens_in_days=10)
    task.slug = "hostile"
    task.save(update_fields=["slug"])
    page = client.get(subscribe_url(place, "?taak=hostile")).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page

    response = subscribe(
        client, django_capture_on_commit_callbacks, place, email='"><script>alert(1)</script>'
    )
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()

    for query in (
        "?taak=%3Cscript%3E",
        "?taak=bestaat-niet",
        "?taakveld=%00",
        "?taakveld=99.99",
        "?taak=a%00b",
    ):
        assert client.get(subscribe_url(place, query)).status_code == 404, query
    assert client.post(subscribe_url(place, "?taak=%00"), {"email": EMAIL}).status_code == 404
    assert client.get("/bestaat-niet/meldingen/").status_code == 404


def test_the_address_never_appears_on_a_page(
    client, place, groen, django_capture_on_commit_callbacks
):
    task = make_task(place, groen, "Maaien", opens_in_days=10)
    subscribe(
        client, django_capture_on_commit_callbacks, place, scope="task", query=f"?taak={task.slug}"
    )
    confirm = link_in(mail.outbox[0])
    subscription = Subscription.objects.get()
    unsubscribe = reverse(
        "notifications:unsubscribe",
        kwargs={"municipality": "zwolle", "token": unsubscribe_token(subscription)},
    )
    pages = [
        client.get(subscribe_url(place)),
        client.get(subscribe_url(place, f"?taak={task.slug}")),
        client.get(reverse("notifications:requested", kwargs={"municipality": "zwolle"})),
        client.get(confirm),
        client.post(confirm, follow=True),
        client.get(unsubscribe),
        client.get(task.get_absolute_url()),
        client.get(reverse("catalog:catalogue", kwargs={"municipality": "zwolle"})),
        client.get("/api/v1/municipalities/"),
        client.post(unsubscribe),
    ]
    for response in pages:
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert EMAIL not in response.content.decode()
        assert "anna@" not in response.content.decode()


def test_forged_unknown_and_expired_tokens_get_a_clear_page(
    client, place, groen, django_capture_on_commit_callbacks
):
    other = MunicipalityFactory(slug="elders")
    subscription = confirmed(place)
    real = unsubscribe_token(subscription)
    wrong = [
        ("confirm", "zwolle", "x"),
        ("confirm", "zwolle", "a" * 500),
        ("unsubscribe", "zwolle", "x"),
        ("unsubscribe", "zwolle", "1-x"),
        ("unsubscribe", "zwolle", f"{subscription.pk}-{'0' * 40}"),
        ("unsubscribe", "zwolle", "99999999999999999999999-abc"),
        ("unsubscribe", "zwolle", "-"),
        ("unsubscribe", "zwolle", "１２-abc"),  # fullwidth digits are digits to isdigit()
        ("unsubscribe", other.slug, real),  # a real token under another municipality
    ]
    for name, slug, token in wrong:
        url = reverse(f"notifications:{name}", kwargs={"municipality": slug, "token": token})
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 404, url
            assert b"utrecht-heading-1" in response.content
    assert Subscription.objects.filter(pk=subscription.pk).exists()

    # A confirmation link works for a week.
    subscribe(client, django_capture_on_commit_callbacks, place, email="bram@example.org")
    confirm = link_in(mail.outbox[-1])
    Subscription.objects.filter(email="bram@example.org").update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert client.get(confirm).status_code == 404
    assert client.post(confirm).status_code == 404
    assert Subscription.objects.get(email="bram@example.org").confirmed_at is None


def test_subscribing_again_makes_no_duplicate_and_reveals_nothing(
    client, place, django_capture_on_commit_callbacks
):
    first = subscribe(client, django_capture_on_commit_callbacks, place, horizon=6)
    # Within a few minutes: the same answer, but no second e-mail (no flooding someone's inbox).
    second = subscribe(client, django_capture_on_commit_callbacks, place, email="Anna@Example.org ")
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 1 and Subscription.objects.count() == 1

    Subscription.objects.update(confirmation_sent_at=timezone.now() - RESEND_AFTER)
    subscribe(client, django_capture_on_commit_callbacks, place, horizon=3)
    assert len(mail.outbox) == 2 and Subscription.objects.count() == 1
    assert client.get(link_in(mail.outbox[0])).status_code == 404  # the old link is replaced
    client.post(link_in(mail.outbox[1]))
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None and subscription.horizon_months == 3

    # Already confirmed: the same answer; the new horizon waits for its own confirmation.
    Subscription.objects.update(confirmation_sent_at=timezone.now() - RESEND_AFTER)
    third = subscribe(client, django_capture_on_commit_callbacks, place, horizon=12)
    assert third["Location"] == first["Location"] and len(mail.outbox) == 3
    assert Subscription.objects.get().horizon_months == 3
    client.post(link_in(mail.outbox[2]))
    assert Subscription.objects.get().horizon_months == 12
    assert Subscription.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # e-mails leave after a real commit
def test_the_command_sends_after_commit(place, groen):
    make_task(place, groen, "Maaien", opens_in_days=10)
    confirmed(place)
    call_command("check_terms", stdout=StringIO())
    assert len(mail.outbox) == 1
    call_command("check_terms", stdout=StringIO())
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_confirmation_mail_leaves_after_a_real_commit(client, place):
    client.post(
        subscribe_url(place), {"email": EMAIL, "horizon_months": 6, "scope": "municipality"}
    )
    assert len(mail.outbox) == 1


def test_query_count_of_check_terms_does_not_grow(
    place, groen, sport, django_capture_on_commit_callbacks
):
    """Tasks and subscriptions tenfold, the same queries. Per batch of 500 subscriptions: lock
    the batch with its municipality, task and taakveld (1), candidate tasks with their
    municipality (1), events already sent (1), record the new ones (1: one INSERT per 333 rows on
    SQLite, so that grows with the number of events, never with tasks or subscriptions as such);
    plus the expired requests (1), queueing the e-mails (1) and the transaction's savepoints. A
    second run: the same reads, nothing to record. Sending is the queue worker's work, after the
    commit: not counted here."""

    def measure(count: int) -> tuple[int, int]:
        SentAlert.objects.all().delete()
        Subscription.objects.all().delete()
        Task.objects.all().delete()
        elsewhere = MunicipalityFactory()
        for n in range(count):
            task = make_task(place, groen if n % 2 else sport, f"Taak {n}", opens_in_days=20 + n)
            make_task(elsewhere, groen, f"Elders {n}", opens_in_days=20 + n)
            confirmed(place, f"taak{n}@example.org", task=task)
        confirmed(place, "alles@example.org")
        confirmed(elsewhere, "groen@example.org", taakveld=groen)
        counts = []
        for _run in range(2):
            with (
                CaptureQueriesContext(connection) as queries,
                django_capture_on_commit_callbacks(execute=False),
            ):
                report = alerts_send_due(today=TODAY)
            counts.append(len(queries))
        assert report.emails == 0 and SentAlert.objects.count() == 3 * count
        return tuple(counts)

    assert measure(30) == measure(3)


def test_the_subscribe_page_costs_a_fixed_number_of_queries(
    client, place, groen, django_assert_num_queries
):
    task = make_task(place, groen, "Maaien", opens_in_days=10)
    with django_assert_num_queries(2):  # the municipality; the task with its taakveld
        assert client.get(subscribe_url(place, f"?taak={task.slug}")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_alert_once(place, groen):
    """Two cron runs that overlap share the work (SKIP LOCKED) instead of doing it twice."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writing transaction at a time anyway")
    import threading

    from django.db import connections

    make_task(place, groen, "Maaien", opens_in_days=10)
    for n in range(40):
        confirmed(place, f"p{n}@example.org", horizon=3)
    barrier = threading.Barrier(2)
    reports = []

    def run_once() -> None:
        try:
            barrier.wait()
            reports.append(alerts_send_due(today=TODAY, batch_size=5))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reports) == 2  # neither run failed, e.g. on the unique constraint
    assert sum(r.emails for r in reports) == 40
    assert len(mail.outbox) == 40 and len({m.to[0] for m in mail.outbox}) == 40
    assert SentAlert.objects.count() == 40
