"""Generate national-scale challenges for the benchmark: CHALLENGES_PER_MUNICIPALITY challenger
organisations with one submitted challenge each in every municipality, in varied phases, with
about EVENTS_PER_CHALLENGE timeline events each (public phase changes, messages, internal notes,
contact moments, a published document, pauses and escalations), plus staff per municipality (a
coordinator with a confirmed TOTP device, two contact persons, a decision maker, three assessors
and two advisors). Every municipality has two published versions of its assessment framework
(6 and 7 criteria with 5 levels each). The challenges that reached the assessment have advice of
two departments and scorecards of 2-3 assessors for the challengers and the current provider;
the decided ones a decision (accepted, accepted in part or rejected; now and then a correction)
and, from the agreements phase on, agreement versions (signed by both sides before execution,
sometimes amended later), with the events that go with all of these. Every municipality has a
challenge in execution with its handover, REPORT_PERIODS reporting moments with an acknowledged
report each (a realised value for every agreed result) and feedback of users. Run inside the app, after
catalog_data.py (the challenges point at its tasks):

    DATABASE_URL=... uitdaagrecht shell -c "exec(open('bench/challenge_data.py').read())"

Everything is written with bulk_create (the levels and scores with COPY), not through the
services: the services would lock, notify and invalidate the page cache for each of the ~45,000
events. The last line printed is `BENCH_CHALLENGES {json}`: the challenge page to measure (a
decided challenge of Amsterdam with a signed agreement), and a session key of Amsterdam's
coordinator that has passed the second factor (the session holds the TOTP device's persistent
id, as django_otp.login() would store it), so STAFF_2FA_REQUIRED stays on.
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
from uitdaagrecht.agreements.events import AgreementEvent
from uitdaagrecht.agreements.models import (
    Accountability,
    BudgetLine,
    Result,
    Risk,
    Vehicle,
    Version,
)
from uitdaagrecht.assessment.events import AssessmentEvent
from uitdaagrecht.assessment.models import (
    AdviceRequest,
    Body,
    Criterion,
    Decision,
    Dimension,
    Framework,
    Level,
    Outcome,
    Recommendation,
    Score,
    Scorecard,
    Subject,
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
from uitdaagrecht.monitoring.events import MonitoringEvent
from uitdaagrecht.monitoring.models import Feedback, Handover, Moment, Report, Source, Value
from uitdaagrecht.tenants.models import Department, Municipality

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
    State.EXECUTION,  # so that every group of five (every municipality) has one in execution
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


# --- assessment and agreements -------------------------------------------------------------

# (key, dimension, name, description) of the criteria; version 1 has the first six, version 2
# adds cooperation in the neighbourhood and weighs the costs a little less.
CRITERIA = [
    (
        "kosten",
        Dimension.ECONOMIC,
        "Kosten en doelmatigheid",
        "Wat kost de uitvoering per jaar, en wat krijgt de buurt ervoor terug?",
    ),
    (
        "continuiteit",
        Dimension.ECONOMIC,
        "Continuïteit en borging",
        "Blijft de taak uitgevoerd bij ziekte, vertrek of tegenvallers?",
    ),
    (
        "bereik",
        Dimension.SOCIAL,
        "Bereik in de wijk",
        "Bereikt de uitvoering de bewoners voor wie de taak bedoeld is?",
    ),
    (
        "meedoen",
        Dimension.SOCIAL,
        "Meedoen en ontmoeting",
        "Doen bewoners mee, en ontmoeten ze elkaar door de uitvoering?",
    ),
    (
        "zeggenschap",
        Dimension.DEMOCRATIC,
        "Zeggenschap van bewoners",
        "Beslissen bewoners mee over hoe de taak wordt uitgevoerd?",
    ),
    (
        "verantwoording",
        Dimension.DEMOCRATIC,
        "Verantwoording",
        "Legt de uitvoerder verantwoording af aan de gemeente en aan de buurt?",
    ),
    (
        "samenwerking",
        Dimension.SOCIAL,
        "Samenwerking in de wijk",
        "Werkt de uitvoerder samen met het wijkteam, scholen, verenigingen en wie de taak nu doet?",
    ),
]
FRAMEWORK_WEIGHTS = [  # (days ago published, weights in the order of CRITERIA)
    (900, [3, 3, 3, 2, 2, 2]),
    (300, [2, 3, 3, 2, 2, 2, 2]),
]
LEVELS = [
    "Onvoldoende: niet of nauwelijks uitgewerkt",
    "Matig: genoemd, maar niet onderbouwd",
    "Voldoende: uitgewerkt en aannemelijk",
    "Goed: uitgewerkt, onderbouwd en getoetst",
    "Uitstekend: overtuigend, met bewijs uit de praktijk",
]
VEHICLES = list(Vehicle.values)
FORMS = list(Accountability.values)
BODIES = [Body.COLLEGE, Body.COLLEGE, Body.COUNCIL, Body.COLLEGE, Body.COMMITTEE, Body.NETWORK]
SIGNED = {State.EXECUTION, State.EVALUATION, State.COMPLETED, State.STOPPED}
DECISION_TEXTS = {
    Outcome.ACCEPT: (
        "De kosten zijn lager dan nu en de begroting is onderbouwd; de borging is geregeld met "
        "een vaste beheerder en een poule van vrijwilligers.",
        "De uitdagers bereiken bewoners die de huidige uitvoering niet bereikt, en brengen "
        "buren met elkaar in contact.",
        "Bewoners beslissen mee in een open bewonersraad en leggen verantwoording af aan de buurt.",
        "Het college ziet meer maatschappelijke waarde dan bij de huidige uitvoering en neemt "
        "het aanbod over, onder de voorwaarden in de afspraken.",
    ),
    Outcome.PARTIAL: (
        "Voor het dagelijks beheer is het aanbod doelmatiger; het groot onderhoud blijft "
        "goedkoper bij de huidige uitvoerder.",
        "Het dagelijks beheer door buren vergroot het bereik en de ontmoeting in de wijk.",
        "Bewoners krijgen zeggenschap over het dagelijks beheer; de gemeente blijft "
        "verantwoordelijk voor het groot onderhoud.",
        "Het college aanvaardt het aanbod voor het dagelijks beheer. Het groot onderhoud blijft "
        "bij de gemeente.",
    ),
    Outcome.REJECT: (
        "De begroting sluit niet: materieel en personeel ontbreken, de besparing is niet "
        "onderbouwd.",
        "Het bereik is vergelijkbaar met de huidige uitvoering.",
        "De betrokkenheid van bewoners is goed, maar nog niet georganiseerd.",
        "De borging van de continuïteit is onvoldoende; zie het advies. Het college nodigt de "
        "uitdagers uit het plan samen met de afdeling verder uit te werken.",
    ),
}
CORRECTION = (
    "Correctie: in het eerdere besluit stond een verkeerd bedrag voor het eerste jaar. De "
    "afweging en de uitkomst blijven gelijk."
)
AMENDMENT = "Het budget van het tweede jaar is aangepast aan de nieuwe huur; de rest blijft gelijk."
OBJECTION = (
    "Bezwaar maken kan binnen zes weken na de dag waarop dit besluit is bekendgemaakt, bij het "
    "college van burgemeester en wethouders; vermeld het kenmerk van de uitdaging."
)
ADVICE_QUESTIONS = {
    "Openbare Ruimte": "Is het plan uitvoerbaar, en wat betekent het voor het huidige contract?",
    "Financiën": "Is de begroting sluitend, en wat is het effect op de begroting van de gemeente?",
}
ADVICE_TEXTS = {
    Recommendation.FAVOURABLE: "Het plan is uitvoerbaar. Het huidige contract kan op de "
    "afgesproken datum worden beëindigd; de overdracht vraagt twee maanden.",
    Recommendation.CONDITIONAL: "Positief, mits de uitdagers een beheerplan voor het groot "
    "onderhoud opstellen en de verzekering aantonen.",
    Recommendation.UNFAVOURABLE: "De begroting is niet sluitend: de kosten van materieel en "
    "vervanging ontbreken. Wij adviseren het plan eerst verder uit te werken.",
}
MOTIVATIONS = {
    Subject.CHALLENGER: "Het plan is op dit punt uitgewerkt; de onderbouwing is nagegaan.",
    Subject.INCUMBENT: "De huidige uitvoering, beoordeeld op dezelfde maatstaf.",
}


# Every agreement version's results (indicator, dimension, baseline, target, unit) and risks.
RESULTS = [
    ("Bezoekers per week", Dimension.SOCIAL, 120, 180, "bezoekers"),
    ("Actieve vrijwilligers", Dimension.DEMOCRATIC, None, 12, "vrijwilligers"),
    ("Kosten per bezoek", Dimension.ECONOMIC, "8.50", "6.75", "euro"),
]
RISKS = [
    ("Uitval van vrijwilligers", "Een poule van invallers en een vaste beheerder."),
    ("Hogere energiekosten", "Een reserve van 5% en een jaarlijkse herziening."),
]


def _copy(model, columns: list[str], rows) -> None:
    """COPY rows into a model's table: for the two big child tables (levels and scores) several
    times faster than bulk_create, which builds and prepares a model instance per row."""
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _at(start, end, fraction: float):
    return start + (end - start) * fraction


def assess(rng, now, password, municipalities, challenges, plans, coordinators):
    """Frameworks, staff for the assessment, advice, scores, decisions and agreement versions.
    Returns the extra timeline events per challenge (not saved yet) and counts."""
    # Staff: a decision maker, three assessors and an advisor for each of two departments.
    own_department = {
        d.municipality_id: d
        for d in Department.objects.filter(municipality__in=municipalities, name="Openbare Ruimte")
    }
    finance = Department.objects.bulk_create(
        [Department(municipality=m, name="Financiën") for m in municipalities], batch_size=2000
    )
    departments = {
        m.pk: [own_department[m.pk], f] for m, f in zip(municipalities, finance, strict=True)
    }
    people, roles = [], []
    deciders, assessors, advisors = {}, {}, {}
    for m in municipalities:
        decider = User(email=f"besluit@{m.slug}.bench.invalid", full_name=f"Wethouder {m.name}")
        judges = [
            User(
                email=f"beoordelaar{n}@{m.slug}.bench.invalid",
                full_name=f"Beoordelaar {n} {m.name}",
            )
            for n in (1, 2, 3)
        ]
        advising = [
            User(
                email=f"adviseur{n}@{m.slug}.bench.invalid", full_name=f"Adviseur {d.name} {m.name}"
            )
            for n, d in enumerate(departments[m.pk], start=1)
        ]
        deciders[m.pk], assessors[m.pk], advisors[m.pk] = decider, judges, advising
        people += [decider, *judges, *advising]
        roles.append(StaffRole(user=decider, municipality=m, role=Role.DECISION_MAKER))
        roles += [StaffRole(user=u, municipality=m, role=Role.ASSESSOR) for u in judges]
        roles += [
            StaffRole(user=u, municipality=m, role=Role.ADVISOR, department=d)
            for u, d in zip(advising, departments[m.pk], strict=True)
        ]
    for person in people:
        person.password = password
    User.objects.bulk_create(people, batch_size=2000)
    StaffRole.objects.bulk_create(roles, batch_size=2000)

    # Two published framework versions per municipality.
    frameworks, versions_of = [], {}
    for index, m in enumerate(municipalities):
        versions_of[m.pk] = []
        for number, (days_ago, _weights) in enumerate(FRAMEWORK_WEIGHTS, start=1):
            published = now - datetime.timedelta(days=days_ago)
            framework = Framework(
                municipality=m,
                version=number,
                introduction=(
                    f"{m.name} beoordeelt elke uitdaging breed: op geld, op wat ze betekent voor "
                    "inwoners en op de zeggenschap in de wijk, met dezelfde maatstaf voor de "
                    "uitdagers en de huidige uitvoerder."
                ),
                deciding_body=BODIES[index % len(BODIES)],
                published_at=published,
                created_by=coordinators[m.pk],
                created_at=published - datetime.timedelta(days=14),
            )
            frameworks.append(framework)
            versions_of[m.pk].append(framework)
    Framework.objects.bulk_create(frameworks, batch_size=2000)
    criteria, criteria_of = [], {}
    for framework in frameworks:
        weights = FRAMEWORK_WEIGHTS[framework.version - 1][1]
        criteria_of[framework.pk] = []
        for order, ((_key, dimension, name, description), weight) in enumerate(
            zip(CRITERIA, weights, strict=False)
        ):
            criterion = Criterion(
                framework=framework,
                dimension=dimension,
                name=name,
                description=description,
                weight=weight,
                order=order,
            )
            criteria.append(criterion)
            criteria_of[framework.pk].append(criterion)
    Criterion.objects.bulk_create(criteria, batch_size=5000)
    _copy(
        Level,
        ["criterion_id", "value", "description"],
        ((c.pk, v, d) for c in criteria for v, d in enumerate(LEVELS)),
    )

    # Per challenge that reached the assessment: advice, scorecards; a decision if decided;
    # agreement versions from the decision on.
    advice, cards, decisions, versions = [], [], [], []
    scores_of = []  # (card, [(criterion, subject, value)])
    events: dict[int, list] = {}
    decided_count = 0
    for challenge, (path, moments, _tasks, owner) in zip(challenges, plans, strict=True):
        if "accept" not in path:
            continue
        m = challenge.municipality
        coordinator = coordinators[m.pk]
        framework = [f for f in versions_of[m.pk] if f.published_at <= challenge.submitted_at]
        framework = (framework or versions_of[m.pk][:1])[-1]
        started = moments[path.index("accept")]
        decided = next(
            (path.index(a) for a in ("decide_accept", "decide_reject") if a in path), None
        )
        until = moments[decided] if decided is not None else now
        timeline = events.setdefault(challenge.pk, [])

        def event(kind, visibility, actor, role, at, _into=timeline, _of=challenge, **fields):
            _into.append(
                Event(
                    challenge=_of,
                    kind=kind,
                    visibility=visibility,
                    actor=actor,
                    actor_role=role,
                    created_at=at,
                    **fields,
                )
            )

        # Advice from both departments; during the assessment the second one is still open.
        for n, department in enumerate(departments[m.pk]):
            asked = _at(started, until, 0.05 + 0.05 * n)
            given = _at(started, until, rng.uniform(0.3, 0.6))
            open_request = decided is None and n == 1
            recommendation = (
                Recommendation.UNFAVOURABLE
                if challenge.state == State.REJECTED and n == 1
                else rng.choice([Recommendation.FAVOURABLE, Recommendation.CONDITIONAL])
            )
            confidential = n == 1 and rng.random() < 0.2
            advice.append(
                AdviceRequest(
                    challenge=challenge,
                    department=department,
                    question=ADVICE_QUESTIONS[department.name],
                    deadline=asked + datetime.timedelta(days=21),
                    requested_by=coordinator,
                    requested_at=asked,
                    advisor=None if open_request else advisors[m.pk][n],
                    text="" if open_request else ADVICE_TEXTS[recommendation],
                    recommendation="" if open_request else recommendation,
                    confidential=confidential and not open_request,
                    confidential_reason="Bevat bedrijfsgevoelige cijfers van de huidige uitvoerder."
                    if confidential and not open_request
                    else "",
                    submitted_at=None if open_request else given,
                )
            )
            event(
                AssessmentEvent.ADVICE_REQUESTED,
                Visibility.STAFF,
                coordinator,
                "coordinator",
                asked,
                text=ADVICE_QUESTIONS[department.name],
                data={"department": department.name, "days": 21},
            )
            if not open_request:
                event(
                    AssessmentEvent.ADVICE,
                    Visibility.STAFF,
                    advisors[m.pk][n],
                    "advisor",
                    given,
                    text=str(recommendation.label),
                    data={"advice": len(advice) - 1},
                )

        # Scorecards of 2-3 assessors for both subjects (one submitted, one draft during the
        # assessment), now and then one recused.
        favour = {State.REJECTED: -1}.get(challenge.state, 1)
        judges = assessors[m.pk][: 2 if decided is None else rng.choice((2, 3, 3))]
        for n, judge in enumerate(judges):
            submitted = decided is not None or n == 0
            recused = submitted and n == 2 and rng.random() < 0.15
            at = _at(started, until, rng.uniform(0.6, 0.9))
            card = Scorecard(
                challenge=challenge,
                framework=framework,
                assessor=judge,
                conflict_of_interest="Ik ben lid van de buurtvereniging die partner is."
                if recused
                else "",
                recused=recused,
                submitted_at=at if submitted else None,
            )
            cards.append(card)
            rows = []
            if not recused and submitted:
                for criterion in criteria_of[framework.pk]:
                    base = rng.randint(1, 3)
                    rows.append((criterion, Subject.INCUMBENT, base))
                    rows.append(
                        (
                            criterion,
                            Subject.CHALLENGER,
                            max(0, min(4, base + favour + rng.choice((-1, 0, 0, 1)))),
                        )
                    )
            scores_of.append((card, rows))
            if submitted:
                event(
                    AssessmentEvent.SCORES,
                    Visibility.STAFF,
                    judge,
                    "assessor",
                    at,
                    data={"recused": recused},
                )

        if decided is None:
            continue
        # The decision (accept, in part for the co-production offers, or reject).
        decided_count += 1
        outcome = (
            Outcome.REJECT
            if path[decided] == "decide_reject"
            else Outcome.PARTIAL
            if challenge.part
            else Outcome.ACCEPT
        )
        economic, social, democratic, reasons = DECISION_TEXTS[outcome]
        decision = Decision(
            challenge=challenge,
            outcome=outcome,
            part=challenge.part if outcome == Outcome.PARTIAL else "",
            reasons_economic=economic,
            reasons_social=social,
            reasons_democratic=democratic,
            reasons=reasons,
            body=framework.deciding_body,
            decided_on=(until - datetime.timedelta(days=2)).date(),
            council_document_url=f"https://raad.{m.slug}.bench.invalid/besluit/{challenge.pk}"
            if decided_count % 3 == 0
            else "",
            objection=OBJECTION,
            decided_by=deciders[m.pk],
            published_at=until,
        )
        correction_at = until + datetime.timedelta(days=rng.randint(3, 20))
        corrected = decided_count % 9 == 0 and correction_at < now
        decisions.append((decision, correction_at if corrected else None))

        # Agreements: a signed version before execution, for some an amendment after it; in
        # the agreements phase a proposal, signed by the challengers or not yet.
        if challenge.state == State.AGREEMENTS:
            signings = [(_at(until, now, 0.3), None, rng.random() < 0.5)]
        elif challenge.state in SIGNED:
            execution = moments[path.index("start_execution")]
            signings = [(_at(until, execution, 0.2), _at(until, execution, 0.8), True)]
            after = (
                moments[path.index("start_execution") + 1]
                if len(path) > path.index("start_execution") + 1
                else now
            )
            if rng.random() < 0.35:
                signings.append((_at(execution, after, 0.3), _at(execution, after, 0.6), True))
        else:
            signings = []
        for number, (proposed, signed, by_challengers) in enumerate(signings, start=1):
            side = "municipality" if number == 1 else "challengers"
            version = Version(
                challenge=challenge,
                number=number,
                proposed_by=coordinator if side == "municipality" else owner,
                proposed_side=side,
                proposed_at=proposed,
                explanation="" if number == 1 else AMENDMENT,
                start_date=(signed or proposed).date() + datetime.timedelta(days=30),
                term_months=rng.choice((12, 24, 36)),
                vehicle=VEHICLES[challenge.pk % len(VEHICLES)],
                vehicle_reference=f"SUB-{challenge.pk:06d}",
                payment_schedule="In vier termijnen per jaar, vooraf.",
                tasks_taken_over=challenge.part or challenge.plan_what,
                quality_requirements="Open op werkdagen van 9 tot 17 uur; klachten binnen een "
                "week beantwoord.",
                cooperation="Elk kwartaal overleg met de contactpersoon en de wijkregisseur.",
                accountability_form=FORMS[challenge.pk % len(FORMS)],
                accountability_moments="Een halfjaarverslag en een jaarverslag.",
                accountability_by="Het bestuur van de stichting",
                review_moments="Na een jaar en aan het eind van de looptijd.",
                confidential={"budget": "Bevat tarieven van leveranciers."}
                if challenge.pk % 5 == 0
                else {},
                signed_challengers_by=owner if by_challengers else None,
                signed_challengers_at=(signed or min(proposed + datetime.timedelta(days=3), now))
                if by_challengers
                else None,
                signed_municipality_by=deciders[m.pk] if signed else None,
                signed_municipality_at=signed + datetime.timedelta(hours=4) if signed else None,
            )
            versions.append(version)
            proposer = version.proposed_by
            event(
                AgreementEvent.AGREEMENT_PROPOSED,
                Visibility.PARTICIPANTS,
                proposer,
                "challenger" if side == "challengers" else "coordinator",
                proposed,
                data={"version": number, "side": side},
            )
            if by_challengers:
                event(
                    AgreementEvent.AGREEMENT_SIGNED,
                    Visibility.PARTICIPANTS,
                    owner,
                    "challenger",
                    version.signed_challengers_at,
                    data={"version": number, "complete": False},
                )
            if signed:
                event(
                    AgreementEvent.AGREEMENT_SIGNED,
                    Visibility.PUBLIC,
                    deciders[m.pk],
                    "decision_maker",
                    version.signed_municipality_at,
                    data={"version": number, "complete": True},
                )

    AdviceRequest.objects.bulk_create(advice, batch_size=2000)
    for timeline in events.values():  # the advice events point at their request
        for e in timeline:
            if e.kind == AssessmentEvent.ADVICE:
                e.data = {"advice": advice[e.data["advice"]].pk}
    Scorecard.objects.bulk_create(cards, batch_size=2000)
    _copy(
        Score,
        ["scorecard_id", "criterion_id", "subject", "value", "motivation"],
        (
            (card.pk, criterion.pk, subject.value, value, MOTIVATIONS[subject])
            for card, rows in scores_of
            for criterion, subject, value in rows
        ),
    )
    # Decision.save refuses to update; bulk_create only inserts. Originals first, then the
    # corrections that point at them.
    Decision.objects.bulk_create([d for d, _c in decisions], batch_size=2000)
    corrections = []
    for original, at in decisions:
        if at is None:
            continue
        corrections.append(
            Decision(
                challenge=original.challenge,
                outcome=original.outcome,
                part=original.part,
                reasons_economic=original.reasons_economic,
                reasons_social=original.reasons_social,
                reasons_democratic=original.reasons_democratic,
                reasons=CORRECTION,
                body=original.body,
                decided_on=at.date(),
                objection=original.objection,
                corrects=original,
                decided_by=original.decided_by,
                published_at=at,
            )
        )
    Decision.objects.bulk_create(corrections, batch_size=2000)
    for correction in corrections:
        events[correction.challenge.pk].append(
            Event(
                challenge=correction.challenge,
                kind=AssessmentEvent.DECISION_CORRECTED,
                visibility=Visibility.PUBLIC,
                actor=correction.decided_by,
                actor_role="decision_maker",
                created_at=correction.published_at,
                text=correction.reasons,
                data={"decision": correction.pk, "corrects": correction.corrects.pk},
            )
        )
    Version.objects.bulk_create(versions, batch_size=2000)
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                version=v,
                year=v.start_date.year + n,
                amount_eur=(v.challenge.budget_asked_eur or 50_000) // (n + 1),
            )
            for v in versions
            for n in range(2)
        ],
        batch_size=5000,
    )
    Result.objects.bulk_create(
        [
            Result(
                version=v,
                indicator=indicator,
                dimension=dimension,
                baseline=baseline,
                target=target,
                unit=unit,
            )
            for v in versions
            for indicator, dimension, baseline, target, unit in RESULTS
        ],
        batch_size=5000,
    )
    Risk.objects.bulk_create(
        [
            Risk(version=v, risk=risk, mitigation=mitigation)
            for v in versions
            for risk, mitigation in RISKS
        ],
        batch_size=5000,
    )
    reasons = {d.challenge.pk: d.reasons for d, _c in decisions}
    signed = {v.challenge.pk for v in versions if v.is_signed}
    return (
        events,
        reasons,
        signed,
        {
            "frameworks": len(frameworks),
            "criteria": len(criteria),
            "decisions": len(decisions) + len(corrections),
            "corrections": len(corrections),
            "advice_requests": len(advice),
            "scorecards": len(cards),
            "scores": sum(len(rows) for _c, rows in scores_of),
            "agreement_versions": len(versions),
            "signed_versions": sum(1 for v in versions if v.is_signed),
        },
    )


REPORT_PERIODS = 8
ACCOUNTS = [
    "Het kwartaal liep goed: meer bezoekers, twee nieuwe vrijwilligers en de kosten onder de "
    "begroting.",
    "Door de zomer minder bezoekers; we hebben het programma aangepast en een nieuwe "
    "beheerder ingewerkt.",
    "Stabiel kwartaal. De klachten zijn binnen een week beantwoord, zoals afgesproken.",
]
FEEDBACK = [
    (5, "Fijn dat het buurthuis weer open is, en de koffie is goed."),
    (4, "Prettige sfeer, maar op vrijdag is het vaak vol."),
    (3, "Goed initiatief; de openingstijden mogen ruimer."),
    (2, "Vorige week stond ik voor een dichte deur."),
]


def execute(rng, now, municipalities, challenges, plans) -> tuple[list[Challenge], dict]:
    """Per municipality its first challenge in execution with a task: the handover, a
    reporting moment every quarter for the last two years with an acknowledged report each (a
    realised value for every result of the signed version), and a dozen reactions of users."""
    today = timezone.localtime(now).date()
    chosen = {}
    for challenge, (_path, _moments, tasks, owner) in zip(challenges, plans, strict=True):
        if challenge.state == State.EXECUTION and tasks:
            chosen.setdefault(challenge.municipality_id, (challenge, owner))
    ids = [c.pk for c, _o in chosen.values()]
    task_of = dict(
        Challenge.tasks.through.objects.filter(challenge_id__in=ids).values_list(
            "challenge_id", "task_id"
        )
    )
    version_of = {}
    for version in Version.objects.filter(
        challenge_id__in=ids,
        signed_challengers_at__isnull=False,
        signed_municipality_at__isnull=False,
    ).order_by("challenge_id", "number"):
        version_of[version.challenge_id] = version  # the newest signed one applies
    results_of: dict[int, list[Result]] = {}
    for result in Result.objects.filter(version__in=version_of.values()).order_by("pk"):
        results_of.setdefault(result.version_id, []).append(result)

    starts = today - datetime.timedelta(days=91 * REPORT_PERIODS + 10)
    handovers, moments, running = [], [], []
    for challenge, _owner in chosen.values():
        if challenge.pk not in version_of or challenge.pk not in task_of:
            continue
        running.append(challenge)
        handovers.append(
            Handover(
                challenge=challenge,
                task_id=task_of[challenge.pk],
                starts_on=starts,
                ends_on=today + datetime.timedelta(days=365),
                amount_eur=challenge.budget_asked_eur,
                source=Source.TASK_BUDGET,
                incumbent_contract="Het contract met de huidige aanbieder loopt af.",
                period_months=3,
                recorded_by=challenge.contact_person,
                recorded_at=challenge.phase_started_at,
            )
        )
        moments += [
            Moment(challenge=challenge, due_on=starts + datetime.timedelta(days=91 * period))
            for period in range(1, REPORT_PERIODS + 1)
        ]
    Handover.objects.bulk_create(handovers, batch_size=2000)
    Moment.objects.bulk_create(moments, batch_size=2000)

    owners = {c.pk: o for c, o in chosen.values()}
    reports, planned = [], []
    for moment in moments:
        challenge = moment.challenge
        period = (moment.due_on - starts).days // 91
        submitted = timezone.make_aware(
            datetime.datetime.combine(moment.due_on - datetime.timedelta(days=3), datetime.time(10))
        )
        reports.append(
            Report(
                challenge=challenge,
                moment=moment,
                version=version_of[challenge.pk],
                account=ACCOUNTS[(challenge.pk + period) % len(ACCOUNTS)],
                went_well="De vrijwilligers zijn trouw.",
                went_badly="" if period % 3 else "Het pand is in de winter koud.",
                submitted_by=owners[challenge.pk],
                submitted_at=submitted,
                acknowledged_by=challenge.contact_person,
                acknowledged_at=min(submitted + datetime.timedelta(days=2), now),
            )
        )
        planned.append(period)
    Report.objects.bulk_create(reports, batch_size=2000)
    values, events = [], []
    for report, period in zip(reports, planned, strict=True):
        for result in results_of[report.version_id]:
            start = result.baseline if result.baseline is not None else 0
            step = (result.target - start) * period / REPORT_PERIODS
            noise = step * rng.choice((-1, 0, 1)) / 10
            values.append(Value(report=report, result=result, value=round(start + step + noise, 2)))
        for kind, visibility, actor, role, at in (
            (
                MonitoringEvent.REPORT,
                Visibility.PARTICIPANTS,
                report.submitted_by,
                "challenger",
                report.submitted_at,
            ),
            (
                MonitoringEvent.ACKNOWLEDGED,
                Visibility.PUBLIC,
                report.acknowledged_by,
                "contact_person",
                report.acknowledged_at,
            ),
        ):
            events.append(
                Event(
                    challenge=report.challenge,
                    kind=kind,
                    visibility=visibility,
                    actor=actor,
                    actor_role=role,
                    created_at=at,
                    text=report.account if kind == MonitoringEvent.REPORT else "",
                    data={"report": report.pk, "moment": report.moment.due_on.isoformat()},
                )
            )
    Value.objects.bulk_create(values, batch_size=5000)
    Event.objects.bulk_create(events, batch_size=5000)
    feedback = []
    for challenge in running:
        for n in range(12):
            rating, text = FEEDBACK[(challenge.pk + n) % len(FEEDBACK)]
            created = now - datetime.timedelta(days=rng.uniform(1, 91 * REPORT_PERIODS))
            hidden = n == 11
            feedback.append(
                Feedback(
                    challenge=challenge,
                    rating=rating,
                    text=text,
                    email=f"gebruiker{n}@bench.invalid" if n % 4 == 0 else "",
                    created_at=created,
                    hidden_at=created + datetime.timedelta(days=1) if hidden else None,
                    hidden_reason="Bevat een naam van een medewerker." if hidden else "",
                    hidden_by=challenge.contact_person if hidden else None,
                )
            )
    Feedback.objects.bulk_create(feedback, batch_size=5000)
    return running, {
        "executing": len(running),
        "progress_reports": len(reports),
        "realised_values": len(values),
        "feedback": len(feedback),
    }


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

    extra_events, decision_reasons, signed, assessed = assess(
        rng, now, password, municipalities, challenges, plans, coordinators
    )

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
                    text=decision_reasons.get(challenge.pk, REASONS.get(action, ""))
                    if action.startswith("decide_")
                    else REASONS.get(action, ""),
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
        # The conversation fills the timeline up to about EVENTS_PER_CHALLENGE events, not
        # counting those of the assessment and the agreements (advice, scores, signatures).
        wanted = EVENTS_PER_CHALLENGE + rng.randint(-3, 3) - len(timeline)
        timeline += extra_events.get(challenge.pk, [])
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

    running, executed = execute(rng, now, municipalities, challenges, plans)

    # What the benchmark measures: Amsterdam's decided challenge with a signed agreement and the
    # longest public timeline (its public page shows the decision, the advice, the scores side by
    # side and the agreement), and a session of Amsterdam's coordinator that has passed the
    # second factor.
    place = next(m for m in municipalities if m.slug == MEASURED_MUNICIPALITY)
    ours = [c for c in challenges if c.municipality_id == place.pk]
    public_counts = {c.pk: 0 for c in ours}
    for event in events:
        if event.challenge_id in public_counts and event.visibility == Visibility.PUBLIC:
            public_counts[event.challenge_id] += 1
    measured = max(
        ours,
        key=lambda c: (c.pk in decision_reasons and c.pk in signed, public_counts[c.pk], c.pk),
    )
    coordinator = coordinators[place.pk]
    device = next(d for d in devices if d.user_id == coordinator.pk)
    session = SessionStore()
    session["_auth_user_id"] = str(coordinator.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = coordinator.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    progress = next(c for c in running if c.municipality_id == place.pk)
    return {
        **executed,
        "progress_reference": progress.reference,
        "challenges": len(challenges),
        "events": len(events),
        "documents": len(document_rows),
        "staff_users": len(staff) + 6 * len(municipalities),
        **assessed,
        "decided": measured.pk in decision_reasons,
        "signed_agreement": measured.pk in signed,
        "state": measured.state,
        "municipality": place.slug,
        "cbs_code": place.cbs_code,
        "reference": measured.reference,
        "public_events": public_counts[measured.pk],
        "session_key": session.session_key,
    }


found = generate()
print(
    f"generated {found['challenges']} challenges with {found['events']} events, "
    f"{found['documents']} public documents, {found['staff_users']} staff accounts; "
    f"{found['frameworks']} frameworks, {found['decisions']} decisions "
    f"({found['corrections']} corrections), {found['advice_requests']} advice requests, "
    f"{found['scorecards']} scorecards with {found['scores']} scores, "
    f"{found['signed_versions']} signed agreement versions of {found['agreement_versions']}; "
    f"{found['executing']} challenges in execution with {found['progress_reports']} "
    f"acknowledged progress reports ({found['realised_values']} realised values) and "
    f"{found['feedback']} reactions of users"
)
print("BENCH_CHALLENGES " + json.dumps(found))
