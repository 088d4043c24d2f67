"""Queries over a list of segments, minus the articles in the tombstone set.

A query word is matched against each segment's vocabulary only (exact, prefix, and with rapidfuzz's
``cdist`` under an edit-distance bound that grows with the word's length), never against the units
themselves; the matched words' posting lists give the candidate units, which are reduced to the best
field per (unit, word) with numpy, shortlisted on the cheap rules (words, typos, relevance) and then
ranked by every rule (``ranking.RULES``) with proximity and exactness read from the shortlisted units'
text.  Near-identical units (equal kind and own words: wire copies) are reported once, with a count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from claimscope.store.search.fields import FIELD_NAMES, FIELDS, KIND_CODE, OWN_FIELDS, UNIT_KINDS
from claimscope.store.search.ranking import Criteria, display_score, rank
from claimscope.store.search.segment import Segment, members
from claimscope.store.search.snippet import snippet
from claimscope.store.text import tokens

MAX_QUERY_TOKENS = 10
STOP_SHARE = 0.2
"""A query word found in more than this share of units does not count towards the ``words`` rule."""
MAX_COPY_IDS = 20
FIELD_WEIGHTS = np.array([weight for _, weight in FIELDS], dtype=np.float64)
IS_OWN = np.array([code in OWN_FIELDS for code in range(len(FIELDS))], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Hit:
    """One result: what it is, the snippet to show with its matched spans, and its wire copies."""

    kind: str
    id: str
    article_id: str
    text: str
    score: float
    label: str
    matched: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    copies: int = 1
    copy_ids: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "score": self.score,
            "label": self.label,
            "matched": list(self.matched),
            "spans": [list(span) for span in self.spans],
            "copies": self.copies,
            "copy_ids": list(self.copy_ids),
        }


def typo_budget(token: str) -> int:
    """How many edits a query word may be away from a stored word: none for short words and numbers."""
    if any(ch.isdigit() for ch in token) or len(token) < 4:
        return 0
    return 1 if len(token) <= 6 else 2


@dataclass(slots=True)
class _Candidates:
    """The units of one segment that matched any query word, with per-unit sums over the words."""

    segment: Segment
    units: npt.NDArray[np.int64]
    words: npt.NDArray[np.float64]
    typos: npt.NDArray[np.float64]
    own: npt.NDArray[np.float64]
    quality: npt.NDArray[np.float64]
    exact: npt.NDArray[np.float64]
    fields: npt.NDArray[np.int64]
    matched_tokens: frozenset[str]


class SearchIndex:
    """Segments plus tombstones: what a query reads.  Built by ``persisted.open_index`` or ``from_store``."""

    def __init__(self, segments: Iterable[Segment], tombstones: Iterable[frozenset[str]] = ()) -> None:
        """``tombstones``: per segment (in order), the article ids whose units in it no longer count."""
        self.segments = list(segments)
        dead_ids = list(tombstones) or [frozenset()] * len(self.segments)
        self._dead = [s.article_mask(dead) for s, dead in zip(self.segments, dead_ids, strict=True)]
        self.n_units = sum(len(s) for s in self.segments)

    @classmethod
    def from_store(cls, store: object) -> SearchIndex:
        """An index of everything in ``store``, built in memory (never persisted)."""
        from claimscope.store.search.persisted import build_segment, store_article_ids

        return cls([build_segment(store, sorted(store_article_ids(store)))])  # type: ignore[arg-type]

    def __len__(self) -> int:
        return self.n_units

    def covered(self) -> set[str]:
        """The article ids whose units this index holds (tombstoned ones excluded)."""
        return {
            a
            for s, dead in zip(self.segments, self._dead, strict=True)
            for a, gone in zip(s.article_ids, dead.tolist(), strict=True)
            if not gone
        }

    def search(self, query: str, *, kind: str | None = None, limit: int = 50) -> list[Hit]:
        """The best ``limit`` units for ``query`` (optionally of one kind), best first."""
        if kind is not None and kind not in KIND_CODE:
            raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(UNIT_KINDS)}")
        words = list(dict.fromkeys(tokens(query)))[:MAX_QUERY_TOKENS]
        if not words or self.n_units == 0 or limit <= 0:
            return []
        last = len(words) - 1
        matches = [[s.matches(w, typo_budget(w), prefix=j == last) for j, w in enumerate(words)] for s in self.segments]
        dfs = [self._df(matches, j) for j in range(len(words))]
        idf = np.array([math.log(1.0 + self.n_units / (1.0 + df)) for df in dfs])
        counted = np.array([df <= STOP_SHARE * self.n_units or self.n_units < 50 for df in dfs], dtype=np.float64)
        if not counted.any():
            counted[:] = 1.0
        shortlist: list[tuple[_Candidates, npt.NDArray[np.intp]]] = []
        for number, segment in enumerate(self.segments):
            found = self._candidates(segment, self._dead[number], matches[number], idf, counted, kind)
            if found is not None:
                coarse = _shortlist(found, max(limit * 4, 100))
                shortlist.append((found, coarse))
        if not shortlist:
            return []
        return self._ranked(words, shortlist, int(counted.sum()), limit)

    def _df(self, matches: list[list[dict[int, tuple[float, int]]]], j: int) -> int:
        """How many units hold the query word's best match (the rarest of equally good ones), all segments."""
        total = 0
        for segment, per_word in zip(self.segments, matches, strict=True):
            found = per_word[j]
            if found:
                best = max(sim for sim, _ in found.values())
                total += min(segment.df(t) for t, (sim, _) in found.items() if sim == best)
        return total

    def _candidates(
        self,
        segment: Segment,
        dead: npt.NDArray[np.bool_],
        matches: list[dict[int, tuple[float, int]]],
        idf: npt.NDArray[np.float64],
        counted: npt.NDArray[np.float64],
        kind: str | None,
    ) -> _Candidates | None:
        unit_parts: list[npt.NDArray[np.int64]] = []
        columns: list[tuple[npt.NDArray[np.float64], ...]] = []
        matched_tokens: set[str] = set()
        for j, found in enumerate(matches):
            if not found:
                continue
            matched_tokens.update(segment.vocab[t] for t in found)
            ids = np.fromiter(found, dtype=np.int64, count=len(found))
            sims = np.array([found[t][0] for t in found])
            typos = np.array([found[t][1] for t in found], dtype=np.float64)
            starts, stops = segment.post_offsets[ids], segment.post_offsets[ids + 1]
            lengths = stops - starts
            if not lengths.sum():
                continue
            ranges = [(a, b) for a, b in zip(starts.tolist(), stops.tolist(), strict=True) if b > a]
            units = _joined([segment.post_units[a:b] for a, b in ranges]).astype(np.int64)
            fields = _joined([segment.post_fields[a:b] for a, b in ranges])
            entry_sims = np.repeat(sims, lengths)
            entry_typos = np.repeat(typos, lengths)
            value = entry_sims * FIELD_WEIGHTS[fields]
            if len(found) > 1:  # several stored words match: keep each unit's best posting only
                # Each stored word's postings are sorted by unit, so the keys are a few sorted runs: the
                # stable sort (timsort) merges runs in O(n log runs) instead of sorting from scratch.
                best = np.argsort(units * 65536 + (65535 - (value * 65535).astype(np.int64)), kind="stable")
                units = units[best]
                first = np.concatenate(([True], units[1:] != units[:-1]))
                keep = best[first]
                units, value, fields = units[first], value[keep], fields[keep]
                entry_sims, entry_typos = entry_sims[keep], entry_typos[keep]
            unit_parts.append(units)
            ones = np.ones(len(units))
            columns.append(
                (
                    counted[j] * ones,
                    entry_typos,
                    idf[j] * IS_OWN[fields],
                    idf[j] * value,
                    (entry_sims == 1.0) * 1.0,
                    fields.astype(np.float64),
                )
            )
        if not unit_parts:
            return None
        all_units = np.concatenate(unit_parts)
        keep = ~dead[segment.unit_article[all_units]]
        if kind is not None:
            keep &= segment.unit_kind[all_units] == KIND_CODE[kind]
        if not keep.any():
            return None
        all_units = all_units[keep]
        stacked = [np.concatenate([c[k] for c in columns])[keep] for k in range(6)]
        units, inverse = _merge_runs(all_units)
        total_idf = float(idf.sum()) or 1.0
        field_bits = np.zeros(len(units), dtype=np.int64)
        np.bitwise_or.at(field_bits, inverse, np.left_shift(1, stacked[5].astype(np.int64)))
        return _Candidates(
            segment=segment,
            units=units,
            words=_sums(inverse, stacked[0]),
            typos=_sums(inverse, stacked[1]),
            own=_sums(inverse, stacked[2]) / total_idf,
            quality=_sums(inverse, stacked[3]) / total_idf,
            exact=_sums(inverse, stacked[4]),
            fields=field_bits,
            matched_tokens=frozenset(matched_tokens),
        )

    def _ranked(
        self, words: list[str], shortlist: list[tuple[_Candidates, npt.NDArray[np.intp]]], n_counted: int, limit: int
    ) -> list[Hit]:
        rows = [(found, int(i)) for found, coarse in shortlist for i in coarse]
        texts = [found.segment.text(int(found.units[i])) for found, i in rows]
        labels = [found.segment.label(int(found.units[i])) for found, i in rows]
        proximity, phrase = zip(
            *(_proximity_and_phrase(words, text, label) for text, label in zip(texts, labels, strict=True)),
            strict=True,
        )
        criteria = Criteria(
            words=np.array([f.words[i] for f, i in rows]),
            typos=np.array([f.typos[i] for f, i in rows]),
            own_share=np.array([f.own[i] for f, i in rows]),
            proximity=np.array(proximity, dtype=np.float64),
            exact_words=np.array([f.exact[i] for f, i in rows]),
            phrase=np.array(phrase, dtype=np.float64),
            quality=np.array([f.quality[i] for f, i in rows]),
            length=np.array([float(f.segment.unit_len[int(f.units[i])]) for f, i in rows]),
        )
        scores = display_score(criteria, n_counted)
        chosen: dict[int, int] = {}
        shown: set[tuple[str, str]] = set()
        for position in rank(criteria).tolist():
            found, i = rows[position]
            unit = int(found.units[i])
            dup = int(found.segment.unit_dup[unit])
            kind, unit_id, _ = found.segment.unit_id(unit)
            if dup in chosen or (kind, unit_id) in shown:
                continue  # a copy of a line already listed, or a second sentence of a listed section
            chosen[dup] = position
            shown.add((kind, unit_id))
            if len(chosen) == limit:
                break
        copies = self._copies([found for found, _ in shortlist], set(chosen))
        hits: list[Hit] = []
        ceiling = 100.0
        for dup, position in chosen.items():
            found, i = rows[position]
            unit = int(found.units[i])
            kind, unit_id, article_id = found.segment.unit_id(unit)
            text, spans = snippet(texts[position], found.matched_tokens)
            ceiling = min(ceiling, float(scores[position]))
            others = [other for other in copies.get(dup, []) if other != unit_id]
            hits.append(
                Hit(
                    kind=kind,
                    id=unit_id,
                    article_id=article_id,
                    text=text,
                    score=round(ceiling, 2),
                    label=labels[position],
                    matched=tuple(name for code, name in enumerate(FIELD_NAMES) if int(found.fields[i]) >> code & 1),
                    spans=spans,
                    copies=1 + len(others),
                    copy_ids=tuple(others[:MAX_COPY_IDS]),
                )
            )
        return hits

    @staticmethod
    def _copies(candidates: list[_Candidates], dups: set[int]) -> dict[int, list[str]]:
        """Per chosen duplicate key, the ids of every candidate unit that has it (wire copies match alike)."""
        wanted = np.fromiter(dups, dtype=np.int64, count=len(dups))
        ids: dict[int, list[str]] = {}
        for found in candidates:
            keys = np.asarray(found.segment.unit_dup[found.units])
            for position in np.flatnonzero(members(keys, wanted)).tolist():
                unit = int(found.units[position])
                ids.setdefault(int(keys[position]), []).append(found.segment.unit_id(unit)[1])
        return ids


