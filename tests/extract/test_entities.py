"""Entities on sentences written for these tests: acronym definitions, titled people, organisations, places."""

from __future__ import annotations

import pytest

from claimscope.extract.model import Article, Entity
from claimscope.extract.pipeline import extract_text

RENTALS = """Council outlines rules for holiday lets

The city council said on Tuesday that short-term rental platforms (STRPs) must register every listing by June.

Deputy Mayor Helen Okafor said owners who rent out a spare room would be exempt.
Okafor added that the Tenants Union had asked for the change.

Inspectors will visit listings in Riverside, the council said. The number of STRPs has doubled since 2021.
"""


def entity(article: Article, name: str) -> Entity:
    found = [e for e in article.entities if e.name == name]
    assert found, f"{name!r} not among {[e.name for e in article.entities]}"
    return found[0]


def mentioned(article: Article, e: Entity) -> list[str]:
    return [article.text[s:t] for s, t in e.mentions]


@pytest.fixture(scope="module")
def rentals() -> Article:
    return extract_text(RENTALS)


def test_acronym_takes_its_expansion_from_the_definition(rentals: Article) -> None:
    e = entity(rentals, "short-term rental platforms")
    assert e.kind == "acronym"
    assert e.aliases == ("STRPs",)
    # the definition, the acronym inside the parentheses, and its later use
    assert mentioned(rentals, e) == ["short-term rental platforms", "STRPs", "STRPs"]


def test_acronym_from_capitalised_words_skips_linking_words() -> None:
    article = extract_text("The board met the Office of Fair Trading (OFT) on Monday.\n\nThe OFT would not comment.\n")
    e = entity(article, "Office of Fair Trading")
    assert e.aliases == ("OFT",)
    assert mentioned(article, e).count("OFT") == 2


def test_parenthesised_letters_that_spell_nothing_before_them_are_not_defined() -> None:
    article = extract_text("Prices rose sharply last winter (ABC) in most towns.\n")
    assert all(e.kind != "acronym" for e in article.entities)


def test_a_titled_person_is_named_without_the_title_and_found_again_by_surname(rentals: Article) -> None:
    e = entity(rentals, "Helen Okafor")
    assert e.kind == "person"
    assert mentioned(rentals, e) == ["Helen Okafor", "Okafor"]


def test_an_organisation_is_recognised_by_its_head_noun(rentals: Article) -> None:
    assert entity(rentals, "Tenants Union").kind == "organisation"


def test_a_place_follows_a_preposition_of_place(rentals: Article) -> None:
    assert entity(rentals, "Riverside").kind == "place"


def test_sentence_openers_and_weekdays_are_not_entities(rentals: Article) -> None:
    names = {e.name for e in rentals.entities}
    assert not names & {"Inspectors", "The", "Tuesday", "June", "Council"}


def test_mention_offsets_point_into_the_text(rentals: Article) -> None:
    for e in rentals.entities:
        for start, end in e.mentions:
            assert 0 <= start < end <= len(rentals.text)
