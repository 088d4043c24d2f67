"""The user's key remapping: a TOML file in the platform config directory, binding id -> keys.

Example ``~/.config/claimscope/keymap.toml`` (on Linux; ``keymap_path()`` gives each platform's place)::

    [keys]
    "claimscope.search" = "ctrl+f,slash"
    "claimscope.mark" = "m"
    "cursor.down" = "j,down"

Top-level ``id = "keys"`` pairs work too.  Bad files never stop the explorer: they produce warnings that
are shown as notifications and the default keys stay in force.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

ENV_VAR = "CLAIMSCOPE_KEYMAP"
"""Overrides the keymap file location (tests, and users who keep dotfiles elsewhere)."""


@dataclass(frozen=True, slots=True)
class LoadedKeymap:
    """Binding id -> comma-separated keys, and the problems found while reading the file."""

    path: Path
    keys: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def keymap_path() -> Path:
    value = os.environ.get(ENV_VAR)
    if value:
        return Path(value).expanduser()
    return platformdirs.user_config_path("claimscope") / "keymap.toml"


def load_keymap(path: Path | None = None) -> LoadedKeymap:
    """Read the keymap file; a missing file is an empty keymap, a broken one a warning."""
    path = path or keymap_path()
    if not path.is_file():
        return LoadedKeymap(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return LoadedKeymap(path, warnings=[f"keymap {path} ignored: {error}"])
    table = document.get("keys", document)
    keys: dict[str, str] = {}
    warnings: list[str] = []
    if not isinstance(table, dict):
        return LoadedKeymap(path, warnings=[f"keymap {path}: [keys] must be a table"])
    for binding_id, value in table.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            warnings.append(f"keymap {path}: {binding_id!r} must be a key string such as \"ctrl+f\"")
            continue
        keys[str(binding_id)] = ",".join(k.strip() for k in value.split(",") if k.strip())
    return LoadedKeymap(path, keys, warnings)
