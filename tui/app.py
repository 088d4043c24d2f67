"""The claimscope explorer: a Textual app over one store, opened by ``claimscope`` with no command.

The app owns the store (through ``Library``), the user's keymap, the modals and the background jobs
(first-run import, imports from the palette, refresh); ``screens/main.py`` owns the panes and links them.
The app talks to that screen only, never to its panes.  Jobs run in thread workers that post their
result as a message (``SamplesImported``, ``PathsImported``, ``StoreChanged``); the handlers, on the UI
thread, tell the screen to reload.  ``make_app`` is what both ``run_explorer`` and the tests call.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.worker import Worker, WorkerState

from claimscope.store.errors import ExportExists, StoreError, StoreUnreachable
from claimscope.store.export import FORMATS, default_export_name, write_export
from claimscope.store.interface import StoreInterface
from claimscope.tui.across_source import AcrossSource, ItemJump
from claimscope.tui.cli_store import open_location
from claimscope.tui.keymap import LoadedKeymap, load_keymap
from claimscope.tui.library import Library
from claimscope.tui.palette_commands import ClaimscopeCommands
from claimscope.tui.screens.export_dialog import ExportDialog, ExportRequest
from claimscope.tui.screens.help_screen import HelpScreen, KeyRow
from claimscope.tui.screens.main import MainScreen
from claimscope.tui.screens.path_prompt import PathPrompt
from claimscope.tui.screens.search_modal import SearchHit, SearchModal
from claimscope.tui.screens.url_prompt import UrlPrompt

if TYPE_CHECKING:
    from claimscope.store.importer import ImportSummary
    from claimscope.tui.screens.across_screen import AcrossScreen

AUTO_REFRESH_SECONDS = 2.0
"""How often the explorer checks whether another terminal changed the store (a stat call)."""

SAMPLES_GROUP = "samples"
"""Worker group of the first-run import, whose failure gets advice rather than only the error."""
SAMPLES_FAILED = (
    "Could not import the sample articles ({error}). "
    "Run `claimscope import PATH` to add your own articles, then press r here to see them."
)


class ClaimscopeApp(App[int]):
    """Keyboard-first explorer of articles, claims and statistics."""

    TITLE = "claimscope"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ClaimscopeCommands}
    BINDING_GROUP_TITLE = "Everywhere"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="claimscope.quit"),
        Binding("question_mark", "help", "Keys", id="claimscope.help", tooltip="Show every key in force"),
        Binding("slash", "search", "Search", id="claimscope.search", tooltip="Fuzzy search everything"),
        Binding("e", "export", "Export", id="claimscope.export", tooltip="Export the marked items"),
        Binding("r", "refresh", "Refresh", id="claimscope.refresh",
                tooltip="Reload articles imported from another terminal"),
        Binding("u", "import_url", "Import URL", id="claimscope.import_url",
                tooltip="Fetch a web page and import it as an article"),
        Binding("p", "speakers", "Speakers", id="claimscope.speakers", tooltip="Every speaker and their claims"),
        Binding("f", "figures", "Figures", id="claimscope.figures", tooltip="Figures by measure; conflicts"),
    ]

    class SamplesImported(Message):
        """The first-run import finished."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    class PathsImported(Message):
        """An import from the palette finished."""

        def __init__(self, imported: int, unchanged: int, failed: int) -> None:
            super().__init__()
            self.imported = imported
            self.unchanged = unchanged
            self.failed = failed

    class UrlImported(Message):
        """An import from a URL finished (imported, unchanged or failed)."""

        def __init__(self, url: str, summary: ImportSummary) -> None:
            super().__init__()
            self.url = url
            self.summary = summary

    class StoreChanged(Message):
        """A refresh found the store changed (or the user asked with `r` and wants an answer)."""

        def __init__(self, changed: bool, announce: bool) -> None:
            super().__init__()
            self.changed = changed
            self.announce = announce

    def __init__(
        self,
        library: Library,
        keymap: LoadedKeymap,
        *,
        import_samples: bool = True,
        auto_refresh: float | None = AUTO_REFRESH_SECONDS,
        export_directory: Path | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.keymap = keymap
        self.export_directory = export_directory or Path.cwd()
        self._import_samples = import_samples
        self._store_poll_seconds = auto_refresh
        self._across: AcrossSource | None = None
        self._reconnecting = False
        """True while the store's server cannot be reached (said once; the refresh keeps trying)."""
        self.imported_samples: int | None = None
        """How many samples the first run imported (``None`` until it has run)."""

    # start-up ------------------------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        self._main_screen = MainScreen(self.library)
        return self._main_screen

    @property
    def main_screen(self) -> MainScreen:
        return self._main_screen

    def on_mount(self) -> None:
        if self.keymap.keys:
            self.set_keymap(self.keymap.keys)
        for warning in self.keymap.warnings:
            self.notify(warning, severity="warning", timeout=8)

    @on(MainScreen.Ready)
    def _main_screen_ready(self) -> None:
        if self._import_samples and self.library.is_empty():
            self.main_screen.importing = True
            self._first_run_import()
        else:
            self.main_screen.reload()
            self.call_after_refresh(self._warm_search_index)
        if self._store_poll_seconds:
            self.set_interval(self._store_poll_seconds, self._check_for_changes)

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False, description="search index")
    def _warm_search_index(self) -> None:
        """Build the search index after the first paint, so start-up never waits for it and `/` is instant."""
        self.library.warm_search_index()

    @work(thread=True, exclusive=True, group=SAMPLES_GROUP, exit_on_error=False, description="import samples")
    def _first_run_import(self) -> None:
        self.post_message(self.SamplesImported(self.library.import_samples()))

    @on(SamplesImported)
    def _samples_imported(self, message: SamplesImported) -> None:
        self.imported_samples = message.count
        self.main_screen.importing = False
        self.main_screen.reload()
        self._warm_search_index()
        noun = "article" if message.count == 1 else "articles"
        self.notify(f"Imported {message.count} sample {noun}", title="Welcome to claimscope")

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        message = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
        if event.worker.group == SAMPLES_GROUP:
            self.main_screen.importing = False
            self.notify(SAMPLES_FAILED.format(error=message), title="No sample articles", severity="error",
                        timeout=30)
            return
        self.notify(f"{event.worker.description} failed: {message}", severity="error", timeout=10)

    # actions -------------------------------------------------------------------------------------

    def action_search(self) -> None:
        if isinstance(self.screen, SearchModal):
            return
        self.push_screen(SearchModal(self.library.search, self.library.indexing), callback=self._search_done)

    def _search_done(self, hit: SearchHit | None) -> None:
        if hit is not None:
            self.main_screen.jump_to(hit)  # type: ignore[arg-type]

    def action_speakers(self) -> None:
        from claimscope.tui.screens.speakers import SpeakersScreen

        self._open_across(SpeakersScreen)

    def action_figures(self) -> None:
        from claimscope.tui.screens.figures import FiguresScreen

        self._open_across(FiguresScreen)

    def _open_across(self, screen: type[AcrossScreen]) -> None:
        """Push a view across articles (replacing the other one if it is open); enter there jumps to an item."""
        from claimscope.tui.screens.across_screen import AcrossScreen

        if isinstance(self.screen, screen):
            return
        if isinstance(self.screen, AcrossScreen):
            self.pop_screen()
        if self._across is None:
            self._across = AcrossSource(self.library.store)
        self.push_screen(screen(self._across), callback=self._jump_done)

    def _jump_done(self, jump: ItemJump | None) -> None:
        if jump is not None:
            self.main_screen.jump_to(jump)  # type: ignore[arg-type]

    def action_export(self) -> None:
        marks = self.library.marks()
        if not marks:
            self.notify("Nothing is marked yet: press space on an item to mark it", severity="warning")
            return
        dialog = ExportDialog(list(FORMATS), default_export_name, len(marks), self.export_directory)
        self.push_screen(dialog, callback=self._export_done)

    def _export_done(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        marks = self.library.marks()
        try:
            text = self.library.export(marks, request.fmt)
            write_export(text, request.path, force=request.overwrite)
        except ExportExists:
            self.notify(f"{request.path} already exists: tick “Overwrite” or choose another name",
                        title="Export", severity="warning", timeout=10)
            return
        except (StoreError, OSError) as error:
            self.notify(str(error), title="Export failed", severity="error", timeout=10)
            return
        noun = "item" if len(marks) == 1 else "items"
        self.notify(f"Exported {len(marks)} {noun} to {request.path}", title="Export")

    def action_import_file(self) -> None:
        self.push_screen(PathPrompt("Import an article file or folder", Path.cwd()), self._import_chosen)

    def _import_chosen(self, path: Path | None) -> None:
        if path is not None:
            self._import_paths([path])

    @work(thread=True, exclusive=True, group="import", exit_on_error=False, description="import")
    def _import_paths(self, paths: list[Path]) -> None:
        self.post_message(self.PathsImported(*self.library.import_paths(paths)))

    @on(PathsImported)
    def _paths_imported(self, message: PathsImported) -> None:
        self.main_screen.reload()
        self._warm_search_index()
        summary = f"Imported {message.imported}, unchanged {message.unchanged}, failed {message.failed}"
        self.notify(summary, severity="warning" if message.failed else "information")

    def action_import_url(self) -> None:
        if not isinstance(self.screen, UrlPrompt):
            self.push_screen(UrlPrompt(), self._url_chosen)

    def _url_chosen(self, url: str | None) -> None:
        if url is not None:
            self.notify(f"Fetching {url}…", timeout=3, markup=False)  # an address is text, never markup
            self._import_url(url)

    @work(thread=True, group="import-url", exit_on_error=False, description="import from a URL")
    def _import_url(self, url: str) -> None:
        self.post_message(self.UrlImported(url, self.library.import_url(url)))

    @on(UrlImported)
    def _url_imported(self, message: UrlImported) -> None:
        summary = message.summary
        if summary.failed:
            from claimscope.tui.url_import import failure_line

            self.notify(failure_line(*summary.failed[0]), title="Import from a URL failed", severity="error",
                        timeout=10, markup=False)
            return
        self.main_screen.reload()
        self._warm_search_index()
        if summary.articles:
            self.main_screen.show_article(summary.articles[0])
        verb = "Imported" if summary.imported else "Already in the store:"
        self.notify(f"{verb} {message.url}", title="Import from a URL", markup=False)

    def action_switch_theme(self) -> None:
        self.search_themes()

    def action_toggle_scope(self) -> None:
        self.main_screen.action_toggle_scope()

    def action_repeats(self) -> None:
        self.main_screen.action_repeats()

    def action_refresh(self) -> None:
        self._refresh_store(announce=True)

    def action_versions(self) -> None:
        self.main_screen.action_versions()

    def _check_for_changes(self) -> None:
        self._refresh_store(announce=False)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False, description="refresh")
    def _refresh_store(self, announce: bool) -> None:
        try:
            changed = self.library.refresh_if_changed()
        except StoreUnreachable as error:  # a shared store's server: say so once, keep trying
            if not self._reconnecting:
                self._reconnecting = True
                self.call_from_thread(self.notify, f"Reconnecting: {error}", severity="warning", timeout=10)
            return
        if self._reconnecting:
            self._reconnecting = False
            self.call_from_thread(self.notify, "Reconnected to the store", timeout=4)
            changed = True  # whatever happened meanwhile is unknown: reload
        if changed or announce:
            self.post_message(self.StoreChanged(changed, announce))

    @on(StoreChanged)
    def _store_changed(self, message: StoreChanged) -> None:
        if message.changed:
            before = self.main_screen.article_count
            self.main_screen.reload()
            added = self.main_screen.article_count - before
            self._warm_search_index()
            if added > 0:
                self.notify(f"{added} new article{'s' if added != 1 else ''} in the store")
            elif message.announce:
                self.notify("Store reloaded")
        elif message.announce:
            self.notify("Nothing new in the store", timeout=2)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        note = (f"Remap keys in {self.keymap.path}: a [keys] table of binding id = keys, "
                f"e.g. \"claimscope.search\" = \"ctrl+f,slash\"")
        self.push_screen(HelpScreen(self.key_rows(), note))

    def key_rows(self) -> list[KeyRow]:
        """Every binding of the explorer with the keys in force after the user's keymap."""
        from claimscope.tui.screens.across_keys import across_key_groups

        rows: list[KeyRow] = []
        groups: list[tuple[str, Iterable[BindingType]]] = [
            ("everywhere", self.BINDINGS),
            ("everywhere", [Binding("tab", "focus_next", "Next pane", id="focus.next"),
                            Binding("shift+tab", "focus_previous", "Previous pane", id="focus.previous"),
                            Binding("ctrl+p", "command_palette", "Command palette", id="command_palette")]),
            *MainScreen.key_groups(),
            *across_key_groups(),
        ]
        for where, bindings in groups:
            for binding in bindings:
                if not isinstance(binding, Binding):
                    continue
                keys = self.keymap.keys.get(binding.id or "", binding.key)
                shown = ", ".join(
                    self.get_key_display(Binding(key.strip(), binding.action)) for key in keys.split(",")
                )
                rows.append(KeyRow(where, shown, binding.description or binding.action, binding.id or ""))
        return rows

    def on_unmount(self) -> None:
        if self._across is not None:
            self._across.close()
        self.library.close()


def make_app(
    db_path: Path | str | None,
    *,
    store: StoreInterface | None = None,
    keymap: LoadedKeymap | None = None,
    import_samples: bool = True,
    auto_refresh: float | None = AUTO_REFRESH_SECONDS,
    export_directory: Path | None = None,
) -> ClaimscopeApp:
    """Open the store (raises ``StoreError``) and build the explorer; tests pass their own store."""
    opened = store if store is not None else open_location(db_path)
    return ClaimscopeApp(
        Library(opened),
        keymap if keymap is not None else load_keymap(),
        import_samples=import_samples,
        auto_refresh=auto_refresh,
        export_directory=export_directory,
    )


def run_explorer(db_path: Path | str | None) -> int:
    """Run the explorer; a store that cannot be opened is one line on stderr and exit status 2."""
    try:
        app = make_app(db_path)
    except StoreError as error:
        print(f"claimscope: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    result = app.run()
    if app.return_code:
        return app.return_code
    return result if isinstance(result, int) else 0
