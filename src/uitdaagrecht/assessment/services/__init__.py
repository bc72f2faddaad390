"""Writes for the assessment, by concept: frameworks, advice, scores and decisions."""

from .advice import ADVICE_STATES, advice_give, advice_overdue_escalate, advice_request
from .decisions import decide, decision_correct
from .frameworks import (
    DEFAULT_LEVELS,
    criterion_delete,
    criterion_save,
    framework_draft,
    framework_publish,
    framework_update,
)
from .scores import scorecard_save

__all__ = [
    "ADVICE_STATES",
    "DEFAULT_LEVELS",
    "advice_give",
    "advice_overdue_escalate",
    "advice_request",
    "criterion_delete",
    "criterion_save",
    "decide",
    "decision_correct",
    "framework_draft",
    "framework_publish",
    "framework_update",
    "scorecard_save",
]
