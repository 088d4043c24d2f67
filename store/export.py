"""Pure writers that turn selected items into citable evidence, shared by the command line and the TUI.

Every row carries what a fact-checker needs to cite it: the article's title, date and source, the
section heading, the speaker and the source sentence.  Writers return text; ``write_export`` is the one
place that touches the disk, atomically and without clobbering an existing file unless asked to.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from claimscope.store.errors import ExportExists, StoreError
from claimscope.store.interface import StoreInterface
from claimscope.store.records import ItemRef, Record, block_text, sentence_of
from claimscope.store.storage import atomic_write_bytes
from claimscope.store.text import single_line

FORMATS = ("json", "jsonl", "csv", "md", "claimreview")
EXTENSIONS = {"json": "json", "jsonl": "jsonl", "csv": "csv", "md": "md", "claimreview": "jsonld"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One exported item with its citation."""

    kind: str
    id: str
    article_id: str
    article_title: str
    published: str
    source: str
    section: str
    speaker: str
    text: str
    sentence: str
    cue: str = ""
    value: float | None = None
    unit: str = ""
    measure: str = ""
    period: str = ""
    claim_id: str = ""


COLUMNS = tuple(ExportRow.__dataclass_fields__)


def export_rows(store: StoreInterface, item_ids: Iterable[str]) -> list[ExportRow]:
    """Resolve ids (UnknownId for any unknown one) into rows, in the order given, without duplicates."""
    refs = [store.resolve(i) for i in item_ids]
    seen: set[str] = set()
    rows: list[ExportRow] = []
    for ref in refs:
        if ref.id not in seen:
            seen.add(ref.id)
            rows.append(_row(store, ref))
    return rows


def _row(store: StoreInterface, ref: ItemRef) -> ExportRow:
    article = store.records("articles")[ref.article_id]
    meta = article["article"]
    text = meta.get("text") or ""
    record = store.item(ref)
    common: dict[str, Any] = {
        "kind": ref.kind,
        "id": ref.id,
        "article_id": ref.article_id,
        "article_title": meta.get("title") or "",
        "published": meta.get("published") or "",
        "source": meta.get("source") or "",
    }
    sections = store.records("sections")
    if ref.kind == "article":
        return ExportRow(**common, section="", speaker="", text=meta.get("title") or "", sentence="")
    if ref.kind == "section":
        blocks = [block_text(b, text) for b in record.get("blocks", [])]
        return ExportRow(**common, section=_heading(record), speaker="", text="\n\n".join(blocks), sentence="")
    if ref.kind == "entity":
        return ExportRow(
            **common,
            section="",
            speaker="",
            text=record.get("name") or "",
            sentence=_first_mention_block(record, article, sections),
            cue=record.get("kind") or "",
            measure=", ".join(record.get("aliases", [])),
        )
    section = _heading(sections.get(record.get("section_id", ""), {}))
    if ref.kind == "claim":
        return ExportRow(
            **common,
            section=section,
            speaker=record.get("speaker") or "",
            text=record.get("text") or "",
            sentence=sentence_of(record, text),
            cue=record.get("cue") or "",
        )
    claim = store.records("claims").get(record.get("claim_id") or "", {})
    return ExportRow(
        **common,
        section=section,
        speaker=claim.get("speaker") or "",
        text=record.get("raw") or "",
        sentence=sentence_of(record, text),
        value=record.get("value"),
        unit=record.get("unit") or "",
        measure=record.get("measure") or "",
        period=record.get("period") or "",
        claim_id=record.get("claim_id") or "",
    )


def _heading(section: Record) -> str:
    if not section:
        return ""
    return str(section.get("heading") or "(opening)")


def _first_mention_block(entity: Record, article: Record, sections: Mapping[str, Record]) -> str:
    mentions = entity.get("mentions") or []
    if not mentions:
        return ""
    start = mentions[0][0]
    for section_id in article.get("sections", []):
        for block in sections.get(section_id, {}).get("blocks", []):
            if block["start"] <= start < block["end"]:
                return block_text(block, article["article"].get("text") or "")
    return ""


# -- writers ---------------------------------------------------------------------------------------


