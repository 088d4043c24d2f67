"""The manifest: the store file users name (``store.json``), replaced whole, read only as far as needed.

    {"meta":{"schema":{...}},
    "segments":{"next":8,"files":{...},"columns":["title",...,"crc"],"live":{...},"digest":"9f0c..."},
    "articles":{
    "<article id>":["<title>","<published>","<source>",5,12,8,4,"seg-00000004.jsonl",0,13690,2736410210],
    ...
    }}

The segments line also carries the digest of the article ids (``digest.py``), which the search index
compares with the digest it recorded instead of comparing every id; a claimscope that does not know it
writes the segments line without it, and then the index falls back to comparing the ids.

Per article it holds the summary the article list shows and where the document is (segment file, byte
offset, length, CRC-32), nothing else: about 200 bytes an article.  Articles are written one per line,
in article-list order (``records.display_key``), so

* opening parses only the meta and segments lines and checks the file's frame (the ``"articles"`` line
  and the closing line, so a manifest cut short is caught at once);
* finding one article (``show``, ``mark``) is one ``bytes.find`` for its line and one small parse;
* the article list is one ``orjson.loads`` of the whole file, already in order, when something asks.

Each entry is an array of its fields in the order the segments line names (``"columns"``,
``entries.ENTRY_COLUMNS``): parsing 100,000 arrays costs about half what 100,000 objects do, and the
article list is printed from them as they are.  orjson escapes every quote inside a string, so ``],"``
occurs in its output of the articles table only between two entries: that is where the line breaks go.
The file is plain JSON (``jq`` reads it); the first line is the meta line, as in every earlier layout,
so an older claimscope finds the schema step it does not know and refuses the store instead of
misreading it.  The documents live in the segment files (``segments.py``) in the folder
``store.json.d`` beside it.  A manifest written before rows (step ``0006_segments``, entries as
objects) is parsed whole and rewritten at once when opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from claimscope.store.corpus import Corpus, entries_from
from claimscope.store.digest import as_text, from_text
from claimscope.store.entries import ENTRY_COLUMNS, entry_row
from claimscope.store.errors import StoreDamaged
from claimscope.store.segments import SegmentFiles

SEGMENTS_PREFIX = b'"segments":'
ARTICLES_OPEN = b'"articles":{'
CLOSE = b"\n}}\n"


def encode(corpus: Corpus) -> bytes:
    """The manifest's bytes; every article must already be in a segment (``raw`` empty)."""
    assert not corpus.raw, "documents must be written to segments before the manifest names them"
    rows = {article_id: entry_row(entry) for article_id, entry in corpus.entries.items()}
    articles = orjson.dumps(rows)[1:-1].replace(b'],"', b'],\n"')
    return header(corpus) + (b"\n" + articles if articles else b"") + CLOSE


def header(corpus: Corpus) -> bytes:
    """The meta and segments lines and the line that opens the articles table."""
    segments: dict[str, Any] = {"next": corpus.next_segment, "files": corpus.segment_sizes, "columns": ENTRY_COLUMNS}
    if corpus.segment_live is not None:
        segments["live"] = corpus.segment_live
    if corpus.digest is not None:
        segments["digest"] = as_text(corpus.digest)
    return b"".join(
        (b'{"meta":', orjson.dumps(corpus.meta), b",\n", SEGMENTS_PREFIX, orjson.dumps(segments), b",\n", ARTICLES_OPEN)
    )


def decode(data: bytes, meta: dict[str, Any], pos: int, path: Path, segments: SegmentFiles | None) -> Corpus | None:
    """A ``Corpus`` over the manifest's bytes, ``pos`` being where its second line starts.

    Only the segments line is parsed; None when the file is not framed line by line as ``encode`` writes
    it (a tool may have rewritten it on one line), for the caller to parse it whole.
    """
    end = data.find(b"\n", pos)
    if end < 0 or not data.startswith(SEGMENTS_PREFIX, pos) or data[end - 1 : end] != b",":
        return None
    articles_at = end + 1
    if not data.startswith(ARTICLES_OPEN + b"\n", articles_at) or not data.endswith(CLOSE):
        if data.startswith(ARTICLES_OPEN + b"\n", articles_at):
            raise _damaged(path, "the file is cut short (the articles table never closes)")
        return None
    try:
        table = orjson.loads(memoryview(data)[pos + len(SEGMENTS_PREFIX) : end - 1])
    except orjson.JSONDecodeError as exc:
        raise _damaged(path, f"not valid JSON in the segments line: {exc}") from None
    sizes, counter = _segment_table(table, path)
    if table.get("columns") != list(ENTRY_COLUMNS):
        raise _damaged(path, "the segments line names other entry columns than this claimscope writes")
    lines_at = articles_at + len(ARTICLES_OPEN)
    corpus = Corpus(path, meta, None, {}, sizes, counter, segments, ordered=True, manifest=(data, lines_at))
    live = table.get("live")
    if isinstance(live, dict) and live.keys() == sizes.keys():
        corpus.segment_live = live
    corpus.digest = from_text(table.get("digest"))
    return corpus


def from_parsed(parsed: Any, path: Path, segments: SegmentFiles | None) -> Corpus:
    """A ``Corpus`` from a manifest parsed whole (one a tool rewrote without the line breaks)."""
    if not isinstance(parsed, dict) or parsed.keys() != {"meta", "segments", "articles"}:
        raise _damaged(path, "not shaped like a manifest (meta, segments, articles)")
    meta, entries = parsed["meta"], parsed["articles"]
    sizes, counter = _segment_table(parsed["segments"], path)
    if not isinstance(meta, dict) or not isinstance(entries, dict):
        raise _damaged(path, "the meta or articles table is not an object")
    return Corpus(path, meta, entries_from(entries, path), {}, sizes, counter, segments)


def _segment_table(table: Any, path: Path) -> tuple[dict[str, int], int]:
    sizes = table.get("files") if isinstance(table, dict) else None
    counter = table.get("next") if isinstance(table, dict) else None
    if not isinstance(sizes, dict) or not isinstance(counter, int):
        raise _damaged(path, "the segments table is malformed")
    return sizes, counter


def _damaged(path: Path | None, problem: str) -> StoreDamaged:
    return StoreDamaged(f"store file {path} is damaged ({problem}); it was left untouched")
