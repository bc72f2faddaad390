"""A system check: every guard and page the workflow table names is registered by an extension."""

from django.core import checks

from .extensions import registry
from .workflow import TRANSITIONS


@checks.register()
def workflow_is_served(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"The workflow step {t.action!r} needs the guard {guard!r}, which no registered "
            "extension provides.",
            id="challenges.E001",
        )
        for t in TRANSITIONS
        for guard in t.guards
        if guard not in registry.guards
    ]
