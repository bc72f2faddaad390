from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentEvent(models.TextChoices):
    """The kinds of timeline event the assessment writes."""

    ADVICE_REQUESTED = "advice_requested", _("advice requested")
    ADVICE = "advice", _("advice given")
    SCORES = "scores", _("scores submitted")
    DECISION_CORRECTED = "decision_corrected", _("decision corrected")
