"""``claimscope copy SRC DEST``: a whole store into another (a file into PostgreSQL, or back)."""

from __future__ import annotations

import click

from claimscope.store.opening import Location, describe, is_database_url
from claimscope.tui.cli_common import StoreLocationType, UserError
from claimscope.tui.cli_store import open_location


@click.command("copy")
@click.argument("source", type=StoreLocationType())
@click.argument("destination", type=StoreLocationType())
def copy_command(source: Location, destination: Location) -> None:
    """Copy every article and your marks from store SOURCE into store DESTINATION.

    Each is a store file or a postgresql:// URL. Articles DESTINATION already has are left as they are,
    so running the same copy again after an interruption finishes it. The search index of a store file
    is brought up to date after.

    Example: claimscope copy ~/claimscope/store.json postgresql://db.example/desk
    """
    from claimscope.store.copying import copy_store
    from claimscope.store.search.persisted import update_index

    if describe(source) == describe(destination) and is_database_url(source) == is_database_url(destination):
        raise UserError("SOURCE and DESTINATION are the same store")
    with open_location(source) as src, open_location(destination) as dest:
        summary = copy_store(src, dest)
        if summary.copied:
            update_index(dest)
    click.echo(summary.line())
