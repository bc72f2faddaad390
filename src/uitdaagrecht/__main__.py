"""The `uitdaagrecht` console script: the same as `manage.py`."""

import os
import secrets
import sys

# Commands that only read or write code and translations: they never sign or check anything, so
# a missing SECRET_KEY must not stop them (a clean checkout, CI). Every other command, `check`
# and the server included, still refuses to run without one.
KEY_FREE_COMMANDS = {"makemigrations", "makemessages", "compilemessages", "spectacular"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitdaagrecht.conf.settings")
    if len(sys.argv) > 1 and sys.argv[1] in KEY_FREE_COMMANDS:
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings: say clearly what is missing
    except ImproperlyConfigured as error:
        sys.exit(f"uitdaagrecht: {error}")

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
