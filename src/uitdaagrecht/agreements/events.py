from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementEvent(models.TextChoices):
    """The kinds of timeline event the agreements write."""

    AGREEMENT_PROPOSED = "agreement_proposed", _("agreement version proposed")
    AGREEMENT_SIGNED = "agreement_signed", _("agreement version signed")
