"""``claimscope search``: fuzzy search over everything in the store, from the persisted index."""

from __future__ import annotations

from pathlib import Path

import click

from claimscope.tui.cli_common import db_option
from claimscope.tui.cli_output import clip, format_option, listing, note
from claimscope.tui.cli_store import open_store

UNIT_KINDS = ("article", "section", "claim", "statistic", "entity", "passage")
"""The kinds ``--kind`` takes (the search package's ``fields.UNIT_KINDS``; not imported, to keep --help light)."""


@click.command("search")
@click.argument("query")
@click.option("--kind", type=click.Choice(UNIT_KINDS), default=None, help="Only results of this kind.")
@click.option(
    "--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Most results to show."
)
@format_option(("table", "json"), "table")
@db_option
def search_command(query: str, kind: str | None, limit: int, fmt: str, db_path: Path | None) -> None:
    """Fuzzy-search articles, sections, claims, statistics, entities and every sentence.

    Typos and any word order are welcome; the best matches come first, each with its id. Wire copies of
    one sentence are one result with a count. Searches read the index beside the store
    (STORE.index/), which is checked against the store and brought up to date first when it lags.

    Example: claimscope search "screenigs 2024" --kind statistic --format json
    """
    from claimscope.store.search import Hit  # numpy and rapidfuzz load only when searching
    from claimscope.store.search.persisted import open_index

    with open_store(db_path) as store:
        hits = open_index(store, progress=_IndexingNote()).search(query, kind=kind, limit=limit)
    listing(
        fmt,
        hits,
        Hit.to_dict,
        ("KIND", "ID", "SCORE", "LABEL", "TEXT"),
        lambda h: (h.kind, h.id, f"{h.score:.1f}", clip(h.label, 24), _marked(h)),
        "no matches",
    )


class _IndexingNote:
    """Says once, on stderr, how many articles the index lacked (so a slow first search is explained)."""

    def __init__(self) -> None:
        self.said = False

    def __call__(self, done: int, total: int) -> None:
        if not self.said:
            self.said = True
            note(f"claimscope: indexing {total} article(s) the search index lacks")


def _marked(hit: object) -> str:
    """The snippet with matched words in [brackets] (the table is plain text) and the copy count."""
    from claimscope.store.search import Hit

    assert isinstance(hit, Hit)
    text = hit.text
    for start, end in reversed(hit.spans):
        text = f"{text[:start]}[{text[start:end]}]{text[end:]}"
    return f"{text} (+{hit.copies - 1} more with this line)" if hit.copies > 1 else text
