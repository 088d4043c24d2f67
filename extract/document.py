"""The intermediate document every extraction stage reads: the text cut into sections and sentences.

Stages (claims, statistics, entities) receive one ``Document`` instead of many arguments, so adding a
field never changes every signature (the same idea as trafilatura's ``Extractor`` options object).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimscope.extract.model import Block, Section, Sentence


@dataclass(slots=True)
class Document:
    """Text in, structure found; what the claim and statistic stages work from."""

    article_id: str
    text: str
    sections: list[Section]
    sentences: list[Sentence]
    published: str | None = None
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.blocks:
            self.blocks = [b for s in self.sections for b in s.blocks]
