"""Rules written after blind sets holdout138-149 (session 15), each tested both ways: what the
rule reads, and the look-alike it must leave alone."""

from __future__ import annotations

import pytest

from claimcheck.checks.encoding import repair
from claimcheck.nlp.pipeline import build_nlp
from rule_helpers import claims, flags
from claimcheck.sources.mentions import find_mentions


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


# --- claims ---------------------------------------------------------------------------------

def test_a_length_a_year_earlier_is_no_frequency():
    found = claims("The median wait for a service to start was 27 days, up from 19 days a year earlier.")
    assert ("duration", "19 days", 19) in found
    # "days a year" is still how often when nothing says when
    assert not [c for c in claims("Patients with migraine lose 19 days a year to headache.") if c[0] == "duration"]


def test_an_employment_contract_is_no_length_of_time():
    assert not [c for c in claims("Of care home staff, 24% were on zero-hours contracts.") if c[0] == "duration"]
    assert not [c for c in claims("The firm signed a seven-year contract with the trust.") if c[0] == "duration"]
    assert ("duration", "seven years", 7) in claims("Patients were followed for seven years.")


def test_a_part_named_inside_a_group_takes_the_groups_kind():
    waiting = claims("A total of 1,830 people, including 512 children, had been waiting longer than 52 weeks.")
    assert ("count", "512 children", 512) in waiting
    enrolled = claims("The trial enrolled 2,000 people, including 512 children.")
    assert ("sample_size", "512 children", 512) in enrolled


def test_a_part_of_a_whole_named_with_a_possessive():
    found = claims("Eleven of the area's 46 care homes were graded weak.")
    assert ("proportion", "Eleven of the area's 46", pytest.approx(11 / 46, abs=1e-3)) in found
    assert not [c for c in claims("It was one of the trial's 23 sites.") if c[0] == "proportion"]  # one of them


def test_people_who_have_enrolled_are_a_sample():
    assert ("sample_size", "251 children", 251) in claims("So far 251 children have enrolled.")
    assert ("count", "251 children", 251) in claims("So far 251 children have died.")


def test_the_second_half_given_a_placebo_is_a_share():
    found = claims("Half were given a testosterone gel and half a placebo gel, for 26 weeks.")
    assert [c[1] for c in found if c[0] == "proportion"] == ["Half", "half"]
    found = claims("Half were randomly assigned to vitamin D and half to a matching placebo.")
    assert [c[1] for c in found if c[0] == "proportion"] == ["Half", "half"]
    assert not [c for c in claims("Take half a tablet at night.") if c[0] == "proportion"]


def test_people_told_by_an_outcome_verb_seven_words_on_are_counted():
    text = ("A new antibody study of 150 farm workers was published. Four workers at dairy farms in northern "
            "Colorado have tested positive for H5N1 bird flu since December.")
    assert ("count", "Four workers", 4) in claims(text)


def test_appeals_and_denials_are_events_counted():
    found = claims("Of the 42,800 appeals consumers filed in 2023, fewer than half were decided within 30 days.")
    assert [c for c in found if c[0] == "count" and c[2] == 42800]


def test_a_prediction_interval_and_a_bare_interval_with_its_level_are_intervals():
    found = claims("Admissions peak at 1,870 a week (80% prediction interval 1,310 to 2,640) in the week.")
    assert ("confidence_interval", "80% prediction interval 1,310 to 2,640", [1310, 2640]) in found
    found = claims("The observed peak was 1,688, inside our 80% interval of 1,090 to 2,210.")
    assert ("confidence_interval", "80% interval of 1,090 to 2,210", [1090, 2210]) in found
    assert not [c for c in claims("Doses were given at an interval of 2 to 4 weeks.") if c[0] == "confidence_interval"]


def test_a_credible_interval_alone_in_an_article_is_read():
    found = claims("Growth was 6.9% per day (95% CrI 5.2 to 8.5).")
    assert ("confidence_interval", "95% CrI 5.2 to 8.5", [5.2, 8.5]) in found


def test_a_doubling_time_is_a_length_and_a_schedule_is_not():
    assert ("duration", "three to four days", [3, 4]) in claims("Cases were doubling every three to four days.")
    assert not [c for c in claims("Take a tablet every three to four days.") if c[0] == "duration"]


def test_running_ahead_is_no_career():
    assert ("duration", "four to six days", [4, 6]) in claims(
        "The signal had run ahead of case reports by four to six days.")
    assert not claims("She has run the clinic for 12 years.")


def test_doses_per_kilogram_and_per_hour():
    assert ("dose", "0.2 to 0.7 micrograms/kg/hour", [0.2, 0.7]) in claims(
        "Patients received dexmedetomidine at 0.2 to 0.7 micrograms/kg/hour.")
    assert ("dose", "10 units/kg/hour", 10) in claims("Heparin was given at 10 units/kg/hour.")
    assert ("dose", "30 ml/kg", 30) in claims("A fluid bolus of 30 ml/kg was given.")


def test_hours_at_work_are_a_length_and_a_career_in_years_is_not():
    found = claims("The driver had worked 131 hours in the 10 days before the crash.")
    assert ("duration", "131 hours", 131) in found and ("duration", "10 days", 10) in found
    assert not claims("She has worked at the hospital for 31 years.")


