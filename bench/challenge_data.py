"""Generate national-scale challenges for the benchmark: CHALLENGES_PER_MUNICIPALITY challenger
organisations with one submitted challenge each in every municipality, in varied phases, with
about EVENTS_PER_CHALLENGE timeline events each (public phase changes, messages, internal notes,
contact moments, a published document, pauses and escalations), plus staff per municipality (a
coordinator with a confirmed TOTP device, two contact persons). Run inside the app, after
catalog_data.py (the challenges point at its tasks):

    DATABASE_URL=... uitdaagrecht shell -c "exec(open('bench/challenge_data.py').read())"

Everything is written with bulk_create, not through the services: the services would lock, notify
and invalidate the page cache for each of the ~35,000 events. The last line printed is
`BENCH_CHALLENGES {json}`: the challenge page to measure, and a session key of Amsterdam's
coordinator that has passed the second factor (the session holds the TOTP device's persistent id,
as django_otp.login() would store it), so STAFF_2FA_REQUIRED stays on.
"""

import datetime
import json
import random

from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from uitdaagrecht.accounts.models import (
    LegalForm,
    MemberRole,
    Membership,
    Organisation,
    Role,
    StaffRole,
    User,
)
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.challenges.models import (
    Challenge,
    Channel,
    Classification,
    Document,
    Event,
    EventKind,
    Mode,
    Visibility,
)
from uitdaagrecht.challenges.workflow import PHASE, State
from uitdaagrecht.tenants.models import Municipality

CHALLENGES_PER_MUNICIPALITY = 5
EVENTS_PER_CHALLENGE = 20
MEASURED_MUNICIPALITY = "amsterdam"

# The actions that lead from submission to each final state (the workflow table's paths).
PATHS = {
    State.SUBMITTED: ["submit"],
    State.INTAKE: ["submit", "start_intake"],
    State.REDIRECTED: ["submit", "start_intake", "redirect"],
    State.ASSESSMENT: ["submit", "start_intake", "accept"],
    State.REJECTED: ["submit", "start_intake", "accept", "decide_reject"],
    State.AGREEMENTS: ["submit", "start_intake", "accept", "decide_accept"],
    State.EXECUTION: ["submit", "start_intake", "accept", "decide_accept", "start_execution"],
    State.EVALUATION: [
        "submit",
        "start_intake",
        "accept",
        "decide_accept",
        "start_execution",
        "evaluate",
    ],
    State.COMPLETED: [
        "submit",
        "start_intake",
        "accept",
        "decide_accept",
        "start_execution",
        "evaluate",
        "complete",
    ],
    State.STOPPED: [
        "submit",
        "start_intake",
        "accept",
        "decide_accept",
        "start_execution",
        "stop",
    ],
    State.WITHDRAWN: ["submit", "start_intake", "withdraw"],
}
TARGET = {
    "submit": State.SUBMITTED,
    "start_intake": State.INTAKE,
    "redirect": State.REDIRECTED,
    "accept": State.ASSESSMENT,
    "decide_reject": State.REJECTED,
    "decide_accept": State.AGREEMENTS,
    "start_execution": State.EXECUTION,
    "evaluate": State.EVALUATION,
    "complete": State.COMPLETED,
    "stop": State.STOPPED,
    "withdraw": State.WITHDRAWN,
}
ROLE_OF_ACTION = {
    "submit": "challenger",
    "withdraw": "challenger",
    "decide_accept": "decision_maker",
    "decide_reject": "decision_maker",
    "start_execution": "contact_person",
    "evaluate": "contact_person",
}
REASONS = {
    "accept": "Een uitdaging: het buurtteam wil de taak overnemen en heeft een sluitend plan.",
    "redirect": "Past beter als bewonersinitiatief; doorverwezen naar het wijkfonds.",
    "decide_accept": "Het college ziet meer maatschappelijke waarde dan bij de huidige uitvoering.",
    "decide_reject": "De borging van de continuïteit is onvoldoende; zie het advies.",
    "continue": "Nieuwe termijn van twee jaar.",
    "complete": "Afgerond en geëvalueerd; de lessen zijn gedeeld.",
    "stop": "In overleg gestopt: het team kon de bezetting niet rond krijgen.",
    "withdraw": "We trekken ons aanbod in; we gaan eerst samenwerken met de buurtvereniging.",
}
# A varied spread of phases: mostly open, some ended. Rotated per municipality.
STATES = [
    State.SUBMITTED,
    State.INTAKE,
    State.ASSESSMENT,
    State.EXECUTION,
    State.AGREEMENTS,
    State.EVALUATION,
    State.COMPLETED,
    State.INTAKE,
    State.REDIRECTED,
    State.ASSESSMENT,
    State.REJECTED,
    State.EXECUTION,
    State.WITHDRAWN,
    State.STOPPED,
    State.SUBMITTED,
]
THEMES = [
    ("Buurthuis", "het beheer van het buurthuis"),
    ("Groen", "het onderhoud van het groen in de wijk"),
    ("Jongerenwerk", "het jongerenwerk"),
    ("Sporthal", "de schoonmaak van de sporthal"),
    ("Buurtbus", "de buurtbus voor ouderen"),
    ("Speeltuin", "het beheer van de speeltuin"),
]
LEGAL_FORMS = list(LegalForm.values)
MESSAGES = [
    "Kunnen we volgende week langskomen om het plan toe te lichten?",
    "Hierbij de aangepaste begroting, met de vrijwilligersuren apart.",
    "Dank voor het gesprek. We sturen de steunbetuigingen nog na.",
    "Wanneer verwachten jullie het advies van de afdeling?",
    "We hebben inmiddels 40 handtekeningen uit de buurt opgehaald.",
    "De verzekering is geregeld via de koepelorganisatie.",
]
NOTES = [
    "Afdeling vraagt om inzicht in de huidige contractkosten; opgevraagd bij inkoop.",
    "Let op: de aanbesteding van het huidige contract loopt nog tot eind volgend jaar.",
    "Overleg met de wethouder gepland; eerst het advies van Financiën afwachten.",
    "Team maakt een betrouwbare indruk; referenties nagebeld.",
]
CONTACTS = [
    (Channel.CALL, "Telefonisch doorgesproken welke informatie nog nodig is."),
    (Channel.MEETING, "Kennismaking met het team; planning van de beoordeling besproken."),
    (Channel.VISIT, "Bezoek aan de locatie met twee bewoners en de beheerder."),
]


