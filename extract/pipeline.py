"""Text in, one ``Article`` out: decode, detect the format, lay out, segment, then find what is said.

Each stage is linear in the text length (see README, "How each stage scales"); the pipeline itself does
no I/O, so the store can run it in worker processes.
"""

from __future__ import annotations

import hashlib
import unicodedata

from claimscope.extract.claims import find_claims
from claimscope.extract.content_type import declared_charset, parse_content_type
from claimscope.extract.dates import parse_date
from claimscope.extract.decode import decode_bytes, normalise_text
from claimscope.extract.document import Document
from claimscope.extract.entities import find_entities
from claimscope.extract.errors import InputRefused
from claimscope.extract.html import html_to_article, looks_like_html
from claimscope.extract.lexicons import load_json
from claimscope.extract.markdown import looks_like_markdown, markdown_to_text, split_front_matter
from claimscope.extract.model import Article
from claimscope.extract.sections import LayoutHints, split_layout
from claimscope.extract.sentences import split_sentences
from claimscope.extract.statistics import find_statistics

MAX_CHARS = 8_000_000
_SUFFIX_FORMATS: dict[str, str] = {str(k): str(v) for k, v in load_json("formats.json")["suffixes"].items()}


def extract_bytes(data: bytes, source: str | None = None, content_type: str | None = None) -> Article:
    """Decode ``data`` (any common encoding) and extract it; ``InputRefused`` for what is not an article.

    ``content_type`` is a web page's ``Content-Type`` header: its media type declares the format (over
    the source's suffix) and its charset, or else the page's ``<meta>`` one, the encoding.
    """
    if content_type is None:
        return extract_text(decode_bytes(data, source or "input"), source=source)
    declared = parse_content_type(content_type)
    text = decode_bytes(data, source or "input", declared_charset(declared, data))
    return extract_text(text, source=source, fmt=declared.format)


def extract_text(raw: str, source: str | None = None, fmt: str | None = None) -> Article:
    """Extract an article from already-decoded text (plain, Markdown or HTML).

    ``fmt`` (``html``, ``markdown`` or ``text``) declares the format; without it the source's suffix
    does, else the text is sniffed.
    """
    label = source or "input"
    raw = normalise_text(raw)
    if len(raw) > MAX_CHARS:
        raise InputRefused(f"{label}: too large ({len(raw):,} characters)")
    if not raw.strip():
        raise InputRefused(f"{label}: empty input")
    fmt, text, hints = _prepare(raw, source, fmt)
    if not text.strip():
        raise InputRefused(f"{label}: no article text found")
    article_id = article_id_for(text)
    layout = split_layout(text, article_id, hints)
    sentences = split_sentences(text, layout.sections)
    doc = Document(article_id, text, layout.sections, sentences, layout.published or layout.updated)
    claims = find_claims(doc)
    statistics = find_statistics(doc, claims)
    entities = find_entities(doc, claims)
    return Article(
        id=article_id,
        title=layout.title,
        author=layout.author,
        location=layout.location,
        published=layout.published,
        updated=layout.updated,
        source=source,
        text=text,
        format=fmt,
        sections=layout.sections,
        claims=claims,
        statistics=statistics,
        entities=entities,
    )


def _prepare(raw: str, source: str | None, fmt: str | None) -> tuple[str, str, LayoutHints]:
    suffix = (source or "").lower().rsplit(".", 1)[-1] if source and "." in source else ""
    declared = fmt or _SUFFIX_FORMATS.get(suffix)
    if declared == "html" or (declared is None and looks_like_html(raw)):
        page = html_to_article(raw)
        text, lines = markdown_to_text(normalise_text(page.markdown))
        hints = LayoutHints(
            lines,
            captions=frozenset(page.captions),
            related=frozenset(page.related),
            title=page.title,
            author=page.author,
            published=page.published,
            updated=page.updated,
        )
        return "html", text, hints
    if declared == "markdown" or (declared is None and looks_like_markdown(raw)):
        meta, body = split_front_matter(raw)
        text, lines = markdown_to_text(body)
        published = parse_date(meta["published"]) if "published" in meta else None
        hints = LayoutHints(lines, title=meta.get("title"), author=meta.get("author"), published=published)
        hints.updated = parse_date(meta["updated"]) if "updated" in meta else None
        hints.location = meta.get("location")
        return "markdown", text, hints
    return "text", raw, LayoutHints()


def article_id_for(text: str) -> str:
    """Same words, same id: whitespace, case-folding and Unicode forms do not change it."""
    # split() and join() collapse and trim the same whitespace as a ``\s+`` substitution and strip(), about
    # three times faster (this runs on every whole article).
    canonical = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.blake2b(canonical.encode("utf-8"), digest_size=8).hexdigest()
