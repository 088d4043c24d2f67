"""The article model: plain dataclasses that every other layer (store, search, explorer) reads.

Every span (``start``/``end``) indexes into ``Article.text``, the one normalised string the extractor
produced, so the explorer can highlight an item without re-parsing anything.  ``to_dict`` gives the JSON
shape of the ``claimscope extract`` contract; ``from_dict`` reverses it for the store.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["headline", "byline", "dateline", "paragraph", "caption", "related"]
ClaimKind = Literal["direct", "indirect"]
Direction = Literal["increase", "decrease"]
EntityKind = Literal["acronym", "person", "organisation", "place"]


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit of a section.

    ``headline``, ``byline`` and ``dateline`` blocks only occur in the opening section; they are kept as
    blocks so the explorer can show the article exactly as it reads.
    """

    kind: BlockKind
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the body; the opening part has ``heading=None``."""

    id: str
    heading: str | None
    blocks: tuple[Block, ...]
    start: int
    end: int
    heading_start: int | None = None
    heading_end: int | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence inside one block; ``block_index`` counts blocks across the whole article."""

    start: int
    end: int
    section_index: int
    block_index: int


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement: who asserts what, and where it was said."""

    id: str
    text: str
    speaker: str | None
    cue: str
    kind: ClaimKind
    section_id: str
    sentence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class Statistic:
    """A number that states a fact, with what it counts and when."""

    id: str
    value: float
    raw: str
    unit: str | None
    measure: str | None
    period: str | None
    approximate: bool
    direction: Direction | None
    claim_id: str | None
    section_id: str
    sentence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """An organisation, person, place or acronym, with every mention's span."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class Article:
    """One extracted article: metadata, the normalised text, and everything found in it."""

    id: str
    title: str | None
    author: str | None
    location: str | None
    published: str | None
    updated: str | None
    source: str | None
    text: str
    format: str = "text"
    sections: list[Section] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``claimscope extract`` JSON document (see shared/eval/extract-contract.md)."""
        meta = {
            "id": self.id,
            "title": self.title,
            "author": self.author,
            "location": self.location,
            "published": self.published,
            "updated": self.updated,
            "source": self.source,
            "format": self.format,
            "text": self.text,
        }
        return {
            "article": meta,
            "sections": [_section_dict(s) for s in self.sections],
            "claims": [asdict(c) for c in self.claims],
            "statistics": [asdict(s) for s in self.statistics],
            "entities": [_entity_dict(e) for e in self.entities],
        }

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> Article:
        """Rebuild an article from ``to_dict`` output (the store keeps exactly that shape)."""
        meta = doc["article"]
        return cls(
            id=meta["id"],
            title=meta.get("title"),
            author=meta.get("author"),
            location=meta.get("location"),
            published=meta.get("published"),
            updated=meta.get("updated"),
            source=meta.get("source"),
            text=meta["text"],
            format=meta.get("format", "text"),
            sections=[section_from_dict(s) for s in doc.get("sections", [])],
            claims=[Claim(**c) for c in doc.get("claims", [])],
            statistics=[Statistic(**s) for s in doc.get("statistics", [])],
            entities=[entity_from_dict(e) for e in doc.get("entities", [])],
        )


def _section_dict(section: Section) -> dict[str, Any]:
    out = asdict(section)
    out["blocks"] = [asdict(b) for b in section.blocks]
    return out


def _entity_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "mentions": [list(m) for m in entity.mentions],
    }


def section_from_dict(doc: dict[str, Any]) -> Section:
    """Rebuild a ``Section`` (with its blocks) from its dict form."""
    blocks = tuple(Block(**b) for b in doc.get("blocks", []))
    return Section(
        id=doc["id"],
        heading=doc.get("heading"),
        blocks=blocks,
        start=doc["start"],
        end=doc["end"],
        heading_start=doc.get("heading_start"),
        heading_end=doc.get("heading_end"),
    )


def entity_from_dict(doc: dict[str, Any]) -> Entity:
    """Rebuild an ``Entity`` from its dict form (JSON turns tuples into lists)."""
    return Entity(
        id=doc["id"],
        name=doc["name"],
        kind=doc["kind"],
        aliases=tuple(doc.get("aliases", ())),
        mentions=tuple((int(a), int(b)) for a, b in doc.get("mentions", ())),
    )
