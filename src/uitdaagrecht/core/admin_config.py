from django.contrib.admin.apps import AdminConfig


class PlatformAdminConfig(AdminConfig):
    """The admin app with our site; a module of its own, loaded before the apps are ready."""

    default_site = "uitdaagrecht.core.admin_site.PlatformAdminSite"