def test_nights_after_a_qualifier_are_a_length():
    assert ("duration", "for up to 14 nights", 14) in claims("Patients received it for up to 14 nights.")
    assert not [c for c in claims("He worked on 23 nights last year.") if c[0] == "duration"]


def test_the_group_events_happened_among_is_the_sample():
    found = claims("By day 90 there had been 79 deaths among 207 patients in the early ECMO group (38.2%).")
    assert ("count", "79 deaths", 79) in found
    assert [c for c in found if c[0] == "sample_size" and c[2] == 207]


def test_an_age_band_before_in_is_no_share():
    assert not [c for c in claims("We examined 5,760 children aged 9\u201312 in 48 primary schools.") if c[0] == "proportion"]
    assert ("proportion", "9 in 10", 0.9) in claims("Of them, 9 in 10 were treated.")


def test_contrast_and_radiation_doses():
    assert ("dose", "0.1 mmol per kg", 0.1) in claims("The usual dose is 0.1 mmol per kg of body weight.")
    assert ("dose", "0.05 mmol/kg", 0.05) in claims("The dose is 0.05 mmol/kg.")
    assert ("dose", "1 mGy", 1) in claims("A dental X-ray gives below 1 mGy.")
    assert not claims("Potassium was 4.1 mmol/L.")


def test_a_section_number_in_a_heading_is_no_group():
    assert not claims("## 5 Appraisal committee members and NICE project team")


def test_fatal_in_counts_the_people_it_happened_to():
    found = claims("Differentiation syndrome was reported in 34 patients, and was fatal in 2 patients.")
    assert ("count", "2 patients", 2) in found


def test_thousands_grouped_by_points_in_translated_text():
    found = claims("Every year around 1.200 patients in Germany could be treated.")
    assert ("count", "around 1.200 patients", 1200) in found
    assert ("count", "1.250 events", 1.25) in claims("A mean of 1.250 events per patient.")  # a rate of events


INTERVAL_TABLE = """The trials enrolled patients.

| Outcome | Drug | Placebo | Difference (95% CI) |
|---|---|---|---|
| Remission at week 8 | 27.4% | 8.9% | 18.5 percentage points (13.1 to 23.9) |
| Response | 40.1% | 20.2% | 19.9% (14.2 to 25.6) |
"""


def test_an_interval_after_a_percentage_difference_in_a_table():
    found = claims(INTERVAL_TABLE)
    assert ("confidence_interval", "(13.1 to 23.9)", [13.1, 23.9]) in found
    assert ("confidence_interval", "(14.2 to 25.6)", [14.2, 25.6]) in found
    assert ("percentage", "18.5 percentage points", 18.5) in found


MEASURED_ROW = """The study reviewed the deaths of people with a learning disability.

| | Men | Women | All |
| --- | --- | --- | --- |
| Deaths reviewed | 1,662 | 1,254 | 2,916 |
| Median age at death (years) | 61 | 60 | 61 |
| Judged avoidable | 734 (44%) | 491 (39%) | 1,225 (42%) |
| Died in hospital | 1,047 (63%) | 765 (61%) | 1,812 (62%) |
"""


def test_a_table_row_of_measurements_holds_no_people_and_a_row_naming_an_event_counts_them():
    found = claims(MEASURED_ROW)
    assert not [c for c in found if c[1] in ("61", "60")]  # median ages, not people
    assert ("sample_size", "1,662", 1662) in found
    assert ("count", "1,047", 1047) in found  # those of the men reviewed who died in hospital
    assert ("sample_size", "734", 734) in found  # a row naming no event: writers differ, the column decides


# --- flags ----------------------------------------------------------------------------------

def test_a_three_digit_group_quoted_with_two_digits_swapped(nlp):
    text = ("At the end of January, 186 people who had been assessed were waiting for a package to start.\n\n"
            "The councillor said: \"I won't pretend that 168 residents waiting for care is acceptable.\"")
    assert flags(nlp, text, "number_mismatch") == ["168 residents"]
    unquoted = text.replace('"', "").replace("said:", "said that")
    assert flags(nlp, unquoted, "number_mismatch") == []


def test_a_dose_quoted_with_two_digits_swapped(nlp):
    text = ("Tests found that the capsules contained 14.2 mg of sibutramine each.\n\n"
            "After the hearing, the councillor said: \"Slimming pills with 12.4 mg of a banned drug in every "
            "capsule are not herbal remedies.\"")
    assert flags(nlp, text, "number_mismatch") == ["12.4 mg"]
    side_by_side = "Capsules held 14.2 mg in one batch and 12.4 mg in another."
    assert flags(nlp, side_by_side, "number_mismatch") == []


def test_an_estimate_per_unit_outside_its_interval(nlp):
    text = "Each hour of delay raised the odds of death (adjusted odds ratio 1.09 per hour, 95% CI 1.12 to 1.31)."
    assert flags(nlp, text, "implausible_value") == ["adjusted odds ratio 1.09 per hour, 95% CI 1.12 to 1.31"]
    assert flags(nlp, text.replace("1.09", "1.19"), "implausible_value") == []


