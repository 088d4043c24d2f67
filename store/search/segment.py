"""One immutable index segment: the units of a set of articles as flat numpy arrays, saved to be mmapped.

A segment is built once (``SegmentBuilder``), written once (``Segment.save``) into a directory of ``.npy``
files and a ``vocab.txt``, and afterwards only read: ``Segment.load`` memory-maps every array, so opening
a segment costs a few file opens and the vocabulary's split, whatever its size, and the pages a query
never touches are never read.  Token ids are ranks in the sorted vocabulary, so an exact or prefix
lookup is a bisection and no token -> id dict has to be rebuilt on open.

``meta.json`` records every file's size and a CRC-32 of its head and tail (of all of it when small), so
a truncated, missing or overwritten file is caught on load (``SegmentDamaged``) without reading a large
posting file end to end on every search.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import mmap
import os
import zlib
from array import array
from collections.abc import Callable, Iterable
from functools import cached_property, partial
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from claimscope.store.records import Record
from claimscope.store.search.fields import KIND_CODE, UNIT_KINDS
from claimscope.store.search.units import Unit, article_units

SEGMENT_VERSION = 1
SAMPLE_BYTES = 1 << 16
MAX_PREFIX_TOKENS = 200
PREFIX_TYPOS = 0
"""A query word that is the start of a stored word counts as typed right (the reader is still typing)."""

ARRAYS = (
    "articles",
    "unit_article",
    "unit_kind",
    "unit_local",
    "unit_dup",
    "unit_len",
    "text_offsets",
    "text_blob",
    "label_offsets",
    "label_blob",
    "post_offsets",
    "post_units",
    "post_fields",
)
VOCAB_FILE = "vocab.txt"
META_FILE = "meta.json"

IntArray = npt.NDArray[np.int64]


class SegmentDamaged(Exception):
    """A segment file is missing, truncated or not what its ``meta.json`` says."""


def _fingerprint(path: Path) -> list[int]:
    """Size and CRC-32 of the head and tail of a file: cheap on any size, catches truncation and overwrites."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
        if size > 2 * SAMPLE_BYTES:
            handle.seek(size - SAMPLE_BYTES)
        tail = handle.read(SAMPLE_BYTES)
    return [size, zlib.crc32(tail, zlib.crc32(head))]


def dup_key(words: list[str]) -> int:
    """One 64-bit key per distinct ``Unit.key``: units that would show the same line are one result."""
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1  # fits int64


class _Vocabulary(dict[str, int]):
    """Token -> id; an unseen token gets the next id (``__missing__`` runs only for new tokens)."""

    def __missing__(self, token: str) -> int:
        token_id = self[token] = len(self)
        return token_id


