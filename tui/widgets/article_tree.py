"""The articles pane: every article with its date and counts; its sections appear when it is expanded.

Only article summaries are read to build the tree, so it opens at once on a large store; an article's
sections (and their captions and related links, shown with their own symbols and styles) are added the
first time the article is expanded, from the full article the screen hands down.

Article nodes are added a screenful at a time (``ARTICLE_CHUNK``), not all at once: a Textual ``Tree``
costs about 20 µs a node to add and rebuilds its whole line list on every change, which at 100,000
articles was 2 s before the first paint.  More nodes are added when the cursor or the scroll position
comes within ``GROW_MARGIN`` lines of the last one, and up to an article when something selects it (a
search hit, an import); ``end`` adds the rest.  ``article_count`` is every article, added or not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, Self

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from claimscope.extract.model import Article, Section
from claimscope.store.db import ArticleSummary
from claimscope.tui.messages import ArticleChosen, SectionChosen
from claimscope.tui.safe_text import one_line
from claimscope.tui.summary_list import SummaryList
from claimscope.tui.version_label import version_label

PENDING_ARTICLES = 16
"""Collapsed articles whose sections are kept ready for an expansion."""

ARTICLE_CHUNK = 200
"""Article nodes added at a time: several screenfuls, few enough that adding them costs no pause."""

GROW_MARGIN = 60
"""Lines from the end of the added nodes at which the cursor or the scroll position adds the next chunk."""

NodeKind = Literal["article", "section", "block"]


@dataclass(frozen=True, slots=True)
class NodeRef:
    """What a tree node stands for."""

    kind: NodeKind
    article_id: str
    section_id: str | None = None
    offset: int | None = None
    item_id: str | None = None


class ArticleTree(Tree[NodeRef]):
    """Articles, then sections, captions and related links.

    Posts ``ArticleChosen`` / ``SectionChosen`` as the cursor moves while the pane has focus; the screen
    answers ``ArticleTree.NeedsArticle`` by calling ``add_sections``.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor.down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor.up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-tree--meta",
        "article-tree--headline",
        "article-tree--heading",
        "article-tree--caption",
        "article-tree--related",
        "article-tree--marked",
    }

    class NeedsArticle(Message):
        """An article node was expanded for the first time and needs its sections."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    marks: reactive[frozenset[str]] = reactive(frozenset)
    """Marked item ids, bound down from the screen; a marked article shows a dot."""

    def __init__(self, *, id: str | None = None) -> None:
        self._adding_articles = False  # read by refresh, which Tree.__init__ may already call
        self._article_nodes: dict[str, TreeNode[NodeRef]] = {}  # read by the cursor and scroll watchers
        self._order = SummaryList.of([])
        """Every article, in tree order; the first ``len(_article_nodes)`` of them have nodes."""
        super().__init__("Articles", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._summaries: dict[str, ArticleSummary] = {}
        """The summaries of the articles that have nodes (``render_label`` draws their rows)."""
        self._label_width = 8
        self._populated: set[str] = set()
        self._pending: dict[str, Article] = {}
        """Articles handed down for collapsed nodes, oldest first (sections are added on expansion)."""

    # attributes down ----------------------------------------------------------------------------

    def load(self, summaries: Sequence[ArticleSummary]) -> None:
        """Replace the tree's articles, keeping the cursor on the same article when it still exists."""
        current = self.current_ref
        self.clear()
        self._article_nodes.clear()
        self._populated.clear()
        self._pending.clear()
        self._summaries = {}
        self._order = SummaryList.of(summaries)
        self._grow_to(ARTICLE_CHUNK)
        if current is not None and self._reach(current.article_id):
            self._move_to(self._article_nodes[current.article_id])

    def _grow_to(self, count: int) -> None:
        """Add article nodes until the first ``count`` articles have one."""
        start = len(self._article_nodes)
        if count > start:
            self._add_articles(self._order[start:count])

    def _reach(self, article_id: str) -> bool:
        """Add nodes up to an article (and a chunk past it); False when the tree has no such article."""
        if article_id in self._article_nodes:
            return True
        position = self._order.position(article_id)
        if position is None:
            return False
        self._grow_to(position + ARTICLE_CHUNK)
        return True

    def _grow_near(self, line: int) -> None:
        """Add the next chunk when ``line`` is within ``GROW_MARGIN`` lines of the last one added."""
        if len(self._article_nodes) < len(self._order) and line >= self.last_line - GROW_MARGIN:
            self._grow_to(len(self._article_nodes) + ARTICLE_CHUNK)

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        self._grow_near(line)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._grow_near(round(new_value) + self.scrollable_content_region.height)

    def action_scroll_end(self) -> None:
        """The last article is the last line only once every article has its node."""
        self._grow_to(len(self._order))
        super().action_scroll_end()

    def _add_articles(self, summaries: list[ArticleSummary]) -> None:
        """One node per article, with an empty label: ``render_label`` draws article rows from the summary.

        ``TreeNode.add`` marks the tree's lines stale (they are rebuilt once, on the next paint) and asks
        for a refresh, which costs more than the node itself; while the articles are added, ``refresh``
        only notes the request and one refresh follows (10,000 articles: about 0.2 s less).
        """
        root = self.root
        blank = Text(no_wrap=True, end="")
        self._adding_articles = True
        try:
            for summary in summaries:
                self._summaries[summary.id] = summary
                ref = NodeRef("article", summary.id, item_id=summary.id)
                self._article_nodes[summary.id] = root.add(blank, ref)
        finally:
            self._adding_articles = False
        self.refresh(layout=True)

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        """Widget.refresh, except while ``_add_articles`` runs (it refreshes once when it is done)."""
        if self._adding_articles:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def add_sections(self, article: Article) -> None:
        """Give an article node its sections; they are added to the tree when the node is expanded.

        Adding nodes rebuilds every line of the tree, so a collapsed article only keeps the article
        until the user (or a jump into one of its sections) expands it.
        """
        node = self._article_nodes.get(article.id)
        if node is None or article.id in self._populated:
            return
        if not node.is_expanded:
            self._pending[article.id] = article
            while len(self._pending) > PENDING_ARTICLES:
                del self._pending[next(iter(self._pending))]
            return
        self._populate(node, article)

    def _populate(self, node: TreeNode[NodeRef], article: Article) -> None:
        self._pending.pop(article.id, None)
        self._populated.add(article.id)
        node.remove_children()
        for section in article.sections:
            leaves = [b for b in section.blocks if b.kind in ("caption", "related")]
            ref = NodeRef("section", article.id, section.id, section.start, item_id=section.id)
            label = self._section_label(section, article)
            if leaves:
                child = node.add(label, data=ref, expand=True)
                for block in leaves:
                    child.add_leaf(
                        self._block_label(block.kind, block.text),
                        data=NodeRef("block", article.id, section.id, block.start, item_id=section.id),
                    )
            else:
                node.add_leaf(label, data=ref)

    def watch_marks(self, old: frozenset[str], new: frozenset[str]) -> None:
        """Repaint the rows of articles marked or unmarked (the tree caches painted lines per node)."""
        for article_id in old.symmetric_difference(new):
            node = self._article_nodes.get(article_id)
            if node is not None:
                node.refresh()

    def select_item(self, article_id: str, section_id: str | None = None) -> None:
        """Move the cursor to an article, or to one of its sections, without posting anything."""
        if not self._reach(article_id):
            return
        node = self._article_nodes[article_id]
        target = node
        if section_id is not None:
            pending = self._pending.get(article_id)
            if pending is not None:
                self._populate(node, pending)
            node.expand()
            for child in node.children:
                if child.data is not None and child.data.section_id == section_id:
                    target = child
                    break
        self._move_to(target)

    def _move_to(self, node: TreeNode[NodeRef]) -> None:
        """Move the cursor to a node, after building the line list if nodes were just added.

        ``Tree.move_cursor`` goes to the line the node had when the lines were last built, and a node added
        since has none yet (``last_line`` builds them).
        """
        _ = self.last_line
        self.move_cursor(node, animate=False)

    @property
    def article_count(self) -> int:
        return len(self._order)

    @property
    def current_ref(self) -> NodeRef | None:
        node = self.cursor_node
        return node.data if node is not None else None

    # labels -------------------------------------------------------------------------------------

    def process_label(self, label: str | Text) -> Text:
        """Labels here are built as one-line ``Text`` already: skip Tree's markup parse and line split.

        ``Tree`` would parse a ``str`` as markup (article text is data, never markup) and split every label
        into lines, twice per node, which is most of the cost of listing 10,000 articles.
        """
        return label if isinstance(label, Text) else Text(one_line(label), no_wrap=True, end="")

    def get_label_width(self, node: TreeNode[NodeRef]) -> int:
        """Article rows are fitted to the pane, so their width is known without rendering 10,000 labels."""
        ref = node.data
        if ref is not None and ref.kind == "article":
            return self._label_width
        return super().get_label_width(node)

    def on_resize(self) -> None:
        self._label_width = max(8, self.scrollable_content_region.width)

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        """Article rows: a marked dot, the title cut to fit, then date and counts at the right edge."""
        ref = node.data
        summary = self._summaries.get(ref.article_id) if ref is not None and ref.kind == "article" else None
        if summary is None:
            return super().render_label(node, base_style, style)
        meta_style = self.get_component_rich_style("article-tree--meta", partial=True)
        counts = f"{summary.n_claims}c {summary.n_statistics}s"
        date = (summary.published or "")[:10]
        width = max(8, self.scrollable_content_region.width - 2)
        label = Text(no_wrap=True, end="")
        if summary.id in self.marks:
            label.append("● ", self.get_component_rich_style("article-tree--marked", partial=True))
        versions = version_label(summary)
        choices = [f" {date} {counts}" if date else f" {counts}", f" {counts}"]
        if versions:  # the versions before the counts: a reader looks for those words ("2 versions")
            short = f" v{summary.version}/{summary.versions}"
            choices = [*(f" {versions} · {choice[1:]}" for choice in choices), f" {versions}", short]
        meta = next((m for m in choices if width - label.cell_len - len(m) >= 14), choices[-1])
        room = width - label.cell_len - len(meta)
        title = Text(one_line(summary.title or summary.source or summary.id))
        title.truncate(max(1, room), overflow="ellipsis", pad=True)
        label.append_text(title)
        label.append(meta, meta_style)
        label.stylize(style)
        row = super().render_label(node, base_style, style)  # the expand icon (clickable) and the empty label
        row.append_text(label)
        return row

    def _section_label(self, section: Section, article: Article) -> Text:
        if section.heading:
            return Text.assemble(
                ("§ ", ""),
                (one_line(section.heading), self.get_component_rich_style("article-tree--heading",
                                                                          partial=True)),
                no_wrap=True,
            )
        headline = next((b.text for b in section.blocks if b.kind == "headline"), None)
        text = headline or article.title or "Opening"
        return Text.assemble(
            ("◆ ", ""),
            (one_line(text), self.get_component_rich_style("article-tree--headline", partial=True)),
            no_wrap=True,
        )

    def _block_label(self, kind: str, text: str) -> Text:
        symbol = "▣ " if kind == "caption" else "↗ "
        style = self.get_component_rich_style(f"article-tree--{kind}", partial=True)
        return Text.assemble((symbol, ""), (one_line(text), style), no_wrap=True)

    # events up ----------------------------------------------------------------------------------

    @on(Tree.NodeExpanded)
    def _node_expanded(self, event: Tree.NodeExpanded[NodeRef]) -> None:
        ref = event.node.data
        if ref is None or ref.kind != "article" or ref.article_id in self._populated:
            return
        pending = self._pending.get(ref.article_id)
        if pending is not None:
            self._populate(event.node, pending)
        else:
            self.post_message(self.NeedsArticle(ref.article_id))

    @on(Tree.NodeHighlighted)
    def _node_highlighted(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        if self.has_focus:
            self._post_choice(event.node.data)

    @on(Tree.NodeSelected)
    def _node_selected(self, event: Tree.NodeSelected[NodeRef]) -> None:
        ref = event.node.data
        if ref is not None and ref.kind != "article" and ref.section_id is not None:
            self.post_message(SectionChosen(ref.article_id, ref.section_id, ref.offset, jump=True))

    def on_focus(self) -> None:
        self._post_choice(self.current_ref)

    def _post_choice(self, ref: NodeRef | None) -> None:
        if ref is None:
            return
        if ref.kind == "article" or ref.section_id is None:
            self.post_message(ArticleChosen(ref.article_id))
        else:
            self.post_message(SectionChosen(ref.article_id, ref.section_id, ref.offset))
