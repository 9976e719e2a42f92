"""Sample sizes and counts: a number of people, records or events, and which of the two it is.

`45 patients` examined by a study is its sample; `412 patients` in whom the outcome occurred
are a count. The noun, the verbs around the number and the nearest cue before it decide.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Callable, Iterator

from .continuations import list_head
from .numbers import DIGIT_NUMBER
from .regex import alternation
from .patterns import (
    FAR_NUM,
    NOT_WHEN_AFTER,
    NUM,
    QUAL,
    RANGE_SEP,
    RANGE_WORDS,
    TIME_UNITS,
    ClaimMatch,
    Lookback,
    Value,
    _alternation,
    _is_year,
    _lower,
    _OTHER_FOLDS,
    _num,
    _preceding_word,
    _preceding_words,
    _qualifier,
    _range_may_follow,
    _range_or_value,
    _scan,
    find_all,
    number_mentions,
    search_near,
    terms,
)

# "aged 9 to 14 received ...": the upper end of an age range, not a group.
_AGE_RANGE_BEFORE = re.compile(r"(?i:\bage[sd]?\s+(?:between\s+)?\d{1,3}\s*(?:to|-|–|and)\s*)$")
# The word before a number touches it (no comma or stop between): "among 40 patients".
_WORD_TOUCHING = re.compile(r"[\w.\-]+[\s\-]*$")
_SCALE_MODS = re.compile(r"(?i:(?<![-\w])scales?\b)")
_TIME_PHRASE_ENDS = frozenset({"year", "month", "week", "day"})
_TIME_PHRASE_BEFORE = re.compile(
    r"\b(?i:last|this|next|each|every|a|per|that|same|previous|following)\s+(?i:year|month|week|day)\s+$")
# The sentence before an elided arm gives the first arm's size with its people.
_ASSIGNMENT_OR_GROUPS = re.compile(r"(?i:\b(?:group|arm|cohort)\s+(?:had|comprised|included|numbered|of|contained|was)\b)")
_ASSIGNMENT = re.compile(r"(?i:\b(?:assigned|randomi[sz]ed|allocated|randomly)\b)")
# The words of `_ENROLLED_BEFORE` that name a study's act (not "the other", "the remaining").
_STUDY_CUES = (
    "enrolled recruited surveyed randomised randomized interviewed included analysed analyzed studied followed"
).split() + ["sample of", "cohort of"]
# (Trie alternations: `re` tries these `$`-anchored patterns at every character of the window,
# and a trie fails at once on a first letter no word has.)
_STUDY_CUE_BEFORE = re.compile(rf"(?i:{_alternation(_STUDY_CUES)})\s+$")
_ENROLLED_BEFORE = re.compile(rf"(?i:{_alternation(_STUDY_CUES + ['total of', 'the other', 'the remaining'])})\s+$")


# Nouns counted only in numbers no schedule or list has: doses given, items dispensed, contacts traced.
_FEW_NOT_COUNTED = {"doses": 100, "vaccine doses": 100, "items": 100, "contacts": 10, "pathways": 10}
_HYPHENED_WORDS = ("out", "in", "at", "on", "off", "non", "over", "under", "after")
_HYPHENED_PREPOSITIONS = rf"(?i:{'|'.join(_HYPHENED_WORDS)})"


@lru_cache(maxsize=1)
def _group_res() -> tuple[re.Pattern, ...]:
    t = terms()
    # Up to three words between number and noun ("40 Botox-injected patients"), none of them a
    # function word or a lower-case plural ("five proteins could help doctors" is no sample).
    # (a preposition may open a hyphenated modifier: "out-of-hospital", "in-hospital", "at-home")
    # (a graded kind of event is one modifier: "212 hospital-acquired category 2 pressure ulcers")
    modifiers = r"(?P<mods>(?:[\s\-\u2010]+(?!(?!{hyphened}[\-\u2010]\w)(?:{stop})\b)(?![a-z][\w'’\-]*[a-df-hj-rtv-z]s\b)[A-Za-z][\w'’\-]*(?:\.(?=\w)\w*\.?)?(?:(?:(?<=(?i:category))|(?<=(?i:grade|stage)))\s+\d{{1,2}}\b)?){{0,3}}?)".format(
        stop=_alternation(t["not_modifiers"]), hyphened=_HYPHENED_PREPOSITIONS)
    # people nouns, plus demonyms ("New Zealanders", "Nigerians", "Londoners")
    nouns = _alternation(t["people_nouns"] + t["record_nouns"] + t["pooled_nouns"] + t["event_nouns"])
    nouns += r"|(?-i:[A-Z][a-z]+(?:ians|ans|ers|ese|ites))"
    # operations named by their suffix: "50,000 appendectomies", "312 angioplasties"
    nouns += r"|(?-i:[a-z]+(?:ectomies|otomies|ostomies|plasties|scopies))"
    noun_re = re.compile(
        rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{FAR_NUM}))?(?:\s+or\s+so)?(?P<change>\s+(?i:fewer|more))?{modifiers}[\s\-\u2010]+(?P<noun>(?i:{nouns}))\b(?!['’]s\b|-)"
        r"(?!\s+(?i:records|notes|samples|files|charts)\b)"  # "480 patient records": the records are counted
    )
    n_equals = re.compile(rf"(?<![\w])[nN]\s*=\s*(?P<a>{DIGIT_NUMBER})\b")  # searched around each "="
    # "61 in the placebo group", "389 on placebo", "187 of them", "3,108 to the drug",
    # "156 were assigned to zelritamab", "12,470 received the vaccine".
    arm = re.compile(
        rf"{QUAL}(?P<a>{NUM})(?:(?:\s+[a-z][\w-]*)?\s+(?P<noun>(?i:{nouns})))?"
        r"(?P<tail>\s+(?:(?i:in|on|with|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?i:group|arm|cohort)\b"
        r"|(?i:on|with|to|took|taking|given|receiving)\s+(?:the\s+)?(?i:placebo|the\s+drug|the\s+vaccine|the\s+active\s+drug|usual\s+care|standard\s+care)\b"
        r"|(?i:to)\s+(?i:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?i:regimen|treatment|therapy|course|drug|vaccine|programme|program|"
        r"intervention|diet|pills?|tablets?|capsules?|injections?|drops|sham|app|placebo|waiting\s+list)\b"
        r"|(?i:were|was)\s+(?:on|in)\s+(?:a|the)\s+(?i:waiting\s+list|placebo|control)\b"
        r"|(?i:of)\s+(?i:them|those|these)\b"
        rf"|(?i:of)\s+(?i:the|these|those|all)\s+(?:[\w-]+\s+)?(?i:{nouns})\b"
        r"|(?i:were|was)\s+(?:(?i:randomly|then)\s+)?(?i:assigned|randomi[sz]ed|allocated)\b"
        r"|(?i:were|was|are|is)\s+(?i:men|women|boys|girls|children|adults|smokers|female|male)\b"
        r"|(?i:received|got|used|were\s+given)(?=\s+[\w-])"
        r"|(?i:assigned|randomi[sz]ed|allocated)\s+to\b))"
    )
    # "enrolled 312", "a sample of 1,000", "the remaining 1,228": tried at each number, the verb
    # checked looking back (a whole-text scan for the verbs costs ten times more).
    enrolled = re.compile(
        rf"{QUAL}(?P<a>{NUM})(?!\s*(?:%|:\s*\d|{TIME_UNITS}|(?i:percent|per\s+cent|times|of\s+(?:the|them|these))\b"
        r"|(?:\s+(?i:hundred|thousand|million|billion|lakhs?|crores?))?[\s\-]+(?i:person|patient)[\s\-]+(?i:years?|months?)\b))"
    )
    # "386 died", "37 had at least one admission", "300 are newly diagnosed": a bare number
    # whose verb tells an outcome.
    bare_count = re.compile(
        # (a share of them may stand between: "127 (40%) had returned a sample")
        rf"{QUAL}(?P<a>{NUM})(?=(?:\s*\(\s*\d+(?:\.\d+)?\s*%\s*\))?\s+(?:(?:also|later|eventually|subsequently|ultimately|each\s+year|every\s+year)\s+)?"
        r"(?:died|die|dies|developed|had\s+at\s+least|had\s+(?:[a-z]+\s+){0,2}?(?:infections?|complications|symptoms)|had\s+no\b|"
        r"had\s+(?:high|low)-grade\b|(?:had\s+)?returned\s+(?:a|the|their)\s+(?:sample|kit|test|form|questionnaire)|attended|booked|declined|"
        r"survived|recovered|tested\s+(?:positive|negative)|(?:were|are|was|is)\s+(?:still\s+)?waiting\s+(?:for|on|more|longer|over)\b|turned\s+out\s+(?:not\s+)?to\s+(?:have|be)|"
        r"took\s+up\s+(?:the|their|an?)\s+(?:offer|invitation|place)|(?:needed|required)\s+(?:surgery|treatment|an?\s+operation|intensive|hospital|oxygen|ventilation)|"
        r"had\s+(?:already\s+)?been\s+(?:hospitali[sz]ed|admitted|readmitted|diagnosed|infected)|"
        # an outbreak's running totals: "6,930 have been confirmed", "56 have died"
        r"(?:have|has)\s+(?:now\s+|since\s+|so\s+far\s+)?(?:died|completed\s+(?:treatment|the|their)\b|"
        r"been\s+(?:confirmed|hospitali[sz]ed|admitted|readmitted|diagnosed|infected|killed|referred|returned))|"
        # a part with what happened to it: "14 already had progressive massive fibrosis", "23 had an
        # invasive procedure", "22,400 came back"
        r"already\s+had|came\s+back\b|were\s+seen\s+(?:by|in|at)\b|had\s+an?\s+(?:[a-z-]+\s+){0,2}?(?:procedure|operation|biopsy|transplant|"
        r"amputation|stroke|seizure|fracture|fall|relapse|recurrence|reaction|caesarean|c-section)\b|"
        r"were\s+(?:newly\s+)?(?:hospitali[sz]ed|admitted|diagnosed|infected|colonized|colonised|readmitted|killed|confirmed|"
        r"classed|classified|flagged|referred|pregnant|positive(?!\s+(?:about|that|towards?)\b))|"
        # what some of those asked answered: "Of these, 1,395 said they had swallowed the tablets"
        r"said\s+(?:they|that|no\b|yes\b)|reported\s+(?!to\b)(?=[a-z])|"
        r"are\s+(?:newly\s+)?diagnosed|suffered|experienced|relapsed|responded|stopped|discontinued|withdrew|dropped\s+out|"
        # a screening or follow-up's funnel: "962 sent it back", "38 went on to have a heart attack"
        r"went\s+on\s+to\s+(?:have|develop|need|die)|were\s+found\s+to\s+have|sent\s+(?:it|them|(?:a|the|their)\s+(?:samples?|kits?|tests?|swabs?))\s+back|"
        # what screening will find in every 1,000: "about 25 will be offered a colonoscopy"
        r"will\s+(?:be\s+(?:offered|found\s+to\s+have|diagnosed|referred|told|called\s+back|recalled)|get\s+an?\s+(?:normal|abnormal|positive|negative|clear)|"
        r"have\s+(?:an?\s+|nothing\s+|polyps\b|cancer\b)|develop|die|need|test\s+(?:positive|negative))|"
        r"(?:are|were)\s+called\s+back|(?:have|has)\s+the\s+(?:disease|condition|cancer|infection)\b|"
        r"returned\s+(?:it|them|their\s+kits?)|gave\s+an?\s+(?:abnormal|positive|negative|unclear)\b|"
        # an outbreak's patients: "Nine remain in hospital", "four are still in intensive care"
        r"(?:remain|remained|remains|are\s+still|were\s+still|are|were)\s+in\s+(?:hospital|intensive\s+care|critical\s+care)\b)\b)"
    )
    # "Of the 102 enrolled, 94 completed the programme": the number of a study group, told by the
    # participle or the verb after it.
    enrolled_after = re.compile(
        rf"(?:(?<=\b[Tt]he\s)(?P<a>{NUM})\s+(?:who\s+were\s+)?(?i:enrolled|randomi[sz]ed|recruited)\b"
        rf"|(?P<b>{NUM})\s+(?i:completed)(?=\s+(?:the\s+|their\s+|all\s+)?(?:[a-z-]+\s+)?(?:\d+(?:[-\u2010][a-z]+)?\s+)?"
        r"(?i:study|trial|programme|program|course|intervention|follow-up|survey|treatment|weeks|months|years)\b))"
    )
    # "273 were assigned to antibiotics and 257 to appendectomy": the second arm of an assignment
    second_arm = re.compile(rf"(?:(?<=\band\s)|(?<=[,:;]\s))(?P<a>{NUM})\s+(?i:to)\s+(?:(?:the\s+)?(?P<word>[a-z][\w-]*)|(?=\d))")
    # "a randomised study on XNUMX volunteers": a group whose number was lost
    placeholder = re.compile(rf"\bXNUMX\s+(?:[A-Za-z][\w-]*\s+)?(?P<noun>(?i:{nouns}))\b")
    # "Deaths ... numbered 131 and 148 respectively", "cases ... rose to 87": a total of events,
    # told by the verb before it (and an event noun earlier in the sentence, checked after)
    event_total = re.compile(
        rf"{QUAL}(?P<a>{NUM})(?:\s+and\s+(?P<b>{NUM})(?:\s+(?i:respectively))?)?"
        rf"(?![\s\-]*(?:%|(?i:percent|per\s+cent)\b|{TIME_UNITS}\b)|[\-\u2010]\d)"  # (not "1-800-555-0123")
    )
    event_noun = re.compile(rf"(?i:\b(?:{_alternation(t['event_nouns'])})\b)")
    return noun_re, n_equals, enrolled, arm, bare_count, second_arm, placeholder, enrolled_after, event_total, event_noun


@lru_cache(maxsize=1)
def _event_noun_lower() -> re.Pattern:
    """`event_noun` (of `_group_res`) for the lower-cased text, without its opening `\b` (see
    `_word_start_match`)."""
    return re.compile(rf"(?:{alternation(terms()['event_nouns'], lower=True)})\b")


# --- which words may follow the number of each pattern (see `patterns._scan`) ------------

_ARM_TAIL_FIRST = frozenset(
    "in on with of to took taking given receiving were was received got used assigned randomised randomized "
    "allocated".split()
)
# The words the `arm` tail must go on with after some of its first words ("to the drug", "were
# assigned", "allocated to"); after the others ("in", "of", "received") any word may follow.
_ARM_TAIL_SECOND = {
    "to": frozenset({"the", "a", "an", "placebo", "usual", "standard"}),
    **dict.fromkeys(("took", "taking", "given", "receiving"), frozenset({"the", "placebo", "usual", "standard"})),
    **dict.fromkeys(("were", "was"), frozenset(
        "on in randomly then assigned randomised randomized allocated men women boys girls children adults smokers "
        "female male given".split())),
    **dict.fromkeys(("assigned", "randomised", "randomized", "allocated"), frozenset({"to"})),
}
_BARE_COUNT_FIRST = frozenset(
    "also later eventually subsequently ultimately each every died die dies developed had were are suffered experienced "
    "went sent returned gave remain remained remains survived recovered tested turned took needed required attended booked declined "
    "relapsed responded stopped discontinued withdrew dropped will said reported have has already came".split()
)
# One person of a story ("one man", "one child"): a claim only with an outcome after it.
_ONE_PERSON = frozenset({"person", "adult", "child", "woman", "man", "patient", "participant", "volunteer",
                         "subject", "individual"})
# Between two groups of the same noun that a sentence counts alike: "94 vaccine recipients and
# 101 placebo recipients", "612 women (19.1%) versus 487 women"
_PARALLEL_GROUP = re.compile(
    r"\s*(?:\([^()]{0,30}\))?\s*,?\s*(?i:and|or|versus|vs\.?|compared\s+with|against)\s+(?:(?i:in|among|by|for)\s+)?"
)
# A number whose thousands are grouped by points, as German, Spanish and Italian write them ("1.200")
_POINT_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
# A Markdown heading's opening: "## " before a section's number
_HEADING_BEFORE = re.compile(r"(?:^|\n)#{1,6}[ \t]+$")
# "1,830 people, including 512 children": a part named inside the group it belongs to
_PART_OF_GROUP = re.compile(r"\s*[,(]\s*(?i:including|of\s+whom|among\s+them)\s+")
# A sentence in which staff are those a study asked or followed: "a survey of 2,000 nurses"
_STAFF_STUDIED = re.compile(
    r"(?i:\b(?:survey(?:ed)?|interview(?:ed|s)?|questioned|questionnaires?|enrolled|took\s+part|taking\s+part|"
    r"participants?|respondents?|responded|trial|study|studied|sample|randomi[sz]ed|followed|tracked|analy[sz]is|"
    r"analy[sz]ed|cohort|data)\b)"
)
# The words before a number of studies that make them a review's sample ("pooled data from 23
# studies", "We found 14 randomised trials that met our criteria")
_POOLED_BEFORE = frozenset({
    "of", "from", "in", "across", "including", "includes", "included", "found", "identified", "pooled",
    "combined", "analysed", "analyzed", "reviewed",
})
# "reported in three papers", "published in two studies": where results appeared
_PUBLISHED_IN = frozenset({"published", "reported", "described", "presented", "appear", "appeared", "appears", "detailed"})
# The verbs that make events the records a study analysed: "analysed 2.3 million emergency
# admissions", "looked at 9,406 cycling injuries" (not "recorded", "saw": those count them)
_ANALYSED_BEFORE = Lookback(
    r"(?i:\b(?:analy[sz]ed|analy[sz]ing|examined|examining|looked\s+at|reviewed|reviewing|studied|studying|"
    r"audited|covering|spanning|comprising|(?:study|analysis|review|audit)\s+of)\s+(?:(?:data|records)\s+(?:on|from|of)\s+)?"
    r"(?:(?:more\s+than|over|nearly|almost|about|around|some|roughly|all)\s+)?)$",
    {"analysed", "analyzed", "analysing", "analyzing", "examined", "examining", "at", "reviewed", "reviewing",
     "studied", "studying", "audited", "covering", "spanning", "comprising", "on", "from", "of", "than", "over",
     "nearly", "almost", "about", "around", "some", "roughly", "all"},
)
_CHANGE_WORDS = frozenset({"fewer", "more"})
_OPERATION_ENDINGS = ("ectomies", "otomies", "ostomies", "plasties", "scopies")  # counted like events  # between a number and its noun (`noun_re`'s `change`)
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ians|ans|ers|ese|ites)\b")
_LOWER_PLURAL = re.compile(r"[a-z][\w'’\-]*[a-df-hj-rtv-z]s\b")


@lru_cache(maxsize=1)
def _noun_words() -> tuple[frozenset, frozenset]:
    """The first words of the group nouns (lower-case), and the words no modifier can be."""
    t = terms()
    nouns = t["people_nouns"] + t["record_nouns"] + t["pooled_nouns"] + t["event_nouns"]
    first = {re.split(r"[\s\-'’]", n.lower())[0] for n in nouns}
    return frozenset(first), frozenset(t["not_modifiers"])


@lru_cache(maxsize=1)
def _phrase_noun_firsts() -> frozenset:
    """The first words (as `_noun_words` cuts them) of the group nouns of more than one word
    ("adverse events", "men and women")."""
    t = terms()
    nouns = t["people_nouns"] + t["record_nouns"] + t["pooled_nouns"] + t["event_nouns"]
    return frozenset(re.split(r"[\s\-'’]", n.lower())[0] for n in nouns if len(n.split()) > 1)


def _arm_may_follow_noun(at, noun_firsts: frozenset) -> bool:
    """May the `arm` pattern match at a number followed by a word that may open a group noun?
    Its tail ("in the placebo group", "were assigned") comes after the noun, so the word after
    a one-word noun must open the tail; unless the noun has more words, or the first word is
    the one word the pattern lets stand before the noun (or opens the tail itself)."""
    if at.next2 in _ARM_TAIL_FIRST or at.next in _ARM_TAIL_FIRST or at.next in _phrase_noun_firsts():
        return True
    return at.next2 is not None and _is_noun_start(at.next2, at.raw2, noun_firsts)


def _is_noun_start(word: str, raw: str, noun_firsts: frozenset | None = None) -> bool:
    """Could a group noun open with this word? (`noun_firsts`: `_noun_words()[0]`, passed in by
    the callers that run at every number.)"""
    if noun_firsts is None:
        noun_firsts = _noun_words()[0]
    return word in noun_firsts or ("A" <= raw[:1] <= "Z" and bool(_DEMONYM.match(raw)))


def _noun_and_arm_may_follow(at, text: str, noun_firsts: frozenset, not_modifiers: frozenset) -> tuple[bool, bool]:
    """May the `noun` pattern match at this number (`45 patients`, `40 Botox-injected patients`:
    a group noun, or a word that can modify one), and may the `arm` pattern (`61 in the placebo
    group`, `156 were assigned`, `30 older patients received`)? One call for both: both ask first
    whether a group noun opens after the number."""
    word, raw = at.next, at.raw
    if not word:
        return False, False
    if _is_noun_start(word, raw, noun_firsts):
        return True, _arm_may_follow_noun(at, noun_firsts)
    if raw == "or" and at.raw2 == "so":
        noun = True  # "17,000 or so people"
    elif raw in RANGE_WORDS:  # (no modifier: the word is one of `not_modifiers`) "5 to 10 patients"
        noun = _range_may_follow(at, text, _noun_may_follow)
    elif word in RANGE_WORDS:
        noun = True
    elif word in _CHANGE_WORDS:
        noun = True  # "73 fewer incidents", "120 more deaths": a difference in a count of events
    elif not ("a" <= raw[0].lower() <= "z") or (raw in not_modifiers and not (
            word in _HYPHENED_WORDS and text[at.next_start + len(raw):at.next_start + len(raw) + 1] in ("-", "\u2010"))):
        noun = False  # a function word ("of", "years"; not "out-of-hospital") or no word at all
    else:
        noun = not _LOWER_PLURAL.match(text, at.next_start)
    if word in _ARM_TAIL_FIRST and _arm_tail_may_open(at):
        arm = True
    elif not ("a" <= raw[0] <= "z"):  # the one optional word before the noun is lower-case
        arm = False
    else:
        # The noun comes after a space and opens with a letter: with no such word after the one
        # before it (`next2` None: "30 years."), there is none.
        arm = at.next2 is not None and _is_noun_start(at.next2, at.raw2, noun_firsts)
    return noun, arm


def _arm_tail_may_open(at) -> bool:
    """May the `arm` pattern's tail open at the word after this number (one of `_ARM_TAIL_FIRST`)?
    Some of its first words go on only with certain words (`_ARM_TAIL_SECOND`): "5 to 10",
    "12 were not" open no tail. (True when unsure: a letter outside ASCII may be the
    case-insensitive twin of one of those words.)"""
    second = _ARM_TAIL_SECOND.get(at.next)
    if second is None or at.next2 in second:
        return True
    return at.next2 is not None and not at.raw2.isascii()


def _noun_may_follow(at, text: str) -> bool:
    """May the `noun` pattern match at this number (see `_noun_and_arm_may_follow`)?"""
    return _noun_and_arm_may_follow(at, text, *_noun_words())[0]


def _arm_may_follow(at, text: str) -> bool:
    """May the `arm` pattern match at this number (see `_noun_and_arm_may_follow`)?"""
    return _noun_and_arm_may_follow(at, text, *_noun_words())[1]


def _noun_and_arm_candidates(text: str, mentions) -> tuple[list, list]:
    """The numbers the `noun` and the `arm` patterns are tried at, picked in one pass (with the
    unsure ones, `next` None, which `_scan` tries unchecked)."""
    noun_firsts, not_modifiers = _noun_words()
    nouns, arms = [], []
    for at in mentions:
        if at.next is None:
            nouns.append(at)
            arms.append(at)
            continue
        noun, arm = _noun_and_arm_may_follow(at, text, noun_firsts, not_modifiers)
        if noun:
            nouns.append(at)
        if arm:
            arms.append(at)
    return nouns, arms


_ENROLLED_LAST = (
    "enrolled", "recruited", "surveyed", "randomised", "randomized", "interviewed", "of", "included",
    "analysed", "analyzed", "studied", "followed", "other", "remaining",
)


# The last letters of those words, either case, and their last two letters (cheap tests first).
_ENROLLED_LAST_LETTERS = frozenset(w[-1] for w in _ENROLLED_LAST) | frozenset(w[-1].upper() for w in _ENROLLED_LAST)
_ENROLLED_LAST_PAIRS = frozenset(w[-2:] for w in _ENROLLED_LAST)


_TOTAL_VERB_BEFORE = Lookback(
    r"(?i:\b(?:numbered|totall?ed|reached|stood\s+at|(?:rose|fell|climbed|increased|dropped|jumped)\s+to)\s+)$",
    {"numbered", "totalled", "totaled", "reached", "at", "to"},
)


# The last two letters of those verbs ("numbered", "stood at", "rose to").
_TOTAL_VERB_LAST_PAIRS = frozenset({"ed", "at", "to"})
_ENROLLED_AFTER_NEXT = frozenset({"who", "enrolled", "randomised", "randomized", "recruited", "completed"})


def _cue_words_before(text: str, pos: int) -> tuple[bool, bool]:
    """Does a total's verb stand right before `pos` (`numbered 131`, `rose to 87`: the numbers
    the `event_total` pattern is tried at), and does a study's cue (`enrolled 312`, `a sample of
    1,000`: the `enrolled` pattern)? One call for both: both need a space before the number, and
    the last two letters of the word before it rule out most numbers for both."""
    if not text[pos - 1:pos].isspace():
        return False, False
    last = text[pos - 2:pos - 1]
    if last.isspace():  # (more spaces: no cheap test)
        total_may = enrolled_may = True
    else:
        pair = text[pos - 3:pos - 1].lower()
        total_may = pair in _TOTAL_VERB_LAST_PAIRS
        enrolled_may = last in _ENROLLED_LAST_LETTERS and pair in _ENROLLED_LAST_PAIRS
    total = total_may and _TOTAL_VERB_BEFORE.search(text, pos - 30, pos) is not None
    return total, enrolled_may and _enrolled_word_before(text, pos)


def _after_total_verb(at, text: str) -> bool:
    """`numbered 131`, `rose to 87`: a total's verb right before the number (or its qualifier)."""
    return _cue_words_before(text, at.pos)[0]


def _enrolled_before(at, text: str) -> bool:
    """`enrolled 312`, `a sample of 1,000`: the word before the number is one of `_ENROLLED_BEFORE`'s."""
    return _cue_words_before(text, at.pos)[1]


def _after_cue_words(text: str, mentions) -> tuple[list, list]:
    """The numbers `_after_total_verb` accepts and those `_enrolled_before` accepts, picked in
    one pass (with the unsure ones, `next` None, which `_scan` tries unchecked)."""
    totals, enrolled = [], []
    for at in mentions:
        if at.next is None:
            totals.append(at)
            enrolled.append(at)
            continue
        total, study = _cue_words_before(text, at.pos)
        if total:
            totals.append(at)
        if study:
            enrolled.append(at)
    return totals, enrolled


def _enrolled_word_before(text: str, pos: int) -> bool:
    """Does the text before `pos` (and its spaces) end with one of `_ENROLLED_LAST`?"""
    before = text[max(0, pos - 20):pos].rstrip()
    return before[-1:] in _ENROLLED_LAST_LETTERS and before[-11:].lower().endswith(_ENROLLED_LAST)


# The verbs that tell an outcome after a group ("386 patients died"): a trie alternation (`re`
# tries a flat one branch by branch after each word it skips).
_COUNT_VERB_PHRASES = (
    "died", "die", "dies", "were hospitalised", "were hospitalized", "were admitted", "developed", "develop",
    "are admitted", "are hospitalised", "are hospitalized",
    "suffered", "experienced", "were infected", "became infected", "tested positive", "test positive", "tests positive",
    "had undergone",
    "diagnosed", "were diagnosed", "are diagnosed", "have", "has", "live with", "are living", "living with",
    "suffer", "are affected", "were affected", "are infected", "lost their lives", "needed hospital",
    "required hospital", "acquired", "contracted", "caught", "stopped", "discontinued", "withdrew",
    "dropped out", "quit", "reported", "relapsed", "recovered", "improved", "responded", "had a", "had an",
    "went on to", "were alive", "were still alive", "survived", "broke", "fell", "flagged", "needed", "sought",
    "visited", "returned", "turned out", "showed signs", "reached", "achieved",
    "were vaccinated", "had been vaccinated", "got vaccinated", "were immunised", "were immunized",
    "fall ill", "fell ill", "falls ill", "became ill", "become ill", "are born", "were born",
)
_COUNT_VERBS = re.compile(
    r"^(?:\s+(?!(?:that|who|whose|which|found|showed|suggests?)\b)[\w-]+){0,7}?\s+"
    rf"(?i:{_alternation(_COUNT_VERB_PHRASES)})\b"
)
_POPULATION_VERBS = re.compile(
    r"^(?:\s+[\w-]+){0,6}?\s+(?i:have|has|live\s+with|are\s+living|living\s+with|suffer|suffers|"
    r"are\s+affected|are\s+diagnosed|die|dies|are\s+infected|will\s+develop|develop)\b"
)
# The words that tell an event. (A trie alternation: `re` tries each branch of a flat one in
# turn at every character; each word is bounded on both sides, so the matches are the same.)
_EVENT_CONTEXT_WORDS = (
    "reaction reactions died death deaths developed case cases event events infection infections infected "
    "diagnosed hospitalised hospitalized hospitalisation hospitalization hospitalisations hospitalizations "
    "admission admissions admitted experienced suffered stopped discontinued acquired relapsed reported attack "
    "attacks stroke strokes fracture fractures progressed withdrawal withdrawals recurrence recurrences visit "
    "visits needed required occurred dropout dropouts dropped flare-up flare-ups complication complications "
    "injury injuries readmission readmissions operations surgery surgeries outcome outcomes broke fell falls "
    "transfusion transfusions flagged"
).split() + ["side effect", "side effects"]
EVENT_CONTEXT = re.compile(rf"(?i:\b(?:{_alternation(_EVENT_CONTEXT_WORDS)})\b)")
# "occurred in 412 patients", "were reported in 14 patients": the number counts events.
# Verbs after which "in N" / "among N" counts those with an event ("occurred in 412 patients").
EVENT_IN_VERBS = (
    r"(?:occurred|reported|seen|observed|diagnosed|recorded|developed|happened|detected|"
    r"confirmed|found|identified|documented|noted|died|recurred|relapsed|fatal)"
)
_EVENT_BEFORE = Lookback(
    rf"(?i:\b(?:{EVENT_IN_VERBS}\s+(?:in|among|by)|infected|killed|sickened)\s+)$",
    {"in", "among", "by", "infected", "killed", "sickened"},
)
# Words inside a group's phrase that make it those with an outcome: "nine positive patients",
# "six of the infected patients" (not "HIV-positive adults", a population studied).
_EVENT_MODIFIERS = re.compile(
    r"(?i:\b(?:infected|positive|hospitali[sz]ed|deceased|affected|symptomatic|sickened)\b)(?<!-positive)"
)
# "the practice's 14,300 registered patients": a service's list
_REGISTERED = re.compile(r"(?i:\bregistered\b)")
# People a day, or on average: the flow through a service, never a study's sample
# What a patient is booked for: a few of them a week or a year is a schedule, not a count.
_SCHEDULED = frozenset({"appointments", "consultations", "visits", "home visits", "gp visits", "injections"})
_PER_PERIOD_AFTER = re.compile(
    rf"\s+(?i:a|per|every|each)\s+(?i:day|night|week|month|year)\b{NOT_WHEN_AFTER}"
)
_AVERAGE_BEFORE = Lookback(r"(?i:\b(?:an\s+average\s+of|on\s+average)\s+)$", {"of", "average"})
# "612 of the 7,108 patients": the number after "N of the" is the whole a part is taken from.
DENOMINATOR_BEFORE = Lookback(
    r"\d[\d,.]*\s+(?i:of|out\s+of)\s+(?:(?i:the|all|these|those)\s+)?$", {"of", "the", "all", "these", "those"}
)
_STUDY_VERBS = (
    "followed enrolled recruited studied included including covering spanning comprising surveyed interviewed "
    "tracked examined analysed analyzed randomised randomized assigned involving involved compared tested comprised "
    "screened scanned of covered reviewed audited assessed evaluated at"
).split()
_STUDY_VERB_BEFORE = Lookback(
    rf"(?i:\b(?:{_alternation([w for w in _STUDY_VERBS if w != 'at'] + ['looked at'])})\s+)$",  # (a trie)
    _STUDY_VERBS,
)
_POPULATION_BEFORE = Lookback(
    r"(?i:\b(?:affects?|affecting|afflicts?|kills?|killed|strikes|burdens?|threatens?)\s+"
    r"(?:(?:an\s+estimated|about|around|nearly|more\s+than|some|roughly|over|almost|up\s+to)\s+)?)$",
    "affect affects affecting afflict afflicts kill kills killed strikes burden burdens threaten threatens "
    "estimated about around nearly than some roughly over almost to".split(),
)
_STRONG_STUDY = re.compile(
    r"(?i:\b(?:enrolled|recruited|participants|trial|cohort|analy[sz]ed|data\s+(?:from|on)|records|"
    r"surveyed|randomi[sz]ed|followed|tracked)\b)"
)
_STUDY_WORD = (
    r"(?:study|studies|trial|trials|research|survey|analysis|analysed|analyzed|meta-analysis|"
    r"participants|enrolled|recruited|cohort|randomi[sz]ed|followed|data\s+(?:\w+\s+){0,2}?from|examined|included|"
    r"involving|involved|sample|volunteers|tested|compared|assigned|tracked|observed|measured|scanned|"
    r"experiment|researchers|scientists|took\s+part|take\s+part|taking\s+part)\b"
)
_STUDY_WORDS = re.compile(rf"(?i:\b{_STUDY_WORD})")
_WORD_CHAR = re.compile(r"\w")

_SPACES = re.compile(r"\s+")
# A service doing its work: "the unit assessed", "the unit's pharmacists reviewed", "nurses screened"
_SERVICE_SUBJECT = re.compile(
    r"(?i:\b(?:unit|unit's|unit’s|clinic|clinic's|service|service's|ward|department|practice|pharmacists|nurses|"
    r"paramedics|midwives|staff|surgeons|hospital|hospitals|centre|center|teams?)\s+(?:[a-z]+\s+){0,3}?"
    r"(?:assessed|reviewed|screened|scanned|examined|tested|saw|treated|evaluated)\s)"
)
_ESTIMATED = re.compile(r"(?i:an\s+estimated|estimated)\b")
_SHARE_AFTER = re.compile(r"\s*\(\s*\d+(?:\.\d+)?\s*(?:%|percent)")
# A group and its share, then what it did or does, not what happened to it: "(18.7%) said they
# swam", "(22.4%) ate legumes", "(30%) did not smoke": the groups a cohort is split into.
_EXPOSURE_AFTER_SHARE = re.compile(
    r"\s*\([^()]{0,20}\)\s+(?:said\s+they\s+|reported\s+(?=eating|drinking|walking|swimming|smoking))?"
    r"(?i:ate|eat|eating|drank|drink|drinking|swam|swim|swimming|walked|walking|cycled|smoked|smoking|exercised|"
    r"did\s+not|didn['’]t|never|rarely|regularly|usually|always|were\s+(?:current|former|never)\s+smokers)\b"
)
_CLAUSE_END = re.compile(r"[.;,:]|$")
_FORMED_BY = re.compile(r"assigned|randomi[sz]ed|allocated|received|given|waiting\s+list")
# "N of them": a part of a group already told, whose number is that of those with an outcome,
# as 54 of the corpus's 55 such parts are annotated, whether or not a study is near; unless
# the part is an arm or those who stayed in a study ("200 of them were assigned to the drug",
# "52 of them completed it").
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these)")
_COMPLETED_AFTER = re.compile(
    r"\s+(?i:completed|finished|stayed|remained\s+in|took\s+part|were\s+(?:included|analy[sz]ed|followed)"
    r"|were\s+(?:randomly\s+)?(?:assigned|randomi[sz]ed|allocated))\b")
_SAMPLE_TAIL = re.compile(r"assigned|randomi[sz]ed|allocated|received|got|used|\bto\b|\bwere\s+\w+$")
_POOLING = re.compile(r"(?i:review|meta-analys|pool|combined|put\s+together|analysis\s+of|inclusion\s+criteria|eligible)")
# "8 trials, 1,426 participants", "28 trials with 5,193 participants": studies pooled, with their people
_POOLED_PEOPLE_AFTER = re.compile(
    r"(?:,|;|\s+with|\s+involving|\s+of)\s+(?:more\s+than\s+|nearly\s+|about\s+|over\s+)?[\d,.]+(?:\s+(?:thousand|million))?\s+"
    r"(?i:participants|patients|people|adults|children|women|men|volunteers|subjects)\b"
)
# "23 reports of headache", "362 reports described herpes zoster": events, not records analysed
_REPORTS_OF = re.compile(r"\s+(?:of|described|mentioned|involved|concerned|cited)\b")


# "9 patients infected", "41 people admitted": those with the outcome, named by the participle.
# "17,000 people who die from it each year": those who die are counted, relative clause or not
_WHO_DIE_AFTER = re.compile(r"\s+(?:who|that)\s+(?:(?:will|would|have|had|then|later)\s+)?(?:die|died|dies)\b")
_INFECTED_AFTER = re.compile(
    r"\s+(?i:infected|colonized|colonised|admitted|hospitali[sz]ed|killed|injured|sickened|vaccinated|immuni[sz]ed)\b(?!\s+(?:to|in|into)\s+(?:the\s+)?(?:study|trial))"
)


@lru_cache(maxsize=1)
def _had_event_after() -> re.Pattern:
    """People who then "had" an event, within their clause: "Two patients had serious adverse
    events", "399 patients on marlesiran and 489 on placebo had a primary event" (not "who had
    a stroke": a relative clause says whom a study took)."""
    events = terms()["event_nouns"] + ["adverse events", "side effects", "side-effects", "primary event", "complications"]
    return re.compile(
        r"(?:\s+(?!(?:that|who|whose|which|found|showed|suggests?)\b)[\w-]+){0,8}?\s+had\s+"
        rf"(?:[\w-]+\s+){{0,3}}?(?i:{_alternation(events)})\b"
    )


# "79 deaths among 207 patients": the group the events happened in
_EVENTS_AMONG_BEFORE = Lookback(r"\d[\d,.]*\s+(?:[a-z][\w-]*\s+){1,2}(?i:among|out\s+of)\s+$", {"among", "of"})
# "251 children have enrolled", "84 volunteers had signed up": a study's group, told by the verb after it
_ENROLLED_VERB_AFTER = re.compile(
    r"\s+(?:(?i:have|has|had)\s+(?:(?i:now|already|so\s+far)\s+)?(?:(?i:been)\s+)?)?"
    r"(?i:enrolled|recruited|signed\s+up|taken\s+part|took\s+part)\b"
)


def _people_kind(text: str, start: int, end: int, value: Value, sentence: str, study_near: _StudyNear) -> str:
    """A number of people: the study's sample, or a count of those who had an outcome?
    (`study_near`: the text's `_StudyNear`.)"""
    if _ESTIMATED.match(text, start, end):
        return "count"  # "an estimated 58,000 children": a population estimate
    if _PER_PERIOD_AFTER.match(text, end) or _AVERAGE_BEFORE.search(text, start - 30, start):
        return "count"  # "around 408 patients every day", "an average of 143 patients": a service's flow
    if _STUDY_VERB_BEFORE.search(text, start - 40, start):
        if _SERVICE_SUBJECT.search(text, max(0, start - 60), start) and not _STUDY_WORDS.search(sentence):
            return "count"  # "the unit assessed 2,146 patients": a service's work, not a study's sample
        return "sample_size"
    if (DENOMINATOR_BEFORE.search(text, start - 25, start) or _EVENTS_AMONG_BEFORE.search(text, start - 40, start)
            or _ENROLLED_VERB_AFTER.match(text, end, end + 40)):
        return "sample_size"  # ("of the 1,264 patients", "79 deaths among 207 patients", "251 children have enrolled")
    if _POPULATION_BEFORE.search(text, start - 40, start):
        return "count"  # "gout affects 200,000 New Zealanders"
    if (_EVENT_BEFORE.search(text, start - 40, start) or _COUNT_VERBS.match(text[end:end + 80])
            or _INFECTED_AFTER.match(text, end) or _WHO_DIE_AFTER.match(text, end)):
        return "count"  # "386 patients died", "9 patients infected"
    if _had_event_after().match(text, end, end + 100):
        return "count"  # "399 patients on the drug and 489 on placebo had a primary event"
    if _SHARE_AFTER.match(text, end, end + 20):
        if _EXPOSURE_AFTER_SHARE.match(text, end, end + 60) and _mentions_a_study(text):
            return "sample_size"  # "9,842 women (18.7%) said they swam": a cohort's exposure group
        return "count"  # "512 patients (16.4%)": those with an outcome, given with their share
    if _POPULATION_VERBS.match(text[end:end + 60]) and not _STUDY_WORDS.search(sentence):
        return "count"  # "1.2 million Americans have diabetes"
    if isinstance(value, (int, float)) and value >= 1_000_000 and not _STRONG_STUDY.search(sentence):
        return "count"  # "about 57 million people worldwide": a population, not a sample
    if not study_near(start):
        return "count"  # an outbreak, a campaign, a service's figures: no study has a sample here
    return "sample_size"


# The words that show an article reports a study (not "compared with last year", "recruited 212
# nurses", "followed by", "examined", which any news story may use).
_STUDY_REPORTED_WORD = (
    r"(?:study|studies|trial|trials|research|researchers|scientists|investigators|survey|surveyed|"
    r"meta-analysis|participants|cohort|randomi[sz]ed|enrolled|volunteers|experiment|took\s+part|"
    r"data\s+(?:\w+\s+){0,2}?(?:from|on)|placebo|dummy\s+pills?|sham|control\s+group|"
    r"take\s+part|taking\s+part)\b"
)
_STUDY_REPORTED = re.compile(rf"(?i:\b{_STUDY_REPORTED_WORD})")
# The same words for the lower-cased text, without the opening `\b`: `re` skips to their first
# letters (the word start is checked on each hit).
_STUDY_REPORTED_LOWER = re.compile(_STUDY_REPORTED_WORD)


@lru_cache(maxsize=4)
def _mentions_a_study(text: str) -> bool:
    """Does the article speak of a study anywhere (a trial, researchers, participants ...)?

    `_STUDY_REPORTED` opens with a word boundary and ignores case, so `re` enters it at every
    character; `_STUDY_REPORTED_LOWER` opens with its words' first letters and runs over the
    lower-cased text, and the word start is checked on each hit (unless the text holds a letter
    that `re` folds otherwise than `str.lower`)."""
    if any(c in text for c in _OTHER_FOLDS):
        return _STUDY_REPORTED.search(text) is not None
    lowered = _lower(text)
    return _word_start_match(_STUDY_REPORTED_LOWER, lowered, 0, len(lowered)) is not None


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # (also read by number_mismatch)
_STUDY_REACH = 1500  # characters before a number in which its study may be named, at most
# The start of a list item: "- ", "* ", "• ", "1. ", "2) " (also read by `tables.list_heading`)
LIST_ITEM_START = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]")
# A study's own words near its numbers, beside `_STUDY_REPORTED`'s: an audit or a pilot has a
# sample too ("Of the 421 children in the audit", "4,800 patients ... in a pilot scheme"), and
# people assigned or allocated to a treatment are an arm of one.
_STUDY_NEAR_EXTRA = re.compile(r"(?i:\b(?:audit|audits|audited|pilot|pilots|evaluation|assigned|allocated)\b)")


_STUDY_NEAR_EXTRA_LOWER = re.compile(r"(?:audit|audits|audited|pilot|pilots|evaluation|assigned|allocated)\b")


def _word_start_match(pattern: re.Pattern, lowered: str, start: int, end: int) -> re.Match | None:
    """The first match of `pattern` in `lowered[start:end]` (searched with `end` as its end)
    that begins a word: the patterns over the lower-cased text open with their words' first
    letters, not with `\b`, so that `re` skips to those letters."""
    match = pattern.search(lowered, start, end)
    while match is not None:
        s = match.start()
        if s == 0 or not _WORD_CHAR.match(lowered, s - 1):
            return match
        match = pattern.search(lowered, s + 1, end)
    return None


class _StudyNear:
    """Whether a study is named near a number, for one text asked at many numbers: each
    number's window (its paragraph and the one before) mostly holds the study word found for a
    number before it.

    The study words found (`_STUDY_REPORTED_LOWER` at a word start) are kept with their ends; a
    window that holds one whole is answered without a search. (Exact: a window ends where a
    paragraph break `\n\n` begins, or at the text's end, so a study word found within one
    window is the match the pattern finds there in any window that holds it whole.)"""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = _lower(text)
        # `re` folds these letters to ASCII ones where `str.lower` does not: then the extra words
        # are looked for in the text itself, ignoring case
        self.folds = not text.isascii() and any(c in text for c in _OTHER_FOLDS)
        self.starts: list[int] = []  # the study words found, in order, and their ends
        self.ends: list[int] = []

    def __call__(self, pos: int) -> bool:
        """Is a study named near `pos`: in its paragraph or the one before (within `_STUDY_REACH`)?
        A charity's release that cites one study counts the people it helped; a study's write-up
        names the study around its numbers."""
        text = self.text
        line_start = text.rfind("\n", 0, pos) + 1
        if LIST_ITEM_START.match(text, line_start):
            return _mentions_a_study(text)  # "KEY NUMBERS - 14,212 patients": a summary list speaks of the whole article
        start = max(0, pos - _STUDY_REACH)
        breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text, start, pos)]
        if len(breaks) >= 2:
            start = breaks[-2]
        end = text.find("\n\n", pos)
        end = len(text) if end < 0 else end
        if self._study_word_in(start, end):
            return True
        if self.folds:
            return _STUDY_NEAR_EXTRA.search(text, start, end) is not None
        return _word_start_match(_STUDY_NEAR_EXTRA_LOWER, self.lowered, start, end) is not None

    def _study_word_in(self, start: int, end: int) -> bool:
        """Does a study word (`_STUDY_REPORTED_LOWER`, at a word start) lie whole in [start, end)?"""
        i = bisect_left(self.starts, start)
        if i < len(self.starts) and self.starts[i] < end and self.ends[i] <= end:
            return True
        match = _word_start_match(_STUDY_REPORTED_LOWER, self.lowered, start, end)
        if match is None:
            return False
        i = bisect_left(self.starts, match.start())
        if i == len(self.starts) or self.starts[i] != match.start():
            self.starts.insert(i, match.start())
            self.ends.insert(i, match.end())
        return True

    def event_noun_in(self, start: int, end: int, event_noun: re.Pattern) -> bool:
        """`event_noun.search(text, start, end)` (`event_noun` of `_group_res`): an event noun
        between a sentence's start and a total (`Deaths ... numbered 131`)."""
        if self.folds:
            return event_noun.search(self.text, start, end) is not None
        return _word_start_match(_event_noun_lower(), self.lowered, start, end) is not None


_SAMPLE_AFTER = re.compile(
    r"\s+(?i:received|were\s+given|got|took|were\s+offered|underwent|were\s+treated|were\s+followed)\b"
)
_DESCRIPTIVE_EVENT = re.compile(r"(?i:\b(?:history\s+of|prior|previous|risk\s+of|frequent|recurrent|with|without)\s+(?:\w+\s+)?$)")


_DESIGN_WORD_LIST = (
    "randomized randomised randomly assigned allocated enrolled recruited split divided included involved involving"
).split()
_DESIGN_WORDS = re.compile(rf"(?i:\b(?:{_alternation(_DESIGN_WORD_LIST)})\b)")  # (a trie: see `EVENT_CONTEXT`)


def _nearest_signal_is_event(before: str) -> bool:
    """In the words before a number, is the nearest cue an event ("adverse reactions ... four in
    the insulin group") rather than the study design ("randomized 312 ... : 104 in the arm")?"""
    last_event = -1
    for e in EVENT_CONTEXT.finditer(before):
        if not _DESCRIPTIVE_EVENT.search(before[:e.start()]):
            last_event = e.start()
    last_study = max((m.start() for m in _DESIGN_WORDS.finditer(before)), default=-1)
    return last_event > last_study


def _arm_kind(text: str, m: re.Match, tail: str, sentence: tuple[int, int], study_near: _StudyNear) -> str:
    """The number of an arm or subgroup: its size (sample) or how many in it had an outcome
    (count)? (`study_near`: the text's `_StudyNear`.)"""
    s_start, s_end = sentence
    before = text[max(s_start, m.start() - 100):m.start()]
    after = text[m.end():s_end]
    clause_after = after[:_CLAUSE_END.search(after).start()]
    edge = max(s_start, m.start() - 100)
    if (_STUDY_VERB_BEFORE.search(text, max(edge, m.start() - 40), m.start()) or _SAMPLE_AFTER.match(after)
            or DENOMINATOR_BEFORE.search(text, max(edge, m.start() - 25), m.start())
            or _EVENTS_AMONG_BEFORE.search(text, max(edge, m.start() - 40), m.start())):
        return "sample_size"
    if _FORMED_BY.search(tail):
        # the tail itself says how the group was formed: a study's arm ("received the drug"), or
        # what a service gave ("1,312 households received grants")
        return "sample_size" if study_near(m.start()) else "count"
    if tail.lstrip().startswith("of the ") and _EVENT_MODIFIERS.search(tail):
        return "count"  # "six of the infected patients"
    if _COUNT_VERBS.match(after) or EVENT_CONTEXT.search(clause_after) or _EVENT_BEFORE.search(text, max(edge, m.start() - 40), m.start()):
        return "count"
    if not study_near(m.start()):
        return "count"  # "33 were children", "131 of the patients": part of an outbreak's or a service's people
    if _SAMPLE_TAIL.search(tail):
        return "sample_size"
    return "count" if _nearest_signal_is_event(before) else "sample_size"


@lru_cache(maxsize=1)
def _noun_sets() -> tuple[frozenset, frozenset, frozenset, frozenset]:
    """Event, pooled and record nouns (lower-case), and the words no group follows."""
    t = terms()
    return (
        frozenset(w.lower() for w in t["event_nouns"]),
        frozenset(w.lower() for w in t["pooled_nouns"]),
        frozenset(w.lower() for w in t["record_nouns"]),
        frozenset(t["not_people_before_number"]),
    )


@lru_cache(maxsize=1)
def _staff_nouns() -> frozenset:
    """The people a service employs (lower-case): counted, unless a study asked them."""
    return frozenset(w.lower() for w in terms()["staff_nouns"])


def _blocked_before(text: str, start: int, before: str, blocked: frozenset) -> bool:
    """"aged 40 patients", "top 10 hospitals": the word before the number says it is no group;
    but across a comma it says nothing ("Over three years, 1,102 participants")."""
    if before not in blocked and before.rstrip("-") not in blocked:
        return False
    if before in _TIME_PHRASE_ENDS and _TIME_PHRASE_BEFORE.search(text, max(0, start - 30), start):
        return False  # "Last year 31,700 kits were ordered": a time phrase, not "Year 7 pupils"
    return before in ("aged", "age", "ages") or bool(_WORD_TOUCHING.search(text, max(0, start - 30), start))


def _an_age(text: str, start: int) -> bool:
    """`aged 65 had a fall`, `respondents over 75 reported`: the number at `start` is an age."""
    words = _preceding_words(text, start, 2)
    if not words:
        return False
    if words[-1] in _AGE_WORDS:
        return True
    bound = _AGE_BOUND_BEFORE.search(text, max(0, start - 40), start)  # (no comma between: "Of 300 patients, over 65 died")
    return bound is not None and (bound[1].lower() in _AGE_WORDS or bound[1].lower() in people_last_words())


_AGE_BOUND_BEFORE = re.compile(r"\b([A-Za-z]+)\s+(?i:over|under)\s+$")


_AGE_WORDS = frozenset({"aged", "age", "ages"})


@lru_cache(maxsize=1)
def people_last_words() -> frozenset:
    """The last word of each people noun, lower-case ("patients", "adults", "residents")."""
    return frozenset(noun.lower().split()[-1] for noun in terms()["people_nouns"])


# "the larger one", "the other one": "one" a pronoun, not a number
_ONE_AS_PRONOUN_AFTER = frozenset(
    "the a this that which each every any no other another larger smaller bigger first second last only new old".split())


def _after_age_range(text: str, start: int) -> bool:
    """`aged 9 to 14 received`: the number closes an age range."""
    if not text[max(0, start - 5):start].rstrip().endswith(("to", "and", "-", "–")):
        return False
    return bool(_AGE_RANGE_BEFORE.search(text, max(0, start - 25), start))


def _noun_text(noun: str) -> str:
    """A matched group noun lower-cased, its spaces made one ("adverse  events")."""
    noun = noun.lower()
    return noun if noun.isalpha() else _SPACES.sub(" ", noun)


# "The number who walked out of hospital alive was 117", "the figure a year earlier was 3,120",
# "the total trained ... stood at 9,600": a count named before its number, in the same clause
# (no digit, stop or semicolon between), the number alone after the verb (not "12%", "6 weeks",
# "1.3 per 1,000"). Not "the number needed to treat was 83", a measure of effect.
_NAMED_TOTAL = re.compile(
    r"\b(?i:the|that|this|their|its)\s+(?:[a-z']+\s+){0,2}?(?i:number|figure|total|tally|attendance|waiting\s+list|backlog|caseload)\b"
    r"(?!\s+(?i:needed|of\s+(?:times|days|weeks|months|years|hours|minutes)))"
    # (a year may name which: "The figure for 2024 was 112")
    r"(?:[^\d.;:!?\n]|\b(?:19|20)\d\d\b){0,80}?\b(?i:was|is|were|are|stood\s+at|came\s+to|totalled|totaled|reached|rose\s+to|fell\s+to|climbed\s+to|dropped\s+to)"
    rf"\s+(?:(?i:now|then|just)\s+)?{QUAL}(?P<a>{NUM})(?!\s*(?:%|[-\u2010]|(?i:per\b|percent\b|in\s+\d|{TIME_UNITS}\b)"
    # (a word after the number is its unit, "was 12 times", but for a preposition or a linking
    # word: "stood at 71,460 at the end of September")
    r"|(?!(?:at|in|on|by|for|from|as|and|but|compared|down|up|across|among|after|before|last|this)\b)[a-z]))"
)
_TOTAL_WORDS = ("number", "figure", "total", "tally", "attendance", "waiting list", "backlog", "caseload")
# (a cheap test first, in the lower-cased text after the word: a verb of `_NAMED_TOTAL`, then a digit)
_TOTAL_VERB_NEAR = re.compile(r"\b(?:was|is|were|are|stood|came|totall?ed|reached|rose|fell|climbed|dropped)\s+(?:[a-z]+\s+){0,3}?\d")
# "The vaccine group had 5,458 participants and the placebo group 5,454": the second arm's size,
# its verb and noun left out.
_ELIDED_ARM = re.compile(
    r"\b(?i:and|while|with)\s+(?i:the)\s+(?:[\w-]+\s+){0,3}?(?i:group|arm|cohort)\s+"
    rf"(?P<a>{NUM})(?=\s*(?:[.;)]|,\s|$))"
)
_ARM_WORDS = ("group ", "arm ", "cohort ")
# "the 7,104 people who received the vaccine and the 7,180 who received placebo": the second arm
# told by the same relative clause as the first, its noun left out
_WHO_GOT = r"(?i:who|that)\s+(?i:received|were\s+given|got|took|were\s+assigned|were\s+randomi[sz]ed)\b"
_WHO_ARM = re.compile(rf"\b(?i:and|while|versus|vs\.?)\s+(?:(?i:the)\s+)?(?P<a>{NUM})\s+{_WHO_GOT}")
_FIRST_WHO_ARM = re.compile(rf"\d[\d,]*\s+(?:[A-Za-z-]+\s+){{0,2}}?{_WHO_GOT}")


# "They were randomly split into three groups: 82 did supervised HIIT, 80 did moderate-intensity
# training, and 86 stayed on the waiting list": the arms of a split, listed after its colon, each
# a number and what its people did.
_SPLIT_INTO = re.compile(
    r"(?i:\b(?:split|divided|randomi[sz]ed|assigned|allocated|separated)\s+(?:[a-z]+\s+){0,2}?into\s+"
    r"(?:two|three|four|five|2|3|4|5)\s+(?:[a-z-]+\s+)?(?:groups|arms))\s*:[^\S\n]*"
)
_SPLIT_ARM = re.compile(rf"(?:(?i:and)\s+)?(?P<a>{NUM})\s+(?P<verb>[a-z]+)\b")
_SPLIT_ARM_GAP = re.compile(r"[^,;.\n]*[,;][^\S\n]*")  # the rest of an arm, to the comma before the next


@lru_cache(maxsize=4)
def split_arm_lists(text: str) -> tuple[tuple[ClaimMatch, ...], ...]:
    """Each list of arms after "split into three groups:", in order: each arm a sample size
    (its number and verb, "82 did"). Read once a text: the claims and number_mismatch both ask."""
    if " into " not in text:
        return ()
    return tuple(tuple(_arms_after(text, m.end())) for m in search_near(_SPLIT_INTO, text, find_all(text, (" into ",)), 60, 60))


def _arms_after(text: str, pos: int) -> Iterator[ClaimMatch]:
    while True:
        arm = _SPLIT_ARM.match(text, pos)
        value = _num(arm["a"]) if arm else None
        if arm is None or value is None or _is_year(arm["a"]):
            return
        yield ClaimMatch("sample_size", arm.start("a"), arm.end(), value)
        gap = _SPLIT_ARM_GAP.match(text, arm.end())
        if gap is None:
            return  # the sentence or line ends: the last arm
        pos = gap.end()


# "4,310 cases and 18,902 controls", "12,480 cases with 131,625 controls": the two samples of a
# case-control study or a genome-wide association study
_CONTROLS_AFTER = re.compile(
    rf"\s+(?i:and|with|versus|vs\.?|compared\s+with)\s+(?:(?i:the)\s+)?{NUM}\s+(?:[\w-]+\s+)?(?i:controls)\b"
)


# "412 — lab-confirmed influenza cases reported ...": a "by the numbers" line, its number first,
# then a dash and what it counts. Read as if the dash were spaces (same length: offsets hold).
_NUMBER_DASH_LINE = re.compile(rf"^(?:{DIGIT_NUMBER})(?:\s+(?i:million|thousand|billion))?(?P<dash>\s*[\u2014\u2013]\s*)(?=[a-z])", re.M)


def _numbers_first(text: str) -> str:
    if "\u2014" not in text and "\u2013" not in text:
        return text
    return _NUMBER_DASH_LINE.sub(lambda m: m.group()[:m.start("dash") - m.start()] + " " * len(m["dash"]), text)


def find_groups(text: str, sentence_of: Callable[[int], tuple[int, int]]) -> Iterator[ClaimMatch]:
    """Sample sizes and counts: a number heading a noun of people, records or events."""
    text = _numbers_first(text)
    events, pooled, records, blocked = _noun_sets()
    staff = _staff_nouns()
    noun_re, n_equals, enrolled, arm, bare_count, second_arm, placeholder, enrolled_after, event_total, event_noun = _group_res()
    for m in placeholder.finditer(text) if "XNUMX" in text else ():
        noun = _noun_text(m["noun"])
        yield ClaimMatch("count" if noun in events else "sample_size", m.start(), m.end(), None, unit=noun)
    mentions = number_mentions(text)
    noun_ats, arm_ats = _noun_and_arm_candidates(text, mentions)
    study_near = _StudyNear(text)
    # (`range_ends`: a number followed by a digit is tried only as the first of a range, "5-10
    # patients", with a noun or a modifier after it; the `arm` pattern reads no range.)
    previous: ClaimMatch | None = None  # the last group found by `noun_re`
    for m in _scan(noun_re, text, only=noun_ats, range_ends=_noun_may_follow):
        if _is_year(m["a"]):
            if not m["b"] or _is_year(m["b"]):
                continue
            m = noun_re.match(text, m.start("b"))  # "2020 — 61 deaths": a year labelling a count
            if m is None or m["b"]:
                continue
        before = _preceding_word(text, m.start())
        if _blocked_before(text, m.start(), before, blocked):
            continue
        if before == "" and _HEADING_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "## 5 Appraisal committee members": a section's number
        if _after_age_range(text, m.start()) or _an_age(text, m.start("a")):
            continue  # ("people over 65 falls at least once a year")
        value = _range_or_value(m["a"], m["b"])
        if value is None or (isinstance(value, (int, float)) and value <= 0):
            continue
        if m["mods"] and _SCALE_MODS.search(m["mods"]):
            continue  # "on the five-point scale doctors use": a scale's points, no group
        noun = _noun_text(m["noun"])
        if not m["b"] and noun not in events and _POINT_GROUPED.fullmatch(m["a"]):
            value = int(m["a"].replace(".", ""))  # "1.200 patients": no fraction of a person, thousands grouped by points
        if noun in _FEW_NOT_COUNTED and isinstance(value, (int, float)) and value < _FEW_NOT_COUNTED[noun]:
            continue  # "9,460 doses of MMR vaccine" were given, "two doses" is a schedule; "three items" of a questionnaire
        if noun in _SCHEDULED and isinstance(value, (int, float)) and value <= 12 and _PER_PERIOD_AFTER.match(text, m.end()):
            continue  # "two appointments a year": a schedule; "120 extra appointments a week" are counted
        noun_is_event = (noun in events or noun.endswith(_OPERATION_ENDINGS)) and not (
            noun == "cases" and _CONTROLS_AFTER.match(text, m.end()))  # "4,310 cases and 18,902 controls": a case-control sample
        if m["change"] and (noun in pooled or noun in records):
            continue  # "five more studies", "two fewer reports": no count of people or events
        s_start, s_end = sentence_of(m.start())
        sentence = text[s_start:s_end]
        if noun in pooled:
            pooling = _POOLING.search(sentence) or _POOLED_PEOPLE_AFTER.match(text, m.end())
            if before not in _POOLED_BEFORE and not pooling:
                continue
            if before == "in" and not pooling and _preceding_words(text, m.start())[0] in _PUBLISHED_IN:
                continue  # "reported in three papers": where the results appeared, not a review's sample
            kind = "sample_size"
        elif noun_is_event and _ANALYSED_BEFORE.search(text, m.start() - 40, m.start()):
            kind = "sample_size"  # "looked at 9,406 cycling injuries": the records a study analysed
        elif noun_is_event or m["change"]:
            kind = "count"  # (with "more"/"fewer": "400 more volunteer drivers", a count of people needed or lost)
        elif noun == "reports" and _REPORTS_OF.match(text, m.end(), m.end() + 14):
            kind = "count"  # "23 reports of headache": events, not the records analysed
        elif noun in records:
            kind = "sample_size"
        elif _EVENT_MODIFIERS.search(m["mods"] or "") and not _STUDY_VERB_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            kind = "count"  # "nine positive patients"
        elif _REGISTERED.search(m["mods"] or ""):
            kind = "count"  # "the practice's 14,300 registered patients": a service's list
        elif noun in staff and not _STAFF_STUDIED.search(sentence):
            kind = "count"  # "a team of 14 consultant surgeons": a service's staff, not a study's sample
        else:  # "reported by 41, 66 and 9 participants": the words before the list decide
            kind = _people_kind(text, list_head(text, m.start()), m.end(), value, sentence, study_near)
        if value == 1 and _qualifier(m) in ("more than", "over", "at least"):
            continue  # "more than one infection": not a count of anything
        if m["a"].lower() in ("one", "a") and m["mods"].strip() and noun not in events:
            continue  # "one thing you wish people ...": `one` takes no modifiers
        if value == 1 and noun in _ONE_PERSON and not (
                _COUNT_VERBS.match(text[m.end():m.end() + 80]) or _INFECTED_AFTER.match(text, m.end())):
            continue  # "One woman said ...": someone in a story; "one child has died" is a count
        if (previous is not None and previous.unit == noun and previous.end >= s_start
                and _PARALLEL_GROUP.fullmatch(text, previous.end, m.start())):
            kind = previous.kind  # "in 94 vaccine recipients and 101 placebo recipients": one kind
        elif previous is not None and previous.end >= s_start and _PART_OF_GROUP.fullmatch(text, previous.end, m.start()):
            kind = previous.kind  # "1,830 people (waiting), including 512 children": the group's kind
        previous = ClaimMatch(kind, m.start(), m.end(), value, unit=noun, qualifier=_qualifier(m))
        yield previous
    for m in search_near(n_equals, text, find_all(text, ("=",)), before=4, after=30):
        yield ClaimMatch("sample_size", m.start(), m.end(), _num(m["a"]))
    for m in _scan(arm, text, only=arm_ats, range_ends=()):
        if _is_year(m["a"]) or _blocked_before(text, m.start(), _preceding_word(text, m.start()), blocked):
            continue
        if _after_age_range(text, m.start()):
            continue
        value = _num(m["a"])
        if value is None or value <= 0:
            continue
        tail = m["tail"].lower()
        if m["qual"] and m["qual"].lower() in ("an estimated",):
            yield ClaimMatch("count", m.start(), m.end(), value, qualifier=_qualifier(m))
            continue
        if value == 1 and m["a"].lower() == "one" and tail.strip().startswith("of"):
            continue  # "one of them": a pronoun, not a number of anyone
        noun = _noun_text(m["noun"] or "")
        if noun in events or (
                _OF_THEM.fullmatch(tail) and not (_COMPLETED_AFTER.match(text, m.end()) or _SAMPLE_AFTER.match(text, m.end()))):
            kind = "count"  # "121 of them", "31 of those": the part of a group told before that had an outcome
        else:
            kind = _arm_kind(text, m, tail, sentence_of(m.start()), study_near)
        yield ClaimMatch(kind, m.start(), m.end(), value, qualifier=_qualifier(m))
    for m in _scan(second_arm, text, wants={"to"}):
        s_start, _ = sentence_of(m.start())
        if _is_year(m["a"]) or not _ASSIGNMENT.search(text, s_start, m.start()):
            continue
        end = m.end() if m["word"] else m.end("a")  # "428 to 5 mg": the dose is a claim of its own
        yield ClaimMatch("sample_size", m.start(), end, _num(m["a"]))
    bare = [at for at in mentions if at.next in _BARE_COUNT_FIRST or (at.next == "" and "(" in text[at.pos:at.pos + 40])]
    for m in _scan(bare_count, text, only=bare):
        value = _num(m["a"])
        if _is_year(m["a"]) or value is None or value <= 0 or _after_age_range(text, m.start()) or _an_age(text, m.start("a")):
            continue  # (not "people aged 40 to 64 said they woke", "respondents over 75 reported ...")
        if m["a"].lower() == "one" and _preceding_word(text, m.start("a")) in _ONE_AS_PRONOUN_AFTER:
            continue  # "The larger one came back from the lab": a pronoun
        yield ClaimMatch("count", m.start(), m.end(), value, qualifier=_qualifier(m))
    lowered = _lower(text)
    arms = [(a, e) for a, e in find_all(lowered, _ARM_WORDS) if text[e:e + 1].isdigit()]  # ("group 5,454")
    for m in search_near(_ELIDED_ARM, text, arms, before=60, after=20):
        value = _num(m["a"])
        if not _is_year(m["a"]) and value is not None and value > 1 and _ASSIGNMENT_OR_GROUPS.search(text, max(0, m.start() - 200), m.start()):
            yield ClaimMatch("sample_size", m.start("a"), m.end("a"), value)
    for arms in split_arm_lists(text):
        yield from arms
    whos = find_all(lowered, (" who ",)) if " who " in lowered else ()
    for m in search_near(_WHO_ARM, text, whos, before=40, after=30):
        value = _num(m["a"])
        if (not _is_year(m["a"]) and value is not None and value > 1
                and _FIRST_WHO_ARM.search(text, max(0, m.start() - 160), m.start())):
            yield ClaimMatch("sample_size", m.start("a"), m.end(), value)
    totals = [(a, e) for a, e in find_all(lowered, _TOTAL_WORDS) if _TOTAL_VERB_NEAR.search(lowered, e, e + 130)]
    for m in search_near(_NAMED_TOTAL, text, totals, before=30, after=140):
        value = _num(m["a"])
        if not _is_year(m["a"]) and value is not None and value > 1:
            yield ClaimMatch("count", m.start(), m.end(), value, qualifier=_qualifier(m))
    totals, enrolled_ats = _after_cue_words(text, mentions)
    for m in _scan(event_total, text, only=totals):
        s_start, _ = sentence_of(m.start())
        if _is_year(m["a"]) or not study_near.event_noun_in(s_start, m.start(), event_noun):
            continue
        if _blocked_before(text, m.start(), _preceding_word(text, m.start()), blocked):
            continue  # "pupils in Years 1–2": a school year
        for part in ("a", "b"):
            if m[part] and not _is_year(m[part]):
                yield ClaimMatch("count", m.start(part) if part == "b" else m.start(), m.end(part), _num(m[part]),
                                 qualifier=_qualifier(m) if part == "a" else None)
    for m in _scan(enrolled_after, text, wants=_ENROLLED_AFTER_NEXT):
        part = "a" if m["a"] else "b"
        if _is_year(m[part]) or (_num(m[part]) or 0) <= 1:
            continue
        yield ClaimMatch("sample_size", m.start(part), m.end(), _num(m[part]))
    for m in _scan(enrolled, text, only=enrolled_ats):
        if not _ENROLLED_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        if _is_year(m["a"]) or (_num(m["a"]) or 0) <= 1:
            continue
        start = m.start("qual") if m["qual"] else m.start("a")
        # "the remaining 38" of an outbreak's cases are counted; of a study's, they are a sample
        kind = "sample_size" if _mentions_a_study(text) or _STUDY_CUE_BEFORE.search(text, max(0, m.start() - 20), m.start()) else "count"
        yield ClaimMatch(kind, start, m.end(), _num(m["a"]), qualifier=_qualifier(m))


