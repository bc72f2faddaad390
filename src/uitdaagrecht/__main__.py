"""The `uitdaagrecht` console script: the same as `manage.py`."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitdaagrecht.conf.settings")
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