def test_a_share_of_a_caseload_above_the_whole(nlp):
    text = "In the team, 132% of the caseload is classed as needing enhanced support."
    assert flags(nlp, text, "implausible_value") == ["132% of the caseload"]
    assert flags(nlp, "Caseloads rose 132% on last year.", "implausible_value") == []


def test_an_acronym_one_letter_off_far_along_the_same_sentence_is_a_slip(nlp):
    text = ("There was no benefit in the 902 patients who had acute respiratory distress syndrome (ARDS). "
            "Experts had worried that lower targets could be harmful in ARDS, where the lungs are badly damaged, "
            "but mortality in patients with ARFS at baseline was similar in the two groups.")
    assert flags(nlp, text, "acronym_mismatch") == ["ARFS"]
    side_by_side = ("Selective serotonin reuptake inhibitors (SSRIs) were compared. Patients on SSRIs and SNRIs "
                    "had similar outcomes.")
    assert flags(nlp, side_by_side, "acronym_mismatch") == []


def test_a_phone_number_left_with_xs_is_a_placeholder(nlp):
    assert flags(nlp, "Patients can call the patient line at 555-XXXX.", "placeholder") == ["XXXX"]


def test_a_name_misspelled_beside_a_degree_or_in_a_reference(nlp):
    text = ("By Theodore Vanterpool, PhD. The brief was long. Suggested citation: Vanterpol T, Moreno-Kyle A. "
            "Denied. Questions to Theodore Vanterpool at the institute.")
    assert flags(nlp, text, "name_variant") == ["Vanterpol"]


def test_a_definite_reference_one_digit_off_the_group_given_before(nlp):
    text = ("In STRIDE-SMA, 38 infants were treated with the two-copy dose. The company said: 'Among the 36 "
            "infants treated in STRIDE-SMA, the liver findings were manageable.'")
    assert flags(nlp, text, "number_mismatch") == ["36 infants"]
    subgroup = ("We included 19 studies with 214,600 participants. Pooled across the 11 studies in children, "
                "fluoridation was associated with less caries.")
    assert flags(nlp, subgroup, "number_mismatch") == []  # a part, far smaller than the whole
    rest = ("Imagine 1,000 people taking the test. The test will flag 10 people. Of the 990 people told no "
            "signal was found, 4 will have a cancer the test missed.")
    assert flags(nlp, rest, "number_mismatch") == []  # 1,000 less 10


def test_a_group_of_a_study_told_before_another_is_not_checked_against_the_other(nlp):
    text = ("We examined 5,760 children in 48 schools.\n\nIn 2023 a coverage evaluation survey of 1,150 children "
            "found that only 72% remembered the tablets.\n\nS. haematobium was found in 0.8% of the 1,799 "
            "children tested by urine filtration.")
    assert flags(nlp, text, "number_mismatch") == []


def test_a_link_to_the_comments_is_furniture(nlp):
    text = "The drug was withdrawn.\n\nTo the comments\n\nThe committee met in May."
    assert flags(nlp, text, "residue") == ["To the comments"]
    assert flags(nlp, "He went to the comments section to reply.", "residue") == []


def test_a_trademark_sign_read_as_windows_1252_is_repaired():
    assert repair("GrowPen\u00e2\u201e\u00a2") == "GrowPen\u2122"
    assert repair("caf\u00e9") == "caf\u00e9"


def test_encoding_flags_the_trademark_mojibake(nlp):
    assert flags(nlp, "The pen, sold as GrowPen\u00e2\u201e\u00a2 in Europe, was approved.", "encoding") == [
        "GrowPen\u00e2\u201e\u00a2"]


# --- sources --------------------------------------------------------------------------------

def test_social_care_and_health_policy_journals_are_listed():
    text = ("A study in Social Policy & Administration linked records. A 2023 study in Medical Care Research and "
            "Review found that insurers differ.")
    assert [m.journal for m in find_mentions(text) if m.kind == "journal"] == [
        "Social Policy & Administration", "Medical Care Research and Review"]


def test_radiology_journals_and_the_weekly_epidemiological_record_are_listed():
    text = ("The results appear in *Investigative Radiology*. The figures were published in the Weekly "
            "Epidemiological Record.")
    assert [m.journal for m in find_mentions(text) if m.kind == "journal"] == [
        "Investigative Radiology", "Weekly Epidemiological Record"]


def test_a_reference_with_year_and_volume_cites_a_journal_that_needs_context():
    text = "4. van Doorn L, Hermans E. Long-term follow-up of children. *Sleep Medicine* 2021;84:210-16."
    assert [m.journal for m in find_mentions(text) if m.kind == "journal"] == ["Sleep Medicine"]
    assert [m.journal for m in find_mentions("Doctors in sleep medicine 2021 said so.") if m.kind == "journal"] == []
    inside = "Lindqvist A. Silent gallstones. *Scandinavian Journal of Gastroenterology*. 2022;57(9):1104-10."
    assert "Gastroenterology" not in [m.journal for m in find_mentions(inside) if m.kind == "journal"]
