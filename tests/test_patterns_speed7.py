"""`_qualifier_start` looks up only the phrase lengths that can end in the last word: same answers."""

from claimcheck.nlp.patterns import _QUALIFIER_LENGTHS, _QUALIFIER_PHRASES, _qualifier_start


def test_lengths_cover_every_phrase():
    for phrase in _QUALIFIER_PHRASES:
        assert len(phrase.split()) in _QUALIFIER_LENGTHS[phrase.split()[-1]]


def test_qualifier_starts():
    cases = {
        "a total of 50 patients": None,  # (as before: `rfind("a")` finds the "a" of "total")
        "upwards of 50 patients": 0,
        "no more than 5 mg": 0,
        "more than 5 mg": 0,
        "the rest of 50 patients": None,
        "Nearly 50 patients": 0,
        "up to 5 mg": 0,
        "(of 50 patients": None,
        "< 5 mg": 0,
    }
    for text, expected in cases.items():
        pos = next(i for i, c in enumerate(text) if c.isdigit())
        assert _qualifier_start(text, pos) == expected, text


def test_parse_number_fast_paths_read_as_before():
    from claimcheck.nlp.numbers import _DIGITS_AND_SCALE, _parse_words, parse_number, tidy

    def general(text):  # the general path alone, as it was before the fast paths
        cleaned = text.strip().lower().replace("\u2212", "-")
        match = _DIGITS_AND_SCALE.fullmatch(cleaned)
        if match and match.group(1) not in ("", "-"):
            return tidy(float(match.group(1).replace(",", "")))
        return _parse_words(cleaned)

    for text in ["1,840", "0.61", ".5", "12.0", "1,234.50", "007", "١٢.٥", "three", "Three", "Forty",
                 "zero", "ZERO", " two", "forty-five"]:
        value = parse_number(text)
        assert value == general(text) and type(value) is type(general(text)), text
