"""The people who follow a public challenge by e-mail hear of its new public progress and of a
published evaluation, as they hear of a new phase (challenges.services.transitions)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from uitdaagrecht.challenges.api import Challenge, Event
from uitdaagrecht.notifications.services import challenge_followers_tell

PROGRESS = (
    _("new progress report"),
    _("a new progress report is public: what was realised against the agreed results."),
)
INTERIM = (
    _("interim evaluation published"),
    _("the interim evaluation is published, with its lessons so far."),
)
FINAL = (
    _("final evaluation published"),
    _("the final evaluation is published, with its conclusion and lessons."),
)


def followers_tell(challenge: Challenge, event: Event, news: tuple) -> None:
    """Queued in the transaction of the change itself (docs/adr/0007): once per follower and
    event, only what the public page shows."""
    subject, text = news
    url = reverse(
        "challenges:detail",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )
    with override(settings.LANGUAGE_CODE):
        challenge_followers_tell(
            challenge=challenge,
            event_pk=event.pk,
            phase_label=str(subject),
            url=url,
            news=str(text),
        )
