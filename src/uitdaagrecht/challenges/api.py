"""The case kernel's public face: what the apps built on it (phase extensions, open data, the
portal) use of it. They do not reach into its models' internals or take its row lock themselves.
"""

from . import dossier, selectors
from .extensions import (
    CHALLENGERS,
    EVERYONE,
    STAFF,
    DossierAction,
    Extension,
    FeedItem,
    Outcome,
    registry,
)
from .models import Challenge, Dimension, Document, Event, EventKind, Visibility
from .roles import (
    actors_of,
    is_assessor_of,
    is_case_handler,
    is_challenger,
    is_contact_person_of,
    is_coordinator_of,
    is_decision_maker_of,
    is_municipal_staff,
    is_owner_of_challenger,
)
from .services import (
    ChallengeChanged,
    challenge_locked,
    deadline_set,
    documents_store,
    escalation_notify,
    record,
    transition,
)
from .services.base import tell_participants
from .workflow import END_STATES, OPEN_STATES, Actor, State

dossier_url = dossier.url
public_challenges = selectors.public_challenges
# What changes with every event and document of a dossier: a key of its cached fragments.
timeline_token = selectors.timeline_token

__all__ = [
    "CHALLENGERS",
    "END_STATES",
    "EVERYONE",
    "OPEN_STATES",
    "STAFF",
    "Actor",
    "Challenge",
    "ChallengeChanged",
    "Dimension",
    "Document",
    "DossierAction",
    "Event",
    "EventKind",
    "Extension",
    "FeedItem",
    "Outcome",
    "State",
    "Visibility",
    "actors_of",
    "challenge_locked",
    "deadline_set",
    "documents_store",
    "dossier_url",
    "escalation_notify",
    "is_assessor_of",
    "is_case_handler",
    "is_challenger",
    "is_contact_person_of",
    "is_coordinator_of",
    "is_decision_maker_of",
    "is_municipal_staff",
    "is_owner_of_challenger",
    "public_challenges",
    "record",
    "registry",
    "tell_participants",
    "timeline_token",
    "transition",
]
