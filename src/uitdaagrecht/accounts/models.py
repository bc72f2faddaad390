"""Users and staff roles per municipality (DESIGN.md §2)."""

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.core.models import ChoiceLabels
from uitdaagrecht.tenants.models import Department, Municipality


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Logs in with an e-mail address, which is never shown publicly."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform administrator"),
        default=False,
        help_text=_("May use the Django admin. Municipal staff do not need this."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    CONTACT_PERSON = "contact_person", _("contact person")
    ADVISOR = "advisor", _("advisor")
    ASSESSOR = "assessor", _("assessor")
    DECISION_MAKER = "decision_maker", _("decision maker")
    MUNICIPAL_ADMIN = "municipal_admin", _("municipal administrator")
    # Not staff of the municipality: writes the evaluations of the challenges the coordinator
    # assigns to it, and opens nothing else (no workspace, no other dossier).
    EVALUATOR = "evaluator", _("independent evaluator")


class StaffRole(ChoiceLabels):
    """One role of one person in one municipality. A person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_roles")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_roles",
    )
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="staffrole_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.municipality})"


INVITATION_VALIDITY = timedelta(days=14)


class StaffInvitation(models.Model):
    """An e-mailed invitation to join a municipality's staff with given roles.

    Only a hash of the token is stored: the link in the e-mail is the only copy of the secret.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="staff_invitations"
    )
    email = models.EmailField(_("e-mail address"))
    roles = models.JSONField(_("roles"), default=list)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.SET_NULL, null=True, blank=True
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.municipality})"

    @property
    def expires_at(self):
        return self.created_at + INVITATION_VALIDITY

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and timezone.now() < self.expires_at

    def role_labels(self) -> list[str]:
        return [Role(r).label for r in self.roles if r in Role.values]


class LegalForm(models.TextChoices):
    RESIDENTS_GROUP = "residents_group", _("informal residents' group")
    ASSOCIATION = "association", _("association")
    FOUNDATION = "foundation", _("foundation")
    COOPERATIVE = "cooperative", _("cooperative")
    SOCIAL_ENTERPRISE = "social_enterprise", _("social enterprise")
    OTHER = "other", _("other")


def validate_kvk_number(value: str) -> None:
    """A KvK (Dutch Chamber of Commerce) number has exactly eight digits."""
    if not (len(value) == 8 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("A KvK number has exactly 8 digits, for example 12345678."), code="kvk"
        )


class Organisation(ChoiceLabels):
    """A challenger organisation: residents' group, association, foundation, cooperative, ….

    Its name is public (on challenge pages and in the API); its members are not.
    """

    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        validators=[validate_kvk_number],
        help_text=_("Optional: 8 digits, from the Chamber of Commerce register."),
    )
    neighbourhoods = models.CharField(
        _("neighbourhood(s)"),
        max_length=300,
        blank=True,
        help_text=_("Where the organisation is active, e.g. “Assendorp, Diezerpoort”."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("challenger organisation")
        verbose_name_plural = _("challenger organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    OWNER = "owner", _("owner")
    MEMBER = "member", _("member")


class Membership(ChoiceLabels):
    """A person in a challenger organisation. Owners manage members and sign for it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"


class OrganisationInvitation(models.Model):
    """An e-mailed invitation to join a challenger organisation; only the token's hash is kept."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("organisation invitation")
        verbose_name_plural = _("organisation invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and timezone.now() < self.created_at + INVITATION_VALIDITY
