"""Fuzzy search over every article, section, claim, statistic and entity in the store.

Scoring 300,000 strings one by one with rapidfuzz takes far too long per keystroke, and whole-string
ratios rank "all of my words, one misspelt" below "some of my words, spelt right".  So the index works on
tokens:

1. at build time every item's text is normalised once and cut into tokens; the distinct tokens form a
   vocabulary (grouped by length), and an inverted index (CSR arrays) maps each token to its items;
2. each query token is matched against the vocabulary only: exactly, as a prefix (so typing "screen" finds
   "screenings"), and with rapidfuzz's ``cdist`` under an edit-distance bound that grows with the token's
   length (``OSA`` counts a swapped pair of letters as one typo: "teir" -> "tier");
3. items are scored by how many query words they contain (all words beat some), then by how well and how
   rarely those words match (IDF-weighted), with a bonus when the item's main text equals, starts with or
   contains the query, and a small penalty for very long items.

Only the vocabulary, never the items, is compared character by character, so a query costs milliseconds
even on large stores, and ``cdist`` releases the GIL so the explorer keeps painting while it runs.
"""

from __future__ import annotations

import bisect
import math
from array import array
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from claimscope.store.db import Store
from claimscope.store.records import Record, block_text, sentence_of
from claimscope.store.schema import KINDS
from claimscope.store.storage import gc_paused
from claimscope.store.text import single_line, tokens

__all__ = ["Hit", "SearchIndex"]

PRIMARY_WEIGHT = 1.0  # title, heading, speaker, claim text, measure, entity name
BODY_WEIGHT = 0.85  # paragraphs, source sentences, acronym expansions
PREFIX_SIMILARITY = 0.9
TYPO_SIMILARITY = {1: 0.8, 2: 0.62}
MAX_QUERY_TOKENS = 10
MAX_PREFIX_TOKENS = 200
STOP_SHARE = 0.2  # a query word found in more than this share of items does not count towards "all words"
DISPLAY_CHARS = 240
KIND_ORDER: dict[str, int] = {kind: n for n, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    id: str
    article_id: str
    text: str
    score: float
    label: str

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "score": self.score,
            "label": self.label,
        }


def _typo_budget(token: str) -> int:
    """How many edits a query word may be away from a stored word: none for short words and numbers."""
    if token.isdigit() or len(token) < 4:
        return 0
    return 1 if len(token) <= 6 else 2


class _Builder:
    """Collects items into flat lists and arrays; see ``SearchIndex`` for what they mean.

    Tokens become integer ids (``_Vocabulary``) as soon as they are read, the posting lists grow as
    ``array('i')`` (4 bytes a posting, not a Python int and a list slot), and which item and weight each
    posting has is rebuilt afterwards with ``numpy.repeat`` from per-item counts, so the per-item Python
    work is a few set operations on small ints.
    """

    def __init__(self) -> None:
        self.kinds = array("b")
        self.ids: list[str] = []
        self.article_ids: list[str] = []
        self.texts: list[str] = []
        self.labels: list[str] = []
        self.keys: list[str] = []
        self.vocab = _Vocabulary()
        self.postings = array("i")
        self.counts = array("i")  # per item: primary postings, then body postings

    def add(
        self,
        kind: str,
        item_id: str,
        article_id: str,
        text: str,
        label: str,
        primary_tokens: list[str],
        body: set[int],
    ) -> None:
        self.kinds.append(KIND_ORDER.get(kind, 0))
        self.ids.append(item_id)
        self.article_ids.append(article_id)
        self.texts.append(text)
        self.labels.append(label)
        self.keys.append(" ".join(primary_tokens))
        primary = set(map(self.vocab.__getitem__, primary_tokens))
        body = body - primary
        self.postings.extend(primary)
        self.postings.extend(body)
        self.counts.append(len(primary))
        self.counts.append(len(body))

    def token_ids(self, words: list[str]) -> set[int]:
        return set(map(self.vocab.__getitem__, words))


