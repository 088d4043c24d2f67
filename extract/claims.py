"""Attributed statements: who asserts what (placeholder until the claim rules land)."""

from __future__ import annotations

from claimscope.extract.document import Document
from claimscope.extract.model import Claim


def find_claims(doc: Document) -> list[Claim]:
    """Every attributed statement in the paragraphs of ``doc``."""
    return []