def _joined(parts: list[npt.NDArray[Any]]) -> npt.NDArray[Any]:
    """One array of the parts (slices of the mapped postings: one part is used as it is, uncopied)."""
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _merge_runs(units: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.intp]]:
    """``np.unique(units, return_inverse=True)`` for a concatenation of sorted runs (one per query word).

    ``np.unique`` sorts from scratch; a stable sort merges the runs, which on a million candidates is
    several times faster.
    """
    order = np.argsort(units, kind="stable")
    ordered = units[order]
    starts = np.empty(len(ordered), dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    inverse = np.empty(len(units), dtype=np.intp)
    inverse[order] = np.cumsum(starts) - 1
    return ordered[starts], inverse


def _shortlist(found: _Candidates, size: int) -> npt.NDArray[np.intp]:
    """The ``size`` best candidates by words, then typos, then relevance (partitioned, then sorted)."""
    coarse = found.words * 1e4 - found.typos * 1e2 + found.quality
    top = np.argpartition(-coarse, size - 1)[:size] if len(coarse) > size else np.arange(len(coarse))
    ordered: npt.NDArray[np.intp] = top[np.argsort(-coarse[top], kind="stable")]
    return ordered


def _sums(groups: npt.NDArray[np.intp], values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Per group, the sum of its values (``np.bincount`` with weights, typed)."""
    summed: npt.NDArray[np.float64] = np.bincount(groups, weights=values).astype(np.float64)
    return summed


def _proximity_and_phrase(words: list[str], text: str, label: str) -> tuple[float, float]:
    """The better of the text's and the label's (a claim's speaker, a statistic's measure) proximity and phrase."""
    in_text = _proximity(words, tokens(text)), _phrase(words, tokens(text))
    in_label = _proximity(words, tokens(label)), _phrase(words, tokens(label))
    return min(in_text[0], in_label[0]), max(in_text[1], in_label[1])


def _phrase(words: list[str], found: list[str]) -> float:
    """2 when the text is the query, 1 when it starts with it, 0.5 when it contains it, else 0."""
    joined = " ".join(found)
    phrase = " ".join(words)
    if joined == phrase:
        return 2.0
    if joined.startswith(phrase):
        return 1.0
    return 0.5 if phrase in joined else 0.0


def _proximity(words: list[str], found: list[str]) -> float:
    """How many other words sit between the first and last query word found (6, the worst, under two)."""
    prefixes = tuple(words)
    positions = [i for i, t in enumerate(found) if t.startswith(prefixes)]
    if len({found[i] for i in positions}) < 2:
        return 6.0
    return float(max(0, (positions[-1] - positions[0] + 1) - len(positions)))