class SegmentBuilder:
    """Collects units article by article into growable arrays; ``finish`` freezes them into a ``Segment``."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.vocab = _Vocabulary()
        self.unit_article = array("i")
        self.unit_kind = array("b")
        self.unit_local: list[str] = []
        self.unit_dup: list[int] = []
        self.unit_len = array("H")
        self.texts: list[str] = []
        self.labels: list[str] = []
        self.post_tokens = array("i")
        self.post_fields = array("b")
        self.counts = array("i")

    def add_article(self, article_id: str, document: Record) -> None:
        self.add_units(article_id, article_units(article_id, document))

    def add_units(self, article_id: str, units: Iterable[Unit]) -> None:
        """Some units of one article (the PostgreSQL store ranks only the units its query found)."""
        index = len(self.articles)
        self.articles.append(article_id)
        for unit in units:
            self._add(index, unit)

    def _add(self, article_index: int, unit: Unit) -> None:
        best_field: dict[str, int] = {}
        for code, words in reversed(unit.fields):  # the best field (first) is written last and wins
            best_field.update(dict.fromkeys(words, code))
        self.post_tokens.extend(map(self.vocab.__getitem__, best_field))
        self.post_fields.extend(best_field.values())
        self.counts.append(len(best_field))
        self.unit_article.append(article_index)
        self.unit_kind.append(KIND_CODE[unit.kind])
        self.unit_local.append(unit.local_id)
        self.unit_dup.append(dup_key(unit.key))
        self.unit_len.append(min(len(unit.fields[0][1]), 65535))
        self.texts.append(unit.text)
        self.labels.append(unit.label)

    def finish(self) -> Segment:
        words = list(self.vocab)
        order = sorted(range(len(words)), key=words.__getitem__)
        rank = np.empty(len(words), dtype=np.int32)
        rank[np.asarray(order, dtype=np.int64)] = np.arange(len(words), dtype=np.int32)
        tokens = rank[np.frombuffer(self.post_tokens, dtype=np.int32)] if len(words) else np.zeros(0, np.int32)
        counts = np.frombuffer(self.counts, dtype=np.int32).astype(np.int64)
        units = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        by_token = np.argsort(tokens, kind="stable")
        df = np.bincount(tokens, minlength=len(words))
        text_offsets, text_blob = _blob(self.texts)
        label_offsets, label_blob = _blob(self.labels)
        arrays: dict[str, npt.NDArray[Any]] = {
            "articles": np.array([a.encode() for a in self.articles] or [b""], dtype=np.bytes_)[: len(self.articles)],
            "unit_article": np.frombuffer(self.unit_article, dtype=np.int32).copy(),
            "unit_kind": np.frombuffer(self.unit_kind, dtype=np.int8).copy(),
            "unit_local": np.array([s.encode() for s in self.unit_local] or [b""], dtype=np.bytes_)[: len(counts)],
            "unit_dup": np.array(self.unit_dup, dtype=np.int64),
            "unit_len": np.frombuffer(self.unit_len, dtype=np.uint16).copy(),
            "text_offsets": text_offsets,
            "text_blob": text_blob,
            "label_offsets": label_offsets,
            "label_blob": label_blob,
            "post_offsets": np.concatenate(([0], np.cumsum(df))).astype(np.int64),
            "post_units": units[by_token],
            "post_fields": np.frombuffer(self.post_fields, dtype=np.int8)[by_token],
        }
        return Segment(arrays, [words[i] for i in order])


def _blob(texts: list[str]) -> tuple[IntArray, npt.NDArray[np.uint8]]:
    encoded = [t.encode() for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return offsets, np.frombuffer(b"".join(encoded), dtype=np.uint8)


def _save_array(array_: npt.NDArray[Any], handle: BinaryIO) -> None:
    np.save(handle, array_, allow_pickle=False)


def _save_bytes(data: bytes, handle: BinaryIO) -> None:
    handle.write(data)


def _fsynced(path: Path, write: Callable[[BinaryIO], None]) -> None:
    with path.open("wb") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())


class Segment:
    """The frozen arrays of one segment (in memory after a build, memory-mapped after a load)."""

    def __init__(self, arrays: dict[str, npt.NDArray[Any]], vocab: list[str]) -> None:
        self.arrays = {name: np.asarray(a) for name, a in arrays.items()}  # plain views: no memmap overhead
        arrays = self.arrays
        self.vocab = vocab
        self.unit_article = arrays["unit_article"]
        self.unit_kind = arrays["unit_kind"]
        self.unit_dup = arrays["unit_dup"]
        self.unit_len = arrays["unit_len"]
        self.post_offsets = arrays["post_offsets"]
        self.post_units = arrays["post_units"]
        self.post_fields = arrays["post_fields"]
        self._by_length: dict[int, tuple[list[str], npt.NDArray[np.intp]]] = {}
        self._lengths: npt.NDArray[np.int32] | None = None

    def __len__(self) -> int:
        return len(self.unit_kind)

    @cached_property
    def article_ids(self) -> list[str]:
        """The segment's article ids, decoded when first asked for (a query that finds nothing to tombstone
        and no hit never needs them all)."""
        return [a.decode() for a in self.arrays["articles"].tolist()]

    def holding(self, article_ids: set[str]) -> set[str]:
        """Those of ``article_ids`` that this segment has units of (compared as bytes, nothing decoded)."""
        if not article_ids:
            return set()
        mask = self.article_mask(frozenset(article_ids))
        return {a.decode() for a in self.arrays["articles"][mask].tolist()}

    def article_mask(self, article_ids: frozenset[str]) -> npt.NDArray[np.bool_]:
        """Per article of the segment, whether it is one of ``article_ids`` (compared as bytes, nothing decoded)."""
        stored = self.arrays["articles"]
        if not article_ids or not len(stored):
            return np.zeros(len(stored), dtype=bool)
        wanted = np.array([a.encode() for a in article_ids], dtype=np.bytes_)
        return members(stored, wanted)

    # -- files -----------------------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write every file and fsync it; the caller renames the directory into place and fsyncs its parent."""
        directory.mkdir(parents=True)
        files: dict[str, list[int]] = {}
        for name in ARRAYS:
            path = directory / f"{name}.npy"
            _fsynced(path, partial(_save_array, self.arrays[name]))
            files[path.name] = _fingerprint(path)
        vocab_path = directory / VOCAB_FILE
        _fsynced(vocab_path, partial(_save_bytes, "\n".join(self.vocab).encode()))
        files[VOCAB_FILE] = _fingerprint(vocab_path)
        meta = {"version": SEGMENT_VERSION, "units": len(self), "articles": len(self.article_ids), "files": files}
        _fsynced(directory / META_FILE, partial(_save_bytes, json.dumps(meta).encode()))

    @classmethod
    def load(cls, directory: Path) -> Segment:
        """Memory-map a saved segment; ``SegmentDamaged`` when any file disagrees with ``meta.json``."""
        try:
            meta = json.loads((directory / META_FILE).read_bytes())
            if meta.get("version") != SEGMENT_VERSION:
                raise SegmentDamaged(f"segment {directory.name} has version {meta.get('version')!r}")
            files: dict[str, list[int]] = meta["files"]
            for name, expected in files.items():
                if _fingerprint(directory / name) != expected:
                    raise SegmentDamaged(f"segment file {directory.name}/{name} is not the one written")
            arrays = {name: _load_array(directory / f"{name}.npy") for name in ARRAYS}
            blob = (directory / VOCAB_FILE).read_bytes().decode()
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise SegmentDamaged(f"segment {directory.name} cannot be read: {exc}") from None
        vocab = blob.split("\n") if blob else []
        segment = cls(arrays, vocab)
        if (
            len(segment) != meta["units"]
            or len(segment.arrays["articles"]) != meta["articles"]
            or len(segment.post_offsets) != len(vocab) + 1
            or len(segment.post_units) != int(segment.post_offsets[-1])
        ):
            raise SegmentDamaged(f"segment {directory.name} has arrays of inconsistent sizes")
        return segment

    # -- reading units ---------------------------------------------------------------------------------

    def unit_id(self, unit: int) -> tuple[str, str, str]:
        """(kind, id, article id) of one unit."""
        article_id = self.article_ids[int(self.unit_article[unit])]
        local = bytes(self.arrays["unit_local"][unit]).decode()
        return UNIT_KINDS[int(self.unit_kind[unit])], f"{article_id}:{local}" if local else article_id, article_id

    def text(self, unit: int) -> str:
        return _slice(self.arrays["text_offsets"], self.arrays["text_blob"], unit)

    def label(self, unit: int) -> str:
        return _slice(self.arrays["label_offsets"], self.arrays["label_blob"], unit)

    # -- vocabulary ------------------------------------------------------------------------------------

    def df(self, token_id: int) -> int:
        return int(self.post_offsets[token_id + 1] - self.post_offsets[token_id])

    def exact(self, token: str) -> int | None:
        position = bisect.bisect_left(self.vocab, token)
        return position if position < len(self.vocab) and self.vocab[position] == token else None

    def matches(self, token: str, typo_budget: int, *, prefix: bool) -> dict[int, tuple[float, int]]:
        """Vocabulary ids ``token`` could mean, each with (similarity, typos): exact, prefix, then near.

        Only the query's last word is taken as a prefix (as Meilisearch does): the reader may still be
        typing it, while an earlier word is finished, so "price" in "price uk" is not "prices" typed in
        full; that is a typo, found by the edit-distance pass.
        """
        found: dict[int, tuple[float, int]] = {}
        exact = self.exact(token)
        if exact is not None:
            found[exact] = (1.0, 0)
        if prefix and (len(token) >= 2 or token.isdigit()):
            start = bisect.bisect_left(self.vocab, token)
            stop = bisect.bisect_left(self.vocab, token + "\U0010ffff", lo=start)
            ids = range(start, stop)
            if stop - start > MAX_PREFIX_TOKENS:
                ids = sorted(ids, key=lambda i: len(self.vocab[i]))[:MAX_PREFIX_TOKENS]  # type: ignore[assignment]
            for token_id in ids:
                found.setdefault(token_id, (0.9, PREFIX_TYPOS))
        if typo_budget:
            for length in range(len(token) - typo_budget, len(token) + typo_budget + 1):
                group, ids_of = self._length_group(length)
                if not group:
                    continue
                distances = process.cdist(
                    [token], group, scorer=OSA.distance, score_cutoff=typo_budget, dtype=np.int32
                )[0]
                for position in np.flatnonzero((distances <= typo_budget) & (distances > 0)):
                    distance = int(distances[position])
                    token_id = int(ids_of[position])
                    similarity = 0.8 if distance == 1 else 0.62
                    if similarity > found.get(token_id, (0.0, 0))[0]:
                        found[token_id] = (similarity, distance)
        return found

    def _length_group(self, length: int) -> tuple[list[str], npt.NDArray[np.intp]]:
        cached = self._by_length.get(length)
        if cached is None:
            if self._lengths is None:
                self._lengths = _lengths(self.vocab)
            ids = np.flatnonzero(self._lengths == length)
            cached = self._by_length[length] = ([self.vocab[i] for i in ids.tolist()], ids)
        return cached


