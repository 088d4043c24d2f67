"""Interview transcripts ("Q: ..." / "A: ..." paragraphs): an answer is the interviewee's claim.

A transcript has no reporting verb: the interviewee is named once, in the sentence before the first
question ("Jo Bloggs, the harbour master, spoke to us on Monday."), and every answer until the transcript
ends is theirs, in their own words (direct speech, cue "answered").  When that sentence names no one, the
last person who spoke in the article is taken; when there is none either, the answers are not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimscope.extract.claims import patterns as P
from claimscope.extract.claims.context import Draft, ParagraphContext
from claimscope.extract.claims.spans import trim_span
from claimscope.extract.claims.subjects import leading_np
from claimscope.extract.lexicons import alternation, word_set
from claimscope.extract.speakers import SpeakerPhrase, parse_speaker

_QUESTION = re.compile(
    rf"\W*{alternation(word_set('claims.json', 'interview_question_labels'))}\s*[:.)]\s+", re.IGNORECASE
)
_ANSWER = re.compile(rf"\W*{alternation(word_set('claims.json', 'interview_answer_labels'))}\s*[:.)]\s+", re.IGNORECASE)
_SHORT_REPLY = re.compile(r"[^.!?]{1,40}[.!?]\s+(?=\S)")
CUE = "answered"
_BARE_REPLIES = word_set("claims.json", "interview_bare_replies")
_BARE_REPLY_WORDS = 5
_INTRO_SENTENCES = 3
"""How many sentences before the first question may name the interviewee: the intro often names them
first and then says why they were asked ("X leads ... . As the figures come out, we asked her ...")."""


@dataclass(slots=True)
class Interview:
    """Where the walk is in a transcript, and who answers there."""

    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    open: bool = False

    def read(self, ctx: ParagraphContext, start: int, end: int) -> Draft | None:
        """The answer in the paragraph ``ctx.text[start:end]`` as a claim, or None for any other paragraph."""
        text = ctx.text
        if _QUESTION.match(text, start, end):
            if not self.open:
                self._find_interviewee(ctx, start)
                self.open = True
            return None
        answer = _ANSWER.match(text, start, end)
        if answer is None:
            self.open = False
            return None
        if not self.open or self.speaker is None:
            return None
        lo, hi = trim_span(text, answer.end(), end)
        reply = _SHORT_REPLY.match(text, lo, hi)
        if reply is not None and _bare_reply(reply.group().split()):
            lo = reply.end()  # "So far, yes. The wall held.": the bare yes or no asserts nothing by itself
        if lo >= hi:
            return None
        return Draft(lo, hi, self.speaker, CUE, True, self.speaker_start, self.speaker_end)

    def _find_interviewee(self, ctx: ParagraphContext, before: int) -> None:
        self.speaker = self.speaker_start = self.speaker_end = None
        state = ctx.state
        intro = [(lo, hi) for lo, hi in state.unread if hi <= before][-_INTRO_SENTENCES:]
        subjects: list[tuple[int, int, SpeakerPhrase]] = []
        for span in intro:
            s, e, phrase = self._subject(ctx, span)
            if phrase is not None and phrase.pronoun is None:
                subjects.append((s, e, phrase))
        people = [subject for subject in subjects if subject[2].kind == "person"]
        last = [subject for subject in subjects if subject[0] >= intro[-1][0]] if intro else []
        for s, e, phrase in (people or last)[-1:]:  # a person named in the intro, else whoever opens its last sentence
            self.speaker, self.speaker_start, self.speaker_end = state.resolve(phrase), s, e
            return
        self.speaker = state.last_person

    @staticmethod
    def _subject(ctx: ParagraphContext, span: tuple[int, int]) -> tuple[int, int, SpeakerPhrase | None]:
        """The noun phrase that opens the sentence ``span``, as a speaker if it can be one."""
        lo, hi = span
        s, e = trim_span(ctx.text, lo, leading_np(ctx.text, lo, hi))
        return s, e, parse_speaker(ctx.text[s:e].rstrip(",")) if e > s else None


def _bare_reply(words: list[str]) -> bool:
    """An answer's opening that only says yes or no: too short to assert anything ("So far, yes."), or a
    yes/no with a few words of degree ("Yes, and quite markedly."); the figures come in the sentences after."""
    if len(words) < P.MIN_STANDALONE_WORDS:
        return True
    return len(words) <= _BARE_REPLY_WORDS and words[0].strip(",.;:!").lower() in _BARE_REPLIES
