"""The attribution lexicon compiled once, at import, into the regular expressions the claim stage runs.

Word lists become trie-shaped alternations (``said|says`` -> ``sa(?:id|ys)``), which the regex engine
scans about eight times faster than a flat alternation of the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from claimscope.extract.lexicons import load_json, load_words, word_set

_LEX = "claims.json"
_DATA = load_json(_LEX)


_Node = dict[str, "_Node"]


def trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation for ``words`` with shared prefixes factored out."""
    trie: _Node = {}
    for word in sorted(set(words)):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) or "(?!)"


def _trie_regex(node: _Node) -> str:
    ends = "" in node
    alts = [re.escape(ch) + _trie_regex(node[ch]) for ch in sorted(k for k in node if k)]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


def _alternation(words: Iterable[str]) -> str:
    """Phrases (may hold spaces) as an alternation, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


FREE_VERBS = load_words("reporting_verbs.txt")
CLAUSAL_VERBS = word_set(_LEX, "clausal_verbs")
EVIDENCE_VERBS = word_set(_LEX, "evidence_verbs")
QUOTE_ONLY_VERBS = word_set(_LEX, "quote_only_verbs")
STANCE_VERBS = word_set(_LEX, "stance_verbs")
NAMING_VERBS = word_set(_LEX, "naming_verbs")
PASSIVE_EXEMPT_VERBS = word_set(_LEX, "passive_exempt_verbs")
ALL_VERBS = FREE_VERBS | CLAUSAL_VERBS | EVIDENCE_VERBS | QUOTE_ONLY_VERBS | STANCE_VERBS
DISCOURSE = word_set(_LEX, "discourse_openers")
ABBREVIATIONS = word_set(_LEX, "abbreviations")
MIN_STANDALONE_WORDS = int(_DATA["min_standalone_quote_words"])
CONTINUATION_PARAGRAPHS = int(_DATA["continuation_paragraphs"])

_B = r"(?<![\w'\u2019-])"
_E = r"(?![\w'\u2019-])"
OPEN_MARKS = "\"'\u201c\u201e\u201f\u00ab\u2018\u201a\u201b\u2039"
CLOSE_MARKS = "\"'\u201d\u00bb\u2019\u203a"

VERB = re.compile(_B + "(?:" + trie_pattern(ALL_VERBS) + ")" + _E)

_ADVERB = r"(?!(?:" + _alternation(str(w) for w in _DATA["ly_nouns"]) + r")\b)(?-i:[a-z]{2,}ly)"
_TAIL = "(?:" + "|".join(str(t) for t in _DATA["attribution_tails"]) + ")"
TAIL_ONLY = re.compile(r"[\s,]*+(?:" + _TAIL + r"[\s,]*+)*[.!?\u2026]*[\s" + CLOSE_MARKS + r")]*\Z", re.IGNORECASE)
"""What may follow the verb when the content came before it: "..., X said in a statement on Monday."

