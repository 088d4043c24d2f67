"""What the CLI tests share besides fixtures: the result of a run and the one-line error check."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Outcome:
    """What an in-process run gave: exit status and both streams (the shape of ``CompletedProcess``)."""

    returncode: int
    stdout: str
    stderr: str


Invoke = Callable[..., Outcome]
Location = Path | str
"""A store file, or a PostgreSQL URL."""
Run = Callable[..., subprocess.CompletedProcess[str]]


def one_error_line(result: Outcome | subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 2, nothing on stdout, exactly one line on stderr naming the problem, no traceback."""
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("claimscope: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
