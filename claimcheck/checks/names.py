"""`name_variant`: one person or organisation spelled two ways in one article.

`Dr. Axel Wollmer` ... `Wollmer said` (5 times) ... `Woolmer said` (twice): the minority
spelling is flagged at each occurrence, with the majority spelling as the suggestion.

No model is needed (the default pipeline is `spacy.blank("en")`):

1. Candidates are capitalised words in name contexts: after a title (`Dr.`, `Prof.`, `Ms`),
   beside a speech verb (`Wollmer said`, `said Dr. Ingrid Halvorsen`, `Halvorsen explained`),
   after `according to` / `led by`, before `and his team`, between `the` and a team word
   (`the Barrocal team`, `the Okafor lab`), as `First Surname` followed by an
   apposition (`Henrik Kjellberg, a medical oncologist`), before an organisation word
   (`Semmelweis University`); PERSON/ORG entities count too when a model ran.
2. Spellings are grouped by edit distance with rapidfuzz (one edit on words of five letters
   or more, two on words of eight or more), same first letter or sound (`C`/`K`:
   `Kavanagh`/`Cavanagh`).
3. Not variants: a word added at the end (`Paris`/`Parish`, plurals, `Okafor's`), words the
   article also uses in lower case (ordinary words at the start of a sentence), two people
   introduced with different first names (`Dr. Anna Berg`, `Tom Bergh`), a spelling
   introduced with its own first name that the other never has.

Cost: ~0.06 ms per article, with the token offsets and the lower-cased text it reads first
through `checks.shared` (once per Doc, for the checks after it too). Nothing is read token by
token unless two capitalised spellings of the article are alike (~6% of articles); then only
the runs holding such spellings are.

Word lists live in `data/names.json`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA
from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Token

from ..data import load_data
from ..nlp.sentences import doc_text
from .registry import Hit, register
from .shared import lowered_text, token_starts_and_lowers

_DATA_FILE = "names.json"
_LIST_KEYS = {
    "titles", "speech_verbs", "after_name_words", "after_the_name_words", "before_name_words", "org_words", "not_names",
    "surname_particles", "foreign_of", "post_nominals",
}
_KEYS = _LIST_KEYS | {"gendered_titles"}


@lru_cache(maxsize=1)
def word_lists() -> dict:
    """The lists of `data/names.json`, validated once (unknown keys rejected)."""
    raw = load_data(_DATA_FILE, _KEYS, string_lists=_LIST_KEYS)
    lists: dict = {key: frozenset(raw[key]) for key in _LIST_KEYS}
    gendered = raw["gendered_titles"]
    if not isinstance(gendered, dict) or set(gendered) != {"male", "female"}:
        raise ValueError(f"{_DATA_FILE}: 'gendered_titles' must have exactly the keys 'male' and 'female'")
    lists["gendered_titles"] = {k: frozenset(v) for k, v in gendered.items()}
    lists["speech_verbs"] = frozenset(w.lower() for w in lists["speech_verbs"])
    lists["before_name_words"] = tuple(sorted((w.lower().split() for w in lists["before_name_words"]), key=len, reverse=True))
    lists["after_name_words"] = tuple(sorted((w.lower().split() for w in lists["after_name_words"]), key=len, reverse=True))
    lists["after_the_name_words"] = tuple(w.lower().split() for w in lists["after_the_name_words"])
    return lists


_NAME_CHARS = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))+$")


def is_name_token(token: Token) -> bool:
    """`Wollmer`, `O'Brien`, `McDonald`: capitalised, with lower-case letters, no digits."""
    return _is_name_text(token.text)


def _is_name_text(text: str) -> bool:
    return (
        len(text) >= 2 and text[0].isupper() and any(c.islower() for c in text[1:])
        and _NAME_CHARS.match(text) is not None
    )


@dataclass
class Spelling:
    """Everything the article says about one spelling of a name."""

    form: str
    occurrences: list[tuple[int, int]] = field(default_factory=list)  # char spans
    in_context: int = 0  # occurrences in a name context
    first_names: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)  # the names before it in any run ("Chen Yuxuan team")
    titles: set[str] = field(default_factory=set)
    org: bool = False
    org_words: set[str] = field(default_factory=set)  # "University" in "Semmelweis University"


class _TokenTexts:
    """The tokens' texts, each sliced from the Doc's text when asked for (by index or slice, as
    from a list): the few around the names are read, and slicing all of an article's tokens
    up front cost ~60 us."""

    def __init__(self, text: str, starts: list[int], lengths: list[int]) -> None:
        self._text, self._starts, self._lengths = text, starts, lengths

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self._starts)))]
        start = self._starts[i]
        return self._text[start:start + self._lengths[i]]


@dataclass
class _Tokens:
    """The Doc's tokens as plain Python lists, read once through arrays: making a Token object
    for each of an article's ~2,000 tokens (or for each context word looked at) costs more
    than the rest of this check."""

    texts: _TokenTexts  # every token's text
    starts: list[int]  # every token's character offset
    lengths: list[int]  # every token's length
    spacy: list[int]  # whether each token is followed by a space
    names: list[int]  # indices of the name tokens, sorted
    is_name: set[int]  # the same, as a set


def _name_tokens(doc: Doc) -> _Tokens:
    text = doc_text(doc)
    array = doc.to_array([IDX, LENGTH, SPACY])
    starts, lengths = array[:, 0].tolist(), array[:, 1].tolist()
    texts = _TokenTexts(text, starts, lengths)
    candidates = _capitalised(text, array[:, 0], lowered_text(doc)).tolist()
    names = [i for i in candidates if _is_name_text(texts[i])]
    return _Tokens(texts, starts, lengths, array[:, 2].tolist(), names, set(names))


def _capitalised(text: str, starts: np.ndarray, lowered: str | None = None) -> np.ndarray:
    """Indices of the tokens (given by their start offsets) that can be names: a name begins
    with an upper-case letter, which lower-casing changes (all tokens when lower-casing
    changes the text's length, as the offsets then no longer line up). `lowered`:
    `text.lower()`, if known."""
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) != len(text) or not len(starts):
        return np.arange(len(starts))
    changed = np.frombuffer(text.encode("utf-32-le"), np.uint32) != np.frombuffer(lowered.encode("utf-32-le"), np.uint32)
    return np.nonzero(changed[starts])[0]


def _long_capitalised_forms(doc: Doc) -> set[str]:
    """The distinct texts of the tokens `_capitalised` keeps that have five characters or more:
    every spelling `_similar` can pair is among them. (Read without the tokens' lengths: a
    token's text is what lies before the next token, less the space that may follow it; a
    name ends with a letter, so stripping trailing whitespace gives back a name exactly.)"""
    text = doc_text(doc)
    if not len(doc):
        return set()
    starts = token_starts_and_lowers(doc)[:, 0].astype(np.int64)
    ends = np.append(starts[1:], len(text))
    kept = _capitalised(text, starts, lowered_text(doc))
    kept = kept[ends[kept] - starts[kept] >= 5]
    forms = {text[s:e].rstrip() for s, e in zip(starts[kept].tolist(), ends[kept].tolist())}
    forms.discard("")  # a whitespace token, kept when lower-casing moved the offsets ("İ")
    return forms


def _similar_names(forms: set[str]) -> set[str]:
    """The `forms` that are names `_similar` to another of them: the only spellings that can be
    flagged or suggested (in ~95% of articles there are none, and nothing more is done)."""
    alike: set[str] = set()
    # `_similar` pairs only names of five letters or more, with the same first letter: sorted by
    # first letter and length, each form is compared with the few after it that may be alike
    entries = [(_initial(lower), len(lower), lower, form) for form in forms if len(form) >= 5 for lower in [form.lower()]]
    entries.sort()
    n = len(entries)
    for i in range(n):
        initial, length, a_lower, a = entries[i]
        j = i + 1
        while j < n:
            b_initial, b_length, b_lower, b = entries[j]
            if b_initial != initial or b_length > length + 2:
                break  # another first letter, or longer by more than the two letters two edits add
            j += 1
            # two edits at most, as `_similar` asks, tested first as it is cheap
            if OSA.distance(a_lower, b_lower, score_cutoff=2) > 2:
                continue
            if _similar(a, b, people=True) and _is_name_text(a) and _is_name_text(b):  # (the loosest: people decide later)
                alike.update((a, b))
    return alike


def _name_runs(tokens: _Tokens) -> Iterator[tuple[int, int]]:
    """Runs of name tokens on one line (`Axel Wollmer`, `Amara Osei-Bonsu`), as token ranges; a
    surname particle may stand between two (`Pádraig Ó Briain`, `Órla Ní Bhriain`)."""
    is_name, texts, spacy = tokens.is_name, tokens.texts, tokens.spacy
    particles = word_lists()["surname_particles"]
    n = len(texts)
    run_end = 0
    for i in tokens.names:  # a run begins at a name token that no earlier run took in
        if i < run_end:
            continue
        j = i + 1
        while j < n:
            if j in is_name and j - 1 in is_name and spacy[j - 1]:
                j += 1
            elif (texts[j] == "-" and not spacy[j - 1] and not spacy[j]
                  and j + 1 < n and j + 1 in is_name):
                j += 2
            elif j - 1 in is_name and spacy[j - 1] and spacy[j] and j + 1 < n and j + 1 in is_name and texts[j] in particles:
                j += 2
            else:
                break
        yield i, j
        run_end = j


@lru_cache(maxsize=1)
def _phrase_index() -> tuple[dict[str, list[list[str]]], dict[str, list[list[str]]]]:
    """`before_name_words` by their last word and `after_name_words` by their first, so a
    context is compared with the few phrases that can match rather than all ~50."""
    lists = word_lists()
    before: dict[str, list[list[str]]] = defaultdict(list)
    after: dict[str, list[list[str]]] = defaultdict(list)
    for phrase in lists["before_name_words"]:
        before[phrase[-1]].append(phrase)
    for phrase in lists["after_name_words"]:
        after[phrase[0]].append(phrase)
    return dict(before), dict(after)


def _is_team_of(texts: list[str], start: int, end: int, after: list[str], phrases: tuple[list[str], ...]) -> bool:
    """`the Barrocal team`, `The Okafor lab`: a one-word name between `the` and a team word
    (`team`, `group`, `lab` ...). A run that begins with `The` holds the article itself."""
    after_the = (end - start == 2 and texts[start] == "The") or (
        end - start == 1 and start > 0 and texts[start - 1].lower() == "the")
    return after_the and any(after[:len(phrase)] == phrase for phrase in phrases)


def _in_person_context(texts: list[str], start: int, end: int, lists: dict) -> tuple[bool, str | None]:
    """Whether the run texts[start:end] stands where a name stands; and the title before it.
    (`str.lower`, `islower`, `isalpha` are what spaCy's `lower_`, `is_lower`, `is_alpha` are.)"""
    if start > 0 and texts[start - 1] in lists["titles"]:
        return True, texts[start - 1]
    # "said Halvorsen", "said lead author Colm Arkwright": a speech verb, then at most two
    # lower-case words
    speech_verbs = lists["speech_verbs"]
    for k in range(start - 1, max(-1, start - 4), -1):
        word = texts[k]
        if word.lower() in speech_verbs:
            return True, None
        if not (word.islower() and word.isalpha()):
            break
    before_index, after_index = _phrase_index()
    before = [t.lower() for t in texts[max(0, start - 3):start]]
    # only the phrases ending with the word just before the run can match
    if before and any(before[-len(phrase):] == phrase for phrase in before_index.get(before[-1], ())):
        return True, None
    after = [t.lower() for t in texts[end:end + 4]]
    if after and after[0] in speech_verbs:
        return True, None
    if len(after) >= 2 and after[0] == "," and after[1] in speech_verbs:
        return True, None
    # only the phrases starting with the word just after the run can match
    if after and any(after[:len(phrase)] == phrase for phrase in after_index.get(after[0], ())):
        return True, None
    if _is_team_of(texts, start, end, after, lists["after_the_name_words"]):
        return True, None
    # an apposition after a full name: "Henrik Kjellberg, a medical oncologist"
    if end - start >= 2 and len(after) >= 2 and after[0] == "," and after[1] in ("a", "an", "the", "who"):
        return True, None
    # a degree after a full name: "Theodore Vanterpool, PhD"
    if end - start >= 2 and len(after) >= 2 and after[0] == "," and texts[end + 1].rstrip(".") in lists["post_nominals"]:
        return True, None
    # the first of a reference's authors: "Vanterpol T, Moreno-Kyle A."
    if end - start == 1 and end + 3 < len(texts) and _INITIALS.fullmatch(texts[end]) and texts[end + 1] == "," \
            and texts[end + 2][:1].isupper() and any(_INITIALS.fullmatch(t) for t in texts[end + 3:end + 6]):
        return True, None
    return False, None


_INITIALS = re.compile(r"[A-Z]{1,2}\.?")


def _collect(doc: Doc, lists: dict, wanted: set[str], tokens: _Tokens) -> dict[str, Spelling]:
    """The `wanted` capitalised name-like words (and others beside them), with what their
    contexts say about them (`tokens`: `_name_tokens(doc)`). Only the runs holding a wanted
    word are read: what is known of a spelling comes from the runs it is in."""
    spellings: dict[str, Spelling] = {}
    entity_tokens: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG"):
            entity_tokens.update(range(ent.start, ent.end))
    titles, org_words, particles, foreign_of = lists["titles"], lists["org_words"], lists["surname_particles"], lists["foreign_of"]
    texts, starts, is_name = tokens.texts, tokens.starts, tokens.is_name
    n_tokens = len(texts)
    for start, end in _name_runs(tokens):
        # a run holds name tokens, the hyphens and particles joining them; keep the names
        names = [i for i in range(start, end) if i in is_name and texts[i] not in particles]
        if not any(texts[i] in wanted for i in names):
            continue
        for i in names:
            form = texts[i]
            spelling = spellings.setdefault(form, Spelling(form))
            spelling.occurrences.append((starts[i], starts[i] + len(form)))
            if i in entity_tokens:
                spelling.in_context += 1
        in_context, title = _in_person_context(texts, start, end, lists)
        while len(names) > 1 and texts[names[0]] not in titles and doc.vocab[texts[names[0]].lower()].is_stop:
            names.pop(0)  # a sentence's first word before the name: "For Dr Woolmer, ...", "But Wollmer said"
        while names and texts[names[0]] in titles:  # "Professor Ingrid Hansen", "Dr Imogen Threlfall"
            title = texts[names.pop(0)]
            in_context = True
        inner = [k for k in range(1, len(names) - 1) if texts[names[k]] in titles]
        if inner:  # "Thanks Prof Callaway": the name begins after its title, not at the sentence's first word
            title = texts[names[inner[-1]]]
            in_context = True
            del names[:inner[-1] + 1]
        while len(names) > 1 and texts[names[-1]] in lists["post_nominals"]:
            names.pop()  # "Imran Chaudhary MPharm": the degree after the surname
        if not names:
            continue
        # an organisation: "Semmelweis University", "Norrland Oncology", "University of Vestland",
        # "Université de Montréal"
        last = texts[names[-1]]
        of_org = start >= 2 and (texts[start - 1].lower() == "of" or texts[start - 1] in foreign_of) and texts[start - 2] in org_words
        of_org = of_org or (names[0] + 1 < end and texts[names[0]] in org_words and texts[names[0] + 1] in foreign_of)
        ampersand = (start > 0 and texts[start - 1] == "&") or (end < n_tokens and texts[end] == "&")
        if last in org_words or of_org or ampersand:
            kind = last if last in org_words else texts[names[0]] if texts[names[0]] in org_words else texts[start - 2] if of_org else "&"
            for i in names:
                if texts[i] not in org_words:
                    spelling = spellings[texts[i]]
                    spelling.org = True
                    spelling.org_words.add(kind)
                    spelling.in_context += 1
            continue
        surname = spellings[last]
        if len(names) >= 2:
            surname.given_names.add(texts[names[-2]])
        if not (in_context or title):
            continue
        surname.in_context += 1
        if title:
            surname.titles.add(title)
        if len(names) >= 2:
            given = texts[names[-2]]
            if not doc.vocab[given.lower()].is_stop and given not in org_words:
                surname.first_names.add(given)
    return spellings


# First letters that sound alike, so that one name is spelled with either (Kavanagh/Cavanagh,
# Kohen/Cohen). Other first-letter changes make other names (Cooper/Hooper, Walton/Dalton).
_SAME_SOUND_INITIALS = {"c": "k"}


def _initial(lower: str) -> str:
    """The first letter of a lower-case name, as `_similar` compares it."""
    return _SAME_SOUND_INITIALS.get(lower[0], lower[0])


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _similar(a: str, b: str, people: bool = False) -> bool:
    """One edit on names of five letters or more, two on names of eight or more; same first
    letter, or one that sounds the same (`_initial`: C/K); not a word with letters added at its
    end (`Paris`/`Parish`, `Berg`/`Bergs`), unless the last letter is doubled (`Semmelweis`/
    `Semmelweiss`) or an `e` is added (`Whitcomb`/`Whitcombe`, a surname's two spellings; two
    people of these names are told apart by their first names or titles, `_different_people`),
    or, with `people` (both spellings read as a person's: "Dr Marchbank" ... "Dr Marchbanks",
    "Dr Deshmukh said" ... "Deshmuk said"), one letter is added to a name of six letters or more."""
    shorter = min(len(a), len(b))
    if shorter < 5 or _initial(a[0].lower()) != _initial(b[0].lower()) or a.lower() == b.lower():
        return False
    if a.lower().translate(_TRANSLITERATION) == b.lower().translate(_TRANSLITERATION):
        return True  # Kröger/Kroeger, Müller/Mueller: one name, with and without its umlaut
    longer, shorter_form = (a, b) if len(a) > len(b) else (b, a)
    added = longer[len(shorter_form):].lower()
    if longer.startswith(shorter_form) and added not in (shorter_form[-1].lower(), "e") and not (
            people and len(added) == 1 and shorter >= 6):
        return False  # letters added at the end (Paris/Parish, Okafor/Okafors), but not a doubled last letter or an e
    distance = OSA.distance(a.lower(), b.lower(), score_cutoff=2)
    return distance == 1 or (distance == 2 and shorter >= 8 and a[:2].lower() == b[:2].lower())


def _different_people(minority: Spelling, majority: Spelling, lists: dict) -> bool:
    """Two people, not one spelled two ways: different first names, or a man and a woman."""
    if minority.first_names and not (minority.first_names & (majority.first_names | majority.given_names)):
        return True  # introduced with a first name of its own
    male, female = lists["gendered_titles"]["male"], lists["gendered_titles"]["female"]
    man_and_woman = minority.titles & male and majority.titles & female
    woman_and_man = minority.titles & female and majority.titles & male
    return bool(man_and_woman or woman_and_man)


def _used_in_lower_case(text: str, tokens: _Tokens, lower: str) -> bool:
    """Whether a token of the Doc is `lower` in lower case: `any(t.is_lower and t.lower_ ==
    lower for t in doc)`. (A text that `islower()` is its own lower-case form, as every
    character that lower-casing changes is upper or title case: so the token reads `lower`.)
    Looked up where `lower` occurs in the text, among the few spellings asked about, rather
    than read from an array of every token's lower-case form (~60 us)."""
    if not lower.islower():
        return False
    starts, lengths = tokens.starts, tokens.lengths
    at = text.find(lower)
    while at >= 0:
        i = bisect_left(starts, at)
        if i < len(starts) and starts[i] == at and lengths[i] == len(lower):
            return True
        at = text.find(lower, at + 1)
    return False


def _standing(s: Spelling) -> tuple[bool, bool, int]:
    """Which of two equally frequent spellings is the article's own: the one introduced with a
    first name, then with a title, then the one that comes first."""
    return (bool(s.first_names), bool(s.titles or s.first_names), -min(start for start, _ in s.occurrences))


# A double-barrelled name: "Pritchard-Vale", "Adeyemi-Clarke" (the tokenizer splits it at the
# hyphen, and its parts may be too short to compare alone: Vale/Vail)
_JOINED_CAPITALS = re.compile(r"-(?<=[a-z]-)(?=[A-Z][a-z])")  # (a literal first: a fast scan)
_COMPOUND_NAME = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:-[A-Z][a-z]+)+(?![\w-])")
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")


def compound_variants(text: str) -> list[tuple[Spelling, Spelling]]:
    """(minority, majority) pairs of double-barrelled names spelled two ways ("Pritchard-Vale"
    twice, "Pritchard-Vail" once): all parts the same but one, the whole `_similar`, the
    minority written less often."""
    if "-" not in text or _JOINED_CAPITALS.search(text) is None:
        return []
    found: dict[str, Spelling] = {}
    end = -1
    for junction in _JOINED_CAPITALS.finditer(text):  # (each name read from its first hyphen)
        at = junction.start()
        if at < end:
            continue  # a later hyphen of a name already read
        word = _WORD_BEFORE.search(text, max(0, at - 30), at)
        m = _COMPOUND_NAME.match(text, word.start()) if word else None
        if m is None:
            continue
        end = m.end()
        found.setdefault(m.group(), Spelling(m.group())).occurrences.append(m.span())
    if len(found) < 2:
        return []
    pairs = []
    for minority in found.values():
        for majority in found.values():
            if (majority is not minority and len(majority.occurrences) > len(minority.occurrences)
                    and _one_part_differs(minority.form, majority.form)
                    and _similar(minority.form, majority.form)):
                pairs.append((minority, majority))
                break
    return pairs


def _one_part_differs(a: str, b: str) -> bool:
    """`Pritchard-Vale`/`Pritchard-Vail`, `Llewellyn-Price`/`Llewelyn-Price`: the same parts but one."""
    parts_a, parts_b = a.split("-"), b.split("-")
    return len(parts_a) == len(parts_b) and sum(x != y for x, y in zip(parts_a, parts_b)) == 1


def find_variants(doc: Doc) -> list[tuple[Spelling, Spelling]]:
    """(minority, majority) pairs of spellings of the same name (double-barrelled ones too:
    `compound_variants`)."""
    compounds = compound_variants(doc_text(doc))
    alike = _similar_names(_long_capitalised_forms(doc))
    if not alike:
        return compounds  # no two spellings are alike, whatever their contexts
    lists = word_lists()
    tokens = _name_tokens(doc)
    spellings = _collect(doc, lists, alike, tokens)
    text = doc_text(doc)
    vocab = doc.vocab

    def usable(s: Spelling) -> bool:
        lower = s.form.lower()
        return (
            s.form not in lists["not_names"] and s.form not in lists["org_words"]
            and not _used_in_lower_case(text, tokens, lower) and not vocab[lower].is_stop and len(s.form) >= 5
        )

    # a spelling out of any name context is a name too when it follows a first name that one in
    # context has ("Professor Chen Yixuan said" ... "Chen Yuxuan team", in machine translation)
    firsts = set().union(*(s.first_names for s in spellings.values() if s.in_context))
    names = [s for s in spellings.values() if (s.in_context or s.given_names & firsts) and usable(s)]
    by_initial: dict[str, list[Spelling]] = defaultdict(list)
    for s in names:
        by_initial[_initial(s.form[0].lower())].append(s)
    pairs = []
    for group in by_initial.values():
        for minority in group:
            best = None
            for majority in group:
                both_people = bool(minority.in_context and majority.in_context and not (minority.org or majority.org))
                if majority is minority or not _similar(minority.form, majority.form, people=both_people):
                    continue
                n_min, n_maj = len(minority.occurrences), len(majority.occurrences)
                if n_maj < n_min or (n_maj == n_min and _standing(majority) <= _standing(minority)):
                    continue
                if minority.org != majority.org:
                    continue  # a company and a person: Johnson & Johnson, Dr. Amy Johnston
                if minority.org and not minority.org_words & majority.org_words:
                    continue  # Northgate Institute and Northgale Hospital: two organisations
                if _different_people(minority, majority, lists):
                    continue
                if best is None or len(majority.occurrences) > len(best.occurrences):
                    best = majority
            if best is not None:
                pairs.append((minority, best))
    return pairs + compounds


@register(
    "name_variant",
    severity="warning",
    description="one person or organisation spelled two ways (Wollmer ... Woolmer): the minority spelling",
)
def find_name_variants(doc: Doc) -> Iterator[Hit]:
    for minority, majority in find_variants(doc):
        n = len(majority.occurrences)
        times = "once" if n == 1 else f"{n} times"
        for start, end in minority.occurrences:
            yield Hit(
                start, end,
                f"`{minority.form}` is elsewhere spelled `{majority.form}` ({times}): the same name spelled two ways?",
                f"elsewhere spelled `{majority.form}` ({times})",
            )
