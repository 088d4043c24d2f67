"""Re-imported updates are linked to their earlier versions by each identity rule, on every store (the
``store`` fixture: in memory, in a file, in PostgreSQL); the tests of the embedded file format (byte
search, finders, a damaged line, the step-5 fixture) open a file store at ``store_path`` themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from store_factory import ClaimSpec, SectionSpec, StatSpec, build_article, ferry_article
from version_articles import TITLE, index_pages, tram_story

from claimscope.extract.model import Article
from claimscope.store.db import AddResult, Store
from claimscope.store.errors import StoreDamaged
from claimscope.store.interface import StoreInterface
from claimscope.store.paths import marks_path
from claimscope.store.records import prepare_article
from claimscope.store.versions import lineage
from claimscope.store.versions.lineage import (
    SMALL_BATCH,
    IndexFinder,
    NeedleFinder,
    ScanFinder,
    file_name,
    finder_for,
    link_new,
    linked_summary,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "step5-store.json"


def versions_of(store: StoreInterface) -> dict[str, tuple[int, int]]:
    return {s.id: (s.version, s.versions) for s in store.article_summaries()}


def test_same_source_links_the_update(store: StoreInterface) -> None:
    assert store.add_articles([tram_story("aa00000000000001")]) == AddResult(1, 0, 0)
    update = tram_story("bb00000000000002", rise=11, updated=True, author=None)
    assert store.add_articles([update]) == AddResult(imported=1, unchanged=0, versions=1)
    assert store.versions("bb00000000000002") == ["aa00000000000001", "bb00000000000002"]
    assert store.versions("aa0") == ["aa00000000000001", "bb00000000000002"]
    assert versions_of(store) == {"aa00000000000001": (1, 2), "bb00000000000002": (2, 2)}


def test_third_version_follows_the_second(store: StoreInterface) -> None:
    for n, rise in enumerate((8, 9, 10), start=1):
        store.add_articles([tram_story(f"{n}c000000000000{n:02d}", rise=rise, updated=n > 1)])
    ids = ["1c00000000000001", "2c00000000000002", "3c00000000000003"]
    assert store.versions(ids[0]) == ids
    assert versions_of(store) == {ids[0]: (1, 3), ids[1]: (2, 3), ids[2]: (3, 3)}


def test_versions_in_one_batch_are_linked(store: StoreInterface) -> None:
    store.add_articles([tram_story("aa00000000000001"), tram_story("bb00000000000002", rise=12, updated=True)])
    assert store.versions("aa00000000000001") == ["aa00000000000001", "bb00000000000002"]


def test_same_file_name_in_another_folder_links_when_the_headline_agrees(store: StoreInterface) -> None:
    store.add_articles([tram_story("aa00000000000001", source="monday/tram.html", author=None)])
    store.add_articles(
        [tram_story("bb00000000000002", source="tuesday/tram.html", title=TITLE + " again", author=None)]
    )
    assert store.versions("bb00000000000002") == ["aa00000000000001", "bb00000000000002"]


def test_same_file_name_with_another_headline_is_a_stranger(store: StoreInterface) -> None:
    store.add_articles([tram_story("aa00000000000001", source="site-a/index.html", author=None)])
    store.add_articles(
        [tram_story("bb00000000000002", source="site-b/index.html", title="Library opens late on Sundays")]
    )
    assert store.versions("bb00000000000002") == ["bb00000000000002"]
    assert versions_of(store) == {"aa00000000000001": (1, 1), "bb00000000000002": (1, 1)}


def test_same_headline_and_byline_from_another_source_links(store: StoreInterface) -> None:
    store.add_articles([tram_story("aa00000000000001", source="saved/first.txt")])
    store.add_articles([tram_story("bb00000000000002", rise=9, source="https://mirror.example/t/99")])
    assert store.versions("bb00000000000002") == ["aa00000000000001", "bb00000000000002"]


@pytest.mark.parametrize("authors", [(None, None), ("Petra Lindqvist", "Jonas Berg")])
def test_same_headline_without_the_same_byline_is_a_stranger(
    store: StoreInterface, authors: tuple[str | None, str | None]
) -> None:
    store.add_articles([tram_story("aa00000000000001", source="one.txt", author=authors[0])])
    store.add_articles([tram_story("bb00000000000002", rise=9, source="two.txt", author=authors[1])])
    assert store.versions("bb00000000000002") == ["bb00000000000002"]


def test_standard_input_is_no_source(store: StoreInterface) -> None:
    store.add_articles([tram_story("aa00000000000001", source="<stdin>", author=None)])
    store.add_articles([tram_story("bb00000000000002", rise=9, source="<stdin>", author=None)])
    assert store.versions("bb00000000000002") == ["bb00000000000002"]


def test_removing_the_middle_version_keeps_the_others_linked(store: StoreInterface) -> None:
    ids = ["1c00000000000001", "2c00000000000002", "3c00000000000003"]
    for n, article_id in enumerate(ids, start=1):
        store.add_articles([tram_story(article_id, rise=7 + n, updated=n > 1)])
    store.remove_articles([ids[1]])
    assert store.versions(ids[2]) == [ids[0], ids[2]]
    assert versions_of(store) == {ids[0]: (1, 2), ids[2]: (2, 2)}


def test_marks_carry_over_to_the_counterparts(store: StoreInterface) -> None:
    old = tram_story("aa00000000000001")
    store.add_articles([old])
    store.mark(["aa00000000000001:c1", "aa00000000000001:n1", "aa00000000000001:n3", "aa00000000000001:s1"])
    store.add_articles([tram_story("bb00000000000002", rise=11, updated=True)])
    # c1 (its figure changed), n1 (the changed figure), s1 (same heading); n3 (depot staff) is gone.
    assert store.marks() == {
        "aa00000000000001:c1",
        "aa00000000000001:n1",
        "aa00000000000001:n3",
        "aa00000000000001:s1",
        "bb00000000000002:c1",
        "bb00000000000002:n1",
        "bb00000000000002:s1",
    }


def test_an_unmarked_article_carries_nothing(store: StoreInterface) -> None:
    store.add_articles([ferry_article(), tram_story("aa00000000000001")])
    store.mark([ferry_article().id])
    store.add_articles([tram_story("bb00000000000002", rise=11, updated=True)])
    assert store.marks() == {ferry_article().id}


def test_versions_survive_reopening(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles([tram_story("aa00000000000001")])
    with Store(store_path) as store:
        store.add_articles([tram_story("bb00000000000002", rise=11, updated=True)])
    with Store(store_path) as store:
        assert versions_of(store) == {"aa00000000000001": (1, 2), "bb00000000000002": (2, 2)}
        assert store.versions("bb00000000000002") == ["aa00000000000001", "bb00000000000002"]


def test_store_from_before_versions_links_a_reimport_and_carries_its_marks(store_path: Path) -> None:
    """The step-5 fixture was written before versions existed: no entry has lineage keys, none is needed."""
    shutil.copyfile(FIXTURE, store_path)
    shutil.copyfile(marks_path(FIXTURE), marks_path(store_path))
    old = ferry_article()
    update = build_article(
        "ee00000000000005",
        old.title or "",
        [
            SectionSpec(
                None,
                ["Ferry tickets across the bay will cost more from the spring timetable."],
                claims=[ClaimSpec("Dov Arkin", "Fares will rise by 15 percent in April")],
                stats=[StatSpec("15 percent", 15.0, "fare rise", "percent", "2024-04", claim=0)],
            ),
        ],
        published="2024-03-05",
        source=old.source,
    )
    with Store(store_path) as store:
        store.add_articles([update])
    with Store(store_path) as store:
        assert store.versions(update.id) == [old.id, update.id]
        assert {m for m in store.marks() if m.startswith("ee")} == {"ee00000000000005:c1"}


def links_by_every_finder(store_path: Path, newcomers: list[Article]) -> list[tuple[str, str] | None]:
    """Each newcomer's link (previous version, rule) as the byte search, the scan and the index find it,
    checking that the three agree; the newcomers are added in turn, as an import adds them."""
    with Store(store_path) as store:
        corpus, parsed = store._corpus.copy(), store._corpus.copy()
        assert len(parsed.entries) == store.size()  # parses this copy's entries
        finders = [finder_for(corpus, 1), finder_for(corpus, 1000), finder_for(parsed, 1)]
        assert [type(f) for f in finders] == [NeedleFinder, IndexFinder, ScanFinder]
        links: list[tuple[str, str] | None] = []
        for article in newcomers:
            prepared = prepare_article(article)
            drafts = (corpus, corpus, parsed)
            found = [link_new(finder, draft, prepared) for finder, draft in zip(finders, drafts, strict=True)]
            assert found[1:] == found[:-1]
            summary = linked_summary(prepared.summary, found[0])
            for draft in (corpus, parsed):
                draft.add(prepared.id, summary, prepared.document)
            finders[1].add(prepared.id, summary)
            links.append(None if found[0] is None else (found[0].previous, found[0].rule))
    return links


def test_byte_search_scan_and_index_find_the_same_links(store_path: Path) -> None:
    """Small batches search the manifest's bytes (or scan parsed entries), large ones index every entry:
    the links must agree."""
    stored = [
        tram_story("1a00000000000001"),
        tram_story("1b00000000000002", rise=9, updated=True),
        tram_story("2a00000000000003", source="desk/tram.html", title="Depot budget trimmed", author=None),
        tram_story("3a00000000000004", source="a.txt", title="Night buses return", author="Jonas Berg"),
        ferry_article(),
    ]
    with Store(store_path) as store:
        store.add_articles(stored)
    newcomers = [
        tram_story("9000000000000001", rise=12, updated=True),
        tram_story("9000000000000002", source="other/tram.html", title="Depot budget trimmed again", author=None),
        tram_story("9000000000000003", source="b.txt", title="Night buses return", author="Jonas Berg"),
        tram_story("9000000000000004", source="c.txt", title="Nothing like the others", author=None),
        tram_story("9000000000000005", source="https://x.example/tram.html?from=feed", author=None,
                   title="Depot budget trimmed, again"),
    ]
    assert links_by_every_finder(store_path, newcomers) == [
        ("1b00000000000002", "same source"),
        ("2a00000000000003", "same file name"),
        ("3a00000000000004", "same headline and byline"),
        None,
        ("9000000000000002", "same file name"),
    ]


@pytest.mark.parametrize(("sharing", "linked"), [(3, True), (4, False)])
def test_a_file_name_many_articles_share_identifies_no_story(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, sharing: int, linked: bool
) -> None:
    """With the limit at 3, a name four stored articles share links nothing; three still link."""
    monkeypatch.setattr(lineage, "COMMON_KEY_LIMIT", 3)
    with Store(store_path) as store:
        store.add_articles(index_pages(sharing))
    newcomer = tram_story("ff00000000000009", rise=12, source="site9/index.html", author=None)
    (link,) = links_by_every_finder(store_path, [newcomer])
    assert (link is not None) is linked


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("https://city.example/news/tram-fares?page=2", "tram-fares"),
        ("https://city.example/news/", None),
        ("folder\\sub\\story.txt", "story.txt"),
        ("story.md", "story.md"),
        ("<stdin>", None),
        (None, None),
    ],
)
def test_file_name_of_a_source(source: str | None, name: str | None) -> None:
    assert file_name(source) == name


def fillers(prefix: str, count: int) -> list[Article]:
    """Unrelated articles, enough to make a batch large (the index path rather than the byte search)."""
    return [
        tram_story(f"{prefix}{n:014d}", source=f"filler/{prefix}{n}.txt", title=f"Filler {prefix} {n}", author=None)
        for n in range(count)
    ]


def test_large_batches_link_across_batches(store: StoreInterface) -> None:
    store.add_articles([*fillers("f1", SMALL_BATCH + 4), tram_story("aa00000000000001")])
    store.add_articles([*fillers("f2", SMALL_BATCH + 4), tram_story("bb00000000000002", rise=12, updated=True)])
    assert store.versions("bb00000000000002") == ["aa00000000000001", "bb00000000000002"]


def test_another_process_import_between_batches_is_seen(store_path: Path) -> None:
    with Store(store_path) as importer, Store(store_path) as other:
        importer.add_articles(fillers("f1", SMALL_BATCH + 4))
        other.add_articles([tram_story("aa00000000000001")])
        importer.add_articles([*fillers("f2", SMALL_BATCH + 4), tram_story("bb00000000000002", rise=12, updated=True)])
        assert importer.versions("bb00000000000002") == ["aa00000000000001", "bb00000000000002"]


def test_a_damaged_line_found_by_the_byte_search_is_reported(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles([tram_story("aa00000000000001")])
    data = store_path.read_bytes()
    store_path.write_bytes(data.replace(b'0001":["', b'0001":[,"', 1))  # the first version's line: not JSON
    with Store(store_path) as store, pytest.raises(StoreDamaged, match="an article line is not valid JSON"):
        store.add_articles([tram_story("bb00000000000002", rise=12, updated=True)])
