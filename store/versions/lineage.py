"""Which stored article a new one is a later version of, and the lineage keys that record it.

Article ids are content hashes, so an updated article is a new article; what ties the two together is
the entry's ``lineage`` (the id of the first version) and ``version`` (a counter, 2 for the first update).
A first version has neither key, which is also what every entry written before versions existed looks
like, so older stores need no migration: each of their articles is the first version of itself, and a
re-import links to it by the same rules.

A new article is a version of a stored one when an identity rule (``IDENTITY_RULES``, tried in order)
holds; among the articles the first matching rule finds, the newest version wins.  The rules read the
manifest's entries (title, source) and, only when two headlines are equal, both articles' bylines from
their documents.  Candidates are found by their keys (``keys_of``): for a few new articles in a large
store, by searching the manifest's bytes for each key (``NeedleFinder``: an import of one article into
100,000 parses only the lines it finds) or, when the entries are parsed already, by one pass over them
(``ScanFinder``); for a larger batch, in an index of every entry built once per transaction (``IndexFinder``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import orjson
from rapidfuzz import fuzz

from claimscope.store.corpus import Corpus, entries_from
from claimscope.store.entries import VERSION_COLUMNS, as_entry
from claimscope.store.errors import StoreDamaged
from claimscope.store.records import PreparedArticle, Record

LINEAGE_KEY, VERSION_KEY = VERSION_COLUMNS
ANONYMOUS_SOURCES = frozenset({"<stdin>", "-", ""})
"""Sources that say nothing about where an article came from, so two of them are no evidence."""
HEADLINE_SIMILARITY = 80.0
"""rapidfuzz ``token_set_ratio`` two headlines need before a shared file name counts (``index.html``
from two sites is not one story; a headline that gained a word still is)."""
COMMON_KEY_LIMIT = 50
"""A file name or headline that more articles than this share (``index.html``, "Press release") identifies
no story: it is not used to link, which also bounds what one lookup can cost."""
RARE_KINDS = frozenset({"name", "title"})
MAX_NEEDLE_LINES = 20 * COMMON_KEY_LIMIT
"""Lines holding a file name or headline that the byte search parses before calling it too common."""
SMALL_BATCH = 16
"""Up to this many new articles look their keys up one at a time (``NeedleFinder``, ``ScanFinder``); more
build an index of every entry once (``IndexFinder``)."""

AuthorOf = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Identity:
    """What identifies a new article as a story: where it came from and its headline (its byline is read
    from its document only when a headline matches)."""

    id: str
    title: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Link:
    """A new article's place in a lineage: the first version's id, its counter, the version it follows
    and the rule that recognised it."""

    lineage: str
    version: int
    previous: str
    rule: str


def lineage_of(article_id: str, entry: Record) -> str:
    return str(entry.get(LINEAGE_KEY) or article_id)


def version_of(entry: Record) -> int:
    value = entry.get(VERSION_KEY)
    return value if isinstance(value, int) else 1


# -- identity rules ----------------------------------------------------------------------------------

def _known_source(source: str | None) -> str | None:
    return None if source is None or source.strip() in ANONYMOUS_SOURCES else source


def file_name(source: str | None) -> str | None:
    """The last part of a path or of a URL's path (``None`` when there is none, as for ``https://x/``)."""
    source = _known_source(source)
    if source is None:
        return None
    path = urlsplit(source).path if "://" in source else source.replace("\\", "/")
    return posixpath.basename(path) or None


