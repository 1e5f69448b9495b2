"""The `procure` command line: Django's management commands with Procure's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procure.config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "procure"
    execute_from_command_line(_with_grouped_commands(argv))


def _with_grouped_commands(argv: list[str]) -> list[str]:
    """Allow `procure spend import ...` as well as `procure spend_import ...`.

    Grouped commands read like the registers they act on; each maps to a management
    command named `<group>_<verb>`.
    """
    grouped = {"organisation", "spend", "demo", "supplier", "contract", "payee"}
    if len(argv) >= 3 and argv[1] in grouped and not argv[2].startswith("-"):
        return [argv[0], f"{argv[1]}_{argv[2]}", *argv[3:]]
    return argv


if __name__ == "__main__":
    main()
