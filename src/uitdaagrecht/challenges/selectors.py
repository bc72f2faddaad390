"""Reads for challenges: public lists and pages, the coordinator's dashboard, dossiers."""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from uitdaagrecht.accounts.models import Role, StaffRole, User
from uitdaagrecht.tenants.models import Municipality

from .models import Challenge, Document, Event, EventKind, Visibility
from .workflow import OPEN_STATES, PHASE, PROCESS_STEPS, TRANSITIONS, State

PUBLIC = frozenset({Visibility.PUBLIC})
PARTICIPANTS = frozenset({Visibility.PUBLIC, Visibility.PARTICIPANTS})
STAFF = frozenset(Visibility)


def public_challenges(municipality: Municipality | None = None) -> QuerySet[Challenge]:
    """Submitted challenges: never drafts. Only public fields are used from these."""
    qs = Challenge.objects.public().select_related("organisation", "municipality")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.prefetch_related("tasks")


def public_challenge(municipality: Municipality, reference: str) -> Challenge:
    try:
        return public_challenges(municipality).get(reference=reference)
    except Challenge.DoesNotExist:
        raise Http404 from None


def _with_timeline_token(challenges: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """`timeline_token`: what changes whenever the timeline or the documents of a dossier change
    (a new event or document, a document published, consent to publish given or withdrawn), read
    in the same query as the challenge:
    the key of the dossier's cached fragments (core.fragments). Written as SQL: the same two
    subqueries through the ORM's expressions cost more to compile than the rest of the page's
    reads together (bench/README.md)."""
    return challenges.annotate(_timeline=RawSQL(_TIMELINE_SQL, ()))  # noqa: S611 - no input


def _timeline_sql() -> str:
    challenge, event, document = (m._meta.db_table for m in (Challenge, Event, Document))
    return (
        f"(SELECT COALESCE(MAX(id), 0) || '-' || COUNT(*) FROM {event} "  # noqa: S608 - names
        f'WHERE challenge_id = "{challenge}"."id") || \'-\' || '
        f"(SELECT COALESCE(MAX(id), 0) || '-' || COUNT(published_at) || '-' || "
        "COALESCE(SUM(CASE WHEN consent_to_publish THEN 1 ELSE 0 END), 0) FROM "
        f"{document} "
        f'WHERE challenge_id = "{challenge}"."id")'
    )


_TIMELINE_SQL = _timeline_sql()


def timeline_token(challenge: Challenge) -> str | None:
    """None for a challenge read without the token: its fragments are rendered every time."""
    if not hasattr(challenge, "_timeline"):
        return None
    return f"{challenge.version}-{challenge.state}-{challenge._timeline}"


def challenge_for_staff(municipality: Municipality, reference: str) -> Challenge:
    try:
        return (
            _with_timeline_token(Challenge.objects)
            .select_related("organisation", "municipality", "contact_person")
            .get(municipality=municipality, reference=reference, submitted_at__isnull=False)
        )
    except Challenge.DoesNotExist:
        raise Http404 from None


def challenge_for_member(user: User, **lookup) -> Challenge:
    """A challenge of one of the user's organisations, drafts included; 404 for anyone else, so
    guessed ids do not even reveal that a draft exists."""
    try:
        return (
            _with_timeline_token(Challenge.objects)
            .select_related("organisation", "municipality", "contact_person")
            .get(organisation__memberships__user=user, **lookup)
        )
    except Challenge.DoesNotExist:
        raise Http404 from None


def timeline(challenge: Challenge, levels: frozenset[str]) -> list[Event]:
    """The events the viewer may see, with their documents (internal ones only for staff) as
    `document_list`."""
    documents = Document.objects.order_by("pk")
    if Visibility.STAFF not in levels:
        documents = documents.filter(staff_only=False)
    if levels == PUBLIC:
        documents = documents.public()
    return list(
        Event.objects.filter(challenge=challenge, visibility__in=levels)
        .select_related("actor")
        .prefetch_related(Prefetch("documents", queryset=documents, to_attr="document_list"))
    )


def public_documents(challenge: Challenge) -> list[Document]:
    return list(challenge.documents.public())


def documents_for(challenge: Challenge, levels: frozenset[str]) -> list[Document]:
    qs = challenge.documents.all()
    if Visibility.STAFF not in levels:
        qs = qs.filter(staff_only=False)
    return list(qs)


@dataclass
class Step:
    state: State
    label: str
    reached: object  # date or None
    current: bool


def process_steps(challenge: Challenge, events: list[Event]) -> list[Step]:
    """The process steps with the date each was reached, from the public transition events."""
    reached = {}
    for event in events:
        if event.kind == EventKind.TRANSITION and event.to_state:
            reached[event.to_state] = event.created_at
    steps = [
        Step(state, PHASE[state].state.label, reached.get(state), challenge.state == state)
        for state in PROCESS_STEPS
    ]
    if challenge.state not in PROCESS_STEPS:
        state = State(challenge.state)
        steps.append(Step(state, state.label, reached.get(state), True))
    return steps


@dataclass
class Dashboard:
    new: list[Challenge]
    open: list[Challenge]
    workload: list[tuple[User, int, int]]
    closed_count: int


def dashboard(municipality: Municipality) -> Dashboard:
    """The coordinator's overview: stalled first, then by how soon the term ends."""
    base = Challenge.objects.filter(municipality=municipality, submitted_at__isnull=False)
    open_ = list(
        base.filter(state__in=OPEN_STATES)
        .select_related("organisation", "contact_person")
        .order_by(
            F("stalled_at").asc(nulls_last=True),
            F("deadline").asc(nulls_last=True),
            "submitted_at",
        )
    )
    counts = {
        row["contact_person"]: (row["open"], row["stalled"])
        for row in base.filter(state__in=OPEN_STATES, contact_person__isnull=False)
        .values("contact_person")
        .annotate(open=Count("pk"), stalled=Count("pk", filter=Q(stalled_at__isnull=False)))
    }
    people = (
        User.objects.filter(
            staff_roles__municipality=municipality, staff_roles__role=Role.CONTACT_PERSON
        )
        .distinct()
        .order_by("full_name", "email")
    )
    workload = [(p, *counts.get(p.pk, (0, 0))) for p in people]
    return Dashboard(
        new=[c for c in open_ if c.state == State.SUBMITTED],
        open=open_,
        workload=workload,
        closed_count=base.exclude(state__in=OPEN_STATES).count(),
    )


def days_left(challenge: Challenge) -> int | None:
    """Calendar days until the end of the term, as the e-mails count them: a term of 10 days
    has 10 left on the day it starts, 0 on its last day, -14 when it ended 14 days ago."""
    if challenge.deadline is None:
        return None
    now = timezone.now()
    end = challenge.deadline
    if challenge.paused_at:
        end += now - challenge.paused_at
    return (timezone.localdate(end) - timezone.localdate(now)).days


def challenges_of_user(user: User) -> list[Challenge]:
    return list(
        Challenge.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "municipality")
        .order_by("-updated_at")
    )


def contact_person_candidates(challenge: Challenge) -> QuerySet[User]:
    return (
        User.objects.filter(
            staff_roles__municipality_id=challenge.municipality_id,
            staff_roles__role=Role.CONTACT_PERSON,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def contact_person_departments(challenge: Challenge) -> dict[int, tuple[str, bool]]:
    """{user id: (their departments in the municipality, neutral)} of the candidates: nobody
    from a department that owns a challenged task may be the contact person (tip 6)."""
    owning = set(challenge.tasks.values_list("department_id", flat=True))
    found: dict[int, tuple[list[str], bool]] = {}
    for user_id, department_id, name in StaffRole.objects.filter(
        municipality_id=challenge.municipality_id, department__isnull=False
    ).values_list("user_id", "department_id", "department__name"):
        names, neutral = found.get(user_id, ([], True))
        found[user_id] = ([*names, name], neutral and department_id not in owning)
    return {pk: (", ".join(sorted(set(names))), neutral) for pk, (names, neutral) in found.items()}


def process_table():
    """The workflow table for the public 'how it works' page."""
    return [
        (phase, [t for t in TRANSITIONS if phase.state in t.sources]) for phase in PHASE.values()
    ]
