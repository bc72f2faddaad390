"""Writes for challenges, by concept. The only code that changes a challenge's state, term or
contact person; other apps use them through `challenges.api`."""

from .base import ChallengeChanged, challenge_locked, record
from .contact import contact_person_assign, contact_person_problem
from .conversation import contact_log, message_post, note_add
from .documents import document_consent, document_publish, documents_add, documents_store
from .drafts import REQUIRED_FOR_SUBMIT, draft_start, draft_update, missing_for_submit
from .terms import (
    deadline_set,
    escalation_notify,
    stalled_escalate,
    term_days,
    term_extend,
    term_pause,
    term_resume,
    terms_of,
    terms_set,
)
from .transitions import transition

__all__ = [
    "REQUIRED_FOR_SUBMIT",
    "ChallengeChanged",
    "challenge_locked",
    "contact_log",
    "contact_person_assign",
    "contact_person_problem",
    "deadline_set",
    "document_consent",
    "document_publish",
    "documents_add",
    "documents_store",
    "draft_start",
    "draft_update",
    "escalation_notify",
    "message_post",
    "missing_for_submit",
    "note_add",
    "record",
    "stalled_escalate",
    "term_days",
    "term_extend",
    "term_pause",
    "term_resume",
    "terms_of",
    "terms_set",
    "transition",
]
