"""One speaker's claims with their sentences: the index knows which claims, the store has the words.

The index keeps ids only (the sentences of a million claims would double the store), so the sentences
are read here from the documents of just the speaker's articles.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimscope.store.across.index import AcrossIndex, SpeakerRow
from claimscope.store.interface import StoreInterface
from claimscope.store.records import sentence_of


@dataclass(frozen=True, slots=True)
class SpeakerClaim:
    """A claim of one speaker, with what a reader needs to find it again."""

    article_id: str
    claim_id: str
    published: str | None
    title: str | None
    speaker: str
    text: str
    sentence: str


def speaker_claims(store: StoreInterface, index: AcrossIndex, speaker: SpeakerRow) -> list[SpeakerClaim]:
    """The speaker's claims, newest article first; a claim whose article has gone since is skipped."""
    rows = index.speaker_claims(speaker.key)
    wanted = {row.claim_id for row in rows}
    found: dict[str, tuple[str, str, str]] = {}
    for _article_id, document in store.documents(sorted({row.article_id for row in rows})):
        text = str((document.get("article") or {}).get("text") or "")
        for claim_id, record in (document.get("claims") or {}).items():
            if claim_id in wanted:
                found[claim_id] = (str(record.get("speaker") or ""), str(record.get("text") or ""),
                                   " ".join(sentence_of(record, text).split()))
    return [
        SpeakerClaim(row.article_id, row.claim_id, row.published, row.title, *found[row.claim_id])
        for row in rows
        if row.claim_id in found
    ]
