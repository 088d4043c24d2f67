"""HTML pages to Markdown plus metadata, through trafilatura (boilerplate, scripts and navigation dropped).

Photo captions would be lost by trafilatura's main-content filter, so ``<figcaption>`` elements are turned
into paragraphs first and their texts are remembered, which lets the section splitter label them; a caption
trafilatura still drops (a lead photo above the story's body) is put before the body.  The same goes for the
linked headlines of an ``<aside>`` (a "Read more" box): each becomes a paragraph remembered as a related link,
and those trafilatura drops go after the body.  Dates with their time of day, the modified date and, where
trafilatura finds none, the author come from the markup (``html_meta``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

from claimscope.extract.html_meta import MIN_HEADLINE_WORDS, is_sitewide_box, read_html_meta
from claimscope.extract.lexicons import alternation, load_words

_FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>", re.IGNORECASE | re.DOTALL)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_ASIDE = re.compile(r"<aside\b([^>]*)>(.*?)</aside>", re.IGNORECASE | re.DOTALL)
_BOX_HEADING = re.compile(r"<(h[2-6]|strong)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)

_ROLE_WORD = re.compile(rf"\b{alternation(load_words('speaker_roles.txt'))}s?\b", re.IGNORECASE)


@dataclass(slots=True)
class HtmlArticle:
    """Main text as Markdown, the metadata trafilatura found, and the caption texts."""

    markdown: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    captions: set[str] = field(default_factory=set)
    related: set[str] = field(default_factory=set)
    updated: str | None = None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return len(re.findall(r"</?(?:p|div|body|head|article|span|a|h[1-6])\b", text[:20000], re.I)) >= 3


def html_to_article(html: str) -> HtmlArticle:
    captions: set[str] = set()

    def caption_to_paragraph(match: re.Match[str]) -> str:
        caption = _text(match.group(1))
        if caption:
            captions.add(caption)
        return f"<p>{escape(caption)}</p>" if caption else ""

    def figure_to_caption(match: re.Match[str]) -> str:
        inner = _FIGCAPTION.search(match.group(1))
        return caption_to_paragraph(inner) if inner else ""

    related: list[str] = []

    def aside_to_links(match: re.Match[str]) -> str:
        heading = _BOX_HEADING.search(match.group(2))
        if is_sitewide_box(match.group(1), _text(heading.group(2)) if heading else ""):
            return ""  # "Most read": the site's box, not this article's
        titles = [_text(link) for link in _LINK.findall(match.group(2))]
        titles = [t for t in titles if len(t.split()) >= MIN_HEADLINE_WORDS]
        related.extend(titles)
        return "".join(f"<p>{escape(t)}</p>" for t in titles)

    prepared = _FIGCAPTION.sub(caption_to_paragraph, _FIGURE.sub(figure_to_caption, html))
    prepared = _ASIDE.sub(aside_to_links, prepared)
    marked = read_html_meta(html)
    import trafilatura  # imported here: it costs ~0.2 s and most articles are not HTML

    output = trafilatura.extract(
        prepared,
        output_format="markdown",
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
        favor_recall=True,
    )
    if not output:
        return HtmlArticle(markdown="", captions=captions)
    meta, markdown = _split_front_matter(output)
    lead = [c for c in captions if c not in markdown]
    related += [t for t in marked.related if t not in related]
    tail = [t for t in related if t not in markdown]
    markdown = "\n\n".join([*sorted(lead), markdown.strip("\n"), *tail])
    day = _clean(meta.get("date"))
    return HtmlArticle(
        markdown=markdown,
        title=_clean(meta.get("title")) or marked.headline,
        author=_author(_clean(meta.get("author"))) or marked.author,
        published=_more_precise(marked.published, day),
        captions=captions,
        related=set(related),
        updated=marked.updated,
    )


def _more_precise(marked: str | None, day: str | None) -> str | None:
    """The markup's timestamp when it is the day trafilatura found (or trafilatura found none)."""
    if marked is not None and (day is None or marked.startswith(day)):
        return marked
    return day


def _text(fragment: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", fragment)).split())


def _split_front_matter(output: str) -> tuple[dict[str, str], str]:
    """trafilatura puts metadata in a YAML-style block before the Markdown body."""
    meta: dict[str, str] = {}
    if not output.startswith("---\n"):
        return meta, output
    end = output.find("\n---\n", 4)
    if end < 0:
        return meta, output
    for line in output[4:end].split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip().strip('"')
    return meta, output[end + 5 :]


def _author(value: str | None) -> str | None:
    """trafilatura's author without the job title it reads from "By X, Transport correspondent" ("X;
    Transport correspondent"): parts of the "; " list that hold a role word are dropped."""
    if value is None or ";" not in value:
        return value
    names = [part.strip() for part in value.split(";") if not _ROLE_WORD.search(part)]
    return "; ".join(name for name in names if name) or None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
