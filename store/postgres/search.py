"""Search in the database: candidates found by PostgreSQL, ranked by the embedded index's own rules.

Units and their words are exactly the embedded index's (``search.units.article_units``: the same
sentences, the same context fields).  Each unit is one row of ``search_units`` holding the distinct
words of all its fields (``words``, GIN-indexed) and of its own fields (``own``); every distinct word
of the corpus is a row of ``search_words`` with a trigram GIN index (``pg_trgm``).

A query is answered in three steps, none of which reads the corpus in Python:

1. Each query word becomes the stored words it may mean, as the embedded index matches against its
   vocabulary: itself, the stored words it starts (for the last word, which the reader may still be
   typing), and near spellings.  Near spellings are found in ``search_words`` by trigram similarity
   (``%``, over the trigram index: a few hundred thousand short rows, not the units) and kept only
   when within the same edit distance as the embedded index allows (``index.typo_budget``); a word
   allowed one typo (four to six letters) has too few trigrams for that, so its one-edit spellings are
   looked up by key instead (``one_edit_away``).  This is
   the typo path; ``&&`` on exact words is the fast exact path (PostgreSQL's full-text search would
   return nothing for one misspelt word, and its stemming would not be the embedded store's tokens).
2. The units whose ``words`` contain a variant of every query word (an AND of ORs, each an indexed
   ``&&``), ranked in SQL by how many query words their own fields hold; when fewer than asked for
   contain them all, the units holding the most query words are added (scored over the first 20,000
   units holding any).  The articles of the best units
   are the candidates.
3. Every unit of the candidate articles (each row keeps the unit's fields, text and label as JSON,
   ``body``, so no article is re-read or re-split) is ranked by ``SearchIndex`` itself, over a segment
   of just those units, so words, typos, field, proximity, exactness and relevance are decided by the
   same code for both stores.  Word rarity is then measured over the candidate articles rather than the
   corpus: the one difference from the embedded ranking (it orders near ties).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import orjson
from psycopg import sql
from rapidfuzz.distance import OSA

from claimscope.store.records import Record
from claimscope.store.search.fields import KIND_CODE, OWN_FIELDS, UNIT_KINDS
from claimscope.store.search.index import MAX_QUERY_TOKENS, Hit, SearchIndex, typo_budget
from claimscope.store.search.segment import MAX_PREFIX_TOKENS, SegmentBuilder
from claimscope.store.search.units import Unit, article_units
from claimscope.store.text import tokens

if TYPE_CHECKING:
    from claimscope.store.postgres.store import Cursor, PostgresStore

TYPO_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
TRIGRAM_THRESHOLD = 0.25
"""Trigram similarity a word with two typos (seven letters or more) is looked for at; ``OSA`` then keeps
only the spellings within the edit budget."""
MAX_WORD_CHARS = 200
"""Longer "words" (a URL, a run of digits) are not indexed: no one types them, and btree keys are bounded."""
CANDIDATE_UNITS = 400
"""Best units found in the database per query; all the units of their first articles are ranked."""
CANDIDATE_ARTICLES = 40
"""Ranking every unit of the candidate articles (not only the units that matched) keeps word rarity
close to the corpus's: among matched units alone every query word would look common."""
RELAXED_SCAN = 20_000
"""When too few units hold every query word: how many units holding any of them are scored in SQL."""


def one_edit_away(word: str) -> set[str]:
    """Every string one deletion, insertion, substitution or swap of neighbours away from ``word``.

    A short word's one-typo spellings share few trigrams with it ("list" and "lost" share two of five),
    so the trigram index misses them; the few hundred spellings themselves are exact primary-key lookups.
    Letters outside ``TYPO_ALPHABET`` are reached only by deleting or swapping.
    """
    letters = set(TYPO_ALPHABET) | set(word)
    found: set[str] = set()
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        found.update(head + letter + tail for letter in letters)
        if tail:
            found.add(head + tail[1:])
            found.update(head + letter + tail[1:] for letter in letters)
        if len(tail) > 1:
            found.add(head + tail[1] + tail[0] + tail[2:])
    found.discard(word)
    return found