class _Vocabulary(dict[str, int]):
    """Token -> id; an unseen token gets the next id (``__missing__`` runs only for new tokens)."""

    def __missing__(self, token: str) -> int:
        token_id = self[token] = len(self)
        return token_id


class SearchIndex:
    """An immutable index built once per process; see the module docstring for how it ranks."""

    def __init__(self, builder: _Builder) -> None:
        """Freeze what ``from_store`` collected into the arrays the queries read."""
        self.ids = builder.ids
        self.article_ids = builder.article_ids
        self.texts = builder.texts
        self.labels = builder.labels
        self.keys = builder.keys
        self.kind_codes = np.frombuffer(builder.kinds, dtype=np.int8).copy()
        kinds = list(KIND_ORDER)
        self.kinds = [kinds[code] for code in builder.kinds]
        n_items = len(self.ids)
        counts = np.frombuffer(builder.counts, dtype=np.intc).astype(np.int64)
        per_item = counts.reshape(-1, 2)
        self.lengths = per_item.sum(axis=1).astype(np.float32)
        token_array = np.frombuffer(builder.postings, dtype=np.intc)
        item_of = np.repeat(np.repeat(np.arange(n_items, dtype=np.int32), 2), counts)
        weight_of = np.repeat(np.tile(np.array([PRIMARY_WEIGHT, BODY_WEIGHT], dtype=np.float32), n_items), counts)
        order = np.argsort(token_array, kind="stable")
        self.post_items = item_of[order]
        self.post_weights = weight_of[order]
        df = np.bincount(token_array, minlength=len(builder.vocab))
        self.offsets = np.concatenate(([0], np.cumsum(df))).astype(np.int64)
        vocab = list(builder.vocab)
        self.token_ids = dict(builder.vocab)
        self.df = df.astype(np.float32)
        self.sorted_vocab = sorted(vocab)
        by_length: dict[int, list[str]] = {}
        for token in vocab:
            by_length.setdefault(len(token), []).append(token)
        self.by_length = by_length

    @classmethod
    def from_store(cls, store: Store) -> SearchIndex:
        """Index everything in the store as it is now; later queries never touch the store again.

        Articles are parsed one at a time and dropped once indexed, so building the index does not
        leave the whole corpus parsed in memory.
        """
        builder = _Builder()
        with gc_paused():
            for article_id, document in store.documents():
                _index_article(builder, article_id, document)
        return cls(builder)

    def __len__(self) -> int:
        return len(self.ids)

    # -- query -------------------------------------------------------------------------------------

    def _token_matches(self, query_token: str) -> dict[int, float]:
        """Vocabulary tokens that ``query_token`` could mean, with a similarity in (0, 1]."""
        matches: dict[int, float] = {}
        exact = self.token_ids.get(query_token)
        if exact is not None:
            matches[exact] = 1.0
        if len(query_token) >= 2 or query_token.isdigit():
            start = bisect.bisect_left(self.sorted_vocab, query_token)
            stop = bisect.bisect_left(self.sorted_vocab, query_token + "\U0010ffff", lo=start)
            if stop - start > MAX_PREFIX_TOKENS:
                candidates = sorted(self.sorted_vocab[start:stop], key=len)[:MAX_PREFIX_TOKENS]
            else:
                candidates = self.sorted_vocab[start:stop]
            for token in candidates:
                matches.setdefault(self.token_ids[token], PREFIX_SIMILARITY)
        budget = _typo_budget(query_token)
        if budget and not query_token.isdigit():
            size = len(query_token)
            for length in range(size - budget, size + budget + 1):
                group = self.by_length.get(length)
                if not group:
                    continue
                distances = process.cdist(
                    [query_token], group, scorer=OSA.distance, score_cutoff=budget, dtype=np.int32
                )[0]
                for position in np.flatnonzero(distances <= budget):
                    distance = int(distances[position])
                    if distance == 0:
                        continue
                    token_id = self.token_ids[group[position]]
                    similarity = TYPO_SIMILARITY.get(distance, 0.5)
                    if similarity > matches.get(token_id, 0.0):
                        matches[token_id] = similarity
        return matches

    def _best_per_item(self, matches: dict[int, float]) -> npt.NDArray[np.float32]:
        best = np.zeros(len(self.ids), dtype=np.float32)
        for token_id, similarity in sorted(matches.items(), key=lambda kv: kv[1]):
            lo, hi = self.offsets[token_id], self.offsets[token_id + 1]
            items = self.post_items[lo:hi]
            values = self.post_weights[lo:hi] * np.float32(similarity)
            best[items] = np.maximum(best[items], values)
        return best

    def search(self, query: str, *, kind: str | None = None, limit: int = 50) -> list[Hit]:
        """The best ``limit`` items for ``query`` (optionally of one kind), best first."""
        if kind is not None and kind not in KIND_ORDER:
            raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
        query_tokens = list(dict.fromkeys(tokens(query)))[:MAX_QUERY_TOKENS]
        n_items = len(self.ids)
        if not query_tokens or n_items == 0 or limit <= 0:
            return []
        per_token: list[npt.NDArray[np.float32]] = []
        weights: list[float] = []
        counts: list[bool] = []
        for query_token in query_tokens:
            matches = self._token_matches(query_token)
            if matches:
                best_id = max(matches, key=lambda t: (matches[t], -self.df[t]))
                df = float(self.df[best_id])
            else:
                df = 1.0
            weights.append(math.log(1.0 + n_items / (1.0 + df)))
            counts.append(df <= STOP_SHARE * n_items or n_items < 50)
            per_token.append(self._best_per_item(matches))
        if not any(counts):
            counts = [True] * len(counts)
        matched = np.zeros(n_items, dtype=np.float32)
        quality = np.zeros(n_items, dtype=np.float32)
        for best, weight, counted in zip(per_token, weights, counts, strict=True):
            if counted:
                matched += best > 0
            quality += np.float32(weight) * best
        quality /= np.float32(sum(weights) or 1.0)
        coarse = matched + 0.9 * quality - 0.05 * np.log1p(self.lengths) / math.log(1000.0)
        coarse[quality <= 0] = -np.inf
        if kind is not None:
            coarse[self.kind_codes != KIND_ORDER[kind]] = -np.inf
        n_candidates = int(np.count_nonzero(np.isfinite(coarse)))
        if n_candidates == 0:
            return []
        shortlist_size = min(n_candidates, max(limit * 4, 100))
        shortlist = np.argpartition(-coarse, shortlist_size - 1)[:shortlist_size]
        n_counted = sum(counts)
        phrase = " ".join(query_tokens)
        hits = [self._hit(int(i), float(matched[i]), float(quality[i]), phrase, n_counted) for i in shortlist]
        hits.sort(key=lambda h: (-h.score, KIND_ORDER.get(h.kind, 0), h.id))
        return hits[:limit]

    def _hit(self, i: int, matched: float, quality: float, phrase: str, n_counted: int) -> Hit:
        key = self.keys[i]
        bonus = 0.0
        if key == phrase:
            bonus = 0.3
        elif key.startswith(phrase):
            bonus = 0.2
        elif phrase in key:
            bonus = 0.12
        penalty = 0.1 * min(1.0, math.log1p(float(self.lengths[i])) / math.log(1000.0))
        refinement = min(0.999, max(0.0, 0.6 * quality + bonus - penalty + 0.1))
        score = 100.0 * (matched + refinement) / (n_counted + 1)
        return Hit(
            kind=self.kinds[i],
            id=self.ids[i],
            article_id=self.article_ids[i],
            text=self.texts[i],
            score=round(score, 2),
            label=self.labels[i],
        )


