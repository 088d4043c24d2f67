"""How an ``Article`` is laid out in the store, and how it is put back together.

On disk each article is one *document*: ``{"article": meta, "sections": {id: record}, "claims": {...},
"statistics": {...}, "entities": {...}}``, items in reading order and keyed by the model's stable ids
(``<article>:c3``).  Item records are the ``Article.to_dict()`` entries, compacted (see ``compact``).  The
TinyDB tables the store exposes (``articles``, ``sections``, ``claims``, ``statistics``, ``entities``) are
views over these documents: an item record there also carries ``article_id``, an article record its item
ids in reading order.  ``prepare_article`` does all the per-article work (compacting, serialising,
counting) so it can run in the import's worker processes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import orjson

from claimscope.extract.model import Article
from claimscope.store.errors import UnknownId
from claimscope.store.schema import ITEM_TABLES, SUMMARY_COUNTS, TABLE_OF_KIND

ItemKind = Literal["article", "section", "claim", "statistic", "entity"]
KIND_OF_TABLE: dict[str, ItemKind] = {table: kind for kind, table in TABLE_OF_KIND.items()}  # type: ignore[misc]

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ItemRef:
    """What an id points at: its kind, its own id and the article it belongs to."""

    kind: ItemKind
    id: str
    article_id: str

    def article(self, asked: str, *, task: str | None = None) -> str:
        """The id of the article this names, when it names an article; else ``UnknownId`` saying which article
        the item ``asked`` belongs to (both stores refuse an item id where an article id is wanted alike)."""
        if self.kind != "article":
            wanted = f"; {task} takes article ids" if task else ", not an article"
            raise UnknownId(f"{asked!r} is a {self.kind}{wanted} (its article is {self.article_id})")
        return self.id


def compact(record: Record, text: str) -> Record:
    """Drop block texts and sentences that are exactly a slice of the article text.

    The article text is stored once; repeating it in every block and sentence roughly doubled the corpus
    file, and with it the time to open and save the store.  ``block_text``/``sentence_of`` put it back.
    """
    if "sentence" in record and record["sentence"] == text[record["sentence_start"] : record["sentence_end"]]:
        del record["sentence"]
    if "blocks" in record:
        blocks = []
        for block in record["blocks"]:
            if block.get("text") == text[block["start"] : block["end"]]:
                block = {key: value for key, value in block.items() if key != "text"}
            blocks.append(block)
        record["blocks"] = blocks
    return record


def block_text(block: Record, text: str) -> str:
    """A block's text, stored or sliced from the article text."""
    stored = block.get("text")
    return str(stored) if stored is not None else text[block["start"] : block["end"]]


def sentence_of(record: Record, text: str) -> str:
    """A claim's or statistic's sentence, stored or sliced from the article text."""
    stored = record.get("sentence")
    if stored is not None:
        return str(stored)
    if "sentence_start" in record:
        return text[record["sentence_start"] : record["sentence_end"]]
    return ""


def expand(record: Record, text: str) -> Record:
    """The full ``to_dict`` entry for an item record (without ``article_id``)."""
    full = {key: value for key, value in record.items() if key != "article_id"}
    if "sentence_start" in full:
        full["sentence"] = sentence_of(record, text)
    if "blocks" in full:
        full["blocks"] = [{**b, "text": block_text(b, text)} for b in full["blocks"]]
    return full


