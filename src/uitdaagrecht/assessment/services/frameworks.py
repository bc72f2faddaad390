"""The assessment framework: criteria per value dimension with weights and scales, versioned;
a draft is edited and published as a new version, a published one never changes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitdaagrecht.accounts.models import User
from uitdaagrecht.core.caching import invalidate_municipality
from uitdaagrecht.tenants.models import Municipality

from ..models import (
    Criterion,
    Framework,
    Level,
)

DEFAULT_LEVELS = (
    (0, "Niet aangetoond"),
    (1, "Zwak"),
    (2, "Voldoende"),
    (3, "Goed"),
    (4, "Uitstekend"),
)


@transaction.atomic
def framework_draft(*, municipality: Municipality, actor: User) -> Framework:
    """The draft version, made from the current published one when there is none yet."""
    if not actor.has_perm("assessment.change_framework", municipality):
        raise PermissionDenied
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    draft = Framework.objects.filter(municipality=municipality, published_at__isnull=True).first()
    if draft is not None:
        return draft
    current = (
        Framework.objects.public()
        .filter(municipality=municipality)
        .prefetch_related("criteria__levels")
        .first()
    )
    draft = Framework.objects.create(
        municipality=municipality,
        version=(current.version + 1) if current else 1,
        introduction=current.introduction if current else "",
        deciding_body=current.deciding_body if current else Framework.deciding_body.field.default,
        created_by=actor,
    )
    for criterion in current.criteria.all() if current else ():
        copy = Criterion.objects.create(
            framework=draft,
            dimension=criterion.dimension,
            name=criterion.name,
            description=criterion.description,
            weight=criterion.weight,
            order=criterion.order,
        )
        Level.objects.bulk_create(
            Level(criterion=copy, value=level.value, description=level.description)
            for level in criterion.levels.all()
        )
    return draft


def _draft_of(criterion_or_framework) -> Framework:
    framework = getattr(criterion_or_framework, "framework", criterion_or_framework)
    if framework.is_published:
        raise ValidationError(_("A published framework is never changed: edit the new draft."))
    return framework


@transaction.atomic
def framework_update(
    *, framework: Framework, actor: User, introduction: str, deciding_body: str
) -> Framework:
    _draft_of(framework)
    if not actor.has_perm("assessment.change_framework", framework.municipality):
        raise PermissionDenied
    framework.introduction = introduction
    framework.deciding_body = deciding_body
    framework.save(update_fields=["introduction", "deciding_body"])
    return framework


@transaction.atomic
def criterion_save(
    *,
    framework: Framework,
    actor: User,
    criterion: Criterion | None,
    values: dict,
    levels: list[tuple[int, str]],
) -> Criterion:
    """Add or change a criterion of the draft, with its scale described in words."""
    _draft_of(framework)
    if not actor.has_perm("assessment.change_framework", framework.municipality):
        raise PermissionDenied
    if len(levels) < 2:
        raise ValidationError(_("Describe at least two levels of the scale."))
    criterion = criterion or Criterion(framework=framework)
    if criterion.framework_id != framework.pk:
        raise PermissionDenied
    for name, value in values.items():
        setattr(criterion, name, value)
    criterion.save()
    criterion.levels.all().delete()
    Level.objects.bulk_create(
        Level(criterion=criterion, value=value, description=text) for value, text in levels
    )
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, actor: User) -> None:
    _draft_of(criterion)
    if not actor.has_perm("assessment.change_framework", criterion.framework.municipality):
        raise PermissionDenied
    criterion.delete()


@transaction.atomic
def framework_publish(*, framework: Framework, actor: User) -> Framework:
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    _draft_of(framework)
    if not actor.has_perm("assessment.change_framework", framework.municipality):
        raise PermissionDenied
    criteria = list(framework.criteria.prefetch_related("levels"))
    if not criteria:
        raise ValidationError(_("Add at least one criterion before publishing."))
    dimensions = {c.dimension for c in criteria}
    if len(dimensions) < 3:
        raise ValidationError(
            _(
                "A broad assessment has criteria in all three value dimensions: economic, "
                "social and democratic/administrative."
            )
        )
    framework.published_at = timezone.now()
    framework.save(update_fields=["published_at"])
    invalidate_municipality(framework.municipality)
    return framework
