"""The command palette's claimscope commands: search, export, import a file, switch theme and more.

The commands are one table of (title, help, app action): `discover` lists them for an empty query and
`search` scores their titles with the palette's matcher; choosing one runs the app action by name.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS: list[tuple[str, str, str]] = [
    ("Search everything", "Fuzzy search articles, sections, claims and statistics", "search"),
    ("Export marked items", "Write the marked items to a file (json, csv, …)", "export"),
    ("Import a file", "Import an article file or a folder into the store", "import_file"),
    ("Import from a URL", "Fetch a web page and import it as an article", "import_url"),
    ("Switch theme", "Choose a colour theme", "switch_theme"),
    ("Toggle all claims", "List the items of every article, or of the chosen one", "toggle_scope"),
    ("Repeated claims", "Claims made again in other articles, first appearance first", "repeats"),
    ("Refresh", "Reload articles imported from another terminal", "refresh"),
    ("Compare versions", "What changed since the chosen article's previous version", "versions"),
    ("Speakers", "Every speaker across the articles, and their claims", "speakers"),
    ("Figures that disagree", "Figures grouped by what they count, conflicts first, with a chart", "figures"),
    ("Keys", "Show every key in force", "help"),
]
"""(title, help, app action) triples."""


class ClaimscopeCommands(Provider):
    """Palette entries that run app actions by name."""

    async def discover(self) -> Hits:
        for title, help_text, action in COMMANDS:
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=help_text)

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)
