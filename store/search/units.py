"""What is searchable: every item the extractor found, and every other sentence of every article.

Units are sentences, not paragraphs: a hit shows the one sentence that matched (a news paragraph is
often one or two sentences anyway), proximity inside a sentence means something, and a claim's or
statistic's own sentence is already a unit of its own, so it is not indexed twice as a passage.  A
passage's id is its section's id (what ``show`` and the explorer open); its kind says it is a passage.

Each unit carries its words by field (``fields.FIELDS``): its own text first, then its context, so
"qantas net debt" finds the statistic about net debt in the Qantas article, and "cameron shocking scenes
flooding" finds a sentence the extractor did not take as a claim.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from claimscope.store.records import Record, block_text, sentence_of
from claimscope.store.search.fields import FIELD_CODE
from claimscope.store.text import sentences, single_line, tokens

TEXT_CHARS = 400
"""How much of a unit's text the index keeps for snippets; a sentence longer than this is clipped."""
PASSAGE_BLOCKS = frozenset({"paragraph", "quote", "list", "list_item", "caption", "table", "subheading"})
"""Block kinds whose sentences are passages; headlines, bylines, datelines and related links are not."""

TEXT, SPEAKER, MEASURE, SENTENCE, PARAGRAPH = (
    FIELD_CODE[f] for f in ("text", "speaker", "measure", "sentence", "paragraph")
)
HEADING, TITLE, ENTITIES, AUTHOR, SUBJECT = (
    FIELD_CODE[f] for f in ("heading", "title", "entities", "author", "subject")
)
SUBJECT_NAMES = 5
"""How many of an article's most repeated capitalised names are context for all its units."""
_NAME_INSIDE_SENTENCE = re.compile(r"(?<=[a-z0-9,;:] )(?:[A-Z][a-z]+|[A-Z]{2,})\b")


_Context = Callable[[str, int, int, list[str]], list[tuple[int, list[str]]]]


@dataclass(slots=True)
class Unit:
    """One searchable thing: its identity, what a result shows, and its words by field code."""

    kind: str
    local_id: str
    """The id after ``article_id:`` (empty for the article itself)."""
    label: str
    text: str
    fields: list[tuple[int, list[str]]]
    key: list[str]
    """The words of what the unit shows a reader, for grouping: units with equal keys are one result.

    The sentence for claims, statistics and passages (so the several items of one sentence, and the wire
    copies of it in other articles, are one line), the kind and shown text for the rest.
    """


def clip(text: str, limit: int = TEXT_CHARS) -> str:
    text = single_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    words: list[str]


def _entity_mentions(entities: dict[str, Record]) -> list[_Mention]:
    found: list[_Mention] = []
    for entity in entities.values():
        words = [w for form in (entity.get("name") or "", *entity.get("aliases", [])) for w in tokens(form)]
        found.extend(_Mention(int(m[0]), int(m[1]), words) for m in entity.get("mentions", []) if len(m) == 2)
    return found


def _mentioned(mentions: list[_Mention], start: int, end: int) -> list[str]:
    return [w for m in mentions if m.start < end and m.end > start for w in m.words]


def _full_name(speaker: str, people: dict[str, str]) -> str:
    """The speaker's full name when the article names a person whose last name the speaker field ends with."""
    words = speaker.split()
    if not words:
        return ""
    full = people.get(words[-1].casefold().strip(".,"))
    return full if full and full.casefold() != speaker.casefold() else ""


def _people(entities: dict[str, Record]) -> dict[str, str]:
    names: dict[str, str] = {}
    for entity in entities.values():
        name = entity.get("name") or ""
        if entity.get("kind") == "person" and " " in name:
            names.setdefault(name.split()[-1].casefold(), name)
    return names


def _acronyms(entities: dict[str, Record]) -> list[tuple[frozenset[str], list[str]]]:
    """Per acronym entity: its one-word forms (FDH, FDHs, fdh) and the words of its expansion."""
    found: list[tuple[frozenset[str], list[str]]] = []
    for entity in entities.values():
        if entity.get("kind") != "acronym":
            continue
        short: set[str] = set()
        long: list[str] = []
        for form in [entity.get("name") or "", *entity.get("aliases", [])]:
            words = tokens(form)
            if len(words) == 1:
                short.add(words[0])
                if words[0].endswith("s") and len(words[0]) > 2:
                    short.add(words[0][:-1])
            elif words:
                long.extend(words)
        if short and long:
            found.append((frozenset(short), long))
    return found


def _acronym_words(acronyms: list[tuple[frozenset[str], list[str]]], present: list[str]) -> list[str]:
    """Expansions of the acronyms in ``present`` and acronyms of the expansions in it (FDH <-> its words)."""
    if not acronyms:
        return []
    words = set(present)
    extra: list[str] = []
    for short, long in acronyms:
        if words & short:
            extra.extend(long)
        elif words.issuperset(long):
            extra.extend(short)
    return extra


def subject_words(text: str) -> list[str]:
    """The article's most repeated capitalised names (not counting sentence starts), as tokens."""
    counts = Counter(_NAME_INSIDE_SENTENCE.findall(text))
    return [w for name, n in counts.most_common(SUBJECT_NAMES) if n >= 2 for w in tokens(name)]


