"""Numbers that go on counting what a claim counts without repeating its noun."""

import pytest

from claimcheck.nlp.claims import find_claims


def _claims(text: str) -> list[tuple[str, str, object]]:
    return [(c.kind, text[c.start:c.end], c.value) for c in find_claims(text)]


def _kinds_of(text: str, *numbers: str) -> list[str | None]:
    """The kind of the claim holding each of `numbers` (written as in the text), None if none."""
    found = find_claims(text)
    kinds = []
    for number in numbers:
        at = text.index(number)
        kinds.append(next((c.kind for c in found if c.start <= at < c.end), None))
    return kinds


@pytest.mark.parametrize(
    "text, numbers, kind",
    [
        ("Officials confirmed 52 new cases on Monday, down from 61 the week before.", ("52", "61"), "count"),
        ("The clinic performed 1,980 operations in 2024, up from 1,655 the year before.", ("1,980", "1,655"), "count"),
        ("Admissions for asthma rose from 14 in January to 22, then 31 and then 40, before peaking at 47 in April.",
         ("14", "22", "31", "40", "47"), "count"),
        ("The number of children waiting more than a year fell to 388, from 702 the previous spring.", ("388", "702"), "count"),
        ("Rash was reported by 12, 19 and 4 participants respectively, and headache by 30, 28 and 11.",
         ("12,", "19", "4 participants", "30", "28", "11"), "count"),
        ("Serious adverse events occurred in 7, 9 and 8 participants across the three arms.", ("7,", "9", "8 participants"), "count"),
        ("Dizziness affected 44 patients (11.0%) on the high dose, 23 (5.8%) on the low dose and 9 (2.3%) on placebo.",
         ("44", "23", "9 ("), "count"),
        ("The trial enrolled 640 adults in 2021, compared with 410 in the pilot.", ("640", "410"), "sample_size"),
        ("The union said 511 patients were waiting on trolleys, including 42 at St Fintan's.", ("511", "42"), "count"),
        ("Orthopaedics had the longest list with 902 people, followed by ENT with 771.", ("902", "771"), "count"),
        ("Cases were highest in Puri with 12,400 cases, Cuttack with 9,870.", ("12,400", "9,870"), "count"),
    ],
)
def test_a_bare_number_takes_the_kind_of_the_claim_it_continues(text, numbers, kind):
    assert _kinds_of(text, *numbers) == [kind] * len(numbers)


@pytest.mark.parametrize(
    "text, number",
    [
        # a number of something else, an age, a date, a time: the chain breaks
        ("Officials confirmed 52 new cases in 12 districts.", "12"),
        ("The study followed 1,200 children aged 6 to 14 for two years.", "14"),
        ("Doctors saw 48 cases, and on March 5 the ward closed.", "5 "),
        ("The 31 patients were seen at 9 am, then again at 4 pm.", "4 "),
        ("Researchers recruited 300 volunteers, and 5 sites later closed.", "5 "),
        # no claim to continue
        ("Temperatures rose from 18 to 31 over the week.", "31"),
        ("Prices went up from 4 to 6 pounds.", "6"),
        ("Scores climbed from 12 to 19 on the scale.", "19"),
    ],
)
def test_numbers_that_continue_nothing_are_not_claims(text, number):
    assert _kinds_of(text, number) == [None]


def test_a_list_before_the_noun_is_read_from_its_first_word():
    # "reported by" opens the list: every number counts people with an event
    text = "In the trial, nausea was reported by 41, 66 and 9 participants respectively."
    assert _kinds_of(text, "41", "66", "9 participants") == ["count", "count", "count"]


def test_people_named_by_an_outcome_participle_are_a_count():
    text = "The outbreak team said 41 people admitted to hospital had not been vaccinated, in a study of cases."
    assert _kinds_of(text, "41") == ["count"]


def test_a_news_story_that_compares_with_last_year_reports_no_study():
    # "compared with", "recruited", "followed" are no study: the people are counted, not sampled
    text = ("The hospital hired 212 nurses this year, and recruited more. It now employs 1,126 doctors, "
            "compared with 1,040 last year, followed by a rise in agency staff.")
    assert _kinds_of(text, "212", "1,126") == ["count", "count"]


@pytest.mark.parametrize("verb", ["looked at", "covered", "reviewed", "assessed"])
def test_the_people_an_audit_looked_at_are_its_sample(verb):
    text = f"An audit of the new pathway {verb} 412 patients who arrived with chest pain."
    assert _kinds_of(text, "412") == ["sample_size"]


def test_a_share_inside_a_part_of_a_whole_is_read_as_the_share():
    text = "If you are one of the 7 in 10 adults who drink coffee, read on."
    assert _claims(text) == [("proportion", "7 in 10", 0.7)]


def test_the_parts_of_a_whole_follow_it_with_their_verbs():
    text = ("Of the 240 cases, 171 were in children under five. Health officials said 150 of the patients "
            "had never been vaccinated against measles, 14 had received a single dose and nine were fully vaccinated.")
    assert _kinds_of(text, "171", "150", "14", "nine") == ["count"] * 4


def test_the_parts_of_a_study_group_stay_a_sample():
    text = "The trial enrolled 300 participants. Of the 300 participants, 160 were women and 140 were men."
    assert _kinds_of(text, "160", "140") == ["sample_size", "sample_size"]


def test_a_verb_alone_links_no_number():
    # a number with a verb of its own, but no group before it to be part of
    text = "The trial enrolled 300 participants in 2021. In the end, 12 were lost to follow-up."
    assert _kinds_of(text, "12") == [None]


@pytest.mark.parametrize(
    "text, number, kind",
    [
        ("The outbreak has reached 63 cases in the city. A further 9 were reported in nearby towns.", "9", "count"),
        ("Officials counted 2,300 cases in March; another 1,150 were reported in April.", "1,150", "count"),
        ("Some 4.3 million people are living with the disease, up from 3.9 million in 2015.", "3.9 million", "count"),
        ("Doctors admitted 41 children, four of whom needed intensive care.", "four", "count"),
    ],
)
def test_more_of_the_same_is_the_same_kind(text, number, kind):
    assert _kinds_of(text, number) == [kind]


def test_a_further_number_far_from_any_group_is_no_claim():
    text = "The agency spent a further 40 days on its review of the plan."
    assert _kinds_of(text, "40") == ["duration"]


def test_a_sentence_opening_on_a_part_of_the_last_group_counts_it_alike():
    from claimcheck.nlp.pipeline import build_nlp

    nlp = build_nlp()
    for text, number, kind in [
        ("Surgeons performed 38,460 operations during the year. Of those, 29,870 were planned.", "29,870", "count"),
        ("The trial enrolled 600 adults. Of these, 320 were women.", "320", "sample_size"),
    ]:
        doc = nlp(text)
        at = text.index(number)
        assert [s.label_ for s in doc.spans["claims"] if s.start_char <= at < s.end_char] == [kind]


def test_a_workforce_is_counted_outside_a_study():
    text = "The trust employs 8,214 staff, among them 2,905 nurses and midwives and 1,126 doctors."
    assert _kinds_of(text, "8,214", "2,905", "1,126") == ["count", "count", "count"]


def test_a_part_in_a_list_of_parts_keeps_the_list_going():
    text = "Of the 52 people admitted to hospital, 40 were children and five needed intensive care."
    assert _kinds_of(text, "five") == ["count"]
