"""The Django admin, for platform administrators only, behind the same second factor as staff."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django_otp.admin import OTPAdminSite


class PlatformAdminSite(OTPAdminSite):
    site_header = "Open Uitdaagrecht — platform"
    site_title = "Open Uitdaagrecht"

    def has_permission(self, request) -> bool:
        if settings.STAFF_2FA_REQUIRED:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)
