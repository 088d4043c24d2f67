"""Markdown to plain text with line hints: headings become plain lines the section splitter knows about.

Only the syntax news Markdown actually uses is handled (ATX headings, emphasis, links, images, block
quotes, list markers, rules); anything else is left as written, which is still readable text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimscope.extract.lexicons import load_json

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_WHOLE_LINK = re.compile(r"(?:[-*+]\s+)?(\*\*|__|\*|_)?\[[^\]]+\]\([^)]*\)\1?")


@dataclass(frozen=True, slots=True)
class LineHint:
    """What the Markdown said about one output line: heading level, image caption, or emphasis only."""

    heading_level: int = 0
    caption: bool = False
    emphasised: bool = False
    linked: bool = False  # the whole line is one link: a related headline when its words read as one
    listed: bool = False  # a list item without a link: a point of the story, never a heading or a link by shape


_FRONT_KEYS: dict[str, str] = {
    str(key).lower(): field for field, keys in load_json("layout.json")["front_matter_fields"].items() for key in keys
}
"""Front-matter key -> the article field it fills ("headline" -> "title")."""


def split_front_matter(source: str) -> tuple[dict[str, str], str]:
    """Metadata from a YAML-style front-matter block (``---`` lines), and the rest of the text.

    The block is replaced by blank lines, not removed, so nothing after it moves.
    """
    if not source.startswith("---\n"):
        return {}, source
    end = source.find("\n---", 4)
    if end < 0 or end > 4000:
        return {}, source
    close = end + 4
    if close < len(source) and source[close] != "\n":
        return {}, source
    meta: dict[str, str] = {}
    for line in source[4:end].split("\n"):
        key, sep, value = line.partition(":")
        field = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if sep and field and value and field not in meta:
            meta[field] = value
    return meta, "\n" * source[:close].count("\n") + source[close:]


def _emphasised_line_follows(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line after line ``i`` is wholly emphasised: a photo's visible caption, which
    stands for the photo instead of its alt text (a description for screen readers, not a caption)."""
    for line in lines[i + 1 : i + 3]:
        stripped = line.strip()
        if stripped:
            return _EMPHASIS.fullmatch(stripped) is not None
    return False


def markdown_to_text(source: str) -> tuple[str, dict[int, LineHint]]:
    """Return the plain text and hints keyed by output line number."""
    out: list[str] = []
    hints: dict[int, LineHint] = {}
    lines = source.split("\n")
    after_image = False  # the line below a photo without alt text: its caption, when emphasised
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        below_image, after_image = after_image, False
        if below_image and not line.strip():
            after_image = True  # a blank line between a photo and its caption line
        if _RULE.match(line) and not (out and out[-1].strip() and _SETEXT.match(line)):
            out.append("")
            continue
        setext = _SETEXT.match(line)
        if setext and out and out[-1].strip() and (len(out) - 1) not in hints:
            hints[len(out) - 1] = LineHint(heading_level=1 if setext.group(1)[0] == "=" else 2)
            out.append("")
            continue
        heading = _HEADING.match(line)
        if heading:
            hints[len(out)] = LineHint(heading_level=len(heading.group(1)))
            out.append(_inline(heading.group(2)))
            continue
        stripped = line.strip()
        image = _IMAGE.fullmatch(stripped)
        if image:
            if image.group(1).strip() and not _emphasised_line_follows(lines, i):
                hints[len(out)] = LineHint(caption=True)
                out.append(image.group(1).strip())
            else:
                after_image = True
                out.append("")
            continue
        emphasised = bool(stripped) and _EMPHASIS.fullmatch(stripped) is not None
        if emphasised and below_image:
            hints[len(out)] = LineHint(caption=True)
            out.append(_inline(stripped))
            continue
        if stripped and _WHOLE_LINK.fullmatch(stripped):
            hints[len(out)] = LineHint(linked=True)
            out.append(_inline(_LIST.sub("", stripped)))
            continue
        quoted = _QUOTE.sub("", line)
        unlisted = _LIST.sub("", quoted)
        listed = unlisted != quoted
        text = _inline(unlisted)
        if emphasised or listed:
            hints[len(out)] = LineHint(emphasised=emphasised, listed=listed)
        out.append(text)
        del nxt
    return "\n".join(out), hints


def _inline(text: str) -> str:
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return text


def looks_like_markdown(text: str) -> bool:
    """ATX headings at line starts are the one reliable sign in article-shaped text."""
    head = text[:20000]
    if head.startswith("---\n") and "\n---" in head[4:4000]:
        return True
    if _ATX_HEADING.match(head) or _ATX_HEADING_AFTER_NEWLINE.search(head):
        return True
    for image in _IMAGE_OPENING.finditer(head):
        at = image.start()
        while at > 0 and head[at - 1].isspace() and head[at - 1] != "\n":
            at -= 1
        if at == 0 or head[at - 1] == "\n":
            return True  # only whitespace between a line start and "!["
    return False


# Line-start patterns written without ``(?m)^``, which the regex engine tries at every position; these start
# with a literal, so it skips ahead in C.
_ATX_HEADING = re.compile(r"#{1,6}\s+\S")
_ATX_HEADING_AFTER_NEWLINE = re.compile(r"\n#{1,6}\s+\S")
_IMAGE_OPENING = re.compile(r"!(?=\[[^\]]*\]\()")
