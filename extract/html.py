"""HTML pages to Markdown plus metadata, through trafilatura (boilerplate, scripts and navigation dropped).

Photo captions would be lost by trafilatura's main-content filter, so ``<figcaption>`` elements are turned
into paragraphs first and their texts are remembered, which lets the section splitter label them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

_FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>", re.IGNORECASE | re.DOTALL)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(slots=True)
class HtmlArticle:
    """Main text as Markdown, the metadata trafilatura found, and the caption texts."""

    markdown: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    captions: set[str] = field(default_factory=set)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return len(re.findall(r"</?(?:p|div|body|head|article|span|a|h[1-6])\b", text[:20000], re.I)) >= 3


def html_to_article(html: str) -> HtmlArticle:
    captions: set[str] = set()

    def caption_to_paragraph(match: re.Match[str]) -> str:
        caption = " ".join(unescape(_TAG.sub(" ", match.group(1))).split())
        if caption:
            captions.add(caption)
        return f"<p>{escape(caption)}</p>" if caption else ""

    def figure_to_caption(match: re.Match[str]) -> str:
        inner = _FIGCAPTION.search(match.group(1))
        return caption_to_paragraph(inner) if inner else ""

    prepared = _FIGCAPTION.sub(caption_to_paragraph, _FIGURE.sub(figure_to_caption, html))
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
    return HtmlArticle(
        markdown=markdown,
        title=_clean(meta.get("title")),
        author=_clean(meta.get("author")),
        published=_clean(meta.get("date")),
        captions=captions,
    )


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


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
