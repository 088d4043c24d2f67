"""Numbers that state facts (placeholder until the statistic rules land)."""

from __future__ import annotations

from claimscope.extract.document import Document
from claimscope.extract.model import Claim, Statistic


def find_statistics(doc: Document, claims: list[Claim]) -> list[Statistic]:
    """Every statistic in the paragraphs of ``doc``; ``claims`` lets a number point at its claim."""
    return []
