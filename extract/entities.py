"""Organisations, people, places and acronyms (placeholder until the entity rules land)."""

from __future__ import annotations

from claimscope.extract.document import Document
from claimscope.extract.model import Claim, Entity


def find_entities(doc: Document, claims: list[Claim]) -> list[Entity]:
    """Entities mentioned in ``doc`` with every mention's span."""
    return []
