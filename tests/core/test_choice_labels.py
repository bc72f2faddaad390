"""get_FOO_display() of core.models.ChoiceLabels gives what Django's own gives."""

import pytest
from django.db.models import Model
from django.utils import translation

from uitdaagrecht.assessment.models import Decision
from uitdaagrecht.challenges.models import Challenge, Event, EventKind
from uitdaagrecht.challenges.workflow import State


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_label_as_django_gives_it(language):
    cases = [Event(kind=kind) for kind in EventKind.values]
    cases += [Challenge(state=state) for state in State.values]
    cases += [Decision(outcome=outcome, body=body) for outcome, body in [("accepted", "council")]]
    with translation.override(language):
        for obj in cases:
            for field in obj._meta.concrete_fields:
                if not field.choices:
                    continue
                ours = getattr(obj, f"get_{field.name}_display")()
                djangos = Model._get_FIELD_display(obj, field)
                assert ours == djangos, (obj, field.name)
                assert isinstance(ours, str)


def test_a_value_without_a_label_is_shown_as_it_is():
    assert Event(kind="no-such-kind").get_kind_display() == "no-such-kind"
    assert Challenge(state="").get_classification_display() == ""