Every tail opens with a letter, so the spaces and commas before one are taken possessively (``*+``): giving
them back could never let a tail match, and the engine would otherwise retry the whole alternation."""

TAILS_THEN_COMMA = re.compile(r"(?:[\s,]*+" + _TAIL + r")*\s*,", re.IGNORECASE)
CONTENT_LEAD = re.compile(
    r"[\s,]*+(?:" + _TAIL + r"[\s,]*+)*(?P<sep>that" + _E + r"|:|(?=[" + OPEN_MARKS + r"]))\s*", re.IGNORECASE
)
"""Attribution tails then "that", a colon or an opening quote: what to skip before the content."""

PLAIN_LEAD = re.compile(r"[\s,:]*")
_LEAD_TAIL = "(?:" + "|".join(str(t) for t in _DATA["lead_tails"]) + r")(?![\w'\u2019-])"
LEAD_TAILS = re.compile(r"[\s,]*+(?:" + _LEAD_TAIL + r"[\s,]*+)+(?=[\w" + OPEN_MARKS + r"])", re.IGNORECASE)
"""Tails between the verb and content without "that": "said on Tuesday its output ...", "said in a statement it ...".
Shorter than ``_TAIL`` on purpose: with no "that" to stop at, an open-ended tail would swallow the content."""
PREP_THAT = re.compile(
    r"[\s,]*+(?:in|on|to|at|via|through|during|from|after|before|with)\s+(?:(?!that\b)[\w'\u2019&.-]+\s+){1,5}?"
    r"(?P<sep>that)" + _E + r"\s*",
    re.IGNORECASE,
)
"""A short prepositional phrase, then "that": "wrote in a weekend newspaper column that ..."."""
NAMING_HINT = re.compile(r"\sas\s|[" + OPEN_MARKS + "]")
NAMING_REFUSED = re.compile(r"\s+(?:for|on|off|up|in|out|back|upon|to)\b")
"""After "called": "as" or a quotation names the thing ("called it \"a stunt\""); "called for/on/off" never does."""
CITING_CUT = re.compile(r",\s+(?:citing|quoting)\s")
"""Where "..., citing hospital records" starts at the end of an indirect claim: the source of the source."""
_CONTRAST = _alternation(str(w) for w in _DATA["contrast_links"])
CONTRAST = re.compile(r" (?:" + _CONTRAST + r")\s+|;\s+")
"""Where "X said A, while Y said B" may hand over to a second speaker (a literal space first: a fast scan)."""
_AUX = _alternation(str(w) for w in _DATA["clause_auxiliaries"])
CLAUSE_START = re.compile(
    r"(?:(?!(?:that|which|who|whom|whose|where|when|to|of|for|with)\b)[\w'\u2019$%.-]+(?:,\d+)*\s+){0,6}?" + _AUX + _E
)
"""Content that is a clause though it has no "that": "announced it would cut 500 jobs", not "announced a plan"."""
TAIL_CUT = re.compile(r"(?:[\s,]+" + _TAIL + r")+\s*\Z", re.IGNORECASE)
ADVERBS_END = re.compile(r"(?<![\w-])(?:" + _ADVERB + r"\s+(?:and\s+)?)+\Z")
STATEMENT_TAIL = re.compile(r"\b(?:statement|release|report|filing|letter|submission)s?\b", re.IGNORECASE)

_LEAD_INS = _alternation(str(w) for w in _DATA["verb_lead_ins"])
LEAD_IN_END = re.compile(r"(?:\s+(?:" + _LEAD_INS + "|" + _ADVERB + "|" + _TAIL + r"))+\s*\Z", re.IGNORECASE)
"""Auxiliaries, adverbs and time phrases between a subject and its verb ("has also", "on Tuesday")."""

PASSIVE_MARKERS = word_set(_LEX, "passive_markers")
NOUN_MARKERS = word_set(_LEX, "noun_markers")
LEAD_IN_WORDS = frozenset(w for w in word_set(_LEX, "verb_lead_ins") if " " not in w)
LEAD_IN_PHRASES = tuple(sorted((w for w in word_set(_LEX, "verb_lead_ins") if " " in w), key=len, reverse=True))
LEAD_IN_PHRASE_ENDS = frozenset(phrase.rsplit(" ", 1)[-1] for phrase in LEAD_IN_PHRASES)
TIME_WORDS = word_set(_LEX, "time_words")
TIME_OPENERS = word_set(_LEX, "time_word_openers")
LY_NOUNS = word_set(_LEX, "ly_nouns")

_PARTS = _alternation(str(w) for w in _DATA["participial_cues"])
PARTICIPIAL_REACH = 48
"""A participial cue ("Pointing out that", "However, noting that") sits within this many characters of the start."""
PARTICIPIAL_FRONT = re.compile(
    r"(?:(?:" + _alternation(DISCOURSE) + r")\s*,?\s+)?(?P<cue>" + _PARTS + r")\s+that\s+", re.IGNORECASE
)
_CONT_VERBS = _alternation(str(w) for w in _DATA["continuation_verbs"])
_CONT_BODY = (
    r"(?P<cue>" + _PARTS + "|" + _CONT_VERBS + r")"
    r"(?P<sep>\s+that" + _E + r"\s*|\s*:\s*|\s*,?\s*(?=[" + OPEN_MARKS + r"]))"
)
CONTINUATION = re.compile(
    r"(?:[,;]\s*(?:(?:and|but|while|before)\s+)?|(?:a(?<=\sa)nd|b(?<=\sb)ut)\s+(?:then\s+)?)" + _CONT_BODY
)
"""Handles ", adding that ...", ", stating, '...'", "and added that ...": a second claim by the same speaker.
Both shapes (after a comma, after "and"/"but") are one alternation, so a sentence costs one scan, not two.
Case-sensitive on purpose: these cues are lower-case mid-sentence, and case folding makes the scan 3x slower.
The "after a space" test sits after the first letter so the engine can skip to the next "a" or "b" in C."""

_ACCORDING = _alternation(str(w) for w in _DATA["according_to"])
ACCORDING_HINTS = ("ccording to", "s reported by", "s stated by", "n the words of")
ACCORDING_HINT = re.compile("|".join(map(re.escape, ACCORDING_HINTS)))
"""Any of the hints in one C-level scan, the guard before the "according to" frames."""
ACCORDING_FRONT = re.compile(
    r"(?:(?:" + _alternation(DISCOURSE) + r")\s*,?\s+)?(?P<cue>" + _ACCORDING + r")\s+(?P<who>[^,;:]{2,160}?),\s*",
    re.IGNORECASE,
)
ACCORDING_END = re.compile(r"[,;]?\s+(?P<cue>" + _ACCORDING + r")\s+(?P<who>[^;:]{2,200}?)[\s.!?)]*\Z", re.IGNORECASE)

_NOMINAL = _alternation(str(w) for w in _DATA["nominal_cues"])
NOMINAL = re.compile(r"['\u2019]s\s+(?:[a-z]+\s+)?(?P<cue>" + _NOMINAL + r")\s+that\s+")
"""A claim named by a noun ("the union's assertion that ..."), its speaker in the possessive."""

RELATIVE = re.compile(r"(?<![\w'\u2019-])(?:which|who|whom|that)(?:\s+|\Z)")
SEGMENT_BOUNDARY = re.compile(r"[,;:\u2013\u2014()\[\]]|\s-\s")
DISCOURSE_SEGMENT = re.compile(r"(?:" + _alternation(DISCOURSE) + "|" + _ADVERB + r")\Z", re.IGNORECASE)
DISCOURSE_START = re.compile(r"(?:" + _alternation(DISCOURSE) + r")(?:\s*,)?\s+", re.IGNORECASE)
SUBORDINATORS = word_set(_LEX, "subordinators")
AGE = re.compile(r"\d{1,3}\Z")
PARTICIPLE_PIECE = re.compile(r"(?-i:[a-z]+ed)\s")
"""A comma piece such as "published on Tuesday" between a speaker and its verb: it names no one."""
SENTENCE_SPLIT = re.compile(r"(?<=[.!?\u2026])[" + CLOSE_MARKS + r")]*\s+(?=[" + OPEN_MARKS + r"(]*[A-Z0-9])")
LAST_WORD = re.compile(r"([\w.]+)\.\Z")
WORD = re.compile(r"[\w'\u2019-]+")
NEXT_WORD = re.compile(r"\s*+(\S*)")
TOLD_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[A-Z][\w.&-]*(?:\s+|$)){1,4}|\s+(?:the\s+)?[a-z]+(?=[\s:,.;])"
)

AUDIENCE_VERBS = word_set(_LEX, "audience_verbs")
"""Verbs whose next words are the audience ("told reporters"), so the speaker never follows them."""
