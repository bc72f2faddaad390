"""Shared setup for the assessment and the agreements (issue 5): a published framework, a
challenge brought into the assessment or the agreements through the real services, and valid
POSTs of the assessment and agreement forms."""

import datetime

from uitdaagrecht.accounts.models import User
from uitdaagrecht.agreements import services as agreements
from uitdaagrecht.agreements.models import Version
from uitdaagrecht.assessment import services as assessment
from uitdaagrecht.assessment.models import AdviceRequest, Framework
from uitdaagrecht.challenges import services as challenges
from uitdaagrecht.challenges.models import Challenge
from uitdaagrecht.challenges.workflow import State

LEVELS = [(0, "Niet aangetoond"), (1, "Zwak"), (2, "Voldoende"), (3, "Goed")]
CRITERIA = [
    ("economic", "Kosten en baten"),
    ("social", "Sociale waarde"),
    ("democratic", "Zeggenschap buurt"),
]
DECISION = {
    "outcome": "accept",
    "part": "",
    "reasons_economic": "Goedkoper dan nu.",
    "reasons_social": "Meer buurtbewoners betrokken.",
    "reasons_democratic": "De buurt krijgt zeggenschap.",
    "reasons": "Het voorstel voegt waarde toe voor de buurt.",
    "body": "council",
    "decided_on": datetime.date(2026, 11, 20),
    "council_document_url": "",
    "objection": "Bezwaar binnen zes weken.",
}
AGREEMENT = {
    "explanation": "",
    "start_date": datetime.date(2027, 1, 1),
    "term_months": 24,
    "vehicle": "subsidy",
    "vehicle_reference": "SUB-1",
    "payment_schedule": "Per kwartaal",
    "tasks_taken_over": "Maaien en snoeien",
    "quality_requirements": "",
    "cooperation": "Maandelijks overleg",
    "accountability_form": "horizontal",
    "accountability_moments": "Jaarlijks",
    "accountability_by": "Het bestuur",
    "review_moments": "Na een jaar",
}
RESULT = {
    "indicator": "Tevredenheid buurt",
    "dimension": "social",
    "baseline": 6,
    "target": 8,
    "unit": "cijfer",
}


def publish_framework(place, actor: User, *, criteria=CRITERIA, levels=LEVELS) -> Framework:
    """A new published version with `criteria` (dimension, name), through the services."""
    draft = assessment.framework_draft(municipality=place, actor=actor)
    for order, (dimension, name) in enumerate(criteria):
        assessment.criterion_save(
            framework=draft,
            actor=actor,
            criterion=None,
            values={
                "dimension": dimension,
                "name": name,
                "description": f"Hoe wij {name.lower()} wegen.",
                "weight": 2,
                "order": order,
            },
            levels=levels,
        )
    return assessment.framework_publish(framework=draft, actor=actor)


def to_assessment(challenge: Challenge, *, coordinator: User, contact: User) -> Challenge:
    """Submitted (or in intake) → intake → a contact person → accepted for assessment."""
    if challenge.state == State.SUBMITTED:
        challenge = challenges.transition(
            challenge=challenge, action="start_intake", actor=coordinator, version=None
        )
    if challenge.contact_person_id != contact.pk:
        challenge = challenges.contact_person_assign(
            challenge=challenge, person=contact, actor=coordinator, version=None
        )
    return challenges.transition(
        challenge=challenge,
        action="accept",
        actor=coordinator,
        version=None,
        reason="Past bij het uitdaagrecht.",
    )


def advice_given(
    challenge: Challenge,
    *,
    department,
    coordinator: User,
    advisor: User,
    question: str = "Uw advies?",
    text: str = "Positief.",
    recommendation: str = "favourable",
    confidential_reason: str = "",
) -> AdviceRequest:
    """A request for advice and its answer (confidential when there is a reason), through the
    services."""
    request = assessment.advice_request(
        challenge=challenge, department=department, question=question, days=14, actor=coordinator
    )
    assessment.advice_give(
        request=request,
        actor=advisor,
        text=text,
        recommendation=recommendation,
        confidential=bool(confidential_reason),
        confidential_reason=confidential_reason,
    )
    return request


def decide(challenge: Challenge, actor: User, **changes) -> Challenge:
    assessment.decide(
        challenge=challenge, actor=actor, version=None, values={**DECISION, **changes}
    )
    challenge.refresh_from_db()
    return challenge


def propose(
    challenge: Challenge,
    actor: User,
    *,
    budget=({"year": 2027, "amount_eur": 80_000},),
    results=(RESULT,),
    risks=(),
    confidential=None,
    **changes,
) -> Version:
    return agreements.version_propose(
        challenge=challenge,
        actor=actor,
        values={**AGREEMENT, **changes},
        budget=list(budget),
        results=list(results),
        risks=list(risks),
        confidential=confidential or {},
    )


def full_scores(framework: Framework, value: int = 3, motivation: str = "Onderbouwd.") -> dict:
    """Every criterion scored for the challengers (`value`) and the incumbent (`value` - 1)."""
    return {
        (c.pk, subject): (value if subject == "challenger" else value - 1, motivation)
        for c in framework.criteria.all()
        for subject in ("challenger", "incumbent")
    }


def scores_post(framework: Framework, value: int = 2, motivation: str = "Onderbouwd.") -> dict:
    """The scores form filled in completely (without "submit": saved for later)."""
    data = {"conflict_of_interest": ""}
    for (criterion, subject), (score, text) in full_scores(framework, value, motivation).items():
        data[f"score_{criterion}_{subject}"] = str(score)
        data[f"motivation_{criterion}_{subject}"] = text
    return data


def decision_post(version: int, **changes) -> dict:
    data = {**DECISION, **changes, "version": version}
    data["decided_on"] = str(data["decided_on"])
    return data


def _formset(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{name}": str(value) for name, value in row.items()}
    return data


def agreement_post(
    *,
    budget=({"year": 2027, "amount_eur": 85_000},),
    results=(RESULT,),
    risks=(),
    confidential=None,
    **changes,
) -> dict:
    """A valid POST of the propose form: the version, its rows, the confidential parts."""
    data = {name: str(value) for name, value in {**AGREEMENT, **changes}.items()}
    data |= _formset("budget", list(budget))
    data |= _formset("results", list(results))
    data |= _formset("risks", list(risks))
    data |= {f"reason_{part}": reason for part, reason in (confidential or {}).items()}
    return data
