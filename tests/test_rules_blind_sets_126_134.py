"""Rules written after blind sets holdout126-134 (session 14), each tested both ways: what the
rule reads, and the look-alike it must leave alone."""

from __future__ import annotations

import pytest

from claimcheck.check import check_article
from claimcheck.models import Article
from claimcheck.nlp.pipeline import build_nlp
from rule_helpers import claims, flags


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


# --- claims ---------------------------------------------------------------------------------

EXPOSURE_TABLE = """## Table 1. Match injuries by sport

| Sport | Match injuries recorded | Match exposure (player-hours) | Injury rate per 1,000 h |
|---|---|---|---|
| Rugby union | 2,914 | 31,860 | 91.5 |
| Football | 1,946 | 71,800 | 27.1 |
"""


def test_a_rate_per_1000_hours_in_a_table_counts_events_and_its_exposure_is_no_count():
    found = claims(EXPOSURE_TABLE)
    assert ("count", "2,914", 2914) in found
    assert ("count", "91.5", 91.5) in found  # events over time at risk, the rate as written
    assert not any(text in ("31,860", "71,800") for _, text, _ in found)  # hours at risk: no count


def test_a_rate_per_100000_people_in_a_table_stays_a_proportion():
    table = "| Region | Cases | Rate per 100,000 |\n|---|---|---|\n| North | 412 | 18.4 |\n"
    assert ("proportion", "18.4", 0.000184) in claims(table)


@pytest.mark.parametrize("text", [
    "She expects to need a knee replacement, and it could one day fail.",
    "A prescription is something we can offer from day one.",
    "Her weight went up 2 kilos from one day to the next.",
])
def test_one_day_said_of_some_day_or_the_start_is_no_length(text):
    assert [c for c in claims(text) if c[0] == "duration"] == []


def test_a_real_day_is_still_a_length():
    assert ("duration", "for one day", 1) in claims("Patients stayed in hospital for one day.")


@pytest.mark.parametrize("text", [
    "Some early studies of a few dozen women looked encouraging.",
    "More than a dozen residents were treated at the scene.",
])
def test_a_dozen_people_is_said_loosely_and_is_no_count(text):
    assert [c for c in claims(text) if c[0] in ("count", "sample_size")] == []


def test_the_other_groups_estimate_after_a_ratio_in_its_sentence():
    text = ("Careers over 15 years had a hazard ratio of 3.05, compared with 1.74 for those with careers of "
            "five years or less. Mean HbA1c fell to 7.2, compared with 7.9.")
    found = claims(text)
    assert ("effect_size", "1.74", 1.74) in found
    assert not any(text == "7.9" for _, text, _ in found)  # another sentence: no ratio's group


def test_a_relative_detection_rate_is_a_ratio_but_a_relative_survival_rate_is_not():
    found = claims("AI gave a relative detection rate of 1.15 against standard reading. "
                   "The five-year relative survival rate was 85%.")
    assert ("effect_size", "relative detection rate of 1.15", 1.15) in found
    assert [c for c in found if c[0] == "effect_size"] == [("effect_size", "relative detection rate of 1.15", 1.15)]


def test_arms_listed_after_a_split_into_groups_are_sample_sizes():
    text = ("They were randomly split into three groups: 82 did supervised HIIT, 80 did moderate-intensity "
            "training, and 86 stayed on the usual waiting list.")
    assert [c for c in claims(text) if c[0] == "sample_size"] == [
        ("sample_size", "82 did", 82), ("sample_size", "80 did", 80), ("sample_size", "86 stayed", 86)]


def test_school_years_are_no_lengths_and_no_counts():
    text = ("Almost one in three Year 6 pupils was obese. Every child from Reception to Year 11 is offered the "
            "spray. Patients were followed for three years.")
    found = claims(text)
    assert ("proportion", "Almost one in three", 0.333) in found
    assert [c for c in found if c[0] in ("duration", "count")] == [("duration", "three years", 3)]


def test_a_claim_next_to_mojibake_punctuation_is_read():
    text = "Our audit of 412 patientsâ€™ treatment records found no difference."
    assert [(kind, value) for kind, _, value in claims(text)] == [("sample_size", 412)]


def test_a_day_after_its_month_in_a_dateline_is_no_count():
    text = "LONDON, Nov 18 - Patients in England are waiting longer. In March 2024, 312 patients died."
    assert claims(text) == [("count", "312 patients", 312)]


