"""Allow ``python -m claimscope``."""

from claimscope.tui.cli import main

raise SystemExit(main())
