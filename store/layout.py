"""Which layout wrote a store file, and the layouts before segments, read only to migrate them.

Today's layout is a manifest plus segment files (``manifest.py``, ``segments.py``).  Before it (schema
step ``0005_article_documents``) the store was one JSON file, laid out one article per line:

    {"meta":{"schema":{...}},
    "summaries":{"<article id>":{"title":...,"published":...,"n_claims":...},...},
    "documents":{
    "<article id>":{"article":{...},"sections":{...},"claims":{...},"statistics":{...},"entities":{...}},
    ...
    }}

orjson never writes a raw newline inside a value, so those newlines are exactly the boundaries between
the meta line, the summaries line and the article documents: reading it only *finds* each article (one
``bytes.find`` per line) and keeps its bytes as they are, so migrating copies them into a segment without
parsing them.  Files from before step 0005 are one JSON object of TinyDB tables, parsed in full and
migrated step by step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from claimscope.store import manifest
from claimscope.store.corpus import Corpus, RawDocument
from claimscope.store.errors import StoreDamaged
from claimscope.store.migrations import LAYOUT_STEP, ROWS_STEP, SEGMENTS_STEP, applied_names, check_known, upgrade
from claimscope.store.schema import DOCUMENTS_TABLE, META_TABLE, SUMMARIES_TABLE
from claimscope.store.segments import SegmentFiles
from claimscope.store.storage import gc_paused

META_PREFIX = b'{"meta":'
SUMMARIES_PREFIX = b'"summaries":'
DOCUMENTS_OPEN = b'"documents":{'
CLOSE = b"}}"
"""The markers of the one-file layout of step 0005, which this module still reads (to migrate it)."""


def decode(data: bytes, path: Path, segments: SegmentFiles | None) -> Corpus:
    """A ``Corpus`` from the store file's bytes, whatever layout wrote it; ``StoreDamaged`` naming ``path``.

    Every layout since the first has begun with the meta line, so its schema steps say which one this is
    before anything else is parsed.  A store in an older layout comes back marked ``migrated``, its
    documents in memory, for the store to write in segments.
    """
    if not data.strip():
        return Corpus(path, segments=segments)
    first_end = data.find(b"\n")
    if data.startswith(META_PREFIX) and first_end > 0 and data[first_end - 1 : first_end] == b",":
        meta = _loads(memoryview(data)[len(META_PREFIX) : first_end - 1], path, "the meta line")
        if not isinstance(meta, dict):
            raise _damaged(path, "the meta line is not an object")
        check_known({META_TABLE: meta}, path)
        applied = applied_names({META_TABLE: meta})
        if SEGMENTS_STEP in applied:
            rows = ROWS_STEP in applied  # else entries are objects: parsed whole, and rewritten at open
            corpus = manifest.decode(data, meta, first_end + 1, path, segments) if rows else None
            return corpus if corpus is not None else _decode_whole(data, path, segments)
        if LAYOUT_STEP in applied:
            corpus = _decode_documents(data, first_end + 1, meta, path)
            upgrade({META_TABLE: corpus.meta}, path)
            return _migrating(corpus, segments)
    return _decode_whole(data, path, segments)


def _migrating(corpus: Corpus, segments: SegmentFiles | None) -> Corpus:
    corpus.segments = segments
    corpus.migrated = True
    return corpus


def _decode_documents(data: bytes, pos: int, meta: dict[str, Any], path: Path) -> Corpus:
    view = memoryview(data)
    end = data.find(b"\n", pos)
    if end < 0 or not data.startswith(SUMMARIES_PREFIX, pos) or data[end - 1 : end] != b",":
        raise _damaged(path, "the summaries line is missing or cut short")
    summaries = _loads(view[pos + len(SUMMARIES_PREFIX) : end - 1], path, "the summaries line")
    if not isinstance(summaries, dict) or not all(isinstance(s, dict) for s in summaries.values()):
        raise _damaged(path, "the summaries line is not an object of objects")
    pos = end + 1
    end = data.find(b"\n", pos)
    if end < 0 or view[pos:end] != DOCUMENTS_OPEN:
        raise _damaged(path, "the documents table does not open where expected")
    raw: dict[str, RawDocument] = {}
    pos = end + 1
    while True:
        end = data.find(b"\n", pos)
        if end < 0:
            raise _damaged(path, "the file is cut short (the documents table never closes)")
        if view[pos:end] == CLOSE:
            if data[end + 1 :].strip():
                raise _damaged(path, "unexpected data after the documents table")
            break
        line_end = end - 1 if data[end - 1 : end] == b"," else end
        key_end = data.find(b'":{', pos, line_end)
        if data[pos : pos + 1] != b'"' or key_end < 0 or data[line_end - 1 : line_end] != b"}":
            line = data.count(b"\n", 0, pos) + 1
            raise _damaged(path, f"line {line} is not an article document")
        article_id = _loads(view[pos : key_end + 1], path, "an article id")
        raw[str(article_id)] = view[key_end + 2 : line_end]
        pos = end + 1
    if summaries.keys() != raw.keys():
        raise _damaged(path, "the summaries and the documents list different articles")
    return Corpus(path, meta, summaries, raw)


def _decode_whole(data: bytes, path: Path, segments: SegmentFiles | None) -> Corpus:
    """A store from before the document layout (or a manifest without its line breaks): parse it all.

    An old store's shape is checked and it is migrated in memory, for the store to write in segments.
    """
    with gc_paused():
        tables = _loads(data, path, "")
        if isinstance(tables, dict) and SEGMENTS_STEP in applied_names(tables):
            check_known(tables, path)
            corpus = manifest.from_parsed(tables, path, segments)
            if upgrade({META_TABLE: corpus.meta}, path):
                corpus.migrated = True
            return corpus
        check_shape(tables, path)
        upgrade(tables, path)
    documents = tables.get(DOCUMENTS_TABLE, {})
    raw: dict[str, RawDocument] = {article_id: orjson.dumps(doc) for article_id, doc in documents.items()}
    return _migrating(Corpus(path, tables.get(META_TABLE, {}), tables.get(SUMMARIES_TABLE, {}), raw), segments)


def check_shape(data: Any, path: Path) -> None:
    """A TinyDB file is ``{table: {doc_id: {field: value}}}``; anything else is reported as damaged."""
    problem: str | None = None
    if not isinstance(data, dict):
        problem = "top level is not an object"
    else:
        for name, table in data.items():
            if not isinstance(table, dict):
                problem = f"table {name!r} is not an object"
                break
            if not all(isinstance(doc, dict) for doc in table.values()):
                problem = f"table {name!r} holds a record that is not an object"
                break
    if problem:
        raise _damaged(path, problem)


def _loads(data: bytes | memoryview, path: Path, where: str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        place = f" in {where}" if where else ""
        raise _damaged(path, f"not valid JSON{place}: {exc}") from None


def _damaged(path: Path, problem: str) -> StoreDamaged:
    return StoreDamaged(f"store file {path} is damaged ({problem}); it was left untouched")
