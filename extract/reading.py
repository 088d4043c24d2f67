"""Read an article's bytes from a path or standard input, refusing what cannot be an article."""

from __future__ import annotations

import sys
from pathlib import Path

from claimscope.extract.errors import InputRefused

MAX_BYTES = 16 * 1024 * 1024
"""Articles are kilobytes; anything past 16 MiB is a mistake (a dump, a binary), not a story."""


def read_source(path: str) -> tuple[bytes, str]:
    """Return ``(data, source)`` for a file path, or for ``-`` (standard input)."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        source = "<stdin>"
    else:
        file = Path(path)
        try:
            if file.is_dir():
                raise InputRefused(f"{path}: is a directory, not an article")
            size = file.stat().st_size
            if size > MAX_BYTES:
                raise InputRefused(f"{path}: too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
            data = file.read_bytes()
        except FileNotFoundError:
            raise InputRefused(f"{path}: no such file") from None
        except PermissionError:
            raise InputRefused(f"{path}: permission denied") from None
        except OSError as exc:
            raise InputRefused(f"{path}: cannot read ({exc.strerror or exc})") from None
        source = path
    if len(data) > MAX_BYTES:
        raise InputRefused(f"{source}: too large (over {MAX_BYTES:,} bytes)")
    return data, source
