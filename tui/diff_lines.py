"""A diff of two versions as lines to show: the one layout both ``claimscope diff`` and the Diff screen use.

Each line has a kind (a heading, an added, removed or changed item or paragraph, or a detail of a change)
and its text; a changed paragraph also carries its word runs so the screen can colour them and the command
line can print them in wdiff style (``[-old-]{+new+}``).  Text here is article data: whoever paints a
line makes it safe (``one_line`` on the command line, ``safe_text`` in the explorer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from claimscope.extract.model import Claim, Statistic
from claimscope.store.versions.diff import ArticleDiff, ItemChange, ItemsDiff, WordOp

LineKind = Literal["heading", "added", "removed", "changed", "detail"]
SIGN: dict[LineKind, str] = {"heading": "", "added": "+ ", "removed": "- ", "changed": "~ ", "detail": "    "}


@dataclass(frozen=True, slots=True)
class DiffLine:
    kind: LineKind
    text: str
    words: tuple[tuple[WordOp, str], ...] = ()


def diff_lines(diff: ArticleDiff) -> list[DiffLine]:
    """Claims, then statistics, then paragraphs; each section headed by its counts."""
    lines: list[DiffLine] = []
    lines.extend(_items("Claims", diff.claims))
    lines.extend(_items("Statistics", diff.statistics))
    counts = {kind: sum(1 for p in diff.paragraphs if p.kind == kind) for kind in ("changed", "added", "removed")}
    lines.append(DiffLine("heading", "Paragraphs: " + _counts(counts)))
    for paragraph in diff.paragraphs:
        text = paragraph.old if paragraph.kind == "removed" else paragraph.new
        lines.append(DiffLine(paragraph.kind, text or "", paragraph.words))
    return lines


def _counts(counts: dict[str, int], unchanged: int | None = None) -> str:
    parts = [f"{counts[kind]} {kind}" for kind in ("changed", "added", "removed")]
    if unchanged is not None:
        parts.append(f"{unchanged} unchanged")
    return ", ".join(parts)


def _items(title: str, items: ItemsDiff) -> list[DiffLine]:
    counts = {"changed": len(items.changed), "added": len(items.added), "removed": len(items.removed)}
    lines = [DiffLine("heading", f"{title}: {_counts(counts, items.unchanged)}")]
    for change in items.changed:
        lines.extend(_changed(change))
    lines.extend(DiffLine("added", describe(item)) for item in items.added)
    lines.extend(DiffLine("removed", describe(item)) for item in items.removed)
    return lines


def _changed(change: ItemChange) -> list[DiffLine]:
    lines = [DiffLine("changed", f"[{change.old_id} → {change.new_id}] {change.new_sentence}")]
    lines.extend(DiffLine("detail", f"{f.field}: {show_value(f.old)} → {show_value(f.new)}") for f in change.fields)
    return lines


def describe(item: Claim | Statistic) -> str:
    """One line naming an item: who said what, or which figure of what."""
    if isinstance(item, Claim):
        return f"[{item.id}] {item.speaker or 'unattributed'}: {item.text}"
    what = "; ".join(part for part in (item.measure, item.unit, item.period) if part)
    return f"[{item.id}] {item.raw}" + (f" ({what})" if what else "")


def show_value(value: Any) -> str:
    """Values as a reader writes them: 8 rather than 8.0, a dash for none, text quoted."""
    if value is None:
        return "-"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    if isinstance(value, str):
        return f"“{value}”"
    return str(value)


def wdiff(words: tuple[tuple[WordOp, str], ...]) -> str:
    """Word runs in wdiff style, for a terminal without colour: ``[-removed-]{+added+}``."""
    marks = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
    return "".join(marks[op][0] + text + marks[op][1] for op, text in words)


def plain(line: DiffLine) -> str:
    """The line as the command line prints it (before ``one_line``)."""
    body = wdiff(line.words) if line.words else line.text
    return SIGN[line.kind] + body