# -- what gets indexed -----------------------------------------------------------------------------


def _clip(text: str) -> str:
    text = single_line(text)
    return text if len(text) <= DISPLAY_CHARS else text[: DISPLAY_CHARS - 1].rstrip() + "…"


def _acronym_forms(entities: list[Record]) -> list[tuple[set[str], list[str]]]:
    """Per acronym entity: the one-word forms (FDH, FDHs) and the words of its expansion(s)."""
    forms: list[tuple[set[str], list[str]]] = []
    for entity in entities:
        if entity.get("kind") != "acronym":
            continue
        short: set[str] = set()
        long: list[str] = []
        for form in [entity.get("name") or "", *entity.get("aliases", [])]:
            words = tokens(form)
            if len(words) == 1:
                short.add(words[0])
                if words[0].endswith("s") and len(words[0]) > 2:
                    short.add(words[0][:-1])
            elif words:
                long.extend(words)
        if short and long:
            forms.append((short, long))
    return forms


def _index_article(builder: _Builder, article_id: str, document: Record) -> None:
    """Add one article and all its items; each distinct string is tokenised once per article."""
    meta = document["article"]
    article_text = meta.get("text") or ""
    title = meta.get("title") or ""
    memo: dict[str, list[str]] = {}
    id_memo: dict[str, set[int]] = {}
    no_ids: set[int] = set()

    def words(text: str) -> list[str]:
        found = memo.get(text)
        if found is None:
            found = memo[text] = tokens(text) if text else []
        return found

    def text_ids(text: str) -> set[int]:
        found = id_memo.get(text)
        if found is None:
            found = id_memo[text] = builder.token_ids(words(text)) if text else no_ids
        return found

    def body_ids(texts: list[str], primary: list[str]) -> set[int]:
        body = set().union(*map(text_ids, texts))
        if forms:
            present = body | builder.token_ids(primary)
            for short, long in forms:
                if present & short:
                    body |= long
                elif long <= present:
                    body |= short
        return body

    builder.add(
        "article",
        article_id,
        article_id,
        _clip(title or meta.get("source") or article_id),
        meta.get("published") or "",
        words(title),
        text_ids(meta.get("author") or ""),
    )
    entities = [dict(e, id=entity_id) for entity_id, e in (document.get("entities") or {}).items()]
    forms = [(builder.token_ids(list(short)), builder.token_ids(long)) for short, long in _acronym_forms(entities)]
    for section_id, section in (document.get("sections") or {}).items():
        heading = section.get("heading") or ""
        blocks = [block_text(b, article_text) for b in section.get("blocks", [])]
        first = next((b for b in blocks if b), "")
        primary = words(heading)
        builder.add(
            "section",
            section_id,
            article_id,
            _clip(f"{heading}: {first}" if heading else first),
            heading or "(opening)",
            primary,
            body_ids(blocks, primary),
        )
    for claim_id, claim in (document.get("claims") or {}).items():
        speaker = claim.get("speaker") or ""
        text = claim.get("text") or ""
        primary = words(text) + words(speaker)
        builder.add(
            "claim",
            claim_id,
            article_id,
            _clip(text),
            speaker,
            primary,
            body_ids([sentence_of(claim, article_text)], primary),
        )
    for statistic_id, stat in (document.get("statistics") or {}).items():
        parts = [stat.get(k) or "" for k in ("raw", "measure", "unit", "period")]
        sentence = sentence_of(stat, article_text)
        primary = [w for part in parts for w in words(part)]
        builder.add(
            "statistic",
            statistic_id,
            article_id,
            _clip(sentence or " ".join(parts)),
            single_line(" ".join(p for p in (parts[0], parts[1]) if p)),
            primary,
            body_ids([sentence], primary),
        )
    for entity in entities:
        aliases = [a for a in entity.get("aliases", []) if a]
        name = entity.get("name") or ""
        builder.add(
            "entity",
            entity["id"],
            article_id,
            _clip(f"{name} ({', '.join(aliases)})" if aliases else name),
            entity.get("kind") or "",
            [w for text in (name, *aliases) for w in words(text)],
            set(),
        )
