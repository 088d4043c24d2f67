"""Claim extraction on sentences written for these tests: attribution patterns of wire, broadcast and
government copy, speaker resolution across sentences and paragraphs, and what must not become a claim."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimscope.extract.claims import patterns
from claimscope.extract.claims.frames import FRAMES
from claimscope.extract.claims.patterns import VERB
from claimscope.extract.datelines import match_dateline
from claimscope.extract.errors import InputRefused
from claimscope.extract.lexicons import load_json
from claimscope.extract.model import Claim
from claimscope.extract.pipeline import extract_text
from claimscope.extract.quotes import find_quotes


def claims_of(text: str) -> list[Claim]:
    return extract_text(text + "\n", source="test.txt").claims


def claim_with(claims: list[Claim], fragment: str) -> Claim:
    hits = [c for c in claims if fragment.casefold() in c.text.casefold()]
    assert hits, f"no claim contains {fragment!r}; got {[c.text for c in claims]}"
    return hits[0]


# (text, fragment of the claim text, fragment of the speaker, cue, kind)
GOLDEN = [
    ("But the council's transport lead, Omar Reyes, called the plan \"a road to nowhere\".",
     "a road to nowhere", "Omar Reyes", "called", "indirect"),
    ('"This is a good day for the valley," the growers\' chair, Ida Moss, told reporters outside the court.',
     "This is a good day for the valley", "Ida Moss", "told", "direct"),
    ('"We will appeal," the firm\'s lawyer, Tom Reyes, told the radio station on Friday.',
     "We will appeal", "Tom Reyes", "told", "direct"),
    ("The finance minister said the budget deficit would narrow to 3 percent next year.",
     "the budget deficit would narrow", "finance minister", "said", "indirect"),
    ("Police said that three men had been detained near the border.",
     "three men had been detained", "Police", "said", "indirect"),
    ("The bridge will reopen in May, the transport department said on Friday.",
     "The bridge will reopen in May", "transport department", "said", "indirect"),
    ("Water levels have fallen for a third month, said the agency.",
     "Water levels have fallen", "the agency", "said", "indirect"),
    ('"We will not raise taxes," the prime minister said.',
     "We will not raise taxes", "prime minister", "said", "direct"),
    ('The mayor told reporters: "The flooding is the worst in a decade."',
     "The flooding is the worst", "mayor", "told", "direct"),
    ("Unemployment rose to 5.1 percent in March, according to the statistics bureau.",
     "Unemployment rose to 5.1 percent", "statistics bureau", "according to", "indirect"),
    ("According to the report, emissions fell by a fifth.",
     "emissions fell by a fifth", "the report", "according to", "indirect"),
    ("The regulator has said it will review the merger.",
     "it will review the merger", "regulator", "said", "indirect"),
    ('The minister went on to warn: "There will be no bailout for the banks."',
     "There will be no bailout", "minister", "warn", "direct"),
    ("Dr Amy Chen believes that the outbreak has peaked.",
     "the outbreak has peaked", "Amy Chen", "believes", "indirect"),
    ("Analysts estimate the storm caused $2bn in damage.",
     "the storm caused $2bn", "Analysts", "estimate", "indirect"),
    ("The survey shows that most voters back the reform.",
     "most voters back the reform", "survey", "shows", "indirect"),
    ("The figures show unemployment fell in every region.",
     "unemployment fell in every region", "figures", "show", "indirect"),
    ("Hospital admissions rose 12%, the data shows.",
     "Hospital admissions rose 12%", "the data", "shows", "indirect"),
    ("The network, which prosecutors allege laundered millions, was shut down.",
     "laundered millions", "prosecutors", "allege", "indirect"),
    ("The opposition leader described the plan as \"reckless\".",
     'the plan as "reckless"', "opposition leader", "described", "indirect"),
    ("The embassy rejected the allegations as politically motivated.",
     "rejected the allegations", "embassy", "rejected", "indirect"),
    ("\u201cWe will appeal the verdict,\" the lawyer said.",
     "We will appeal the verdict", "lawyer", "said", "direct"),
    ("\u2018The data is clear on this point,\u2019 the professor said.",
     "The data is clear on this point", "professor", "said", "direct"),
    ("The chief executive told Reuters the merger would be completed by June.",
     "the merger would be completed by June", "chief executive", "told", "indirect"),
    ("Officials said Tuesday that the fire was contained.",
     "the fire was contained", "Officials", "said", "indirect"),
    ("The fire was contained, officials said Tuesday.",
     "The fire was contained", "officials", "said", "indirect"),
    ('"The decision is final," said Tom Reyes, a spokesman for the league.',
     "The decision is final", "Tom Reyes", "said", "direct"),
    ("Jane Doe, 45, said the fire started in the kitchen.",
     "the fire started in the kitchen", "Jane Doe", "said", "indirect"),
    ("In a statement, the foreign ministry said the talks had been productive.",
     "the talks had been productive", "foreign ministry", "said", "indirect"),
    ("However, the mayor said the plan was unaffordable.",
     "the plan was unaffordable", "the mayor", "said", "indirect"),
    ("Residents said the water had risen overnight.",
     "the water had risen overnight", "Residents", "said", "indirect"),
    ("The minister, who took office in May, said the reforms would continue.",
     "the reforms would continue", "The minister", "said", "indirect"),
    ("The lenders, who have lent the firm $40m since 2019, estimate the losses will double.",
     "the losses will double", "The lenders", "estimate", "indirect"),
    ("Prices rose, analysts said, but demand remained strong.",
     "Prices rose", "analysts", "said", "indirect"),
    ("Shares fell 4% after the company warned that sales would slow.",
     "sales would slow", "the company", "warned", "indirect"),
    ("The World Health Organization said on Monday that cases had risen for the fifth week.",
     "cases had risen for the fifth week", "World Health Organization", "said", "indirect"),
    ("Board member Ruth Adeyemi commented: \"The accounts were filed late.\"",
     "The accounts were filed late", "Ruth Adeyemi", "commented", "direct"),
    ("The price is fair, despite the union's assertion that wages have stalled.",
     "wages have stalled", "union", "assertion", "indirect"),
    ("The mayor defended the decision, stating, 'The park must be protected for future generations.'",
     "The park must be protected", "The mayor", "stating", "direct"),
    ("The head of the fire service, Chief Officer Dan Kwame, said: \"Crews worked through the night.\"",
     "Crews worked through the night", "Dan Kwame", "said", "direct"),
    ("The ministry said in a statement that all schools would reopen.",
     "all schools would reopen", "ministry", "said", "indirect"),
    ("Ferry traffic doubled in the spring, the port authority said in its annual review.",
     "Ferry traffic doubled in the spring", "port authority", "said", "indirect"),
    ("BRISTOL, May 3 - Car sales fell 4% in April, the industry body said on Monday, a sharper fall than expected.",
     "Car sales fell 4% in April", "industry body", "said", "indirect"),
    ("A group representing independent bakers said flour prices had doubled.",
     "flour prices had doubled", "A group representing independent bakers", "said", "indirect"),
    ("The fund lost $3m, according to the trustees, who added that no member would lose out.",
     "no member would lose out", "the trustees", "added", "indirect"),
    ("Warning that the river could rise further, the council urged residents to move their cars.",
     "the river could rise further", "the council", "warning that", "indirect"),
    # other outlets' shapes: wire datelines, tails without "that", quantified and anonymous sources
    ("Both sides said the ceasefire was holding.", "the ceasefire was holding", "Both sides", "said", "indirect"),
    ("OSLO (Wire) - The shipping line said on Tuesday its fleet would be cut by a third.",
     "its fleet would be cut by a third", "shipping line", "said", "indirect"),
    ("Port City, Aug 14 (Agency) The state board will hire 400 teachers, Education Minister Ravi Menon said.",
     "The state board will hire 400 teachers", "Ravi Menon", "said", "indirect"),
    ("Officials who spoke on condition of anonymity said the talks had collapsed.",
     "the talks had collapsed", "Officials", "said", "indirect"),
    ("The carmaker said in a statement it would recall 9,000 vehicles.",
     "it would recall 9,000 vehicles", "carmaker", "said", "indirect"),
    ("The columnist wrote in a weekend newspaper that the tax was unfair.",
     "the tax was unfair", "columnist", "wrote", "indirect"),
    ("The clinic said, citing patient records, that waiting times had doubled.",
     "waiting times had doubled", "clinic", "said", "indirect"),
    ("Malnutrition cases rose sharply, the aid group said, citing hospital data.",
     "Malnutrition cases rose sharply", "aid group", "said", "indirect"),
    ("The bakery owner was quoted as saying the shop would close in spring.",
     "the shop would close in spring", "bakery owner", "quoted as saying", "indirect"),
    ("The airline announced it would cut 300 jobs.",
     "it would cut 300 jobs", "airline", "announced", "indirect"),
    ("The mayor has confirmed a review will examine the tram contract.",
     "a review will examine the tram contract", "mayor", "confirmed", "indirect"),
    ("The doctors' union welcomed the plan but said it came too late.",
     "it came too late", "doctors' union", "said", "indirect"),
    ("The party leader called the budget \"a betrayal of young people\".",
     "a betrayal of young people", "party leader", "called", "indirect"),
    ('"We were never told," she said with a sigh.', "We were never told", "she", "said", "direct"),
    ("Shop owner Ken Adeyemi, 58, who has traded on the street for 30 years, said rents were too high.",
     "rents were too high", "Ken Adeyemi", "said", "indirect"),
    ("The regional health authority tweeted that the clinics would open on Sunday.",
     "the clinics would open on Sunday", "regional health authority", "tweeted", "indirect"),
    ("In a post on social media, the footballer said he was leaving the club.",
     "he was leaving the club", "footballer", "said", "indirect"),
    ("Mr Ode and his deputy said the merger would go ahead.",
     "the merger would go ahead", "Mr Ode and his deputy", "said", "indirect"),
    ("A source familiar with the matter said the bid would be withdrawn.",
     "the bid would be withdrawn", "A source familiar with the matter", "said", "indirect"),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "cue", "kind"), GOLDEN)
def test_golden_sentence(text: str, fragment: str, speaker: str, cue: str, kind: str) -> None:
    claim = claim_with(claims_of(text), fragment)
    assert claim.speaker is not None and speaker.casefold() in claim.speaker.casefold()
    assert claim.cue == cue
    assert claim.kind == kind


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "cue", "kind"),
    [
        ("The ruling came hours later, with the judge saying the law was unclear.",
         "the law was unclear", "judge", "saying", "indirect"),
        ("Fares will rise by 4% in May, with the operator saying that fuel costs had doubled.",
         "fuel costs had doubled", "the operator", "saying", "indirect"),
        ("Grain trader Ilse Brandt spoke to us from the port on Friday.\n\nQ: Will prices fall?\n\n"
         "A: Not this year. Supply is still too tight for that.",
         "Supply is still too tight", "Ilse Brandt", "answered", "direct"),
    ],
)
def test_absolute_saying_and_interview_answers(text: str, fragment: str, speaker: str, cue: str, kind: str) -> None:
    test_golden_sentence(text, fragment, speaker, cue, kind)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "cue"),
    [
        ("Marek Olsen, 41, sold 30 forged tickets to fans between 2019 and 2022, Lindale Crown Court heard.",
         "sold 30 forged tickets", "Lindale Crown Court", "heard"),
        ("One buyer, now 70, paid £900, the court was told, and never saw the match.",
         "paid £900", "the court", "was told"),
        ("The stadium lost £40,000 in refunds, the jury was told.", "lost £40,000", "the jury", "was told"),
    ],
)
def test_what_a_court_heard(text: str, fragment: str, speaker: str, cue: str) -> None:
    claim = claim_with(claims_of(text), fragment)
    assert (claim.speaker, claim.cue, claim.kind) == (speaker, cue, "indirect")
    assert "heard" not in claim.text and "told" not in claim.text


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Figures published by the water board on Monday show 212 leaks were fixed in May.",
         "212 leaks were fixed", "Figures published by the water board"),
        ("Data obtained by this newspaper shows that 40 schools closed early.",
         "40 schools closed early", "Data obtained by this newspaper"),
    ],
)
def test_figures_with_a_participle_show(text: str, fragment: str, speaker: str) -> None:
    claim = claim_with(claims_of(text), fragment)
    assert (claim.speaker, claim.kind) == (speaker, "indirect")


def test_a_relative_is_a_speaker() -> None:
    claim = claim_with(claims_of('In a statement, her nephew said: "He never missed a home game."'), "never missed")
    assert (claim.speaker, claim.kind) == ("her nephew", "direct")


def test_interview_answers_end_with_the_transcript_and_a_bare_reply_is_no_claim() -> None:
    text = (
        "Port manager Ruth Okafor spoke to us on Monday evening about the storm.\n\n"
        "Q: Did the harbour wall hold?\n\nA: Mostly, yes. Two of the pontoons broke loose in the night.\n\n"
        "Repairs start next week.\n\nA: Option one is a new breakwater beyond the old harbour mouth."
    )
    claims = claims_of(text)
    assert [(c.text, c.speaker, c.cue) for c in claims if c.cue == "answered"] == [
        ("Two of the pontoons broke loose in the night.", "Port manager Ruth Okafor", "answered")
    ]


def test_interview_with_no_one_named_gives_no_answer_claims() -> None:
    assert claims_of("Q: Will prices fall?\n\nA: Not this year. Supply is still too tight for that.") == []


# (text, the claim fragments it holds, in reading order, all by the same speaker fragment)
TWO_CLAIMS = [
    ("Noting that exports had slowed, the central bank governor said interest rates would stay on hold.",
     ["exports had slowed", "interest rates would stay on hold"], "central bank governor"),
    ("The company said profits doubled, adding that it would hire 200 staff.",
     ["profits doubled", "it would hire 200 staff"], "The company"),
    ("The fund lost $3m, according to the trustees, who added that no member would lose out.",
     ["The fund lost $3m", "no member would lose out"], "the trustees"),
    ('"We need more nurses," said Dr Paul Okafor, who heads the emergency department. '
     '"The wards are full every night."',
     ["We need more nurses", "The wards are full every night"], "Paul Okafor"),
    ('Team captain Leo Brandt spoke after the match. "We are ready," Brandt said, "and we will win the final."',
     ["We are ready", "we will win the final"], "Brandt"),
    ('"Prices are rising. Wages are not. Families are struggling," said the union leader.',
     ["Prices are rising", "Wages are not", "Families are struggling"], "union leader"),
]


@pytest.mark.parametrize(("text", "fragments", "speaker"), TWO_CLAIMS)
def test_one_claim_per_clause(text: str, fragments: list[str], speaker: str) -> None:
    claims = claims_of(text)
    assert len(claims) == len(fragments)
    for claim, fragment in zip(claims, fragments, strict=True):
        assert fragment.casefold() in claim.text.casefold()
        assert claim.speaker is not None and speaker.casefold() in claim.speaker.casefold()


# (paragraphs, fragment of a later claim, the speaker it must resolve to)
RESOLUTION = [
    ("Health Secretary Maria Lopez said hospitals were under pressure.\n\n\"Winter is always hard,\" she said.",
     "Winter is always hard", "Health Secretary Maria Lopez"),
    ("The ministry said the vaccine was safe. It said side effects were rare.",
     "side effects were rare", "The ministry"),
    ("Senior economist John Parker said growth would pick up.\n\nMr Parker said inflation had peaked.",
     "inflation had peaked", "Senior economist John Parker"),
    ("A spokesman for the city council said the road would close.\n\n\"Safety comes first,\" the spokesman added.",
     "Safety comes first", "A spokesman for the city council"),
    ("The airline said in a statement that flights would resume.\n\n"
     "\"Passengers will be rebooked free of charge,\" the statement said.",
     "Passengers will be rebooked", "The airline"),
    ('Coach Ana Silva said: "We played well in the first half.\n\n"The referee made several mistakes today."',
     "The referee made several mistakes", "Coach Ana Silva"),
    ("Deputy mayor Ivo Petrov said the budget was balanced.\n\n"
     "\"We cut waste, not services. Every euro was checked twice.\"",
     "Every euro was checked twice", "Deputy mayor Ivo Petrov"),
    # a pronoun whose person never spoke before: the subject of a sentence that claims nothing
    ("Finance chief Olga Berg was asked about the deal. \"It was a mistake,\" she told reporters.",
     "It was a mistake", "Finance chief Olga Berg"),
    # two people of different genders: "he" skips the woman who spoke last
    ("Mr Varga said the port would expand.\n\nMs Lind, the harbour master, said the plan was rushed.\n\n"
     "He added that dredging would start in May.",
     "dredging would start in May", "Mr Varga"),
    ("Ms Lind said the plan was rushed. Mr Varga disagreed.\n\n\"The harbour needs this,\" he said.\n\n"
     "\"It is too fast,\" she said.",
     "It is too fast", "Ms Lind"),
    # a bare name that spoke is a person for a later "he"
    ("Council leader Rosa Diaz said the bins would be emptied.\n\n"
     "Sam Otto, who lives nearby, said the smell was awful.\n\n\"We have rats,\" he said.",
     "We have rats", "Sam Otto"),
    # "it" after "the company's spokesperson" is the company, not the last organisation that spoke
    ("The union said talks had failed.\n\nThe mining company's spokesperson said output was stable. "
     "It said exports would continue.",
     "exports would continue", "The mining company"),
    ("Prof Ada Kim and Dr Leo Park said the trial was a success.\n\nMs Kim said more funding was needed.",
     "more funding was needed", "Ms Kim"),
]


# (text, [(claim fragment, speaker fragment)]): one sentence, two speakers
HANDOVERS = [
    ("The chief executive said wages would rise 4%, while the union said the offer was too low.",
     [("wages would rise 4%", "chief executive"), ("the offer was too low", "the union")]),
    ("Ms Lind said the port was safe, but Mr Varga insisted the cranes were old.",
     [("the port was safe", "Ms Lind"), ("the cranes were old", "Mr Varga")]),
]


@pytest.mark.parametrize(("text", "expected"), HANDOVERS)
def test_second_speaker_in_one_sentence(text: str, expected: list[tuple[str, str]]) -> None:
    claims = claims_of(text)
    assert len(claims) == len(expected)
    for claim, (fragment, speaker) in zip(claims, expected, strict=True):
        assert fragment.casefold() in claim.text.casefold()
        assert not claim.text.casefold().endswith(("while", "but", ","))
        assert claim.speaker is not None and speaker.casefold() in claim.speaker.casefold()


def test_dateline_is_not_part_of_the_claim() -> None:
    claims = claims_of("Headline about cars\n\nLISBON (Wire) - Car sales fell 4% in May, the dealers' group said.")
    assert [c.text for c in claims] == ["Car sales fell 4% in May"]


def test_dateline_helper_skips_a_stop_word_and_names_the_place() -> None:
    found = match_dateline("KIRKWALL (Wire) - The ferry sailed late.")
    assert found is not None and found.group("place") == "KIRKWALL"
    assert match_dateline("Update: the ferry sailed late.") is None


@pytest.fixture
def according_to_with() -> Iterator[Callable[[str], None]]:
    """Rebuild the claim patterns with one more "according to" phrase in the lexicon; restore them after."""
    data = load_json("claims.json")
    original = data["according_to"]

    def add(phrase: str) -> None:
        data["according_to"] = [*original, phrase]
        importlib.reload(patterns)

    yield add
    data["according_to"] = original
    importlib.reload(patterns)


def test_a_phrase_added_to_the_according_to_lexicon_frames_claims(according_to_with: Callable[[str], None]) -> None:
    text = "Ticket prices will rise again in the spring, as told by the ferry operator."
    assert claims_of(text) == []
    according_to_with("as told by")
    claims = claims_of(text)
    assert [(c.text, c.speaker, c.cue) for c in claims] == [
        ("Ticket prices will rise again in the spring", "the ferry operator", "as told by")
    ]


def test_according_to_guard_admits_every_lexicon_phrase() -> None:
    for phrase in patterns.ACCORDING_TO:
        assert patterns.ACCORDING_HINT.search(f"Rents rose, {phrase} the survey."), phrase
        assert patterns.ACCORDING_HINT.search(f"{phrase.capitalize()} the survey, rents rose."), phrase


def test_a_reporting_verb_outranks_according_to() -> None:
    names = [frame.name for frame in FRAMES]
    assert names.index("reporting verb") < names.index("according to")
    claims = claims_of("According to the council, the harbour master said the pier is safe.")
    assert [(c.text, c.speaker, c.cue) for c in claims] == [("the pier is safe.", "the harbour master", "said")]


def test_headline_with_says_is_not_a_claim() -> None:
    claims = claims_of("Rates will stay low, says central bank\n\nThe central bank said rates would stay low.")
    assert [c.text for c in claims] == ["rates would stay low."] or [c.text for c in claims] == ["rates would stay low"]


@pytest.mark.parametrize(("text", "fragment", "speaker"), RESOLUTION)
def test_speaker_resolution(text: str, fragment: str, speaker: str) -> None:
    claim = claim_with(claims_of(text), fragment)
    assert claim.speaker == speaker


def test_quoted_paragraph_continues_speaker_and_is_direct() -> None:
    claims = claims_of('Coach Ana Silva said: "We played well in the first half.\n\n"The referee made mistakes today."')
    assert [c.kind for c in claims] == ["direct", "direct"]
    assert claims[1].speaker_start is None


NOT_CLAIMS = [
    'The operation, codenamed "Nightjar", ran for three weeks.',
    "The bridge was built in 1932 and carries 40,000 cars a day.",
    "Police found the car abandoned near the river.",
    "The suspect is believed to have fled abroad.",
    "The report was published on Monday.",
    "He said.",
    '"This is the end of an era for the town."',
    "Her comments drew a sharp response from the audience.",
    "The hall hosted a \"family day\" with music and food.",
    "The council urged residents to save water during the heatwave.",
    "Residents described scenes of chaos at the station.",
    "The minister called on landlords to freeze rents.",
    "The firm announced a new phone on Tuesday.",
    "A man called Joe Pike was arrested at the scene.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_a_claim(text: str) -> None:
    assert claims_of(text) == []


def test_claim_fields_point_into_the_text() -> None:
    text = ("The council said the library would close in June.\n\n"
            '"It is a sad day," the council leader added. "We tried everything."')
    article = extract_text(text + "\n", source="test.txt")
    assert [c.id for c in article.claims] == [f"{article.id}:c{n}" for n in range(1, len(article.claims) + 1)]
    for claim in article.claims:
        assert article.text[claim.start : claim.end] == claim.text
        assert article.text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start <= claim.end <= claim.sentence_end
        if claim.speaker_start is not None and claim.speaker_end is not None:
            assert 0 <= claim.speaker_start < claim.speaker_end <= len(article.text)
        assert claim.section_id


def test_mixed_quote_marks() -> None:
    quotes = find_quotes('\u201cOne,\" she said, \u2018two\u2019 and "three".', 0, 40)
    assert len(quotes) == 3
    assert all(q.closed for q in quotes)


def test_apostrophes_are_not_quotes() -> None:
    text = "The agency\u2019s chief said the drivers\u2019 union was wrong."
    assert find_quotes(text, 0, len(text)) == []


def test_unclosed_quote_runs_to_paragraph_end() -> None:
    text = 'She said: "First part. Second part.'
    (quote,) = find_quotes(text, 0, len(text))
    assert not quote.closed
    assert text[quote.inner_start : quote.inner_end] == "First part. Second part."


def test_reporting_verb_pattern_matches_whole_verbs_only() -> None:
    text = "She said so; the unsaid part, a says-so rule and the sayings were stated."
    assert [m.group() for m in VERB.finditer(text)] == ["said", "stated"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*'ab AB,.:"\u201c\u201d\u2018\u2019\'\n\x00', " said", " that", "the spokesman",
                                 "according to", " he said", "Pointing out that", ", adding that "]),
               max_size=80).map("".join))
def test_any_text_gives_valid_claims(text: str) -> None:
    try:
        article = extract_text(text, source="fuzz.txt")
    except InputRefused:
        return
    for claim in article.claims:
        assert 0 <= claim.start <= claim.end <= len(article.text)
        assert article.text[claim.start : claim.end] == claim.text
