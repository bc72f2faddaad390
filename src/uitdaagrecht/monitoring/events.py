from django.db import models
from django.utils.translation import gettext_lazy as _


class MonitoringEvent(models.TextChoices):
    """The kinds of timeline event of execution and evaluation."""

    MOMENT = "moment", _("reporting moment added")
    REMINDER = "reminder", _("reminder to report")
    REPORT = "report", _("progress report")
    ACKNOWLEDGED = "report_acknowledged", _("progress report acknowledged")
    EVALUATION = "evaluation", _("evaluation")
    VIEW = "challengers_view", _("the challengers' view for the evaluation")
    FEEDBACK_HIDDEN = "feedback_hidden", _("feedback hidden")
    EVALUATOR = "evaluator_assigned", _("independent evaluator assigned")
