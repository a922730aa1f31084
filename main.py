"""DMI Desktop entry point: the desktop app by default, the command line when given a command."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    """Dispatch to the GUI or the CLI; see ../shared/CLI.md for the contract."""
    from dmi_desktop.cli.main import is_cli_invocation

    if is_cli_invocation(argv):
        from dmi_desktop.cli.main import main as cli_main

        return cli_main(argv)
    from dmi_desktop.ui.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