# -- article documents (the on-disk unit) ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article ready to store: its id, its summary and its document already serialised.

    Import workers return this instead of ``Article.to_dict()``: pickling a few kilobytes of bytes is far
    cheaper than pickling and rebuilding hundreds of small dicts, and the parent only has to join bytes.
    """

    id: str
    summary: Record
    document: bytes


def article_document(article: Article) -> Record:
    """The stored document of an article (items compacted, keyed by id, in reading order).

    The entries are exactly ``Article.to_dict()``'s (a test holds the two together), built field by field:
    ``to_dict`` goes through ``dataclasses.asdict``, whose recursive deep copy was most of an import
    worker's store-side time.
    """
    text = article.text
    meta = {name: getattr(article, name) for name in _META_FIELDS}
    sections: dict[str, Record] = {}
    for section in article.sections:
        entry = _flat(section)
        entry["blocks"] = [_flat(block) for block in section.blocks]
        sections[section.id] = compact(entry, text)
    entities: dict[str, Record] = {}
    for entity in article.entities:
        entities[entity.id] = {
            "id": entity.id,
            "name": entity.name,
            "kind": entity.kind,
            "aliases": list(entity.aliases),
            "mentions": [list(m) for m in entity.mentions],
        }
    return {
        "article": meta,
        "sections": sections,
        "claims": {claim.id: compact(_flat(claim), text) for claim in article.claims},
        "statistics": {stat.id: compact(_flat(stat), text) for stat in article.statistics},
        "entities": entities,
    }


_META_FIELDS = ("id", "title", "author", "location", "published", "updated", "source", "format", "text")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _flat(obj: Any) -> Record:
    """A dataclass's fields as a dict, one level deep (what ``asdict`` gives for flat dataclasses)."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return {name: getattr(obj, name) for name in names}


def summary_of(document: Record) -> Record:
    """What the article list needs, kept in the store's small summaries table."""
    meta = document["article"]
    summary: Record = {"title": meta.get("title"), "published": meta.get("published"), "source": meta.get("source")}
    for table, key in SUMMARY_COUNTS.items():
        summary[key] = len(document.get(table) or {})
    return summary


def prepare_article(article: Article) -> PreparedArticle:
    document = article_document(article)
    return PreparedArticle(article.id, summary_of(document), orjson.dumps(document))


def unique_by_id(prepared: Iterable[PreparedArticle]) -> tuple[dict[str, PreparedArticle], int]:
    """A batch keyed by id (the first of each id kept) and how many repeats were dropped: both stores
    count a repeat inside one batch as unchanged, like an article already stored."""
    batch: dict[str, PreparedArticle] = {}
    duplicates = 0
    for entry in prepared:
        if entry.id in batch:
            duplicates += 1
        else:
            batch[entry.id] = entry
    return batch, duplicates


def document_to_article(document: Record) -> Article:
    """Rebuild the ``Article`` from its stored document."""
    text = document["article"]["text"]
    doc: Record = {"article": document["article"]}
    for table in ITEM_TABLES:
        doc[table] = [expand(record, text) for record in (document.get(table) or {}).values()]
    return Article.from_dict(doc)


def article_view(document: Record) -> Record:
    """The ``articles`` table record: metadata and text plus the item ids of each kind in reading order."""
    record: Record = {"article": document["article"]}
    for table in ITEM_TABLES:
        record[table] = list(document.get(table) or {})
    return record


def item_view(record: Record, article_id: str) -> Record:
    """An item table record: the stored item plus the id of its article."""
    return {**record, "article_id": article_id}


def article_id_of(item_id: str) -> str:
    """Item ids are ``<article id>:<kind letter><n>`` (the extractor's convention), so this is a split."""
    return item_id.split(":", 1)[0]


_DESCENDING = {code: 0x10FFFF - code for code in range(0x80)}
"""Maps each ASCII character to one that sorts in the opposite order (dates are ASCII)."""


def display_key(article_id: str, summary: Record) -> tuple[bool, str, str, str]:
    """Where an article stands in the article list: newest published first (undated last), then title, id.

    One ascending key, so the manifest can be kept in this order by inserting new articles with
    ``bisect`` (a few key computations) instead of sorting every article on every open.  The published
    date is mapped to characters that sort the other way round, with a terminator that puts a longer
    date ("2024-03") before its own prefix ("2024"), as a descending sort would.
    """
    published = summary.get("published") or ""
    descending = published.translate(_DESCENDING) + "\U0010ffff"
    return (not published, descending, (summary.get("title") or "").casefold(), article_id)