def members(values: npt.NDArray[Any], wanted: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """``np.isin(values, wanted)`` by a sort and a bisection: ``np.isin`` goes through ``np.unique``, whose
    first call imports ``numpy.ma`` (15-50 ms of a search process's start-up)."""
    if not len(wanted):
        return np.zeros(len(values), dtype=bool)
    ordered = np.sort(wanted)
    found = np.searchsorted(ordered, values)
    found[found == len(ordered)] = 0
    hits: npt.NDArray[np.bool_] = ordered[found] == values
    return hits


def _lengths(vocab: list[str]) -> npt.NDArray[np.int32]:
    """Each word's length in characters: from the newline positions of the joined words when they are all
    ASCII (one C scan and a numpy pass: a segment of 100,000 articles holds about 220,000 words), else one
    ``len`` per word."""
    joined = "\n".join(vocab).encode()
    if not vocab or not joined.isascii():
        return np.fromiter(map(len, vocab), dtype=np.int32, count=len(vocab))
    breaks = np.flatnonzero(np.frombuffer(joined, dtype=np.uint8) == ord("\n"))
    ends = np.append(breaks, len(joined))
    starts = np.concatenate(([0], breaks + 1))
    return (ends - starts).astype(np.int32)


def _slice(offsets: npt.NDArray[Any], blob: npt.NDArray[Any], unit: int) -> str:
    return bytes(blob[int(offsets[unit]) : int(offsets[unit + 1])]).decode()


_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}


