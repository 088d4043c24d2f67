"""find_periods(naming_only=True), the look-back's shortcut: it agrees with find_periods when a span names a period."""

from __future__ import annotations

from datetime import date

from claimscope.extract.periods import find_periods

PUBLISHED = date(2025, 6, 12)


def test_only_an_anaphoric_phrase_names_nothing() -> None:
    text = "The trust expects to publish its own figures later in the year."
    kinds = [p.kind for p in find_periods(text, 0, len(text), PUBLISHED)]
    assert kinds == ["anaphoric"]
    assert find_periods(text, 0, len(text), PUBLISHED, naming_only=True) == []


def test_a_sentence_without_calendar_words_names_nothing() -> None:
    text = "Volunteers painted the fences along the canal path."
    assert find_periods(text, 0, len(text), PUBLISHED, naming_only=True) == []


def test_a_named_quarter_keeps_every_mention() -> None:
    text = "Ferry crossings fell in Q3 2023, and again later in the year."
    found = find_periods(text, 0, len(text), PUBLISHED, naming_only=True)
    assert [p.kind for p in found] == ["quarter", "anaphoric"]
    assert found == find_periods(text, 0, len(text), PUBLISHED)
    assert found[0].value == "2023-Q3"


def test_a_weekday_is_kept_for_the_said_on_fallback() -> None:
    text = "The mayor spoke to the harbour committee on Wednesday."
    found = find_periods(text, 0, len(text), PUBLISHED, naming_only=True)
    assert [(p.kind, p.value) for p in found] == [("weekday", "2025-06-11")]
