"""Zwolle's assessment framework and the tables the assessment steps use (assessment.yaml,
scores.yaml)."""

import datetime

from django.utils import timezone

from uitdaagrecht.accounts.models import User
from uitdaagrecht.assessment import services as assessment_services
from uitdaagrecht.assessment.models import Body, Framework, Subject
from uitdaagrecht.assessment.selectors import framework_of
from uitdaagrecht.challenges.models import Challenge
from uitdaagrecht.tenants.models import Municipality

from .files import read


def frameworks_load(municipality: Municipality, actor: User, now: datetime.datetime) -> None:
    """Versions 1 and 2, through the services the coordinator uses. Publishing takes no moment,
    so each version is dated afterwards. Made once: a municipality with any framework keeps its
    own."""
    if Framework.objects.filter(municipality=municipality).exists():
        return
    tables = read("assessment.yaml")
    for spec in tables["frameworks"]:
        draft = assessment_services.framework_draft(municipality=municipality, actor=actor)
        assessment_services.framework_update(
            framework=draft,
            actor=actor,
            introduction=spec["introduction"],
            deciding_body=Body.COLLEGE,
        )
        existing = {c.name: c for c in draft.criteria.all()}
        for order, (key, weight) in enumerate(spec["weights"].items()):
            criterion = tables["criteria"][key]
            assessment_services.criterion_save(
                framework=draft,
                actor=actor,
                criterion=existing.get(criterion["name"]),
                values={
                    "dimension": criterion["dimension"],
                    "name": criterion["name"],
                    "description": criterion["description"],
                    "weight": weight,
                    "order": order,
                },
                levels=list(criterion["levels"].items()),
            )
        assessment_services.framework_publish(framework=draft, actor=actor)
        published = timezone.make_aware(
            datetime.datetime.combine(
                timezone.localtime(now).date() - datetime.timedelta(days=spec["days_ago"]),
                datetime.time(10, 0),
            )
        )
        Framework.objects.filter(pk=draft.pk).update(
            created_at=published - datetime.timedelta(days=21), published_at=published
        )


def scores_of(
    challenge: Challenge, table: str, shift: int | None
) -> dict[tuple[int, str], tuple[int, str]]:
    """One assessor's scores on the framework that applies to the challenge, as
    scorecard_save takes them: the table of scores.yaml, with the challengers' scores moved a
    level up or down where the assessor's shift (assessment.yaml) says so."""
    tables = read("assessment.yaml")
    shifts = tables["shifts"][shift] if shift is not None else []
    criteria = {c.name: c for c in framework_of(challenge).criteria.prefetch_related("levels")}
    scores = {}
    for index, (key, row) in enumerate(read("scores.yaml")[table].items()):
        criterion = criteria[tables["criteria"][key]["name"]]
        top = max(level.value for level in criterion.levels.all())
        delta = shifts[index] if index < len(shifts) else 0
        value = min(max(row["challengers"] + delta, 0), top)
        remark = tables["shift_remarks"][delta] if value != row["challengers"] else ""
        scores[(criterion.pk, Subject.CHALLENGER)] = (value, row["challengers_why"] + remark)
        scores[(criterion.pk, Subject.INCUMBENT)] = (row["incumbent"], row["incumbent_why"])
    return scores


def decision_values(step: dict, at: datetime.datetime, original=None) -> dict:
    """What a decide or correct step decides: its texts, or for a correction the original's
    where the step gives none."""

    def text(key: str, field: str) -> str:
        if key in step or original is None:
            return step.get(key, "")
        return getattr(original, field)

    return {
        "outcome": original.outcome if original is not None else step["outcome"],
        "part": text("part", "part"),
        "reasons_economic": text("economic", "reasons_economic"),
        "reasons_social": text("social", "reasons_social"),
        "reasons_democratic": text("democratic", "reasons_democratic"),
        "reasons": step["reasons"],
        "body": Body.COLLEGE,
        "decided_on": timezone.localtime(at).date(),
        "council_document_url": "",
        "objection": read("assessment.yaml")["objection"],
    }
