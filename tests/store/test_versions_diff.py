"""Pairing items across versions and the diff built on it, on article pairs written for these tests."""

from __future__ import annotations

from store_factory import ClaimSpec, SectionSpec, StatSpec, build_article
from version_articles import tram_story

from claimscope.extract.model import Statistic
from claimscope.store.versions.diff import (
    STATISTIC_FIELDS,
    FieldChange,
    ItemsDiff,
    ParagraphChange,
    diff_articles,
    diff_to_dict,
    items_diff,
    paragraph_changes,
    word_diff,
)
from claimscope.store.versions.matching import match_claims, match_statistics, statistic_text


def test_a_changed_figure_is_one_change() -> None:
    diff = diff_articles(tram_story("aa01", rise=8), tram_story("bb02", rise=11, updated=True))
    (stat,) = diff.statistics.changed
    assert (stat.old_id, stat.new_id) == ("aa01:n1", "bb02:n1")
    assert stat.fields == (FieldChange("value", 8.0, 11.0),)
    (claim,) = diff.claims.changed
    assert claim.fields == (
        FieldChange("text", "Single tickets will go up by 8 percent", "Single tickets will go up by 11 percent"),
    )
    assert diff.claims.unchanged == 1
    assert diff.claims.added == diff.claims.removed == ()


def test_a_dropped_figure_is_removed_and_the_rest_unchanged() -> None:
    diff = diff_articles(tram_story("aa01"), tram_story("bb02", updated=True))
    assert [s.id for s in diff.statistics.removed] == ["aa01:n3"]
    assert diff.statistics.added == ()
    assert diff.statistics.changed == ()
    assert diff.statistics.unchanged == 2


def test_the_same_article_has_an_empty_diff() -> None:
    diff = diff_articles(tram_story("aa01"), tram_story("aa01"))
    assert diff.is_empty
    assert (diff.claims.unchanged, diff.statistics.unchanged) == (2, 3)


def test_a_new_first_claim_does_not_shift_the_pairs() -> None:
    """Ids number items in reading order: an inserted claim renumbers the rest, pairing must not follow ids."""
    base = [ClaimSpec("Lena Moss", "The pier will close for repairs in June")]
    first = [ClaimSpec("Ravi Gupta", "Boat owners were not consulted", cue="complained")]
    old = build_article("aa01", "Pier repairs", [SectionSpec(None, ["Work starts soon."], claims=base)])
    new = build_article("bb02", "Pier repairs", [SectionSpec(None, ["Work starts soon."], claims=first + base)])
    matching = match_claims(old.claims, new.claims)
    assert [(a.id, b.id) for a, b in matching.pairs] == [("aa01:c1", "bb02:c2")]
    assert [c.id for c in matching.added] == ["bb02:c1"]
    assert matching.removed == []


def test_words_given_to_another_speaker_are_not_the_same_claim() -> None:
    said = "Bus lanes will be painted red next year"
    old = build_article("aa01", "Lanes", [SectionSpec(None, ["Plans."], claims=[ClaimSpec("Lena Moss", said)])])
    new = build_article("bb02", "Lanes", [SectionSpec(None, ["Plans."], claims=[ClaimSpec("Ravi Gupta", said)])])
    matching = match_claims(old.claims, new.claims)
    assert matching.pairs == []
    assert ([c.id for c in matching.removed], [c.id for c in matching.added]) == (["aa01:c1"], ["bb02:c1"])


def _two_figures(article_id: str, first: str, second: str, *, second_measure: str = "cyclists") -> list[Statistic]:
    article = build_article(
        article_id,
        "Counts",
        [
            SectionSpec(
                None,
                ["Counters were read on the bridge."],
                claims=[ClaimSpec("Ana Ruiz", f"Walkers rose to {first} while riders fell to {second}")],
                stats=[
                    StatSpec(first, float(first), "walkers", None, "2024", claim=0),
                    StatSpec(second, float(second), second_measure, None, "2024", claim=0),
                ],
            )
        ],
    )
    return article.statistics


def test_two_figures_of_one_sentence_keep_their_own_counterparts() -> None:
    old, new = _two_figures("aa01", "510", "220"), _two_figures("bb02", "530", "240")
    matching = match_statistics(old, new)
    assert [(a.value, b.value) for a, b in matching.pairs] == [(510.0, 530.0), (220.0, 240.0)]


def test_figures_of_different_measures_never_pair() -> None:
    old = _two_figures("aa01", "510", "220")[1:]
    new = _two_figures("bb02", "510", "220", second_measure="scooters")[1:]
    matching = match_statistics(old, new)
    assert matching.pairs == []


def test_the_number_is_masked_in_a_statistics_text() -> None:
    (stat, _) = _two_figures("aa01", "510", "220")
    assert statistic_text(stat) == "Walkers rose to # while riders fell to 220, Ana Ruiz said."


def diff_articles_of(old: list[Statistic], new: list[Statistic]) -> ItemsDiff:
    return items_diff(match_statistics(old, new), STATISTIC_FIELDS)


def test_paragraph_changes_in_reading_order() -> None:
    old = ["Headline here", "The first paragraph stays as it is.", "A closing line that goes away entirely."]
    new = ["Headline here", "The first paragraph stays much as it was.", "Something else is said at the end."]
    changes = paragraph_changes(old, new)
    assert [c.kind for c in changes] == ["changed", "removed", "added"]
    assert changes[0].old == old[1]
    assert changes[0].new == new[1]
    assert changes[1] == ParagraphChange("removed", old[2], None)
    assert changes[2] == ParagraphChange("added", None, new[2])


def test_an_inserted_paragraph_is_added_and_nothing_else() -> None:
    old = ["One line here.", "Two lines there."]
    new = ["One line here.", "A brand new middle.", "Two lines there."]
    assert paragraph_changes(old, new) == [ParagraphChange("added", None, "A brand new middle.")]


def test_word_diff_marks_only_the_edited_words() -> None:
    assert word_diff("fares rise by 8 percent", "fares rise by 11 percent") == (
        ("=", "fares rise by "),
        ("-", "8"),
        ("+", "11"),
        ("=", " percent"),
    )


def test_json_document_of_a_diff() -> None:
    document = diff_to_dict(diff_articles(tram_story("aa01", rise=8), tram_story("bb02", rise=11, updated=True)))
    assert (document["old"], document["new"]) == ("aa01", "bb02")
    assert document["statistics"]["changed"][0]["fields"] == {"value": {"old": 8.0, "new": 11.0}}
    assert [s["id"] for s in document["statistics"]["removed"]] == ["aa01:n3"]
    assert [p["change"] for p in document["paragraphs"]] == ["added", "changed", "removed"]


def test_a_period_that_moved_alone_is_no_change() -> None:
    """Periods are often inferred from earlier paragraphs: one removed paragraph must not change every figure."""
    def report(article_id: str, period: str, value: str) -> list[Statistic]:
        stat = StatSpec(value, float(value), "ferry crossings", None, period)
        return build_article(article_id, "Crossings", [SectionSpec(None, ["Counts."], stats=[stat])]).statistics

    same_sentence = diff_articles_of(report("aa01", "2023", "40"), report("bb02", "2024", "40"))
    assert (same_sentence.changed, same_sentence.unchanged) == ((), 1)
    reworded = diff_articles_of(report("aa01", "2023", "40"), report("bb02", "2024", "44"))
    assert reworded.changed[0].fields == (FieldChange("value", 40.0, 44.0), FieldChange("period", "2023", "2024"))