def neutralise_cell(value: str) -> str:
    """Stop a spreadsheet from running a cell as a formula (OWASP CSV injection advice)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return neutralise_cell(str(value))


def to_csv(rows: list[ExportRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(_cell(getattr(row, column)) for column in COLUMNS)
    return buffer.getvalue()


def to_json(rows: list[ExportRow]) -> str:
    return orjson.dumps([asdict(r) for r in rows], option=orjson.OPT_INDENT_2).decode() + "\n"


def to_jsonl(rows: list[ExportRow]) -> str:
    return "".join(orjson.dumps(asdict(r)).decode() + "\n" for r in rows)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Article text is data: escape what Markdown would otherwise turn into links, emphasis or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", single_line(text))


def to_markdown(rows: list[ExportRow]) -> str:
    """An evidence sheet: items grouped by article, each with its quote and a citation line."""
    lines = ["# claimscope evidence sheet", "", f"{len(rows)} item(s), exported {_now_label()}.", ""]
    by_article: dict[str, list[ExportRow]] = {}
    for row in rows:
        by_article.setdefault(row.article_id, []).append(row)
    for article_rows in by_article.values():
        first = article_rows[0]
        lines.append(f"## {md_escape(first.article_title or first.article_id)}")
        lines.append("")
        details = [f"Published: {md_escape(first.published)}" if first.published else "Published: unknown"]
        if first.source:
            details.append(f"Source: {md_escape(first.source)}")
        details.append(f"Article id: `{first.article_id}`")
        lines.extend(["; ".join(details), ""])
        for row in article_rows:
            lines.extend(_markdown_item(row))
    return "\n".join(lines).rstrip() + "\n"


def _markdown_item(row: ExportRow) -> list[str]:
    where = f"section “{md_escape(row.section)}”" if row.section else "article"
    if row.kind == "claim":
        who = md_escape(row.speaker) if row.speaker else "unattributed"
        head = f"- **Claim** ({who}, {md_escape(row.cue) or 'stated'}): {md_escape(row.text)}"
    elif row.kind == "statistic":
        parts = [md_escape(p) for p in (row.measure, row.unit, row.period) if p]
        head = f"- **Statistic** {md_escape(row.text)}" + (f" ({'; '.join(parts)})" if parts else "")
    elif row.kind == "section":
        head = f"- **Section** {md_escape(row.section)}"
    elif row.kind == "entity":
        head = f"- **Entity** {md_escape(row.text)}" + (f" ({md_escape(row.measure)})" if row.measure else "")
    else:
        head = f"- **Article** {md_escape(row.text)}"
    lines = [head]
    quote = row.sentence or (row.text if row.kind == "section" else "")
    if quote:
        lines.append(f"  > {md_escape(quote)}")
    cite = f"{md_escape(row.article_title or row.article_id)}"
    if row.published:
        cite += f", {md_escape(row.published)}"
    lines.append(f"  — {cite}, {where}; id `{row.id}`")
    lines.append("")
    return lines


def to_claimreview(rows: list[ExportRow], store: StoreInterface) -> str:
    """A schema.org ClaimReview draft per claim (statistics bring their claim); the rating is left blank."""
    claims: list[ExportRow] = []
    seen: set[str] = set()
    for row in rows:
        target = row
        if row.kind == "statistic" and row.claim_id:
            target = export_rows(store, [row.claim_id])[0]
        if target.kind == "claim" and target.id not in seen:
            seen.add(target.id)
            claims.append(target)
    reviews = [_claim_review(row) for row in claims]
    return orjson.dumps(reviews, option=orjson.OPT_INDENT_2).decode() + "\n"


def _claim_review(row: ExportRow) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": row.article_title or None}
    if row.source.startswith(("http://", "https://")):
        appearance["url"] = row.source
    elif row.source:
        appearance["name"] = row.source
    if row.published:
        appearance["datePublished"] = row.published
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": "Thing", "name": row.speaker or None},
        "appearance": appearance,
        "firstAppearance": appearance,
    }
    if row.published:
        item["datePublished"] = row.published
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": row.id,
        "claimReviewed": row.text,
        "itemReviewed": item,
        "reviewBody": row.sentence,
        "reviewRating": {"@type": "Rating", "ratingValue": None, "alternateName": None},
        "author": {"@type": "Organization", "name": None},
        "url": None,
        "datePublished": None,
    }


def export_items(store: StoreInterface, item_ids: Iterable[str], fmt: str) -> str:
    """The items as text in ``fmt`` (one of ``FORMATS``); UnknownId for an id the store does not know."""
    writers: dict[str, Callable[[list[ExportRow]], str]] = {
        "json": to_json,
        "jsonl": to_jsonl,
        "csv": to_csv,
        "md": to_markdown,
        "claimreview": lambda rows: to_claimreview(rows, store),
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](export_rows(store, item_ids))


def _now_label() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()


def default_export_name(fmt: str) -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"claimscope-export-{stamp}.{EXTENSIONS.get(fmt, fmt)}"


def write_export(text: str, path: Path, *, force: bool = False) -> None:
    """Write atomically; an existing file is kept (``ExportExists``) unless ``force``."""
    if path.is_dir():
        raise StoreError(f"export target {path} is a directory")
    if path.exists() and not force:
        raise ExportExists(f"{path} already exists; use --force to overwrite it")
    try:
        atomic_write_bytes(path, text.encode("utf-8"), replace=force)
    except FileExistsError:
        raise ExportExists(f"{path} already exists; use --force to overwrite it") from None
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
