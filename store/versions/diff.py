"""What changed between two versions of an article: items added, removed and changed, and the text.

Items are paired by ``matching``; a pair whose fields differ is *one* change listing each field's old and
new value (a statistic whose figure moved from 4.1% to 4.3% is a changed value, not a removal and an
addition).  A pair whose only difference is the sentence around it (a word added elsewhere in the
sentence) is unchanged: the text diff shows that edit; so is one whose only difference is its period,
which the extractor may infer from the paragraphs around it (``CONTEXT_FIELDS``).

The text diff works on blocks (paragraphs, headline, byline, captions) with ``difflib``: blocks that are
equal are skipped, a block with no counterpart is added or removed, and a replaced block is paired with
the most similar one on the other side when they share at least half their text
(``PARAGRAPH_SIMILARITY``), its words then diffed so a reader sees the edit inside the paragraph.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from claimscope.extract.model import Article, Claim, Statistic
from claimscope.store.versions.matching import Matching, match_claims, match_statistics, similarity

CLAIM_FIELDS = ("text", "speaker", "cue", "kind")
STATISTIC_FIELDS = ("value", "unit", "measure", "period", "approximate", "direction")
"""The fields whose difference makes a paired item *changed* (``raw`` is left out: "4.1 per cent" and
"4.1%" state the same figure)."""
CONTEXT_FIELDS = frozenset({"period"})
"""Fields the extractor may infer from the paragraphs around an item (a period carried over from an earlier
paragraph): a difference in them is shown only beside a change of the item's own fields, otherwise
removing one paragraph would "change" every figure after it (the text diff shows a reworded period)."""
PARAGRAPH_SIMILARITY = 50.0
WORDS = re.compile(r"\s+|[^\s]+")

ChangeKind = Literal["added", "removed", "changed"]
WordOp = Literal["=", "-", "+"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item of the old version and its counterpart in the new one, and the fields that differ."""

    old_id: str
    new_id: str
    old_sentence: str
    new_sentence: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class ItemsDiff:
    """One kind of item (claims or statistics) across two versions."""

    added: tuple[Claim | Statistic, ...]
    removed: tuple[Claim | Statistic, ...]
    changed: tuple[ItemChange, ...]
    unchanged: int


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """A block added, removed or changed; ``words`` is the word diff of a changed one."""

    kind: ChangeKind
    old: str | None
    new: str | None
    words: tuple[tuple[WordOp, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    old_id: str
    new_id: str
    claims: ItemsDiff
    statistics: ItemsDiff
    paragraphs: tuple[ParagraphChange, ...]

    @property
    def is_empty(self) -> bool:
        items = (self.claims, self.statistics)
        return not self.paragraphs and not any(d.added or d.removed or d.changed for d in items)


def diff_articles(old: Article, new: Article) -> ArticleDiff:
    return ArticleDiff(
        old.id,
        new.id,
        items_diff(match_claims(old.claims, new.claims), CLAIM_FIELDS),
        items_diff(match_statistics(old.statistics, new.statistics), STATISTIC_FIELDS),
        tuple(paragraph_changes(_blocks(old), _blocks(new))),
    )


def items_diff(matching: Matching[Any], fields: Sequence[str]) -> ItemsDiff:
    changed: list[ItemChange] = []
    unchanged = 0
    for old, new in matching.pairs:
        differ = tuple(
            FieldChange(name, getattr(old, name), getattr(new, name))
            for name in fields
            if getattr(old, name) != getattr(new, name)
        )
        if all(change.field in CONTEXT_FIELDS for change in differ):
            differ = ()
        if differ:
            changed.append(ItemChange(old.id, new.id, old.sentence, new.sentence, differ))
        else:
            unchanged += 1
    return ItemsDiff(tuple(matching.added), tuple(matching.removed), tuple(changed), unchanged)


# -- text ------------------------------------------------------------------------------------------

def _blocks(article: Article) -> list[str]:
    return [block.text for section in article.sections for block in section.blocks]


def paragraph_changes(old: Sequence[str], new: Sequence[str]) -> list[ParagraphChange]:
    """The blocks that differ, in reading order."""
    changes: list[ParagraphChange] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        changes.extend(_replaced(old[i1:i2], new[j1:j2]))
    return changes


def _replaced(old: Sequence[str], new: Sequence[str]) -> list[ParagraphChange]:
    """Pair each old block with the most similar new block after the last one paired, in order."""
    changes: list[ParagraphChange] = []
    next_new = 0
    for old_text in old:
        scores = [(similarity(old_text, new[j]), j) for j in range(next_new, len(new))]
        best = max(scores, key=lambda row: (row[0], -row[1]), default=None)
        if best is None or best[0] < PARAGRAPH_SIMILARITY:
            changes.append(ParagraphChange("removed", old_text, None))
            continue
        _, j = best
        changes.extend(ParagraphChange("added", None, text) for text in new[next_new:j])
        changes.append(ParagraphChange("changed", old_text, new[j], word_diff(old_text, new[j])))
        next_new = j + 1
    changes.extend(ParagraphChange("added", None, text) for text in new[next_new:])
    return changes


def word_diff(old: str, new: str) -> tuple[tuple[WordOp, str], ...]:
    """The two texts as runs of kept (``=``), removed (``-``) and added (``+``) words and spaces."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    runs: list[tuple[WordOp, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("+", "".join(b[j1:j2])))
    return tuple(runs)


# -- JSON -------------------------------------------------------------------------------------------

def diff_to_dict(diff: ArticleDiff) -> dict[str, Any]:
    """The ``claimscope diff --format json`` document."""
    return {
        "old": diff.old_id,
        "new": diff.new_id,
        "claims": _items_dict(diff.claims),
        "statistics": _items_dict(diff.statistics),
        "paragraphs": [
            {"change": p.kind, "old": p.old, "new": p.new, "words": [list(run) for run in p.words]}
            for p in diff.paragraphs
        ],
    }


def _items_dict(items: ItemsDiff) -> dict[str, Any]:
    return {
        "added": [_item_dict(item) for item in items.added],
        "removed": [_item_dict(item) for item in items.removed],
        "changed": [
            {
                "old_id": c.old_id,
                "new_id": c.new_id,
                "old_sentence": c.old_sentence,
                "new_sentence": c.new_sentence,
                "fields": {f.field: {"old": f.old, "new": f.new} for f in c.fields},
            }
            for c in items.changed
        ],
        "unchanged": items.unchanged,
    }


def _item_dict(item: Claim | Statistic) -> dict[str, Any]:
    if isinstance(item, Claim):
        return {"id": item.id, "speaker": item.speaker, "text": item.text, "sentence": item.sentence}
    return {
        "id": item.id,
        "raw": item.raw,
        "value": item.value,
        "unit": item.unit,
        "measure": item.measure,
        "period": item.period,
        "sentence": item.sentence,
    }