def like_prefix(text: str) -> str:
    """A LIKE pattern matching strings that start with ``text`` taken literally (``%``, ``_``, ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def array_literal(words: Iterable[str]) -> str:
    """A ``text[]`` in PostgreSQL's input syntax, every element quoted (several times faster to COPY than
    letting the driver adapt a list; the words hold no NUL, which the tokenizer never yields)."""
    return "{" + ",".join('"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"' for w in words) + "}"


def unit_body(unit: Unit) -> str:
    """What ranking needs of a unit besides its words' positions: kept so no query re-reads the article."""
    return orjson.dumps({"i": unit.local_id, "l": unit.label, "t": unit.text, "f": unit.fields, "k": unit.key}).decode()


def unit_from(kind: int, body: Record) -> Unit:
    return Unit(UNIT_KINDS[kind], body["i"], body["l"], body["t"], [(c, w) for c, w in body["f"]], body["k"])


def unit_rows(article_id: str, document: Record, vocabulary: set[str]) -> Iterator[tuple[str, int, int, str, str, str]]:
    """The ``search_units`` rows of one article (article, position, kind, own words, all words, body);
    adds its words to ``vocabulary``."""
    for position, unit in enumerate(article_units(article_id, document)):
        own: dict[str, None] = {}
        every: dict[str, None] = {}
        for code, words in unit.fields:
            kept = [w for w in words if len(w) <= MAX_WORD_CHARS]
            every.update(dict.fromkeys(kept))
            if code in OWN_FIELDS:
                own.update(dict.fromkeys(kept))
        vocabulary.update(every)
        yield article_id, position, KIND_CODE[unit.kind], array_literal(own), array_literal(every), unit_body(unit)


def index_documents(cursor: Cursor, documents: Iterable[tuple[str, Record]]) -> None:
    """Write the search rows of articles just stored (in the caller's transaction).

    New vocabulary goes in sorted, so two imports adding the same words lock them in the same order
    and cannot deadlock.
    """
    vocabulary: set[str] = set()
    with cursor.copy("COPY search_units (article_id, unit, kind, own, words, body) FROM STDIN") as copy:
        for article_id, document in documents:
            for row in unit_rows(article_id, document, vocabulary):
                copy.write_row(row)
    if vocabulary:
        cursor.execute(
            "INSERT INTO search_words (word) SELECT unnest(%b::text[]) ON CONFLICT DO NOTHING", (sorted(vocabulary),)
        )


def index_stored_articles(cursor: Cursor) -> None:
    """Index every article already stored (the migration that adds search runs this once)."""
    cursor.execute("SELECT id, document::text FROM articles")
    rows = cursor.fetchall()
    index_documents(cursor, ((article_id, orjson.loads(text)) for article_id, text in rows))


