"""Hand-built articles for the explorer tests, so they do not depend on how well the extractor does.

The text is written for these tests.  ``ArticleDraft`` lays blocks out the way the extractor does
(blocks separated by blank lines, every span an offset into ``Article.text``) and finds each claim's and
statistic's spans by searching for the sentence, so the expected values are the words written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimscope.extract.model import Article, Block, BlockKind, Claim, Section, Statistic


@dataclass
class ArticleDraft:
    article_id: str
    title: str
    published: str | None = "2025-03-01"
    parts: list[tuple[str | None, list[tuple[BlockKind, str]]]] = field(default_factory=list)
    claim_specs: list[tuple[str | None, str, str, str]] = field(default_factory=list)
    """(speaker, cue, claim text, sentence it is in)"""
    stat_specs: list[tuple[str, float, str | None, str | None, str | None, str | None, int | None, str]] = (
        field(default_factory=list)
    )
    """(raw, value, unit, measure, period, direction, index of its claim or None, sentence it is in)"""

    def section(self, heading: str | None, *blocks: tuple[BlockKind, str]) -> ArticleDraft:
        self.parts.append((heading, list(blocks)))
        return self

    def claim(self, speaker: str | None, cue: str, text: str, sentence: str) -> ArticleDraft:
        self.claim_specs.append((speaker, cue, text, sentence))
        return self

    def statistic(
        self,
        raw: str,
        value: float,
        sentence: str,
        *,
        unit: str | None = None,
        measure: str | None = None,
        period: str | None = None,
        direction: str | None = None,
        claim: int | None = None,
    ) -> ArticleDraft:
        self.stat_specs.append((raw, value, unit, measure, period, direction, claim, sentence))
        return self

    def build(self) -> Article:
        text = ""
        sections: list[Section] = []
        for index, (heading, blocks) in enumerate(self.parts):
            section_start = len(text)
            heading_start = heading_end = None
            if heading is not None:
                heading_start = len(text)
                text += heading
                heading_end = len(text)
                text += "\n\n"
            built: list[Block] = []
            for kind, body in blocks:
                start = len(text)
                text += body
                built.append(Block(kind, body, start, len(text)))
                text += "\n\n"
            sections.append(
                Section(f"{self.article_id}:s{index}", heading, tuple(built), section_start,
                        len(text.rstrip("\n")), heading_start, heading_end)
            )
        text = text.rstrip("\n")

        def section_of(offset: int) -> str:
            for section in sections:
                if section.start <= offset <= section.end:
                    return section.id
            raise AssertionError(offset)

        claims: list[Claim] = []
        for number, (speaker, cue, body, sentence) in enumerate(self.claim_specs):
            s_start = _find(text, sentence)
            c_start = _find(text, body, s_start)
            sp_start = _find(text, speaker, s_start) if speaker else None
            claims.append(
                Claim(
                    id=f"{self.article_id}:c{number}", text=body, speaker=speaker, cue=cue, kind="direct",
                    section_id=section_of(s_start), sentence=sentence, start=c_start,
                    end=c_start + len(body), sentence_start=s_start, sentence_end=s_start + len(sentence),
                    speaker_start=sp_start, speaker_end=(sp_start + len(speaker)) if speaker and sp_start
                    is not None else None,
                )
            )
        statistics: list[Statistic] = []
        for number, (raw, value, unit, measure, period, direction, claim_index, sentence) in enumerate(
            self.stat_specs
        ):
            s_start = _find(text, sentence)
            start = _find(text, raw, s_start)
            statistics.append(
                Statistic(
                    id=f"{self.article_id}:n{number}", value=value, raw=raw, unit=unit, measure=measure,
                    period=period, approximate=False, direction=direction,  # type: ignore[arg-type]
                    claim_id=claims[claim_index].id if claim_index is not None else None,
                    section_id=section_of(s_start), sentence=sentence, start=start, end=start + len(raw),
                    sentence_start=s_start, sentence_end=s_start + len(sentence),
                )
            )
        return Article(
            id=self.article_id, title=self.title, author="Test Writer", location="Testville",
            published=self.published, updated=None, source=f"fixture:{self.article_id}", text=text,
            format="text", sections=sections, claims=claims, statistics=statistics,
        )


def _find(text: str, needle: str, start: int = 0) -> int:
    index = text.find(needle, start)
    assert index >= 0, f"{needle!r} not in the draft text"
    return index


FERRY_CLAIM = "inspectors carried out 1,240 vessel inspections in 2024"
FERRY_STAT_SENTENCE = (
    "According to the department, inspectors carried out 1,240 vessel inspections in 2024, "
    "up 18 percent from the year before."
)
DOCK_SENTENCE = "The department said it had spent 38.5 million marlows on dock upgrades."


def ferry_article() -> Article:
    """A statement with two sections, a caption, a related link, three claims and three statistics."""
    draft = ArticleDraft("fx-ferry", "Harbour office rejects ferry audit", "2025-03-12")
    draft.section(
        None,
        ("headline", "Harbour office rejects ferry audit"),
        ("byline", "By Test Writer in Port Sable"),
        ("paragraph", "The harbour office on Wednesday rejected an audit of ferry safety. "
                      "\"The audit relies on old figures,\" a spokeswoman said."),
        ("caption", "Passengers board the morning ferry. (PHOTO / TEST DESK)"),
        ("related", "READ MORE: Ferry crews warned over fatigue"),
    )
    draft.section(
        "Inspection record",
        ("paragraph", FERRY_STAT_SENTENCE + " " + DOCK_SENTENCE),
        ("paragraph", "Observers said screenings of small boats had been rare. "
                      "Director Tomas Rehn said the audit stood."),
    )
    draft.claim("a spokeswoman", "said", "The audit relies on old figures",
                "\"The audit relies on old figures,\" a spokeswoman said.")
    draft.claim("the department", "according to", FERRY_CLAIM, FERRY_STAT_SENTENCE)
    draft.claim("Tomas Rehn", "said", "the audit stood", "Director Tomas Rehn said the audit stood.")
    draft.statistic("1,240", 1240, FERRY_STAT_SENTENCE, unit="inspections", measure="vessel inspections",
                    period="2024", claim=1)
    draft.statistic("18 percent", 18, FERRY_STAT_SENTENCE, unit="%", measure="vessel inspections",
                    period="2024", direction="increase", claim=1)
    draft.statistic("38.5 million marlows", 38_500_000, DOCK_SENTENCE, unit="marlows",
                    measure="dock upgrades")
    return draft.build()


MARKUP_SENTENCE = "One post read [bold]WIN[/bold] then [@click=app.quit]click here[/] and \x1b[31mred\x1b[0m text."


def markup_article() -> Article:
    """A forum story whose text holds Rich markup and an ANSI escape, which must show literally."""
    draft = ArticleDraft("fx-markup", "Forum moderators remove [bold] spam posts", "2025-02-01")
    draft.section(
        None,
        ("headline", "Forum moderators remove [bold] spam posts"),
        ("paragraph", MARKUP_SENTENCE + " Moderators said the posts were removed within an hour."),
    )
    draft.claim("Moderators", "said", "the posts were removed within an hour",
                "Moderators said the posts were removed within an hour.")
    return draft.build()
