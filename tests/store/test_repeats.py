"""Repeated claims: claim keys, the match rules, blocking, groups over a store, and the cache beside it.

The labelled pairs (repeats_pairs.jsonl, labelled before the matcher was written; rules in
repeats_pairs.md) measure precision and recall; the floors are what the matcher reached.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from repeats_articles import repeat_articles
from version_articles import tram_story

from claimscope.extract.claim_key import claim_key, strip_attribution
from claimscope.store.db import Store
from claimscope.store.repeats.blocking import candidate_pairs
from claimscope.store.repeats.corpus import articles_digest, read_cache, repeats_path, store_repeats
from claimscope.store.repeats.groups import ClaimRef, find_groups
from claimscope.store.repeats.match import (
    directions_agree,
    mostly_shared,
    not_a_substitution,
    numbers_agree,
    same_claim,
    same_polarity,
    same_time,
)

PAIRS = Path(__file__).with_name("repeats_pairs.jsonl")
PRECISION_FLOOR = 1.0
RECALL_FLOOR = 0.58


def labelled_pairs() -> list[dict[str, object]]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def same(a: str, b: str) -> bool:
    return same_claim(claim_key(a), claim_key(b))


# --- the labelled pairs -------------------------------------------------------------------------------


def test_the_labelled_pairs_are_many_and_mostly_hard_negatives() -> None:
    pairs = labelled_pairs()
    assert len(pairs) >= 120
    assert sum(1 for p in pairs if not p["same"]) > sum(1 for p in pairs if p["same"])


def test_precision_and_recall_on_the_labelled_pairs_reach_their_floors() -> None:
    pairs = labelled_pairs()
    found = [(bool(p["same"]), same(str(p["a"]), str(p["b"]))) for p in pairs]
    true_pos = sum(1 for truth, guess in found if truth and guess)
    false_pos = sum(1 for truth, guess in found if guess and not truth)
    positives = sum(1 for truth, _ in found if truth)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / positives
    print(f"repeats pairs: precision {precision:.3f} recall {recall:.3f} ({true_pos}/{positives}, {false_pos} wrong)")
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


# --- claim keys ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The depot will cost 1.7 million pounds to build", "The depot will cost 1,700,000 pounds to build"),
        ("Turnout reached 61.5% in the north", "Turnout reached 61.5 per cent in the north"),
        ("Half of the lorries failed the brake test", "50% of the lorries failed the brake test"),
        ("Eight vans were stolen from the yard", "8 vans were stolen from the yard"),
    ],
)
def test_numbers_compare_as_numbers_whatever_their_form(one: str, other: str) -> None:
    assert claim_key(one).numbers == claim_key(other).numbers
    assert claim_key(one).numbers  # a number was read at all


def test_years_count_as_numbers() -> None:
    assert claim_key("The canal will be dredged by 2031").numbers == {2031.0}


@pytest.mark.parametrize(
    ("said", "claim"),
    [
        ("The canal will be dredged next year, the waterways board said.", "The canal will be dredged next year"),
        ("The canal will be dredged next year, according to the board", "The canal will be dredged next year"),
        ("According to the board, the canal will be dredged", "the canal will be dredged"),
        ("The waterways board said that the canal will be dredged", "the canal will be dredged"),
        ("\u201cThe canal will be dredged,\u201d the engineer told reporters.", "The canal will be dredged"),
    ],
)
def test_attribution_and_quotes_are_taken_off(said: str, claim: str) -> None:
    assert strip_attribution(said.replace("\u201c", " ").replace("\u201d", " ")) == claim
    assert claim_key(said).words == claim_key(claim).words


def test_a_clause_with_content_or_a_verb_of_change_is_not_taken_for_attribution() -> None:
    assert strip_attribution("Landings fell, while 12 boats said they had stayed in port") == (
        "Landings fell, while 12 boats said they had stayed in port"
    )
    assert strip_attribution("Canal tolls went up by a third") == "Canal tolls went up by a third"


def test_negation_and_forecast_are_read() -> None:
    assert claim_key("The lock gates won't be replaced").negative
    assert not claim_key("The lock gates were replaced").negative
    assert claim_key("The lock gates are expected to be replaced").forecast
    assert not claim_key("The lock gates were replaced").forecast


def test_words_of_change_become_their_direction_and_inflections_meet() -> None:
    assert claim_key("Canal traffic rose sharply").words == claim_key("Canal traffic increased sharply").words
    assert claim_key("The boatyards closed").words == claim_key("The boatyard closes").words


# --- the rules, one each ---------------------------------------------------------------------------------


def test_each_rule_rejects_what_it_names() -> None:
    assert not same_polarity(claim_key("The marina is full"), claim_key("The marina is not full"))
    assert not same_time(claim_key("The marina will expand"), claim_key("The marina expanded"))
    assert not numbers_agree(claim_key("The marina holds 300 boats"), claim_key("The marina holds 350 boats"))
    assert not directions_agree(claim_key("Marina fees rose"), claim_key("Marina fees fell"))
    assert not mostly_shared(
        claim_key("Marina berths cost sailors dearly this winter season"),
        claim_key("Marina berths cost anglers little during summer evenings"),
    )
    assert not not_a_substitution(claim_key("Marina fees are too high"), claim_key("Harbour taxes are too high"))


def test_each_rule_lets_a_rewording_through() -> None:
    one, other = claim_key("The marina will hold 300 boats"), claim_key("The marina is set to hold 300 boats")
    assert same_polarity(one, other)
    assert same_time(one, other)
    assert numbers_agree(one, other)
    assert directions_agree(one, other)
    assert mostly_shared(one, other)
    assert not_a_substitution(one, other)
    assert same("The marina will hold 300 boats", "The marina is set to hold 300 boats, its owners said")


def test_a_number_one_wording_leaves_out_does_not_part_them() -> None:
    assert numbers_agree(claim_key("Mooring fees doubled in 2024"), claim_key("Mooring fees doubled"))


# --- blocking ----------------------------------------------------------------------------------------------


def test_blocking_pairs_repeats_without_comparing_all_pairs() -> None:
    towns = ["Alder", "Birch", "Cedar", "Dunmore", "Elmfield", "Fernhill", "Gorsey", "Hawthorn", "Ivybridge", "Juniper"]
    things = ["library", "pool", "depot", "market", "museum", "clinic", "bridge", "harbour", "station", "park"]
    texts = [f"The {town} {thing} will close for repairs in {month}" for town in towns for thing in things
             for month in ("May", "June")]
    keys = [claim_key(t) for t in texts]
    pairs = candidate_pairs(keys)
    everything = len(keys) * (len(keys) - 1) // 2
    assert len(pairs) < everything / 10
    index = {t: i for i, t in enumerate(texts)}
    may, june = "The Cedar museum will close for repairs in May", "The Cedar museum will close for repairs in June"
    wanted = (index[may], index[june])
    assert wanted in set(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True))


def test_a_claim_sharing_no_rare_token_with_another_is_paired_with_nothing() -> None:
    keys = [claim_key("Otters returned to the upper river"), claim_key("Grain exports slumped in the autumn")]
    assert len(candidate_pairs(keys)) == 0


# --- groups ------------------------------------------------------------------------------------------------


def _ref(claim_id: str, article: str, text: str, published: str | None, order: int, speaker: str = "X") -> ClaimRef:
    return ClaimRef(claim_id, article, text, speaker, published, None, order)


def test_a_claim_said_twice_in_one_article_is_not_a_repeat() -> None:
    refs = [
        _ref("a:c1", "a", "The ring road will be widened to four lanes", "2025-01-01", 0),
        _ref("a:c2", "a", "The ring road will be widened to four lanes, officials said", "2025-01-01", 1),
    ]
    assert find_groups(refs, workers=1) == []


def test_the_first_appearance_is_the_earliest_published_then_undated_last() -> None:
    refs = [
        _ref("u:c1", "u", "The ring road will be widened to four lanes", None, 0, "Undated"),
        _ref("b:c1", "b", "The ring road is going to be widened to four lanes", "2025-02-01", 1, "Later"),
        _ref("a:c1", "a", "The ring road will be widened to four lanes", "2025-01-05", 2, "Earliest"),
    ]
    (group,) = find_groups(refs, workers=1)
    assert [m.id for m in group.members] == ["a:c1", "b:c1", "u:c1"]
    assert group.repeated_by() == ["Later", "Undated"]


def test_groups_of_a_store(store: Store) -> None:
    store.add_articles(repeat_articles())
    groups = store_repeats(store, workers=1)
    assert [g.size for g in groups] == [3, 2]
    cost, reopen = groups
    assert [m.article_id for m in cost.members] == ["rep-earliest", "rep-monday", "rep-wednesday"]
    assert cost.repeated_by() == ["Dana Wells", "Omar Reid"]
    assert [m.article_id for m in reopen.members] == ["rep-monday", "rep-wednesday"]
    assert reopen.first.speaker == "transport minister Dana Wells"
    assert all("16 million" not in m.text and "not" not in m.text.split() for g in groups for m in g.members)


def test_an_update_repeating_its_own_earlier_version_is_no_repeat(tmp_path: Path) -> None:
    with Store(tmp_path / "store.json") as store:
        store.add_articles([tram_story("aa00000000000001")])
        store.add_articles([tram_story("bb00000000000002", rise=12, updated=True)])  # linked as version 2
        assert store.versions("bb00000000000002") == ["aa00000000000001", "bb00000000000002"]
        assert store_repeats(store, workers=1) == []
        # another outlet's story with the same quote is a repeat, once for the whole story
        store.add_articles([tram_story("cc00000000000003", source="wire/fares.txt", title="East line fares to climb",
                                       author="Nadia Brook")])
        groups = store_repeats(store, workers=1)
    night = [g for g in groups if "night services" in g.first.text]
    assert [[m.article_id for m in g.members] for g in night] == [["aa00000000000001", "cc00000000000003"]]


def test_the_cache_beside_the_store_is_used_only_while_the_articles_agree(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    articles = repeat_articles()
    with Store(path) as store:
        store.add_articles(articles[:2])
        assert [g.size for g in store_repeats(store, workers=1)] == [2, 2]
        cached = read_cache(repeats_path(path), articles_digest(store))
        assert cached is not None and [g.size for g in cached] == [2, 2]
        store.add_articles(articles[2:])
        assert read_cache(repeats_path(path), articles_digest(store)) is None
        assert [g.size for g in store_repeats(store, workers=1)] == [3, 2]


def test_a_damaged_cache_is_computed_again(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with Store(path) as store:
        store.add_articles(repeat_articles())
        repeats_path(path).write_bytes(b'{"version": 1, "articles": "')
        assert [g.size for g in store_repeats(store, workers=1)] == [3, 2]
        assert read_cache(repeats_path(path), articles_digest(store)) is not None


def test_blocking_nothing_or_one_word_claims_gives_no_pairs() -> None:
    assert len(candidate_pairs([])) == 0
    assert len(candidate_pairs([claim_key("Floods"), claim_key("Floods")])) == 0
