"""The facts one stored article gives the views across articles: who said each claim, what each figure counts.

Read from the stored document (``Store.documents``), never from the article text, so building the
facts of 100,000 articles costs one pass over the documents and no extraction.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimscope.store.across.figures import group_key, interval, measure_key
from claimscope.store.across.names import ArticleEntities, EntityName, SpeakerKind, speaker_name
from claimscope.store.records import Record


@dataclass(frozen=True, slots=True)
class SpeakerFact:
    claim_id: str
    key: str
    name: str
    kind: SpeakerKind


@dataclass(frozen=True, slots=True)
class FigureFact:
    stat_id: str
    group: str
    measure: str
    unit: str | None
    period: str | None
    value: float
    raw: str
    approximate: bool
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    article_id: str
    published: str | None
    title: str | None
    speakers: list[SpeakerFact]
    figures: list[FigureFact]


def _entities(document: Record) -> ArticleEntities:
    return ArticleEntities(
        EntityName(str(e.get("name", "")), str(e.get("kind", "")), tuple(str(a) for a in e.get("aliases") or ()))
        for e in (document.get("entities") or {}).values()
    )


def article_facts(article_id: str, document: Record) -> ArticleFacts:
    """The speakers of its claims and the figures of its statistics (those with a measure)."""
    meta = document.get("article") or {}
    entities = _entities(document)
    speakers: list[SpeakerFact] = []
    names: dict[str, tuple[str, str, SpeakerKind] | None] = {}
    for claim in (document.get("claims") or {}).values():
        speaker = claim.get("speaker")
        if not speaker:
            continue
        if speaker not in names:
            found = speaker_name(str(speaker), article_id, entities)
            names[speaker] = (found.key, found.name, found.kind) if found is not None else None
        resolved = names[speaker]
        if resolved is not None:
            speakers.append(SpeakerFact(str(claim["id"]), *resolved))
    figures: list[FigureFact] = []
    for stat in (document.get("statistics") or {}).values():
        measure = stat.get("measure")
        key = measure_key(str(measure)) if measure else ""
        if not key:
            continue
        value = float(stat["value"])
        raw = str(stat.get("raw") or "")
        approximate = bool(stat.get("approximate"))
        low, high = interval(value, raw, approximate)
        unit = stat.get("unit")
        figures.append(
            FigureFact(str(stat["id"]), group_key(key, unit), str(measure), unit, stat.get("period"),
                       value, raw, approximate, low, high)
        )
    return ArticleFacts(article_id, meta.get("published"), meta.get("title"), speakers, figures)
