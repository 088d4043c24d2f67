"""The digest of the article set in the manifest's header: right after every kind of write, from scratch or not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import orjson
from store_factory import SectionSpec, build_article, clinic_article, sample_articles

from claimscope.extract.model import Article
from claimscope.store.db import Store
from claimscope.store.digest import EMPTY, as_text, digest_of, from_text, toggled
from claimscope.store.paths import marks_path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "step5-store.json"


def note(n: int) -> Article:
    sections = [SectionSpec(None, [f"The tide turned {n} times."])]
    article: Article = build_article(f"{n:016x}", f"Tide note {n}", sections)
    return article


def recorded(path: Path) -> str | None:
    """The digest the manifest's segments line records, read from the file itself."""
    segments: dict[str, object] = orjson.loads(path.read_bytes())["segments"]
    digest = segments.get("digest")
    return digest if isinstance(digest, str) else None


def stored_ids(path: Path) -> set[str]:
    return set(orjson.loads(path.read_bytes())["articles"])


def test_the_digest_is_the_same_whatever_the_order_and_one_id_toggles_in_and_out() -> None:
    ids = ["a1", "b2", "c3"]
    assert digest_of(ids) == digest_of(reversed(ids))
    assert toggled(digest_of(ids), "d4") == digest_of([*ids, "d4"])
    assert toggled(digest_of(ids), "b2") == digest_of(["a1", "c3"])
    assert digest_of(["a1"]) != digest_of(["a2"])
    assert digest_of([]) == EMPTY
    assert from_text(as_text(digest_of(ids))) == digest_of(ids)
    assert from_text("not hex") is None
    assert from_text(None) is None


def test_a_new_store_records_the_digest_of_what_it_holds(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    assert recorded(store_path) == as_text(digest_of(a.id for a in sample_articles()))


def test_imports_and_removals_on_a_store_opened_from_disk_keep_it_right(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    for step in range(3):
        with Store(store_path) as store:  # its entries stay the manifest's lines: the write edits lines
            store.add_articles([note(step), note(10 + step)])
            store.remove_articles([f"{10 + step:016x}"])
            assert store.article_digest() == digest_of(stored_ids(store_path))
        assert recorded(store_path) == as_text(digest_of(stored_ids(store_path)))
    with Store(store_path) as store:
        store.article_summaries()  # parses every entry: the next write encodes them all
        store.remove_articles([clinic_article().id])
    assert clinic_article().id not in stored_ids(store_path)
    assert recorded(store_path) == as_text(digest_of(stored_ids(store_path)))


def test_a_manifest_without_a_digest_gets_one_at_the_next_write(store_path: Path) -> None:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    data = store_path.read_bytes()
    store_path.write_bytes(re.sub(rb',"digest":"[0-9a-f]+"', b"", data, count=1))  # as an older claimscope wrote it
    with Store(store_path) as store:
        assert store.article_digest() is None
        store.add_articles([note(1)])
    assert recorded(store_path) == as_text(digest_of([*(a.id for a in sample_articles()), f"{1:016x}"]))


def test_a_store_migrated_from_the_one_file_layout_records_its_digest(store_path: Path) -> None:
    shutil.copyfile(FIXTURE, store_path)
    shutil.copyfile(marks_path(FIXTURE), marks_path(store_path))
    with Store(store_path) as store:
        assert store.size() == len(sample_articles())
    assert recorded(store_path) == as_text(digest_of(a.id for a in sample_articles()))


def test_an_in_memory_store_has_no_digest() -> None:
    with Store.in_memory() as store:
        store.add_articles(sample_articles())
        assert store.article_digest() is None
