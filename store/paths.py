"""Where the store lives: ``$CLAIMSCOPE_DB`` first, else the platform's user data directory.

platformdirs knows each platform's conventions (XDG on Linux, ``~/Library/Application Support`` on macOS,
``%LOCALAPPDATA%`` on Windows), so no path is hand-written here.  The files that sit beside the corpus
(marks, lock, segment folder) are named here too, so every module agrees on them.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "CLAIMSCOPE_DB"


def default_store_path() -> Path:
    """The corpus file used when no ``--db`` is given."""
    value = os.environ.get(ENV_VAR)
    if value:
        return Path(value).expanduser()
    return platformdirs.user_data_path("claimscope") / "store.json"


def marks_path(store_path: Path) -> Path:
    """The small file beside the corpus that holds the marked item ids (written on every click)."""
    return store_path.with_name(store_path.name + ".marks")


def lock_path(store_path: Path) -> Path:
    """The lock file a writer holds while it writes the corpus or the marks."""
    return store_path.with_name(store_path.name + ".lock")


def segments_dir(store_path: Path) -> Path:
    """The folder beside the manifest that holds the segment files of article documents."""
    return store_path.with_name(store_path.name + ".d")
