"""The manifest: the store file users name (``store.json``), small, parsed whole on open, replaced whole.

    {"meta":{"schema":{...}},
    "segments":{"next":8,"files":{"seg-00000004.jsonl":2093415,"seg-00000007.jsonl":13702}},
    "articles":{"<article id>":{"seg":"seg-00000004.jsonl","at":0,"len":13690,"title":...,"n_claims":...},...}}

Per article it holds the summary the article list shows and where the document is (segment file, byte
offset, length), nothing else: about 250 bytes an article, so at 100,000 articles opening parses about
25 MB in one ``orjson.loads`` and a write serialises and replaces it in a few tens of milliseconds.  The
documents themselves live in the segment files (``segments.py``) in the folder ``store.json.d`` beside it.
It is plain JSON (``jq`` reads it); the first line is the meta line, as in every earlier layout, so an
older claimscope finds the schema step it does not know and refuses the store instead of misreading it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from claimscope.store.corpus import Corpus
from claimscope.store.errors import StoreDamaged
from claimscope.store.segments import SegmentFiles
from claimscope.store.storage import gc_paused

SEGMENTS_KEY = "segments"
ARTICLES_KEY = "articles"


def encode(corpus: Corpus) -> bytes:
    """The manifest's bytes; every article must already be in a segment (``raw`` empty)."""
    assert not corpus.raw, "documents must be written to segments before the manifest names them"
    segments = {"next": corpus.next_segment, "files": corpus.segment_sizes}
    return b"".join(
        (
            b'{"meta":',
            orjson.dumps(corpus.meta),
            b',\n"segments":',
            orjson.dumps(segments),
            b',\n"articles":',
            orjson.dumps(corpus.entries),
            b"}\n",
        )
    )


def decode(data: bytes, path: Path, segments: SegmentFiles | None) -> Corpus:
    """A ``Corpus`` from the manifest's bytes; anything malformed is ``StoreDamaged`` naming ``path``."""
    try:
        with gc_paused():
            parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _damaged(path, f"not valid JSON: {exc}") from None
    return from_parsed(parsed, path, segments)


def from_parsed(parsed: Any, path: Path, segments: SegmentFiles | None) -> Corpus:
    """A ``Corpus`` from a parsed manifest (also one a tool rewrote without the line breaks)."""
    if not isinstance(parsed, dict) or parsed.keys() != {"meta", SEGMENTS_KEY, ARTICLES_KEY}:
        raise _damaged(path, "not shaped like a manifest (meta, segments, articles)")
    meta, table, entries = parsed["meta"], parsed[SEGMENTS_KEY], parsed[ARTICLES_KEY]
    sizes = table.get("files") if isinstance(table, dict) else None
    counter = table.get("next") if isinstance(table, dict) else None
    if not isinstance(meta, dict) or not isinstance(sizes, dict) or not isinstance(counter, int):
        raise _damaged(path, "the meta or segments table is malformed")
    if not isinstance(entries, dict):
        raise _damaged(path, "the articles table is not an object")
    _check_entries(entries, sizes, path)
    return Corpus(path, meta, entries, {}, sizes, counter, segments)


def _check_entries(entries: dict[str, Any], sizes: dict[str, Any], path: Path) -> None:
    """Every entry is an object in a listed segment, inside that segment's size (one pass, no reads)."""
    for article_id, entry in entries.items():
        if not isinstance(entry, dict):
            raise _damaged(path, f"article {article_id} is not an object")
        size = sizes.get(entry.get("seg"))  # type: ignore[arg-type]
        at, length = entry.get("at"), entry.get("len")
        if size is None or not isinstance(at, int) or not isinstance(length, int) or at + length > size:
            raise _damaged(path, f"article {article_id} names no place in a listed segment")


def _damaged(path: Path, problem: str) -> StoreDamaged:
    return StoreDamaged(f"store file {path} is damaged ({problem}); it was left untouched")