def test_a_score_out_of_ten_is_no_share_but_people_out_of_ten_are():
    found = claims("I went from an 8 out of 10 pain most days to about a 5. Patients rated the clinic 9 out of 10. "
                   "Pain fell in 7 out of 10 patients.")
    assert found == [("proportion", "7 out of 10", 0.7)]


@pytest.mark.parametrize("text, expected", [
    ("Thousands had waited longer than a year.", ("duration", "longer than a year", 1)),
    ("The endpoint was the change over weeks 13 to 24.", ("duration", "over weeks 13 to 24", [13, 24])),
])
def test_more_ways_to_give_a_length(text, expected):
    assert expected in claims(text)


def test_new_event_nouns_are_counted():
    found = claims("Healthcare organisations reported 702 large breaches. Donor eggs were used in 4,380 IVF cycles.")
    assert ("count", "702 large breaches", 702) in found
    assert ("count", "4,380 IVF cycles", 4380) in found


# --- flags ----------------------------------------------------------------------------------

def test_arms_of_a_split_adding_up_to_more_than_the_study_are_flagged(nlp):
    text = ("The trial recruited 240 undergraduates. They were randomly split into three groups: 82 did HIIT, "
            "80 did moderate-intensity training, and 86 stayed on the waiting list.")
    assert flags(nlp, text, "number_mismatch") == ["86 stayed"]
    assert flags(nlp, text.replace("240", "248"), "number_mismatch") == []


def test_a_completion_rate_over_100_percent_is_implausible_but_a_rate_of_growth_is_not(nlp):
    assert flags(nlp, "Of 16,820 runners, 14,211 finished, a completion rate of 184.5%.", "implausible_value") == ["184.5%"]
    assert flags(nlp, "The growth rate of 150% was a record.", "implausible_value") == []


def test_of_them_standing_for_things_is_no_part_of_the_study(nlp):
    text = ("The study followed 1,460 travellers. Only registered vaccination centres can give the vaccine. "
            "There are more than 3,000 of them, many of them pharmacies.")
    assert flags(nlp, text, "number_mismatch") == []
    people = "The study followed 1,460 travellers. More than 3,000 of them fell ill."
    assert flags(nlp, people, "number_mismatch") != []


def test_a_share_right_of_the_whole_written_with_its_digits_swapped_flags_the_whole_only(nlp):
    text = ("The trial enrolled 1,284 adults with migraine. Of the 1,248 patients randomised, 1,171 (91%) "
            "completed the double-blind period.")
    found = flags(nlp, text, "number_mismatch")
    assert "91%" not in found
    assert any("1,248" in f for f in found)


# --- sources --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, journal", [
    ("The main findings were published in the BMJ (2024) and in Injury Prevention (2023).", "Injury Prevention"),
    ("A survey in Human Fertility asked 1,046 donor-conceived adults.", "Human Fertility"),
    ("A validation study of 612 patients, published in Europace, found a sensitivity of 96%.", "Europace"),
])
def test_journals_cited_with_a_year_in_brackets_or_a_study_verb(text, journal):
    report = check_article(Article(text=text, input="x"))
    assert journal in [s.journal for s in report.sources]


def test_a_journal_that_needs_context_is_not_read_from_a_plain_phrase():
    report = check_article(Article(text="Injury prevention matters: human fertility is falling.", input="x"))
    assert report.sources == []


# --- name variants --------------------------------------------------------------------------

@pytest.mark.parametrize("text, variant", [
    ("Prof Helen Calloway answered. Calloway said it helps. Thanks Prof Callaway, that is reassuring.", "Callaway"),
    ("Dr Anneliese Marchbank said the risk was low. \"It is rare,\" Dr Marchbank said. The scabies outbreak is "
     "worse, according to Dr Marchbanks.", "Marchbanks"),
    ("Dr Anjali Deshmukh led the study. Deshmukh said the salt was supplied. Deshmuk said the team was working.",
     "Deshmuk"),
])
def test_one_person_spelled_two_ways_is_flagged(nlp, text, variant):
    assert flags(nlp, text, "name_variant") == [variant]


def test_a_place_and_a_person_with_a_letter_more_are_two_names(nlp):
    assert flags(nlp, "Flights to Paris were cancelled, Parish said. Parish added that it was fine.", "name_variant") == []

