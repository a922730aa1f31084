"""Allow ``python -m dmi_desktop COMMAND ...`` to run the command line."""

import sys

from dmi_desktop.cli.main import main

sys.exit(main(sys.argv[1:]))
