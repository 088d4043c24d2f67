"""Cut article text into blocks and sections, and read the metadata printed at the top.

News pages share a shape whatever the outlet: timestamps, a headline, a byline and photo captions before
the body; short untitled lines that open a new part ("subheadings"); "READ MORE:" links and captions with
a photo credit in the body.  The rules below describe that shape, with the vocabulary in
``lexicons/layout.json`` (month names in ``lexicons/periods.json``).  One pass over the lines, one pass over
the blocks: linear in the text length.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from claimscope.extract.datelines import match_dateline
from claimscope.extract.dates import is_date_line, parse_date
from claimscope.extract.lexicons import alternation, load_json, word_set
from claimscope.extract.markdown import LineHint
from claimscope.extract.model import Block, BlockKind, Section

_LEX = "layout.json"
_RELATED = word_set(_LEX, "related_prefixes")
_TIMESTAMP = word_set(_LEX, "timestamp_labels")
_UPDATED = word_set(_LEX, "updated_labels")
_BYLINE = word_set(_LEX, "byline_prefixes")
_CAPTION_PREFIX = word_set(_LEX, "caption_prefixes")
_CREDIT_WORDS = word_set(_LEX, "caption_credit_words")
_CAPTION_VERBS = word_set(_LEX, "caption_verbs")
_PHOTO_WORDS = word_set(_LEX, "caption_photo_words")
_AUXILIARIES = word_set(_LEX, "headline_auxiliaries")
_QUESTION_WORDS = word_set(_LEX, "heading_question_words")
_SCHEDULE = word_set(_LEX, "schedule_labels")
_BYLINE_ROLES = word_set(_LEX, "byline_role_labels")
_CAPTION_LABELS = word_set(_LEX, "caption_labels")
_QA_LABELS = word_set(_LEX, "qa_labels")
_BARE_RELATED = word_set(_LEX, "bare_related_prefixes")
_COLON_BYLINE = word_set(_LEX, "colon_byline_labels")
_ISSUER_WORDS = word_set(_LEX, "issuer_words")
_MONTHS: dict[str, int] = {str(k).lower(): int(v) for k, v in load_json("periods.json")["months"].items()}


_SPACES = r"\s+"


_CLOCK_ONLY = re.compile(r"\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]+[A-Z]{2,5}(?:[+-]\d{1,2})?)?$", re.IGNORECASE)
"""A part of a timestamp line that is only a clock time ("04:12 GMT", "9.30am")."""
_KICKERS = word_set(_LEX, "kicker_labels")
_KICKER_RE = re.compile(rf"^[\W_]*{alternation(_KICKERS, space=_SPACES)}[\W_]*$", re.IGNORECASE)
_RELATED_RE = re.compile(
    rf"^(?:(?i:{alternation(_RELATED, space=_SPACES)})\s*[:：|>»\-–—]\s*"
    rf"|(?P<bare>(?i:{alternation(_BARE_RELATED, space=_SPACES)})\s+)(?=[\"“‘'A-Z0-9]))(?=\S)",
)
"""'READ MORE: title', 'Related | title', or a multi-word label and a capital, no colon: 'See also Strike ...'."""
_RELATED_LABEL_RE = re.compile(rf"^[\W_]*{alternation(_RELATED, space=_SPACES)}[\W_]*$", re.IGNORECASE)
"""A related-links label alone on its line ("Read more", "RELATED STORIES:"): the headlines follow below it."""
_LABEL_MAX = 40
"""Longer than any related-links label with its punctuation: such a line is not one."""
_TIMESTAMP_LABEL = alternation(_TIMESTAMP, space=_SPACES)
_TIMESTAMP_RE = re.compile(rf"^{_TIMESTAMP_LABEL}\b\s*[:：]?", re.IGNORECASE)
_LABEL_SPLIT = re.compile(rf"(?:^|[|·•;,]|\s{{2,}})\s*({_TIMESTAMP_LABEL})\b\s*[:：]?", re.IGNORECASE)
"""Where each labelled date of a timestamp line starts: "Posted Mon 14 Jul 2025 at 5:32am, updated ..." (a
comma, a bar or a bullet before the second label)."""
_BYLINE_LABEL = rf"(?:[A-Za-z]+\s+){{0,3}}{alternation(_BYLINE_ROLES)}\s*:\s*"
_BYLINE_RE = re.compile(
    rf"^(?:{alternation(_BYLINE, space=_SPACES)}\s+|{_BYLINE_LABEL}|{alternation(_COLON_BYLINE, space=_SPACES)}\s*:\s*)"
    r"(?=[A-Z])",
    re.IGNORECASE,
)
"""'By NAME', 'Issued by NAME', or a role label before a colon: 'Court reporter: NAME', 'Political editor: NAME'."""
_QA_RE = re.compile(rf"^\W*{alternation(_QA_LABELS)}\s*[:.)]\s", re.IGNORECASE)
_CAPTION_LABEL_RE = re.compile(rf"^{alternation(_CAPTION_LABELS, space=_SPACES)}\s*[,:]\s*(?=\S)", re.IGNORECASE)
_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
_NAME_ROLE_RE = re.compile(
    rf"^(?P<name>{_NAME})\s*(?:,|\s[-–—|])\s*(?:\w+\s+){{0,3}}(?i:{alternation(_BYLINE_ROLES)})\b[^.!?]*$"
)
"""A byline without "By": 'Jo Bloggs, health correspondent', 'Sam Smith - Political Editor'."""
_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")
_PART_SPLIT = re.compile(r"\s*[|·•]\s*")
_QUOTED = re.compile(r"^[\"“‘'](.+)[\"”’']$")
_ROLE_BEFORE_NAME = re.compile(r"^(?:[a-z][\w-]*\s+){1,3}(?=[A-Z])")
"""Lower-case words before a capitalised name in a byline: a job title written first ("political editor")."""
_BYLINE_PLACE = re.compile(r"\s+(?:in|from)\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4})\s*$")
_CREDIT_RE = re.compile(r"\(([^()]{2,80})\)\s*$")
_CAPTION_PREFIX_RE = re.compile(rf"^\(?{alternation(_CAPTION_PREFIX, space=_SPACES)}\s*[:/|]", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?:;,\"”’'…)\]]$")
_SENTENCE_END = re.compile(r"[.!?\"”’…)]$")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_COMMON_TIMESTAMP = re.compile(
    r"(?:(?P<h1>\d{1,2}):(?P<m1>\d{2}),?\s+)?"
    r"(?:(?P<mon1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})\s+(?P<mon2>[A-Za-z]{3,9})\.?)"
    r",?\s+(?P<y>\d{4})(?:,?\s+(?P<h2>\d{1,2}):(?P<m2>\d{2}))?"
)
"""The usual newsroom timestamp: "09:15, March 4, 2024", "4 Mar 2024", "March 4, 2024 09:15"."""


@dataclass(slots=True)
class Layout:
    """What the splitter found: sections with their blocks, and the metadata lines' contents."""

    sections: list[Section]
    title: str | None = None
    author: str | None = None
    location: str | None = None
    published: str | None = None
    updated: str | None = None


