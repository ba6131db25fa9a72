"""The ``synovia`` console script: Django's management commands under one name.

``synovia demo``, ``synovia serve``, ``synovia measures``, ``synovia trials ...``,
``synovia demo-data ...``, ``synovia reminders``, ``synovia bench`` and every standard Django
command (``synovia migrate``...). Hyphens in the command name map to underscores, so
``synovia demo-data`` runs the ``demo_data`` command.

``synovia outcomes`` reads only its files, never the database, so it runs without loading
Django's apps (``django.setup()`` is most of a second of its 2-second budget).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "synovia.settings")
    if len(args) > 1 and args[1] == "outcomes":
        from synovia.research.management.commands.outcomes import Command

        Command().run_from_argv(args)
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