def article_units(article_id: str, document: Record) -> Iterator[Unit]:
    """The units of one stored article document, in a fixed order (article, sections, items, passages)."""
    meta = document["article"]
    text = meta.get("text") or ""
    title = meta.get("title") or ""
    title_words = tokens(title)
    entities: dict[str, Record] = document.get("entities") or {}
    mentions = _entity_mentions(entities)
    acronyms = _acronyms(entities)
    people = _people(entities)
    sections: dict[str, Record] = document.get("sections") or {}
    subject = subject_words(text)
    headings = {sid: tokens(s.get("heading") or "") for sid, s in sections.items()}

    paragraphs = sorted(
        (int(b["start"]), int(b["end"]))
        for s in sections.values()
        for b in s.get("blocks", [])
        if "start" in b and b.get("kind") in PASSAGE_BLOCKS
    )

    def context(section_id: str, start: int, end: int, own: list[str]) -> list[tuple[int, list[str]]]:
        named = _mentioned(mentions, start, end) + _acronym_words(acronyms, own)
        return [
            (PARAGRAPH, _paragraph_words(text, paragraphs, start, end)),
            (HEADING, headings.get(section_id, [])),
            (TITLE, title_words),
            (ENTITIES, named),
            (SUBJECT, subject),
        ]

    yield Unit(
        "article",
        "",
        meta.get("published") or "",
        clip(title or meta.get("source") or article_id),
        [(TEXT, title_words), (AUTHOR, tokens(meta.get("author") or "")), (SUBJECT, subject)],
        ["article", *title_words],
    )
    for section_id, section in sections.items():
        heading = section.get("heading") or ""
        if heading:
            own_words = [(TEXT, headings[section_id]), (TITLE, title_words)]
            key = ["section", *headings[section_id]]
            yield Unit("section", _local(section_id), heading, clip(heading), own_words, key)
    covered: list[tuple[int, int]] = []
    for claim_id, claim in (document.get("claims") or {}).items():
        speaker = claim.get("speaker") or ""
        claim_text = claim.get("text") or ""
        own = tokens(claim_text)
        start, end = _sentence_span(claim)
        covered.append((start, end))
        speaker_words = tokens(speaker) + tokens(_full_name(speaker, people))
        sentence_words = tokens(sentence_of(claim, text))
        yield Unit(
            "claim",
            _local(claim_id),
            speaker,
            clip(claim_text),
            [
                (TEXT, own),
                (SPEAKER, speaker_words),
                (SENTENCE, sentence_words),
                *context(claim.get("section_id") or "", start, end, own + speaker_words),
            ],
            sentence_words or own,
        )
    for statistic_id, stat in (document.get("statistics") or {}).items():
        sentence = sentence_of(stat, text)
        raw = stat.get("raw") or ""
        measure = stat.get("measure") or ""
        own = tokens(raw) + tokens(stat.get("unit") or "")
        start, end = _sentence_span(stat)
        covered.append((start, end))
        measure_words = tokens(measure) + tokens(stat.get("period") or "")
        sentence_words = tokens(sentence)
        yield Unit(
            "statistic",
            _local(statistic_id),
            single_line(" ".join(p for p in (raw, measure) if p)),
            clip(sentence or f"{raw} {measure}"),
            [
                (TEXT, own),
                (MEASURE, measure_words),
                (SENTENCE, sentence_words),
                *context(stat.get("section_id") or "", start, end, own + measure_words),
            ],
            sentence_words or own + measure_words,
        )
    for entity_id, entity in entities.items():
        name = entity.get("name") or ""
        aliases = [a for a in entity.get("aliases", []) if a]
        yield Unit(
            "entity",
            _local(entity_id),
            entity.get("kind") or "",
            clip(f"{name} ({', '.join(aliases)})" if aliases else name),
            [(TEXT, [w for form in (name, *aliases) for w in tokens(form)]), (TITLE, title_words)],
            ["entity", *tokens(name)],
        )
    yield from _passages(sections, text, covered, context)


def _passages(
    sections: dict[str, Record],
    text: str,
    covered: list[tuple[int, int]],
    context: _Context,
) -> Iterator[Unit]:
    """Every sentence of the article's body blocks that no claim or statistic already covers."""
    spans = sorted(covered)
    for section_id, section in sections.items():
        label = section.get("heading") or ""
        for block in section.get("blocks", []):
            if block.get("kind") not in PASSAGE_BLOCKS:
                continue
            if "start" not in block:
                body = block_text(block, text)
                sentence_spans = [(0, len(body))] if body else []
            else:
                body = text
                sentence_spans = list(sentences(text, int(block["start"]), int(block["end"])))
            for start, end in sentence_spans:
                if any(a < end and b > start for a, b in spans):
                    continue
                sentence = body[start:end]
                own = tokens(sentence)
                if own:
                    fields = [(TEXT, own), *context(section_id, start, end, own)]
                    yield Unit("passage", _local(section_id), label, clip(sentence), fields, own)


def _paragraph_words(text: str, paragraphs: list[tuple[int, int]], start: int, end: int) -> list[str]:
    """The words of the paragraph around ``text[start:end]``, without the sentence itself."""
    position = bisect.bisect_right(paragraphs, (start, 1 << 62)) - 1
    if position < 0:
        return []
    begin, stop = paragraphs[position]
    if stop <= start:
        return []
    return tokens(text[begin:start]) + tokens(text[end:stop])


def _sentence_span(record: Record) -> tuple[int, int]:
    start = record.get("sentence_start", record.get("start")) or 0
    return int(start), int(record.get("sentence_end", record.get("end")) or 0)


def _local(item_id: str) -> str:
    return item_id.partition(":")[2]