def _load_array(path: Path) -> npt.NDArray[Any]:
    """Memory-mapped unless tiny (an empty array cannot be mapped, and a small one is cheaper to read).

    The ``.npy`` header is read with numpy's own readers and the data mapped with ``mmap`` as a plain
    read-only array: ``np.load(mmap_mode="r")`` gives the same bytes but imports ``numpy.ma`` and makes a
    ``np.memmap`` (about 15 ms of every search process's start-up).
    """
    if path.stat().st_size <= 4096:
        loaded: npt.NDArray[Any] = np.load(path, allow_pickle=False)
        return loaded
    with path.open("rb") as handle:
        read_header = _HEADER_READERS.get(np.lib.format.read_magic(handle))
        if read_header is None:
            raise ValueError(f"{path.name}: an .npy version this claimscope does not map")
        shape, fortran_order, dtype = read_header(handle)
        if dtype.hasobject:
            raise ValueError(f"{path.name}: holds Python objects")
        offset = handle.tell()
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    count = math.prod(shape)
    if offset + count * dtype.itemsize > len(mapped):
        raise ValueError(f"{path.name}: shorter than its header says")
    array: npt.NDArray[Any] = np.frombuffer(mapped, dtype=dtype, count=count, offset=offset)
    return array.reshape(shape, order="F" if fortran_order else "C")
