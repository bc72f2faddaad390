"""What models share."""

from django.db import models
from django.utils.encoding import force_str


class ChoiceLabels(models.Model):
    """`get_FOO_display()` that translates only the label it returns. Django's own makes a
    hashable dict of all choices on every call, which translates every lazy label (an event's
    kind has about 40): with ~70 calls per staff dossier that was a sixth of its time."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        for choice, label in field.flatchoices:
            if choice == value:
                return force_str(label, strings_only=True)
        return force_str(value, strings_only=True)
