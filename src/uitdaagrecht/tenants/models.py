"""The municipality (tenant) and what it configures about itself."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits, e.g. #1d4f91.")
)


class Municipality(models.Model):
    """A Dutch municipality as CBS knows it; one installation hosts all of them."""

    cbs_code = models.CharField(_("CBS code"), max_length=6, unique=True, help_text="GM0363")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    province = models.CharField(_("province"), max_length=40, db_index=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_active = models.BooleanField(
        _("exists"), default=True, help_text=_("Part of the current municipal division.")
    )

    # Right to Challenge texts (tips 1 and 2); empty means "show the default text".
    definition = models.TextField(_("definition of the Right to Challenge"), blank=True)
    why = models.TextField(_("why we do the Right to Challenge"), blank=True)

    # The public contact point (coordinator). A functional mailbox, never a personal one by default.
    contact_name = models.CharField(
        _("name of the contact point"),
        max_length=150,
        blank=True,
        help_text=_("E.g. 'Team Right to Challenge'. Only use a person's name with their consent."),
    )
    contact_email = models.EmailField(_("e-mail address of the contact point"), blank=True)
    contact_phone = models.CharField(_("telephone number"), max_length=30, blank=True)
    contact_hours = models.CharField(_("when to reach us"), max_length=200, blank=True)
    # The accessibility statement (Besluit digitale toegankelijkheid overheid): the platform's part
    # is the same everywhere; the municipality adds its known problems and how to complain.
    accessibility_statement = models.TextField(
        _("accessibility statement: your additions"),
        blank=True,
        help_text=_(
            "Known problems in your municipality's content, planned improvements and how to file "
            "a complaint. Leave empty to show only the platform's statement."
        ),
    )
    # The privacy statement (AVG/GDPR art. 13): the platform's part is the same everywhere; the
    # municipality, the controller of its challenges, adds its own and names its data protection
    # officer (functionaris gegevensbescherming, required of every municipality by art. 37).
    privacy_statement = models.TextField(
        _("privacy statement: your additions"),
        blank=True,
        help_text=_(
            "What else your municipality processes for the Right to Challenge, its retention "
            "periods and where to find your general privacy statement. Leave empty to show the "
            "default text."
        ),
    )
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=150,
        blank=True,
        help_text=_("Name or function, e.g. 'Functionaris gegevensbescherming'."),
    )
    dpo_email = models.EmailField(_("e-mail address of the data protection officer"), blank=True)

    # Theme: NL Design System tokens overridden per municipality (served as /<slug>/theme.css).
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, blank=True, validators=[hex_colour]
    )
    brand_text_colour = models.CharField(
        _("text colour on the brand colour"),
        max_length=7,
        blank=True,
        validators=[hex_colour],
    )
    is_demo = models.BooleanField(
        _("demo"), default=False, help_text=_("Shows a banner: the example content is not real.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal:municipality", kwargs={"municipality": self.slug})

    @property
    def has_theme(self) -> bool:
        return bool(self.brand_colour)


class Department(models.Model):
    """A department (vakafdeling) of a municipality: owns tasks; its name is public."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="department_unique_name_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name