@dataclass(slots=True)
class _RawBlock:
    start: int
    end: int
    hint: LineHint | None = None
    kind: BlockKind = "paragraph"
    heading: bool = False
    text_start: int = -1  # for related links: where the link title starts
    absorbed: bool = False  # merged into the block before it (a photo credit line and its caption)

    def __post_init__(self) -> None:
        if self.text_start < 0:
            self.text_start = self.start


@dataclass(slots=True)
class LayoutHints:
    """Side information from the input format (Markdown headings, HTML captions and metadata)."""

    lines: dict[int, LineHint] = field(default_factory=dict)
    captions: frozenset[str] = frozenset()
    related: frozenset[str] = frozenset()
    title: str | None = None
    author: str | None = None
    published: str | None = None
    updated: str | None = None
    location: str | None = None


def split_layout(text: str, article_id: str, hints: LayoutHints | None = None) -> Layout:
    """Cut ``text`` into sections of blocks, reading the metadata lines on the way."""
    hints = hints or LayoutHints()
    raw = _raw_blocks(text, hints.lines)
    layout = Layout(
        sections=[],
        title=hints.title,
        author=hints.author,
        published=hints.published,
        updated=hints.updated,
        location=hints.location,
    )
    _classify(text, raw, hints, layout)
    _unhead_link_labels(raw)
    layout.sections = _group(text, raw, article_id)
    return layout