def _chain(rng: random.Random, start: datetime.datetime, end: datetime.datetime, n: int):
    """n increasing moments between start and end."""
    span = max((end - start).total_seconds(), n * 60)
    return [
        start + datetime.timedelta(seconds=s)
        for s in sorted(rng.uniform(0, span) for _ in range(n))
    ]


@transaction.atomic
def generate() -> dict:
    rng = random.Random(4242)
    now = timezone.now()
    password = make_password("bench-password")  # hashed once: hashing per user takes minutes
    municipalities = list(Municipality.objects.filter(is_active=True).order_by("pk"))
    tasks_by_place: dict[int, list[int]] = {}
    for pk, place in Task.objects.values_list("pk", "municipality_id").order_by("pk"):
        tasks_by_place.setdefault(place, []).append(pk)

    # Staff: a coordinator and two contact persons per municipality.
    staff = []
    for m in municipalities:
        staff.append(
            User(email=f"coordinator@{m.slug}.bench.invalid", full_name=f"Coördinator {m.name}")
        )
        for n in (1, 2):
            staff.append(
                User(
                    email=f"contact{n}@{m.slug}.bench.invalid",
                    full_name=f"Contactpersoon {n} {m.name}",
                )
            )
    for user in staff:
        user.password = password
    User.objects.bulk_create(staff, batch_size=2000)
    roles, coordinators, contacts = [], {}, {}
    for index, m in enumerate(municipalities):
        coordinator, *people = staff[index * 3 : index * 3 + 3]
        coordinators[m.pk] = coordinator
        contacts[m.pk] = people
        roles.append(StaffRole(user=coordinator, municipality=m, role=Role.COORDINATOR))
        roles += [StaffRole(user=p, municipality=m, role=Role.CONTACT_PERSON) for p in people]
    StaffRole.objects.bulk_create(roles, batch_size=2000)
    devices = TOTPDevice.objects.bulk_create(
        [TOTPDevice(user=u, name="authenticator", confirmed=True) for u in coordinators.values()],
        batch_size=2000,
    )

    # Challenger organisations, each with one owner.
    organisations, owners = [], []
    for m in municipalities:
        for n in range(CHALLENGES_PER_MUNICIPALITY):
            theme = THEMES[(m.pk + n) % len(THEMES)][0]
            organisations.append(
                Organisation(
                    name=f"Stichting {theme} {m.name} {n + 1}",
                    legal_form=LEGAL_FORMS[(m.pk + n) % len(LEGAL_FORMS)],
                    neighbourhoods=f"Wijk {n + 1}",
                )
            )
            owners.append(
                User(
                    email=f"bewoner{n + 1}@{m.slug}.bench.invalid",
                    full_name=f"Bewoner {n + 1} {m.name}",
                    password=password,
                )
            )
    Organisation.objects.bulk_create(organisations, batch_size=2000)
    User.objects.bulk_create(owners, batch_size=2000)
    Membership.objects.bulk_create(
        [
            Membership(organisation=o, user=u, role=MemberRole.OWNER)
            for o, u in zip(organisations, owners, strict=True)
        ],
        batch_size=2000,
    )

    # Challenges, with their timelines planned in memory first.
    challenges, plans = [], []
    for index, m in enumerate(municipalities):
        places_tasks = tasks_by_place.get(m.pk, [])
        submitted = sorted(
            now - datetime.timedelta(days=rng.uniform(5, 600), minutes=rng.randint(0, 1440))
            for _ in range(CHALLENGES_PER_MUNICIPALITY)
        )
        numbers: dict[int, int] = {}
        for n, submitted_at in enumerate(submitted):
            state = STATES[(index * CHALLENGES_PER_MUNICIPALITY + n) % len(STATES)]
            organisation = organisations[index * CHALLENGES_PER_MUNICIPALITY + n]
            owner = owners[index * CHALLENGES_PER_MUNICIPALITY + n]
            numbers[submitted_at.year] = numbers.get(submitted_at.year, 0) + 1
            theme, task_words = THEMES[(m.pk + n) % len(THEMES)]
            path = PATHS[state]
            moments = _chain(rng, submitted_at, now - datetime.timedelta(hours=1), len(path))
            moments[0] = submitted_at
            phase_started = moments[-1]
            term = PHASE[state].term_days
            deadline = phase_started + datetime.timedelta(days=term) if term else None
            stalled_at = deadline if deadline and deadline < now and rng.random() < 0.7 else None
            paused_at = None
            if deadline and not stalled_at and rng.random() < 0.25:
                paused_at = phase_started + (now - phase_started) / 2
            with_contact = "accept" in path or (state == State.INTAKE and n % 2 == 0)
            classification = ""
            if "accept" in path:
                classification = Classification.CHALLENGE
            elif "redirect" in path:
                classification = Classification.CITIZEN_INITIATIVE
            challenges.append(
                Challenge(
                    municipality=m,
                    organisation=organisation,
                    reference=f"UD-{submitted_at.year}-{numbers[submitted_at.year]:04d}",
                    state=state,
                    version=len(path) + 2,
                    title=f"{theme}: bewoners nemen {task_words} over",
                    summary=(
                        f"{organisation.name} wil {task_words} in {m.name} overnemen, met "
                        "vrijwilligers uit de buurt en een vaste beheerder. Zo blijft het "
                        "geld in de wijk en beslissen bewoners mee."
                    ),
                    mode=Mode.TAKE_OVER if n % 3 else Mode.CO_PRODUCE,
                    part=""
                    if n % 3
                    else "Het dagelijks beheer; de gemeente houdt het groot onderhoud.",
                    why_better="Bewoners kennen de buurt en zijn er elke dag.",
                    plan_what=f"We nemen {task_words} over.",
                    plan_how="Met een vaste kern van tien vrijwilligers en één betaalde beheerder.",
                    start_from=(submitted_at + datetime.timedelta(days=180)).date(),
                    for_whom="Alle bewoners van de wijk, vooral ouderen en jongeren.",
                    area=f"Wijk {n + 1}",
                    capacity="Tien vrijwilligers, één beheerder (0,6 fte).",
                    partners="Buurtvereniging, welzijnsorganisatie",
                    budget_asked_eur=rng.randint(20, 300) * 1000,
                    value_economic="Lagere kosten door vrijwillige inzet.",
                    value_social="Meer ontmoeting en eigenaarschap in de buurt.",
                    value_democratic="Bewoners beslissen mee over hun eigen voorzieningen.",
                    supporters_count=rng.randint(10, 400),
                    risks="Uitval van vrijwilligers; opgevangen met een poule.",
                    cooperation_wanted="Een vast aanspreekpunt en toegang tot het pand.",
                    classification=classification,
                    classification_reason=REASONS.get(
                        "accept" if "accept" in path else "redirect", ""
                    )
                    if classification
                    else "",
                    redirected_to="Wijkfonds" if state == State.REDIRECTED else "",
                    contact_person=rng.choice(contacts[m.pk]) if with_contact else None,
                    phase_started_at=phase_started,
                    deadline=deadline,
                    paused_at=paused_at,
                    stalled_at=stalled_at,
                    created_by=owner,
                    created_at=submitted_at - datetime.timedelta(days=rng.randint(3, 40)),
                    updated_at=max(moments),
                    submitted_at=submitted_at,
                )
            )
            plans.append((path, moments, places_tasks, owner))
    Challenge.objects.bulk_create(challenges, batch_size=2000)

    through = Challenge.tasks.through
    links = []
    for challenge, (_path, _moments, places_tasks, _owner) in zip(challenges, plans, strict=True):
        if places_tasks:
            links.append(through(challenge_id=challenge.pk, task_id=rng.choice(places_tasks)))
    through.objects.bulk_create(links, batch_size=5000)

    events, documents = [], []  # documents: (index of the event, document, published event)
    for challenge, (path, moments, _tasks, owner) in zip(challenges, plans, strict=True):
        coordinator = coordinators[challenge.municipality_id]
        person = challenge.contact_person or coordinator
        staff_role = "contact_person" if challenge.contact_person_id else "coordinator"
        timeline = [
            Event(
                challenge=challenge,
                kind=EventKind.CREATED,
                visibility=Visibility.PARTICIPANTS,
                actor=owner,
                actor_role="challenger",
                created_at=challenge.created_at,
            )
        ]
        source = State.DRAFT
        for action, moment in zip(path, moments, strict=True):
            role = ROLE_OF_ACTION.get(action, "coordinator")
            actor = {"challenger": owner, "contact_person": person}.get(role, coordinator)
            data = {}
            if action in ("accept", "redirect"):
                data = {
                    "classification": challenge.classification,
                    "redirected_to": challenge.redirected_to,
                }
            timeline.append(
                Event(
                    challenge=challenge,
                    kind=EventKind.TRANSITION,
                    visibility=Visibility.PUBLIC,
                    actor=actor,
                    actor_role=role,
                    created_at=moment,
                    from_state=source,
                    to_state=TARGET[action],
                    action=action,
                    text=REASONS.get(action, ""),
                    data=data,
                )
            )
            source = TARGET[action]
            if action == "start_intake" and challenge.contact_person_id:
                timeline.append(
                    Event(
                        challenge=challenge,
                        kind=EventKind.ASSIGNMENT,
                        visibility=Visibility.PARTICIPANTS,
                        actor=coordinator,
                        actor_role="coordinator",
                        created_at=moment + datetime.timedelta(hours=2),
                        text=str(challenge.contact_person),
                        data={"contact_person": challenge.contact_person_id, "previous": None},
                    )
                )
        # The conversation fills the timeline up to about EVENTS_PER_CHALLENGE events.
        wanted = EVENTS_PER_CHALLENGE + rng.randint(-3, 3) - len(timeline)
        chatter = _chain(rng, challenge.submitted_at, timezone.now(), max(wanted, 0))
        published = None
        for number, moment in enumerate(chatter):
            roll = rng.random()
            if number == 3:  # a plan, published with the challengers' consent
                timeline.append(
                    Event(
                        challenge=challenge,
                        kind=EventKind.DOCUMENT,
                        visibility=Visibility.PARTICIPANTS,
                        actor=owner,
                        actor_role="challenger",
                        created_at=moment,
                        text="Ons plan van aanpak",
                    )
                )
                published = (len(timeline) - 1, moment)
            elif roll < 0.5:
                from_challenger = rng.random() < 0.6
                timeline.append(
                    Event(
                        challenge=challenge,
                        kind=EventKind.MESSAGE,
                        visibility=Visibility.PARTICIPANTS,
                        actor=owner if from_challenger else person,
                        actor_role="challenger" if from_challenger else staff_role,
                        created_at=moment,
                        text=rng.choice(MESSAGES),
                    )
                )
            elif roll < 0.78:
                timeline.append(
                    Event(
                        challenge=challenge,
                        kind=EventKind.NOTE,
                        visibility=Visibility.STAFF,
                        actor=person,
                        actor_role=staff_role,
                        created_at=moment,
                        text=rng.choice(NOTES),
                    )
                )
            else:
                channel, summary = rng.choice(CONTACTS)
                timeline.append(
                    Event(
                        challenge=challenge,
                        kind=EventKind.CONTACT,
                        visibility=Visibility.PARTICIPANTS,
                        actor=person,
                        actor_role=staff_role,
                        created_at=moment,
                        channel=channel,
                        text=summary,
                        data={"on": moment.isoformat()},
                    )
                )
        if published:
            index, moment = published
            shown = moment + datetime.timedelta(days=2)
            timeline.append(
                Event(
                    challenge=challenge,
                    kind=EventKind.DOCUMENT_PUBLISHED,
                    visibility=Visibility.PUBLIC,
                    actor=person,
                    actor_role=staff_role,
                    created_at=shown,
                    text="plan-van-aanpak.pdf",
                )
            )
            documents.append((len(events) + index, challenge, owner, moment, shown))
        if challenge.paused_at:
            timeline.append(
                Event(
                    challenge=challenge,
                    kind=EventKind.PAUSE,
                    visibility=Visibility.PARTICIPANTS,
                    actor=person,
                    actor_role=staff_role,
                    created_at=challenge.paused_at,
                    text="Kunt u de begroting per jaar uitsplitsen?",
                )
            )
        if challenge.stalled_at:
            timeline.append(
                Event(
                    challenge=challenge,
                    kind=EventKind.ESCALATION,
                    visibility=Visibility.STAFF,
                    actor=None,
                    actor_role="system",
                    created_at=challenge.stalled_at,
                    data={"days_over": 0},
                )
            )
        events += timeline
    Event.objects.bulk_create(events, batch_size=5000)
    document_rows = [
        Document(
            challenge=challenge,
            event=events[index],
            file=f"{challenge.municipality_id}/{challenge.pk}/bench-plan",
            name="plan-van-aanpak.pdf",
            content_type="application/pdf",
            size=rng.randint(50_000, 2_000_000),
            description="Ons plan van aanpak",
            uploaded_by=owner,
            uploaded_at=uploaded,
            consent_to_publish=True,
            published_at=shown,
        )
        for index, challenge, owner, uploaded, shown in documents
    ]
    Document.objects.bulk_create(document_rows, batch_size=2000)
    # The published document's event points at it, as services.document_publish records it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE challenges_event e SET data = jsonb_build_object('document', d.id) "
            "FROM challenges_document d "
            "WHERE e.challenge_id = d.challenge_id AND e.kind = %s",
            [EventKind.DOCUMENT_PUBLISHED.value],
        )

    # What the benchmark measures: Amsterdam's challenge with the longest public timeline, and a
    # session of Amsterdam's coordinator that has passed the second factor.
    place = next(m for m in municipalities if m.slug == MEASURED_MUNICIPALITY)
    ours = [c for c in challenges if c.municipality_id == place.pk]
    public_counts = {c.pk: 0 for c in ours}
    for event in events:
        if event.challenge_id in public_counts and event.visibility == Visibility.PUBLIC:
            public_counts[event.challenge_id] += 1
    measured = max(ours, key=lambda c: (public_counts[c.pk], c.pk))
    coordinator = coordinators[place.pk]
    device = next(d for d in devices if d.user_id == coordinator.pk)
    session = SessionStore()
    session["_auth_user_id"] = str(coordinator.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = coordinator.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return {
        "challenges": len(challenges),
        "events": len(events),
        "documents": len(document_rows),
        "staff_users": len(staff),
        "municipality": place.slug,
        "reference": measured.reference,
        "public_events": public_counts[measured.pk],
        "session_key": session.session_key,
    }


found = generate()
print(
    f"generated {found['challenges']} challenges with {found['events']} events, "
    f"{found['documents']} public documents, {found['staff_users']} staff accounts"
)
print("BENCH_CHALLENGES " + json.dumps(found))
