"""The README's two commands are what CI runs, word for word: CI once upgraded pip before installing, which
the README does not tell users to do, and so missed an install that was broken for every new user."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXPLORER = " && claimscope"


def readme_commands() -> list[str]:
    """The shell commands of the README's "The two commands" section, in order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for block in re.findall(r"```bash\n(.*?)```", section, re.S)
            for line in block.splitlines() if line.strip()]


def ci_lines() -> list[str]:
    return [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]


def test_the_readme_has_an_install_and_a_test_command() -> None:
    install, test = readme_commands()
    assert install.startswith("python3 -m venv ") and install.endswith(EXPLORER)
    assert test.startswith("python3 -m venv ") and test.endswith("pytest")


def test_ci_runs_the_readme_commands_as_written() -> None:
    install, test = readme_commands()
    up_to_the_explorer = install.removesuffix(EXPLORER)
    lines = ci_lines()
    ran = [line for line in lines if line.startswith("python3 -m venv ")]
    # Each is run as written; `|| exit $?` only makes a failure inside the && list stop the script.
    assert ran == [f"{up_to_the_explorer} || exit $?", f"{test} || exit $?"]


def test_ci_never_changes_pip_before_installing() -> None:
    for line in ci_lines():
        assert not re.search(r"pip install\b.*(--upgrade|-U)\b.*\bpip\b", line), line
        assert "ensurepip" not in line and "get-pip" not in line, line