def _unhead_link_labels(blocks: list[_RawBlock]) -> None:
    """A heading over nothing but related links ("## Related", "## Elsewhere") labels a list of other
    stories; it opens no part of this one, so it is no heading (and no link)."""
    heading: _RawBlock | None = None
    links = only_links = False
    for block in [*(b for b in blocks if not b.absorbed), None]:  # one pass; None closes the last part
        if block is None or block.heading:
            if heading is not None and links and only_links:
                heading.heading = False
            heading, links, only_links = block, False, True
            continue
        links = links or block.kind == "related"
        only_links = only_links and block.kind in _BESIDE_LINKS


_BESIDE_LINKS = frozenset({"related", "caption", "dateline", "byline"})
"""What may stand beside the links under a label: nothing of the story's text."""


def _raw_blocks(text: str, line_hints: dict[int, LineHint]) -> list[_RawBlock]:
    """Blank lines separate blocks; inside a group each line is a block unless it is a wrapped line."""
    blocks: list[_RawBlock] = []
    current: _RawBlock | None = None
    prev_line = ""
    pos = 0
    lines = text.split("\n")
    hard_wrapped = _is_hard_wrapped(lines)
    for number, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        lead = line.index(stripped)  # ``stripped`` opens with a non-space, so never found earlier
        start, end = start + lead, start + lead + len(stripped)
        hint = line_hints.get(number)
        wrapped = (
            hard_wrapped
            and current is not None
            and current.hint is None
            and hint is None
            and len(prev_line) >= 50
            and not _SENTENCE_END.search(prev_line)
            and not _RELATED_RE.match(stripped)
        )
        if wrapped and current is not None:
            current.end = end
        else:
            current = _RawBlock(start, end, hint)
            blocks.append(current)
        prev_line = stripped
    return blocks


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width: most lines that run on into another line have similar lengths."""
    lengths = [len(line.rstrip()) for line, nxt in itertools.pairwise(lines) if line.strip() and nxt.strip()]
    if len(lengths) < 4:
        return False
    near_width = sum(1 for n in lengths if 55 <= n <= 100)
    return near_width >= 0.6 * len(lengths)


def _classify(text: str, blocks: list[_RawBlock], hints: LayoutHints, layout: Layout) -> None:
    in_header = True
    title_seen = layout.title is not None
    metadata_seen = False  # a byline or a timestamp: what follows them in the header is no headline
    lead_paragraphs = 0  # paragraphs since the header ended; a standfirst may come before the byline
    links_below = False  # under a "Read more" label: headline-like lines are related links
    for index, block in enumerate(blocks):
        if block.absorbed:
            continue
        body = text[block.start : block.end]
        hint = block.hint
        near_top = in_header or lead_paragraphs <= 1
        if (hint and hint.caption) or body in hints.captions:
            block.kind = "caption"
            continue
        if body in hints.related:
            block.kind = "related"
            continue
        if links_below:
            if _is_title_like(body) and not _QA_RE.match(body) and len(_WORD.findall(body)) >= 3:
                block.kind = "related"
                continue
            links_below = False
        if not in_header and len(body) <= _LABEL_MAX and _RELATED_LABEL_RE.match(body):
            links_below = True  # the label stays a paragraph: it names no article itself
            continue
        related = _RELATED_RE.match(body)
        if related and related["bare"] and not _is_title_like(body):
            related = None  # "See also Table 3 below." is a sentence; a bare label introduces a headline only
        if related and len(body) < 300:
            block.kind = "related"
            block.text_start = block.start + related.end()
            continue
        if hint and hint.linked and _is_title_like(body) and len(_WORD.findall(body)) >= 3:
            block.kind = "related"  # a line that is one link: a linked headline
            continue
        if hint and hint.heading_level:
            if not title_seen and (in_header or hint.heading_level == 1):
                block.kind = "headline"
                layout.title = body
                title_seen = True
            elif layout.title is not None and body == layout.title and in_header:
                block.kind = "headline"
            else:
                block.heading = True
            continue
        if near_top and len(body) < 120 and _BYLINE_RE.match(body):
            block.kind = "byline"
            _read_byline(body, layout)
            metadata_seen = True
            continue
        if near_top and title_seen and _NAME_ROLE_RE.match(body):
            block.kind = "byline"
            _read_byline(body, layout)
            metadata_seen = True
            continue
        stamps = _timestamp_marks(body, labelled_only=not near_top)
        if stamps:
            block.kind = "dateline"
            _read_timestamps(stamps, layout)
            metadata_seen = True
            continue
        if _is_caption(body):
            block.kind = "caption"
            _join_credit(text, blocks, index)
            continue
        if in_header and not title_seen and (_KICKER_RE.match(body) or _is_issuer(text, blocks, index)):
            continue  # "PRESS RELEASE", "FOR IMMEDIATE RELEASE": a label above the headline, not the headline
        if in_header and not title_seen and _is_title_like(body):
            block.kind = "headline"
            layout.title = body
            title_seen = True
            continue
        if in_header and layout.title is not None and body == layout.title:
            block.kind = "headline"
            continue
        if in_header and metadata_seen and _is_lead_caption(body):
            block.kind = "caption"  # the lead photo's caption, between the byline and the story
            continue
        if (
            not in_header
            and not (hint and hint.listed)  # "Key points:" bullets are the story's points, not headlines
            and _is_title_like(body)
            and not _QA_RE.match(body)  # an interview's question: body text, never a heading or a link
            and _followed_by_body(text, blocks, index)
        ):
            if is_date_line(body):
                block.kind = "dateline"  # a timestamp between paragraphs (live pages, updates)
            elif _reads_like_headline(body):
                block.kind = "related"
            else:
                block.heading = True
            continue
        if in_header:
            in_header = False
            title_seen = True
        lead_paragraphs += 1
        if near_top and layout.location is None:
            _read_dateline(body, layout)
    if layout.title is not None:
        layout.title = layout.title.strip()


def _timestamp_marks(body: str, *, labelled_only: bool) -> list[tuple[str | None, str]]:
    """The dates of a timestamp line: labelled anywhere ("Updated: ..."); near the top also bare or in parts.
    Empty for any other line."""
    if len(body) >= 200 or (labelled_only and _TIMESTAMP_RE.match(body) is None):
        return []
    if _YEAR.search(body) is None:
        return []  # every date read here names its year (``parse_date``): one C scan rules out most lines
    return _timestamps(body.strip("*_ "))


def _timestamps(body: str) -> list[tuple[str | None, str]]:
    """(label, ISO date) for each date on a timestamp line: "8 Aug 2024 07:12 | Last updated 8 Aug 2024 10:05"."""
    marks = list(_LABEL_SPLIT.finditer(body))
    found: list[tuple[str | None, str]] = []
    lead = body[: marks[0].start()] if marks else body
    day = ""
    for part in _PART_SPLIT.split(lead):
        part = part.strip("*_ ")
        if day and _CLOCK_ONLY.match(part):  # "21 May 2024 | 04:12 GMT": the time in a part of its own
            parsed = _timestamp(f"{day} {part}")
            if parsed is not None and found and found[-1][0] is None and "T" not in found[-1][1]:
                found[-1] = (None, parsed)
            day = ""
        elif part and is_date_line(part):
            parsed = _timestamp(part)
            if parsed is not None:
                found.append((None, parsed))
            day = part
    for i, mark in enumerate(marks):
        label = " ".join(mark.group(1).lower().split())
        value = body[mark.end() : marks[i + 1].start() if i + 1 < len(marks) else len(body)]
        parsed = _timestamp(value.strip(" |·•;*_"))
        if parsed is not None:
            found.append((label, parsed))
    return found


def _is_issuer(text: str, blocks: Sequence[_RawBlock], index: int) -> bool:
    """A government body's name above its release ('MINISTRY OF HEALTH', then 'Media release'; or below a
    kicker: 'PRESS RELEASE', then 'Ministry of Health'): not the title."""
    body = text[blocks[index].start : blocks[index].end]
    words = _WORD.findall(body)
    if not 1 <= len(words) <= 8 or _TERMINAL.search(body) or not {w.lower() for w in words} & _ISSUER_WORDS:
        return False
    if any(w[0].islower() and len(w) > 3 for w in words):
        return False  # "Police appeal for witnesses" is a headline; a body's name is capitalised throughout
    if index > 0 and _KICKER_RE.match(text[blocks[index - 1].start : blocks[index - 1].end]):
        return True  # "PRESS RELEASE" above "Ministry of Health" above the headline
    nxt = blocks[index + 1] if index + 1 < len(blocks) else None
    if nxt is None:
        return False
    below = text[nxt.start : nxt.end]
    return bool(_KICKER_RE.match(below)) or is_date_line(below)


def _is_lead_caption(body: str) -> bool:
    """A one-line description with no full stop under the byline: the caption of the lead photo."""
    return _is_title_like(body) and not body.rstrip("*_ ").endswith("?") and len(_WORD.findall(body)) >= 6


def _join_credit(text: str, blocks: list[_RawBlock], index: int) -> None:
    """A bare photo credit ("Picture: NAME") on the line next to its caption: one caption block."""
    block = blocks[index]
    if not _is_credit_only(text[block.start : block.end]):
        return
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    if after is not None and _adjacent(text, block, after) and _is_title_like(text[after.start : after.end]):
        block.end = after.end
        after.absorbed = True
        return
    before = blocks[index - 1] if index > 0 else None
    if (
        before is not None
        and before.kind == "paragraph"
        and _adjacent(text, before, block)
        and _is_title_like(text[before.start : before.end])
    ):
        before.kind, before.heading, before.end = "caption", False, block.end
        block.absorbed = True


def _is_credit_only(body: str) -> bool:
    label = _CAPTION_PREFIX_RE.match(body)
    return label is not None and len(_WORD.findall(body[label.end() :])) <= 5 and not _SENTENCE_END.search(body)


def _adjacent(text: str, first: _RawBlock, second: _RawBlock) -> bool:
    return "\n\n" not in text[first.end : second.start].replace(" ", "")


def _is_caption(body: str) -> bool:
    if len(body) > 600:
        return False
    if _CAPTION_PREFIX_RE.match(body) or _CAPTION_LABEL_RE.match(body):
        return True
    credit = _CREDIT_RE.search(body)
    if credit is None:
        return False
    inner = credit.group(1).strip()
    letters = [c for c in inner if c.isalpha()]
    if not letters:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    words = {w.lower() for w in _WORD.findall(inner)}
    if "/" in inner and (upper > 0.6 or words & _CREDIT_WORDS):
        return True
    if upper > 0.8 and len(letters) >= 3 and (words & _CREDIT_WORDS or len(words) >= 2):
        return True
    lowered = body.lower()
    return bool(words & _PHOTO_WORDS) and any(
        f" {verb} " in lowered for verb in _CAPTION_VERBS
    )


def _is_title_like(body: str) -> bool:
    """Short, one line, not a sentence: the shape of headlines, subheadings and link titles."""
    if "\n" in body or len(body) > 160:
        return False
    quoted = _QUOTED.match(body)
    if quoted:
        body = quoted.group(1)  # a quoted subheading ('Keep out of the water'): judge the words inside
    first = body.lstrip("\"'“‘*_ ")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    stripped = body.rstrip("*_ ")
    if _TERMINAL.search(stripped) and not stripped.endswith("?"):
        return False
    words = _WORD.findall(body)  # the costly test last: most paragraphs fail the ones above
    return 0 < len(words) <= 24


def _reads_like_headline(body: str) -> bool:
    """A link title states something (a verb or a figure); a subheading names a topic."""
    if _QUOTED.match(body):
        return False  # a quoted line is a quote used as a subheading; a bare link title is not in quotes
    words = [w.lower() for w in _WORD.findall(body)]
    if words and words[0] in _QUESTION_WORDS:
        return False
    if any(ch.isdigit() for ch in body):
        return True
    return any(w in _AUXILIARIES for w in words)


def _followed_by_body(text: str, blocks: Sequence[_RawBlock], index: int) -> bool:
    for nxt in blocks[index + 1 : index + 3]:
        if nxt.hint and nxt.hint.heading_level:
            return False
        body = text[nxt.start : nxt.end]
        if _RELATED_RE.match(body) or _is_caption(body):
            continue
        return len(_WORD.findall(body)) >= 8 or bool(_SENTENCE_END.search(body))
    return False


def _read_timestamps(stamps: list[tuple[str | None, str]], layout: Layout) -> None:
    for label, parsed in stamps:
        if label in _SCHEDULE:
            continue  # "Next release: ...": a date to come, not this article's
        if label in _UPDATED:
            layout.updated = layout.updated or parsed
        else:
            layout.published = layout.published or parsed


def _timestamp(value: str) -> str | None:
    """ISO 8601 for a metadata date; common shapes are read here, the rest by dateutil.

    dateutil takes about 0.1 ms per date (``parse_date`` runs it twice to tell a missing time from
    midnight), more than the rest of the layout stage; the shapes read here give the same answer.
    """
    m = _COMMON_TIMESTAMP.fullmatch(value)
    if m is None or (m["h1"] and m["h2"]):
        return parse_date(value)
    month = _MONTHS.get((m["mon1"] or m["mon2"]).lower())
    year = int(m["y"])
    hour, minute = m["h1"] or m["h2"], m["m1"] or m["m2"]
    if month is None or not 1800 <= year <= 2199:
        return parse_date(value)
    try:
        when = datetime(year, month, int(m["d1"] or m["d2"]), int(hour or 0), int(minute or 0))
    except ValueError:
        return parse_date(value)
    return when.strftime("%Y-%m-%dT%H:%M") if hour else when.strftime("%Y-%m-%d")


def _read_byline(body: str, layout: Layout) -> None:
    name = _BYLINE_RE.sub("", body, count=1).strip(" *_")
    parts = re.split(r"\s*[|·•]\s*", name)
    if len(parts) > 1:  # "By Jo Bloggs | Sept 2, 2024": a byline that carries the date
        name = parts[0]
        for part in parts[1:]:
            when = parse_date(part)
            if when is not None:
                layout.published = layout.published or when
                break
    place = _BYLINE_PLACE.search(name)
    if place:
        if layout.location is None:
            layout.location = place.group(1)
        name = name[: place.start()]
    name = re.split(r"\s*[,|·•]\s*|\s+[-–—]\s+", name)[0].strip()
    name = _ROLE_BEFORE_NAME.sub("", name)  # "By regional reporter Jo Bloggs": the role is not the name
    if name.isupper():
        name = name.title()  # "By JACK RENSHAW, CONSUMER EDITOR": the tabloid's capitals are style, not the name
    if name and layout.author is None:
        layout.author = name


def _read_dateline(body: str, layout: Layout) -> None:
    match = match_dateline(body)
    if match is None:
        return
    place = match.group("place").strip()
    if len(place) > 40:
        return
    layout.location = place.title() if place.isupper() and len(place) > 3 else place


def _group(text: str, blocks: list[_RawBlock], article_id: str) -> list[Section]:
    sections: list[Section] = []
    heading: _RawBlock | None = None
    members: list[Block] = []

    def close() -> None:
        if heading is None and not members:
            return
        starts = [b.start for b in members] + ([heading.start] if heading else [])
        ends = [b.end for b in members] + ([heading.end] if heading else [])
        sections.append(
            Section(
                id=f"{article_id}:s{len(sections)}",
                heading=text[heading.start : heading.end] if heading else None,
                blocks=tuple(members),
                start=min(starts),
                end=max(ends),
                heading_start=heading.start if heading else None,
                heading_end=heading.end if heading else None,
            )
        )

    for block in blocks:
        if block.absorbed:
            continue
        if block.heading:
            close()
            heading, members = block, []
            continue
        members.append(Block(block.kind, text[block.text_start : block.end], block.text_start, block.end))
    close()
    if not sections:
        sections.append(Section(id=f"{article_id}:s0", heading=None, blocks=(), start=0, end=0))
    return sections