class DatabaseSearch:
    """A ``Searcher`` over a ``PostgresStore`` (see the module docstring)."""

    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def search(self, query: str, *, kind: str | None = None, limit: int = 50) -> list[Hit]:
        if kind is not None and kind not in KIND_CODE:
            raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(UNIT_KINDS)}")
        words = list(dict.fromkeys(tokens(query)))[:MAX_QUERY_TOKENS]
        if not words or limit <= 0:
            return []
        with self._store._cursor() as cursor:
            last = len(words) - 1
            variants = [self._variants(cursor, w, typo_budget(w), prefix=j == last) for j, w in enumerate(words)]
            variants = [v for v in variants if v]
            if not variants:
                return []
            articles = self._candidates(cursor, variants, kind, limit)
            if not articles:
                return []
            cursor.execute(
                "SELECT article_id, kind, body::text FROM search_units WHERE article_id = ANY(%s)"
                " ORDER BY article_id, unit",
                (articles,),
            )
            found = cursor.fetchall()
        by_article: dict[str, list[Unit]] = {}
        for article_id, unit_kind, body in found:
            by_article.setdefault(article_id, []).append(unit_from(unit_kind, orjson.loads(body)))
        builder = SegmentBuilder()
        for article_id, units in by_article.items():
            builder.add_units(article_id, units)
        return SearchIndex([builder.finish()]).search(query, kind=kind, limit=limit)

    @staticmethod
    def _variants(cursor: Cursor, word: str, budget: int, *, prefix: bool) -> list[str]:
        """The stored words ``word`` may mean: itself, words it starts (last word only), near spellings."""
        found = [word]
        if prefix and (len(word) >= 2 or word.isdigit()):
            cursor.execute(
                "SELECT word FROM search_words WHERE word LIKE %s ESCAPE '\\' ORDER BY length(word), word LIMIT %s",
                (like_prefix(word), MAX_PREFIX_TOKENS),
            )
            found.extend(w for (w,) in cursor.fetchall())
        if budget == 1:
            # A join, not "word = ANY(...)": the planner would answer that from the trigram index (which
            # supports equality), one slow trigram search per spelling, instead of the primary key.
            cursor.execute(
                "SELECT w.word FROM unnest(%s::text[]) AS q(word) JOIN search_words AS w ON w.word = q.word",
                (sorted(one_edit_away(word)),),
            )
            found.extend(w for (w,) in cursor.fetchall())
        elif budget:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, false)", (str(TRIGRAM_THRESHOLD),))
            cursor.execute("SELECT word FROM search_words WHERE word %% %s", (word,))
            found.extend(w for (w,) in cursor.fetchall() if OSA.distance(word, w, score_cutoff=budget) <= budget)
        return list(dict.fromkeys(found))

    @classmethod
    def _candidates(cls, cursor: Cursor, variants: list[list[str]], kind: str | None, limit: int) -> list[str]:
        """Articles of the best units: every query word held first; then, when too few hold them all (a
        word the corpus lacks, or misspelt beyond the budget), units holding the most query words."""
        articles = cls._holding_all(cursor, variants, kind)
        if len(articles) < max(limit, 10):
            kind_filter, kind_params = _kind_filter(kind)
            count = sql.SQL(" + ").join(sql.SQL("(words && %s::text[])::int") for _ in variants)
            held = sql.SQL(" + ").join(sql.SQL("(own && %s::text[])::int") for _ in variants)
            relaxed = sql.SQL(
                "SELECT article_id FROM (SELECT article_id, words, own FROM search_units"
                " WHERE words && %s::text[]{kind} LIMIT %s) AS s ORDER BY {count} DESC, {held} DESC LIMIT %s"
            ).format(kind=kind_filter, count=count, held=held)
            anything = sorted({w for group in variants for w in group})
            cursor.execute(relaxed, [anything, *kind_params, RELAXED_SCAN, *variants, *variants, CANDIDATE_UNITS])
            articles.extend(a for (a,) in cursor.fetchall() if a not in articles)
        return articles[: max(CANDIDATE_ARTICLES, limit)]

    @staticmethod
    def _holding_all(cursor: Cursor, variants: list[list[str]], kind: str | None) -> list[str]:
        """Articles of the best units whose words hold a variant of every group, own words first."""
        kind_filter, kind_params = _kind_filter(kind)
        held = sql.SQL(" + ").join(sql.SQL("(own && %s::text[])::int") for _ in variants)
        every = sql.SQL(" AND ").join(sql.SQL("words && %s::text[]") for _ in variants)
        query = sql.SQL(
            "SELECT article_id FROM search_units WHERE {every}{kind} ORDER BY {held} DESC LIMIT %s"
        ).format(every=every, kind=kind_filter, held=held)
        cursor.execute(query, [*variants, *kind_params, *variants, CANDIDATE_UNITS])
        return list(dict.fromkeys(a for (a,) in cursor.fetchall()))


def _kind_filter(kind: str | None) -> tuple[sql.Composable, list[int]]:
    """The SQL that keeps one kind of unit (``--kind``), and its parameter."""
    return (sql.SQL(" AND kind = %s"), [KIND_CODE[kind]]) if kind else (sql.SQL(""), [])
