"""Command line: ``python -m build_tools {validate,build,dist,gettext,booklet} [options]``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE = (
    "usage: python -m build_tools {validate,build,dist,gettext,booklet} [options]"
    "  (add --help to a command)"
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("validate", "build", "dist", "gettext", "booklet"):
        print(USAGE, file=sys.stderr)
        return 2
    if args[0] == "gettext":
        from .gettext_command import main as command
    elif args[0] == "validate":
        from .validation.validate import main as command
    elif args[0] == "booklet":
        from .site.booklet_pdf import main as command
    elif args[0] == "build":
        from .site.build import main as command
    else:
        from .publish.dist import main as command
    return command(args[1:])


if __name__ == "__main__":
    sys.exit(main())
