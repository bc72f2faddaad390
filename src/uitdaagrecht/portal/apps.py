from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Pages and jobs that combine several apps: the account home, the coordinator's dashboard,
    the workspace's navigation and check_terms. It sits above the apps it combines, so that no
    lower app imports a higher one (docs/adr/0006-layers.md)."""

    name = "uitdaagrecht.portal"
    verbose_name = _("Portal")
