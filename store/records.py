"""How an ``Article`` is laid out over the store's tables, and how it is put back together.

Each table is keyed by the model's stable ids, so every lookup is one dict access.  Item records are
exactly the ``Article.to_dict()`` entries plus ``article_id``; the article record holds the metadata and
text plus the ordered item ids of each kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from claimscope.extract.model import Article
from claimscope.store.migrations import ITEM_TABLES

ItemKind = Literal["article", "section", "claim", "statistic", "entity"]
KINDS: tuple[ItemKind, ...] = ("article", "section", "claim", "statistic", "entity")
TABLE_OF_KIND: dict[str, str] = {
    "article": "articles",
    "section": "sections",
    "claim": "claims",
    "statistic": "statistics",
    "entity": "entities",
}
KIND_OF_TABLE: dict[str, ItemKind] = {table: kind for kind, table in TABLE_OF_KIND.items()}  # type: ignore[misc]

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ItemRef:
    """What an id points at: its kind, its own id and the article it belongs to."""

    kind: ItemKind
    id: str
    article_id: str


def split_article(article: Article) -> tuple[Record, dict[str, dict[str, Record]]]:
    """The article record and, per item table, the item records keyed by id (see ``compact``)."""
    doc = article.to_dict()
    items: dict[str, dict[str, Record]] = {}
    article_record: Record = {"article": doc["article"]}
    for table in ITEM_TABLES:
        records = items.setdefault(table, {})
        ids: list[str] = []
        for entry in doc[table]:
            record = compact(dict(entry), article.text)
            record["article_id"] = article.id
            records[record["id"]] = record
            ids.append(record["id"])
        article_record[table] = ids
    return article_record, items


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


def join_article(article_record: Record, tables: dict[str, dict[str, Record]]) -> Article:
    """Rebuild the ``Article`` from its record and the item tables."""
    doc: Record = {"article": article_record["article"]}
    text = article_record["article"]["text"]
    for table in ITEM_TABLES:
        rows = tables.get(table, {})
        doc[table] = [expand(rows[item_id], text) for item_id in article_record.get(table, []) if item_id in rows]
    return Article.from_dict(doc)
