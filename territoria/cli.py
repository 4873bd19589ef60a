"""The ``territoria`` command: Django's management commands with the project's settings.

``territoria demo`` prepares and serves the demo; ``territoria serve`` runs the web server
with a task worker beside it; every other Django command works as with ``manage.py``.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["territoria", *(argv if argv is not None else sys.argv[1:])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
