"""Sentences inside blocks, with offsets, through sentencex (a compiled, rule-based segmenter).

pySBD was measured at about 16 ms for a seed-length article, which alone would cap the pipeline near 60
articles a second; sentencex segments the same article in well under a millisecond and keeps a quotation
that spans several sentences together, which is what attribution needs.
"""

from __future__ import annotations

from collections.abc import Iterator

import sentencex

from claimscope.extract.model import Section, Sentence

_SEGMENT_PARAGRAPH = ("paragraph",)


def split_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    """Every sentence of every paragraph block, in reading order."""
    out: list[Sentence] = []
    block_index = 0
    for section_index, section in enumerate(sections):
        for block in section.blocks:
            if block.kind in _SEGMENT_PARAGRAPH:
                for start, end in sentence_spans(text, block.start, block.end):
                    out.append(Sentence(start, end, section_index, block_index))
            block_index += 1
    return out


def sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the sentences in ``text[start:end]``, trimmed of surrounding whitespace."""
    pos = start
    for piece in sentencex.segment("en", text[start:end]):
        piece_start, piece_end = pos, pos + len(piece)
        pos = piece_end
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > piece_start:
            yield piece_start, piece_end
