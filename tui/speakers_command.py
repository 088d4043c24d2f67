"""``claimscope speakers`` and ``claimscope claims --speaker NAME``: who said what, across the store.

How speakers are told apart and joined across articles: ``store/across/names.py`` and docs/across.md.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from claimscope.tui.cli_common import UserError, db_option
from claimscope.tui.cli_output import clip, format_option, listing
from claimscope.tui.cli_store import open_store

MAX_LISTED_MATCHES = 5
"""How many candidate speakers an ambiguous ``--speaker`` names in its error."""


@click.command("speakers")
@click.option(
    "--sort", type=click.Choice(["count", "recent"]), default="count", show_default=True,
    help="Most claims first, or the most recently quoted first.",
)
@format_option(("table", "json"), "table")
@db_option
def speakers_command(sort: str, fmt: str, db_path: Path | None) -> None:
    """List every speaker in the store with their claims and articles; one person is one row.

    A person named differently by each article ("Scott Christie", "Mr Christie") is one row; a bare
    role ("a spokesman") is a row of its own article. The KEY column is what --speaker also takes.

    Example: claimscope speakers --sort recent --format json
    """
    from claimscope.tui.across_cli import across_index, date_of

    with open_store(db_path) as store, across_index(store) as index:
        rows = index.speakers("recent" if sort == "recent" else "count")
    listing(
        fmt,
        rows,
        asdict,
        ("CLAIMS", "ARTICLES", "LATEST", "KIND", "KEY", "SPEAKER"),
        lambda r: (str(r.n_claims), str(r.n_articles), date_of(r.latest), r.kind, clip(r.key, 40), r.name),
        "no attributed claims in the store; add articles with 'claimscope import PATH'",
    )


@click.command("claims")
@click.option("--speaker", "speaker", required=True, metavar="NAME",
              help="A speaker's name (any spelling the speakers list shows) or KEY.")
@format_option(("table", "json"), "table")
@db_option
def claims_command(speaker: str, fmt: str, db_path: Path | None) -> None:
    """List one speaker's claims across every article, newest first, with date, article and sentence.

    Example: claimscope claims --speaker "Scott Christie"
    """
    from claimscope.store.across.speakers import speaker_claims
    from claimscope.tui.across_cli import across_index, date_of

    with open_store(db_path) as store, across_index(store) as index:
        matches = index.find_speakers(speaker)
        if not matches:
            raise UserError(f"no speaker named {speaker!r}; 'claimscope speakers' lists them")
        if len(matches) > 1:
            names = ", ".join(f"{m.name} ({m.key})" for m in matches[:MAX_LISTED_MATCHES])
            more = f" and {len(matches) - MAX_LISTED_MATCHES} more" if len(matches) > MAX_LISTED_MATCHES else ""
            raise UserError(f"{speaker!r} matches {len(matches)} speakers: {names}{more}; give the full name or KEY")
        claims = speaker_claims(store, index, matches[0])
    listing(
        fmt,
        claims,
        asdict,
        ("DATE", "ID", "ARTICLE", "SENTENCE"),
        lambda c: (date_of(c.published), c.claim_id, clip(c.title or c.article_id, 40), c.sentence),
        f"no claims of {matches[0].name} are left in the store",
    )
