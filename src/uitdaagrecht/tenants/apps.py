from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "uitdaagrecht.tenants"
    verbose_name = _("Municipalities")

    def ready(self) -> None:
        from uitdaagrecht.core.outbox import mail_branding_register

        from .branding import mail_html

        mail_branding_register(mail_html)