def _normalised(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def same_source(new: Identity, entry: Record, author_of: AuthorOf, candidate: str) -> bool:
    """The same URL or path (as the import recorded it) brought new text: the page was updated."""
    source = _known_source(new.source)
    return source is not None and entry.get("source") == source


def same_file_name(new: Identity, entry: Record, author_of: AuthorOf, candidate: str) -> bool:
    """A file saved again under the same name elsewhere, with much the same headline."""
    name = file_name(new.source)
    if name is None or file_name(entry.get("source")) != name:
        return False
    return fuzz.token_set_ratio(_normalised(new.title), _normalised(entry.get("title"))) >= HEADLINE_SIMILARITY


def same_headline_and_byline(new: Identity, entry: Record, author_of: AuthorOf, candidate: str) -> bool:
    """The same headline by the same named author (an article without a byline is never matched so:
    press releases reuse their headlines)."""
    if not new.title or entry.get("title") != new.title:
        return False
    author = _normalised(author_of(new.id))
    return bool(author) and _normalised(author_of(candidate)) == author


IdentityRule = Callable[[Identity, Record, AuthorOf, str], bool]
IDENTITY_RULES: tuple[tuple[str, IdentityRule], ...] = (
    ("same source", same_source),
    ("same file name", same_file_name),
    ("same headline and byline", same_headline_and_byline),
)


Key = tuple[str, str]
"""What can tie two articles together: ``("source", s)``, ``("name", file name)``, ``("title", t)``, or
``("lineage", first version's id)``."""


def keys_of(article_id: str, summary: Record) -> list[Key]:
    """The keys an entry can be found by (the rules then decide whether it matches)."""
    keys: list[Key] = [("lineage", lineage_of(article_id, summary))]
    source = _known_source(summary.get("source"))
    name = file_name(source)
    title = summary.get("title")
    if source is not None:
        keys.append(("source", source))
    if name is not None:
        keys.append(("name", name))
    if title:
        keys.append(("title", title))
    return keys


# -- finding candidates ----------------------------------------------------------------------------------

class Finder(Protocol):
    def find(self, keys: Iterable[Key]) -> dict[str, Record]: ...

    def add(self, article_id: str, summary: Record) -> None: ...


class IndexFinder:
    """Every entry indexed by its keys: built once per transaction, for a batch or a parsed manifest.

    A first version is found through its own id, so only later versions are indexed by lineage.
    """

    def __init__(self, entries: dict[str, Record]) -> None:
        self.entries = entries
        self.index: dict[str, dict[str, list[str]]] = {"lineage": {}, "source": {}, "name": {}, "title": {}}
        for article_id, summary in entries.items():
            self._index(article_id, summary)

    def _index(self, article_id: str, summary: Record) -> None:
        for kind, value in keys_of(article_id, summary):
            if kind != "lineage" or LINEAGE_KEY in summary:
                self.index[kind].setdefault(value, []).append(article_id)

    def add(self, article_id: str, summary: Record) -> None:
        self.entries[article_id] = summary
        self._index(article_id, summary)

    def find(self, keys: Iterable[Key]) -> dict[str, Record]:
        found: dict[str, Record] = {}
        for kind, value in keys:
            holders = self.index[kind].get(value, [])
            if not too_common((kind, value), len(holders)):
                found.update((a, self.entries[a]) for a in holders)
            if kind == "lineage" and value in self.entries:
                found[value] = self.entries[value]
        return found


class NeedleFinder:
    """Looks each key up in the manifest's bytes (``bytes.find``) without parsing its other lines.

    Every key's value appears verbatim in the line of an entry that has it, so the lines found are a
    superset of the entries, which are then checked key by key.
    """

    def __init__(self, corpus: Corpus) -> None:
        assert corpus.manifest is not None
        self.corpus = corpus
        self.data, self.start = corpus.manifest

    def add(self, article_id: str, summary: Record) -> None:
        """Nothing to do: the corpus's ``added`` already holds the new entry."""

    def find(self, keys: Iterable[Key]) -> dict[str, Record]:
        wanted = set(keys)
        lines: dict[str, Record] = {}
        common: set[Key] = set()
        for kind, value in wanted:
            lines_found = _lines_holding(self.data, self.start, _needle(kind, value), self.corpus.path)
            hits = list(islice(lines_found, MAX_NEEDLE_LINES + 1))
            if kind in RARE_KINDS and len(hits) > MAX_NEEDLE_LINES:
                common.add((kind, value))
            lines.update(hits)
            if kind == "lineage":
                first = self.corpus.entry(value)
                if first is not None:
                    lines[value] = first
        for article_id in self.corpus.removed:
            lines.pop(article_id, None)
        lines.update(self.corpus.added)
        return holding(lines, wanted - common)


class ScanFinder:
    """For a few new articles into entries already parsed: one pass over them per lookup.

    Only entries whose source, title or lineage holds one of the wanted values (or whose source holds a
    wanted file name) have their keys computed: a pass over 100,000 entries takes milliseconds, where
    indexing them all takes most of a second.
    """

    def __init__(self, entries: dict[str, Record]) -> None:
        self.entries = entries
        """The corpus's own entries, which ``Corpus.add`` keeps up to date."""

    def add(self, article_id: str, summary: Record) -> None:
        """Nothing to do: the corpus's entries already hold the new entry."""

    def find(self, keys: Iterable[Key]) -> dict[str, Record]:
        wanted = set(keys)
        values = {value for _, value in wanted}
        names = [re.escape(value) for kind, value in wanted if kind == "name"]
        in_source = re.compile("|".join(names)).search if names else None
        found: dict[str, Record] = {}
        for article_id, entry in self.entries.items():
            source = entry.get("source") or ""
            if (
                article_id in values
                or source in values
                or entry.get("title") in values
                or entry.get(LINEAGE_KEY) in values
                or (in_source is not None and in_source(source))
            ):
                found[article_id] = entry
        return holding(found, wanted)


def too_common(key: Key, holders: int) -> bool:
    return key[0] in RARE_KINDS and holders > COMMON_KEY_LIMIT


def holding(found: dict[str, Record], wanted: set[Key]) -> dict[str, Record]:
    """The entries of ``found`` (a superset) that hold a wanted key, leaving out the holders of a file name or
    headline that is ``too_common`` (``found`` must hold every entry that has it, for the count to be right)."""
    holders: dict[Key, list[str]] = {}
    for article_id, entry in found.items():
        for key in keys_of(article_id, entry):
            if key in wanted:
                holders.setdefault(key, []).append(article_id)
    return {a: found[a] for key, ids in holders.items() if not too_common(key, len(ids)) for a in ids}


def _needle(kind: str, value: str) -> bytes:
    """The bytes every manifest line holding the key holds: the value as JSON (a manifest line is an array of
    values, ``entries.ENTRY_COLUMNS``, so no field name is there to narrow it; ``holding`` checks the field)."""
    if kind == "name":
        return orjson.dumps(value)[1:-1]  # anywhere in a source: a URL's query may follow its file name
    return orjson.dumps(value)


def _lines_holding(data: bytes, start: int, needle: bytes, path: Path | None) -> Iterator[tuple[str, Record]]:
    """Every article line of the manifest ``data`` that holds ``needle``, parsed (``start``: the first line)."""
    at = data.find(needle, start)
    while at >= 0:
        line_start = data.rfind(b"\n", start, at) + 1
        line_end = data.find(b"\n", at)
        line = data[line_start : line_end - 1 if data[line_end - 1 : line_end] == b"," else line_end]
        if line.startswith(b'"'):
            try:
                parsed = orjson.loads(b"{" + line + b"}")
            except orjson.JSONDecodeError as exc:
                raise StoreDamaged(
                    f"store file {path} is damaged (an article line is not valid JSON: {exc}); it was left untouched"
                ) from None
            for article_id, value in parsed.items():
                entry = as_entry(value)
                if entry is None:
                    raise StoreDamaged(
                        f"store file {path} is damaged (article {article_id}'s line has the wrong shape);"
                        " it was left untouched"
                    )
                yield article_id, entry
        at = data.find(needle, line_end)


def finder_for(corpus: Corpus, batch_size: int) -> Finder:
    """For a few new articles, byte searches in a manifest not yet parsed or passes over parsed entries;
    for more, one index of every entry."""
    unparsed = not corpus.parsed and corpus.manifest is not None
    if batch_size <= SMALL_BATCH:
        return NeedleFinder(corpus) if unparsed else ScanFinder(corpus.entries)
    if corpus.manifest is not None and not corpus.parsed:
        entries = entries_from(orjson.loads(corpus.manifest[0])["articles"], corpus.path)
        for article_id in corpus.removed:
            entries.pop(article_id, None)
        entries.update(corpus.added)
        return IndexFinder(entries)
    return IndexFinder(dict(corpus.entries))


def lineage_entries(finder: Finder, lineage: str) -> dict[str, Record]:
    """Every stored version of the lineage that began with ``lineage``, by id."""
    return finder.find([("lineage", lineage)])


def in_version_order(members: dict[str, Record]) -> list[str]:
    """Oldest version first (the counter; the id breaks a tie left by a store two writers changed)."""
    return sorted(members, key=lambda a: (version_of(members[a]), a))


# -- linking -------------------------------------------------------------------------------------------

def version_ranks(entries: dict[str, Record]) -> dict[str, tuple[int, int]]:
    """For each article of a story with more than one version: its place (1 = oldest) and the count.

    One pass picks the later versions (only they carry the key); their first versions are looked up.
    """
    later: dict[str, dict[str, Record]] = {}
    for article_id, entry in entries.items():
        if LINEAGE_KEY in entry:
            later.setdefault(entry[LINEAGE_KEY], {})[article_id] = entry
    ranks: dict[str, tuple[int, int]] = {}
    for lineage, members in later.items():
        first = entries.get(lineage)
        if first is not None:
            members[lineage] = first
        order = in_version_order(members)
        ranks.update((article_id, (n, len(order))) for n, article_id in enumerate(order, start=1))
    return {a: rank for a, rank in ranks.items() if rank[1] > 1}


def find_link(finder: Finder, new: Identity, author_of: AuthorOf) -> Link | None:
    """The lineage ``new`` continues, or None when it is a story of its own."""
    own = keys_of(new.id, {"source": new.source, "title": new.title})
    candidates = finder.find(key for key in own if key[0] != "lineage")
    candidates.pop(new.id, None)
    for rule_name, rule in IDENTITY_RULES:
        matched = {a: e for a, e in candidates.items() if rule(new, e, author_of, a)}
        if not matched:
            continue
        newest = max(matched, key=lambda a: (version_of(matched[a]), a))
        lineage = lineage_of(newest, matched[newest])
        members = lineage_entries(finder, lineage)
        members.update((a, e) for a, e in matched.items() if lineage_of(a, e) == lineage)
        order = in_version_order(members)
        return Link(lineage, version_of(members[order[-1]]) + 1, order[-1], rule_name)
    return None


def link_new(finder: Finder, corpus: Corpus, prepared: PreparedArticle) -> Link | None:
    """The link of one new article, before it is added to ``corpus`` (so it never counts as a holder of its
    own file name or headline); its byline is read from its own document only if a headline matches."""

    def author_of(article_id: str) -> str | None:
        if article_id == prepared.id:
            document: Record | None = orjson.loads(prepared.document)
        else:
            document = corpus.document(article_id)
        author = document["article"].get("author") if document is not None else None
        return author if isinstance(author, str) else None

    identity = Identity(prepared.id, prepared.summary.get("title"), prepared.summary.get("source"))
    return find_link(finder, identity, author_of)


def linked_summary(summary: Record, link: Link | None) -> Record:
    """The new article's summary with its lineage keys (a new dict: summaries are shared)."""
    if link is None:
        return summary
    return {**summary, LINEAGE_KEY: link.lineage, VERSION_KEY: link.version}


def add_linked(
    corpus: Corpus, new: list[PreparedArticle], index: IndexFinder | None = None
) -> tuple[dict[str, Link], Finder]:
    """Add the new articles to ``corpus`` (a transaction's draft), each with its lineage keys; their links
    and the finder used, which now knows them too.

    ``index`` is the index the previous transaction left, when ``corpus`` is a copy of what it committed
    (an import's batches): kept up to date, it spares each batch parsing and indexing every entry again.
    Articles are linked in order, so a batch that holds both an article and its update links them too.
    """
    finder: Finder = index if index is not None else finder_for(corpus, len(new))
    links: dict[str, Link] = {}
    for prepared in new:
        link = link_new(finder, corpus, prepared)
        summary = linked_summary(prepared.summary, link)
        corpus.add(prepared.id, summary, prepared.document)
        finder.add(prepared.id, summary)
        if link is not None:
            links[prepared.id] = link
    return links, finder
