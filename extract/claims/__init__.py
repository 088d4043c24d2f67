"""Attributed statements: who asserts what, found sentence by sentence in the paragraphs of a document.

``find_claims(doc)`` is the whole interface; the rest of this package is how it works.

How a claim is found
--------------------
A claim is anchored by an attribution *frame*.  ``paragraphs.find_claims`` walks the paragraphs; for each
sentence it calls ``frames.sentence_claims``, which tries the rules of ``frames.FRAMES`` in order and keeps
the claims of the first rule that finds any:

0. ``hearing``: "..., Lindale Crown Court heard." and "..., the jury was told, ...": the body that heard
   the content is its speaker (bodies and verbs: ``hearing_bodies``, ``hearing_verbs``).
1. ``reporting verb``: a verb from ``lexicons/reporting_verbs.txt`` (or the ``clausal_verbs``,
   ``evidence_verbs``, ``quote_only_verbs`` and ``stance_verbs`` of ``claims.json``) with a speaker before it
   ("the spokesman said ...", "..., officials said Monday.", "\\"...,\\" he says") or after it ("..., said
   the spokesman.").  ``verb_frames.verb_frame`` refuses a verb used as a noun or passive, tries the inverted
   shape, finds the speaker (``subjects.subject_before``), then puts the content left of the speaker when one
   of the signs in ``verb_frames.CONTENT_BEFORE_SPEAKER`` holds, else right of the verb.  Content after the
   verb can hand over to a second speaker ("X said A, while Y said B").
2. ``according to``: "According to X, ..." and "..., according to X" (phrases: ``according_to``).
3. ``claim noun``: "X's assertion that ..." (nouns: ``nominal_cues``).
4. ``subject continuation``: "The mayor defended the decision, stating, '...'".
5. ``participial lead``: "Stressing that A, the ministry urged ...".
6. ``absolute saying``: "The ruling came later, with the judge saying A" (``absolute_links`` and the
   ``participial_cues``).

An interview transcript has no frame: ``interview.Interview`` takes each "A:" paragraph whole as a direct
claim (cue "answered") of the person named in the sentence before the first "Q:".

After a frame, ``continuation`` adds ", adding that ..." claims and the second half of a split quotation; a
quoted paragraph with no frame of its own continues the previous speaker (``continuation.continued_quotes``),
and ``content.pieces`` cuts a long quotation into one claim per sentence.

Modules, one job each
---------------------
``context``       ``ParagraphContext`` (article text, the paragraph's quotations, the speaker state) that
                  every frame takes; ``Draft`` (a claim before ids) and ``Subject`` (a speaker phrase).
``frames``        the ordered rule table ``FRAMES`` and the rules that need no reporting verb.
``verb_frames``   the reporting-verb rule and its shapes (inverted, content left, content right, handover).
``subjects``      the speaker phrase before a verb, and its resolution to a name (``resolve_speaker``).
``content``       the asserted span on either side of a frame, and its cut into one claim per sentence.
``continuation``  the same speaker again: "adding that", split quotations, continued quoted paragraphs.
``spans``         position moves over the text (back over blanks or a comma, the word before or after).
``patterns``      the lexicon compiled into regexes, once, at import.
``paragraphs``    the walk over the article, the dateline skip (``extract/datelines.py``), claim ids.
``interview``     Q&A transcripts: who answers, and each answer as a claim.

How to add a rule
-----------------
Write ``def my_rule(ctx: ParagraphContext, lo: int, hi: int) -> list[Draft]`` in ``frames.py`` (or its own
module) that returns the claims of the sentence ``ctx.text[lo:hi]`` (offsets are into the article text)
built with ``context.draft`` and a speaker from ``subjects.resolve_speaker``, or ``[]``; then add
``Frame("my rule", my_rule)`` to ``FRAMES`` where its evidence ranks: a rule only runs on sentences that
every rule above it left without a claim.  Any words it matches go in ``lexicons/claims.json`` and become a
regex in ``patterns.py`` through ``lexicons.alternation``; a test in ``tests/extract/test_claims.py`` on a
sentence of your own shows it.  A new sign that the content precedes the speaker goes in
``verb_frames.CONTENT_BEFORE_SPEAKER`` the same way.

Cost
----
One trie-shaped regex scan per sentence, then work bounded by a window around each candidate verb (at most
``verb_frames.MAX_VERBS_PER_SENTENCE`` of them), so the stage is linear in the text length; speakers are
resolved from a running state (``speakers.SpeakerState``), never by rescanning earlier text.
"""

from __future__ import annotations

from claimscope.extract.claims.paragraphs import find_claims

__all__ = ["find_claims"]
