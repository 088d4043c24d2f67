"""The rules of the views across articles, on names and figures written here: speaker keys and conflicts."""

from __future__ import annotations

import pytest

from claimscope.store.across.figures import Bounds, in_conflict, interval, measure_key
from claimscope.store.across.names import ArticleEntities, EntityName, name_key, speaker_name

PEOPLE = ArticleEntities([
    EntityName("Mira Castellan", "person"),
    EntityName("Port Avery Harbour Trust", "organisation"),
    EntityName("Office of Budget Review", "acronym", ("OBR",)),
])


@pytest.mark.parametrize(
    ("speaker", "key", "kind"),
    [
        ("Mira Castellan", "mira castellan", "person"),
        ("Ms Castellan", "mira castellan", "person"),
        ("Deputy Mayor Mira Castellan", "mira castellan", "person"),
        ("Transport Chief Mira Castellan", "mira castellan", "person"),
        ("Mira Castellan, the trust's chair", "mira castellan", "person"),
        ("Castellan's", "mira castellan", "person"),
        ("the trust", "port avery harbour trust", "organisation"),
        ("a spokeswoman for the trust", "port avery harbour trust", "organisation"),
        ("Minister of Ports Mira Castellan", "mira castellan", "person"),
        ("The Port Avery Harbour Trust", "port avery harbour trust", "organisation"),
        ("the OBR", "office of budget review", "organisation"),
        ("Jonas Whitlow", "jonas whitlow", "name"),
    ],
)
def test_a_speaker_is_keyed_by_the_entity_it_names(speaker: str, key: str, kind: str) -> None:
    found = speaker_name(speaker, "a1", PEOPLE)
    assert found is not None
    assert (found.key, found.kind) == (key, kind)


def test_a_surname_shared_by_two_people_of_the_article_stays_a_surname() -> None:
    twins = ArticleEntities([EntityName("Ada Quill", "person"), EntityName("Ben Quill", "person")])
    found = speaker_name("Mr Quill", "a1", twins)
    assert found is not None
    assert found.key == "quill"


def test_a_role_is_a_speaker_of_its_own_article_only() -> None:
    first = speaker_name("a spokeswoman", "a1", PEOPLE)
    second = speaker_name("A spokeswoman", "a2", PEOPLE)
    assert first is not None and second is not None
    assert first.kind == "role"
    assert first.key != second.key


def test_titles_alone_name_a_role_not_a_person() -> None:
    found = speaker_name("the Assistant US Attorney", "a1", ArticleEntities([]))
    assert found is not None
    assert found.kind == "role"


def test_spellings_of_one_name_meet() -> None:
    assert name_key("Zoë  Ärnström") == name_key("zoe arnstrom")
    assert name_key("Paul T. Okoro") == name_key("Paul Okoro")


@pytest.mark.parametrize(
    ("one", "other"),
    [("flood warnings", "the flood warning"), ("households", "household"), ("boxes", "box"),
     ("companies", "company"), ("Houses", "house")],
)
def test_plurals_and_singulars_of_a_measure_meet(one: str, other: str) -> None:
    assert measure_key(one) == measure_key(other)


def test_words_that_end_in_s_but_are_singular_are_kept() -> None:
    assert measure_key("census") == "census"
    assert measure_key("analysis") == "analysis"


@pytest.mark.parametrize(
    ("value", "raw", "approximate", "low", "high"),
    [
        (42.0, "42", False, 41.5, 42.5),
        (12_400.0, "12,400", False, 12_350.0, 12_450.0),
        (3_200_000.0, "$3.2 million", False, 3_150_000.0, 3_250_000.0),
        (200.0, "about 200", True, 150.0, 250.0),
        (125.0, "about 125", True, 112.5, 137.5),
        (9.0, "nine", False, 8.5, 9.5),
    ],
)
def test_a_figure_stands_for_what_its_wording_allows(
    value: float, raw: str, approximate: bool, low: float, high: float
) -> None:
    assert interval(value, raw, approximate) == pytest.approx((low, high))


def _bounds(article: str, value: float, raw: str, approximate: bool = False) -> Bounds:
    return Bounds(article, *interval(value, raw, approximate))


def test_rounded_figures_do_not_conflict() -> None:
    assert not in_conflict([_bounds("a", 3_240_000, "3,240,000"), _bounds("b", 3_200_000, "3.2 million")])


def test_about_covers_a_near_figure() -> None:
    assert not in_conflict([_bounds("a", 118, "118"), _bounds("b", 125, "about 125", approximate=True)])


def test_figures_beyond_the_tolerance_conflict() -> None:
    assert in_conflict([_bounds("a", 118, "118"), _bounds("b", 125, "125")])


def test_one_article_never_conflicts_with_itself() -> None:
    assert not in_conflict([_bounds("a", 10, "10"), _bounds("a", 90, "90")])


def test_a_conflict_is_found_whatever_the_order_of_the_figures() -> None:
    figures = [_bounds("a", 10, "10"), _bounds("a", 90, "90"), _bounds("b", 90, "90"), _bounds("c", 50, "50")]
    assert in_conflict(figures)
    assert in_conflict(list(reversed(figures)))
    assert not in_conflict(figures[:3][1:])
