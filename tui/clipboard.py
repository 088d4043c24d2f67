"""What `y` copies: the focused item as plain text followed by a citation of its article.

Fact-checkers paste these into notes, so each copy says who said it, where, and when, and ends with
the item id, which ``claimscope show`` and the explorer's search both accept.
"""

from __future__ import annotations

from claimscope.extract.model import Article


def article_citation(article: Article) -> str:
    """``"Title", Author, Source, Published`` with missing parts left out."""
    parts = [f"“{article.title}”" if article.title else article.id]
    for value in (article.author, article.source, article.published):
        if value:
            parts.append(value)
    return ", ".join(parts)


def citation_for(article: Article, item_id: str) -> str:
    """The item's text and a citation line; falls back to the article itself for unknown ids."""
    body = _item_text(article, item_id)
    return f"{body}\n— {article_citation(article)} [{item_id}]"


def _item_text(article: Article, item_id: str) -> str:
    for claim in article.claims:
        if claim.id == item_id:
            who = claim.speaker or "Unattributed"
            return f"{who} ({claim.cue}): “{claim.text}”"
    for statistic in article.statistics:
        if statistic.id == item_id:
            details = ", ".join(
                part for part in (statistic.measure, statistic.period, statistic.direction) if part
            )
            head = f"{statistic.raw} ({details})" if details else statistic.raw
            return f"{head}: {article.text[statistic.sentence_start:statistic.sentence_end]}"
    for section in article.sections:
        if section.id == item_id:
            return article.text[section.start : section.end].strip()
    return article.title or article.id
