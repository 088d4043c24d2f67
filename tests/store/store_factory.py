"""Build small, consistent ``Article`` objects for store tests without running the extractor.

Every sentence here was written for these tests.  Offsets are computed from the text as it is built, so
``text[start:end]`` is always the block, claim or statistic it claims to be.  Ids follow the extractor's
convention: sections ``:s0``, claims ``:c1``, statistics ``:n1``, entities ``:e0``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimscope.extract.model import Article, Block, Claim, Entity, Section, Statistic


@dataclass
class ClaimSpec:
    speaker: str | None
    text: str
    cue: str = "said"


@dataclass
class StatSpec:
    raw: str
    value: float
    measure: str | None
    unit: str | None = None
    period: str | None = None
    claim: int | None = None  # index of the claim whose sentence holds it


@dataclass
class SectionSpec:
    heading: str | None
    paragraphs: list[str]
    claims: list[ClaimSpec] = field(default_factory=list)
    stats: list[StatSpec] = field(default_factory=list)


def build_article(
    article_id: str,
    title: str,
    sections: list[SectionSpec],
    *,
    published: str | None = None,
    source: str | None = None,
    acronyms: dict[str, str] | None = None,
) -> Article:
    """An article whose claims/statistics sit in their own sentences appended to each section."""
    text = ""
    built_sections: list[Section] = []
    claims: list[Claim] = []
    stats: list[Statistic] = []

    def add_block(kind: str, body: str) -> Block:
        nonlocal text
        if text:
            text += "\n\n"
        start = len(text)
        text += body
        return Block(kind, body, start, len(text))  # type: ignore[arg-type]

    for s_index, spec in enumerate(sections):
        section_id = f"{article_id}:s{s_index}"
        blocks: list[Block] = []
        heading_start = heading_end = None
        if s_index == 0:
            blocks.append(add_block("headline", title))
        elif spec.heading:
            text += "\n\n"
            heading_start = len(text)
            text += spec.heading
            heading_end = len(text)
        for paragraph in spec.paragraphs:
            blocks.append(add_block("paragraph", paragraph))
        claim_sentences: list[tuple[int, int]] = []
        for claim_spec in spec.claims:
            who = claim_spec.speaker or "It was"
            sentence = f"{claim_spec.text}, {who} {claim_spec.cue}."
            block = add_block("paragraph", sentence)
            blocks.append(block)
            claims.append(
                Claim(
                    id=f"{article_id}:c{len(claims) + 1}",
                    text=claim_spec.text,
                    speaker=claim_spec.speaker,
                    cue=claim_spec.cue,
                    kind="indirect",
                    section_id=section_id,
                    sentence=sentence,
                    start=block.start,
                    end=block.start + len(claim_spec.text),
                    sentence_start=block.start,
                    sentence_end=block.end,
                )
            )
            claim_sentences.append((block.start, block.end))
        for stat_spec in spec.stats:
            if stat_spec.claim is not None:
                claim = claims[stat_spec.claim]
                at = text.index(stat_spec.raw, claim.sentence_start)
                sentence, s_start, s_end = claim.sentence, claim.sentence_start, claim.sentence_end
                owner: str | None = claim.id
            else:
                sentence = f"The figure was {stat_spec.raw} {stat_spec.measure or ''}.".replace(" .", ".")
                block = add_block("paragraph", sentence)
                blocks.append(block)
                at = block.start + len("The figure was ")
                s_start, s_end, owner = block.start, block.end, None
            stats.append(
                Statistic(
                    id=f"{article_id}:n{len(stats) + 1}",
                    value=stat_spec.value,
                    raw=stat_spec.raw,
                    unit=stat_spec.unit,
                    measure=stat_spec.measure,
                    period=stat_spec.period,
                    approximate=False,
                    direction=None,
                    claim_id=owner,
                    section_id=section_id,
                    sentence=sentence,
                    start=at,
                    end=at + len(stat_spec.raw),
                    sentence_start=s_start,
                    sentence_end=s_end,
                )
            )
        start = blocks[0].start if blocks else len(text)
        built_sections.append(
            Section(
                id=section_id,
                heading=spec.heading if s_index else None,
                blocks=tuple(blocks),
                start=heading_start if heading_start is not None else start,
                end=len(text),
                heading_start=heading_start,
                heading_end=heading_end,
            )
        )
    entities: list[Entity] = []
    for short, long in (acronyms or {}).items():
        mentions = []
        position = text.find(short)
        if position >= 0:
            mentions.append((position, position + len(short)))
        entities.append(
            Entity(
                id=f"{article_id}:e{len(entities)}",
                name=long,
                kind="acronym",
                aliases=(short,),
                mentions=tuple(mentions),
            )
        )
    return Article(
        id=article_id,
        title=title,
        author=None,
        location=None,
        published=published,
        updated=None,
        source=source or f"{article_id}.txt",
        text=text,
        format="text",
        sections=built_sections,
        claims=claims,
        statistics=stats,
        entities=entities,
    )


def ferry_article() -> Article:
    return build_article(
        "a1f0000000000001",
        "Harbour ferry fares to rise in April",
        [
            SectionSpec(
                None,
                ["Ferry tickets across the bay will cost more from the spring timetable."],
                claims=[ClaimSpec("Dov Arkin", "Fares will rise by 12 percent in April")],
                stats=[StatSpec("12 percent", 12.0, "fare rise", "percent", "2024-04", claim=0)],
            ),
            SectionSpec(
                "Passenger numbers",
                ["Fewer people took the boats last winter."],
                stats=[StatSpec("2.4 million", 2_400_000.0, "passenger journeys", None, "2023")],
            ),
        ],
        published="2024-03-04",
        source="https://news.example/ferry-fares",
    )


def clinic_article() -> Article:
    return build_article(
        "b2e0000000000002",
        "Rural clinics report record eye checks",
        [
            SectionSpec(
                None,
                ["Mobile teams visited forty villages over the year."],
                claims=[
                    ClaimSpec(
                        "a ministry spokesman",
                        "Clinics on the tier two watch list will get extra nurses",
                    )
                ],
                stats=[StatSpec("48,000", 48000.0, "eye screenings", None, "2024")],
            ),
            SectionSpec("Funding", ["The programme is paid for by a regional grant."]),
        ],
        published="2024-11-20",
    )


def helpers_article() -> Article:
    return build_article(
        "c3d0000000000003",
        "Agency fined over helper contracts",
        [
            SectionSpec(
                None,
                ["Inspectors reviewed hundreds of FDH contracts last year."],
                claims=[
                    ClaimSpec(
                        "the labour department",
                        "Nine employers of foreign domestic helpers were convicted of underpayment",
                    )
                ],
            ),
        ],
        published=None,
        acronyms={"FDH": "foreign domestic helpers"},
    )


def berry_article() -> Article:
    """A decoy: words one typo away from the ferry article's words."""
    return build_article(
        "d4c0000000000004",
        "Berry farms hire seasonal pickers",
        [
            SectionSpec(
                None,
                ["Berry growers near the bay said ferry delays hurt their exports."],
                claims=[ClaimSpec("a growers' union", "Picking wages rose by 5 percent")],
            )
        ],
        published="2023-07-01",
    )


def sample_articles() -> list[Article]:
    return [ferry_article(), clinic_article(), helpers_article(), berry_article()]
