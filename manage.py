#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsapi.settings.local")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A setting the environment gives wrong: its one sentence names the variable (docs/operations.md)
        sys.exit(f"{sys.argv[0]}: the configuration cannot be used: {error}")
    except OperationalError as error:
        from events.api.exceptions import DOWN, unavailable

        if unavailable(error) != DOWN:
            raise
        sys.exit(f"{sys.argv[0]}: the database cannot be reached: {str(error).strip()}")


if __name__ == "__main__":
    main()
