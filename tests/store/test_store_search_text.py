"""Normalisation, sentences and snippets: the pieces both the index and the query side rely on."""

from __future__ import annotations

import pytest

from claimscope.store.search.snippet import SNIPPET_CHARS, snippet
from claimscope.store.text import sentences, token_spans, tokens


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("11,300 screenings", "11300 screenings"),
        ("a 1.7m fund", "a 1.7 million fund"),
        ("£2bn deficit", "2 billion deficit"),
        ("5k runners", "5 thousand runners"),
        ("2,000 books", "2000 books"),
        ("the ferry's timetable", "the ferrys timetable"),
        ("Café Zoë", "cafe zoe"),
    ],
)
def test_written_forms_of_a_number_or_word_give_the_same_tokens(written: str, typed: str) -> None:
    assert tokens(written) == tokens(typed)


def test_a_scale_letter_inside_a_word_is_left_alone() -> None:
    assert tokens("the 3mm bolt on the m4") == ["the", "3", "mm", "bolt", "on", "the", "m", "4"]


def test_token_spans_point_at_the_text_as_written() -> None:
    text = "About 11,300 people gave £1.7m."
    assert [(t, text[a:b]) for t, a, b in token_spans(text)] == [
        ("about", "About"),
        ("11300", "11,300"),
        ("people", "people"),
        ("gave", "gave"),
        ("1.7", "1.7m"),
        ("million", "1.7m"),
    ]


def test_sentences_split_after_closing_quotes_and_not_after_titles() -> None:
    text = 'The tide turned. "We were lucky!" Mr. Pryce waded in. It rained 3.5 hours.'
    assert [text[a:b] for a, b in sentences(text, 0, len(text))] == [
        "The tide turned.",
        '"We were lucky!"',
        "Mr. Pryce waded in.",
        "It rained 3.5 hours.",
    ]


def test_sentences_of_a_paragraph_inside_a_longer_text() -> None:
    text = "Headline\n\nOne short line. Another one.  \n\nNext paragraph."
    start = text.index("One")
    end = text.index("\n\nNext")
    assert [text[a:b] for a, b in sentences(text, start, end)] == ["One short line.", "Another one."]


def test_a_short_snippet_is_the_whole_text_with_its_matched_spans() -> None:
    text = "Lock keepers on the canal met the lock company."
    shown, spans = snippet(text, frozenset({"lock"}))
    assert shown == text
    assert spans == ((0, 4), (34, 38))


def test_a_long_snippet_is_cut_around_the_first_match() -> None:
    text = ("Filler words about nothing much. " * 12) + "The weir gauge read high at dawn."
    shown, spans = snippet(text, frozenset({"weir"}))
    assert shown.startswith("…")
    assert len(shown) <= SNIPPET_CHARS + 2
    assert [shown[a:b] for a, b in spans] == ["weir"]


def test_markup_in_the_text_stays_text() -> None:
    shown, spans = snippet("[b]bold[/b] <em>weir</em>", frozenset({"weir"}))
    assert shown == "[b]bold[/b] <em>weir</em>"
    assert [shown[a:b] for a, b in spans] == ["weir"]
