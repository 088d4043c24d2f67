"""The reader's line breaking: offsets into the text, so every wrapped line keeps its place in the article."""

from __future__ import annotations

from itertools import pairwise

from claimscope.tui.widgets.reader import wrap_offsets


def _lines(text: str, width: int) -> list[str]:
    cuts = [0, *wrap_offsets(text, width), len(text)]
    return [text[start:end] for start, end in pairwise(cuts)]


def test_lines_break_after_the_spaces_that_follow_a_word() -> None:
    assert _lines("the pier opens in May", 10) == ["the pier ", "opens in ", "May"]


def test_a_word_that_fits_exactly_stays_on_its_line() -> None:
    assert _lines("ferry boats", 5) == ["ferry ", "boats"]


def test_a_word_wider_than_the_line_is_cut_into_pieces() -> None:
    assert _lines("a harbourmasterships", 6) == ["a ", "harbou", "rmaste", "rships"]


def test_wide_characters_count_two_cells() -> None:
    assert _lines("港口港口港口", 4) == ["港口", "港口", "港口"]


def test_empty_text_has_no_breaks() -> None:
    assert wrap_offsets("", 10) == []
