"""An HTML page's dates and author from its markup: <meta> tags, JSON-LD and ``<time datetime>``.

trafilatura reads the title, the author and the day of publication; it drops the time of day and the
modified date, which news pages print in ``article:published_time``/``article:modified_time`` meta tags, in
JSON-LD (``datePublished``, ``dateModified``) and in ``<time datetime>``.  lxml reads those here.  Structured
data wins over the visible ``<time>`` elements, which win over nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import html as lxml_html
from lxml.etree import ParserError

from claimscope.extract.dates import parse_date
from claimscope.extract.lexicons import word_set

_PUBLISHED = word_set("formats.json", "html_meta_published")
_UPDATED = word_set("formats.json", "html_meta_updated")
_AUTHOR = word_set("formats.json", "html_meta_author")
_UPDATED_LABELS = word_set("layout.json", "updated_labels")
_RELATED_CLASSES = word_set("formats.json", "html_related_classes")
_SITEWIDE_CLASSES = word_set("formats.json", "html_sitewide_classes")
_SITEWIDE_LABELS = word_set("formats.json", "html_sitewide_labels")
MIN_HEADLINE_WORDS = 3
"""A linked headline has a few words; "Share", "Next" and "Facebook" are page furniture."""


@dataclass(slots=True)
class HtmlMeta:
    """What the page's markup says about the article; None where it says nothing."""

    published: str | None = None
    updated: str | None = None
    author: str | None = None
    headline: str | None = None
    related: list[str] = field(default_factory=list)


def read_html_meta(page: str) -> HtmlMeta:
    """Dates (ISO 8601, local time as printed), author and headline from the markup of ``page``."""
    meta = HtmlMeta()
    try:
        root = lxml_html.document_fromstring(page)
    except (ParserError, ValueError):
        return meta
    _read_json_ld(root, meta)
    _read_meta_tags(root, meta)
    _read_time_elements(root, meta)
    meta.related = related_links(root)
    return meta


def related_links(root: lxml_html.HtmlElement) -> list[str]:
    """Linked headlines in an ``<aside>``, a box whose class or id says "related", or a bare list of links
    after the ``<article>`` (a broadcaster's "more stories" with no label), in page order."""
    titles: list[str] = []
    for element in root.iter("aside", "div", "section", "ul", "ol", "nav"):
        if element.tag != "aside" and not _is_related_box(element) and not _link_list_after_article(element):
            continue
        if _is_sitewide_box(element):
            continue  # "Most read": the site's popular stories, not links of this article
        for link in element.iter("a"):
            title = " ".join(link.text_content().split())
            if len(title.split()) >= MIN_HEADLINE_WORDS and title not in titles:
                titles.append(title)
    return titles


def _link_list_after_article(element: lxml_html.HtmlElement) -> bool:
    """A list beside and after the ``<article>`` whose every item is one link: headlines of other stories."""
    if element.tag not in ("ul", "ol") or not any(e.tag == "article" for e in element.itersiblings(preceding=True)):
        return False
    items = list(element.iterchildren("li"))
    return bool(items) and all(len(item.findall(".//a")) == 1 for item in items)


def _is_sitewide_box(element: lxml_html.HtmlElement) -> bool:
    label = next((h.text_content() for h in element.iter("h2", "h3", "h4", "h5", "h6", "strong")), "")
    return is_sitewide_box(f"{element.get('class') or ''} {element.get('id') or ''}", label)


def is_sitewide_box(names: str, label: str) -> bool:
    """A box the whole site shows ("Most read", "Trending"), told by the words of its class and id
    (``names``) or by its heading (``label``): links to what is popular, not related to this article."""
    lowered = names.lower()
    if any(word in lowered for word in _SITEWIDE_CLASSES):
        return True
    return " ".join(label.split()).lower().rstrip(":") in _SITEWIDE_LABELS


def _is_related_box(element: lxml_html.HtmlElement) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return any(word in names for word in _RELATED_CLASSES)


def _read_json_ld(root: lxml_html.HtmlElement, meta: HtmlMeta) -> None:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # a page's broken JSON-LD is its own affair; the other sources remain
        for item in _json_objects(data):
            meta.published = meta.published or _date(item.get("datePublished"))
            meta.updated = meta.updated or _date(item.get("dateModified"))
            meta.author = meta.author or _person(item.get("author"))
            headline = item.get("headline")
            if isinstance(headline, str) and headline.strip() and meta.headline is None:
                meta.headline = " ".join(headline.split())


def _json_objects(data: object) -> Iterator[dict[str, object]]:
    """Every object in a JSON-LD document, including those in lists and ``@graph``."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if graph is not None:
                stack.append(graph)


def _person(value: object) -> str | None:
    if isinstance(value, list):
        names = [name for name in (_person(v) for v in value) if name]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _read_meta_tags(root: lxml_html.HtmlElement, meta: HtmlMeta) -> None:
    for tag in root.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = tag.get("content") or ""
        if not key or not content.strip():
            continue
        if key in _PUBLISHED:
            meta.published = meta.published or _date(content)
        elif key in _UPDATED:
            meta.updated = meta.updated or _date(content)
        elif key in _AUTHOR and meta.author is None and not content.strip().startswith("http"):
            meta.author = " ".join(content.split())


def _read_time_elements(root: lxml_html.HtmlElement, meta: HtmlMeta) -> None:
    """``<time datetime>``: one labelled "Updated" (in its own text or its parent's) is the modified date."""
    for time in root.iter("time"):
        when = _date(time.get("datetime"))
        if when is None:
            continue
        parent = time.getparent()
        parts = [time.get("class") or ""]
        if parent is not None:
            parts += [parent.get("class") or "", parent.text or ""]
        context = " ".join(parts).lower()
        if any(label in context for label in _UPDATED_LABELS):
            meta.updated = meta.updated or when
        else:
            meta.published = meta.published or when


def _date(value: object) -> str | None:
    return parse_date(value) if isinstance(value, str) else None
