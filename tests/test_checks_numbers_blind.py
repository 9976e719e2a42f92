"""number_mismatch rules written after blind set 6: arms given with `received` that add up to
more than the enrolment, and a count given with a percentage that contradicts it.

Each rule is tested both ways: the defect is flagged on the later, conflicting mention, and the
look-alikes a careful article contains (overlapping groups, add-on doses, shares of another
base, rounded rates) are left alone.
"""

from __future__ import annotations

import pytest

from claimcheck.nlp.pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def mismatches(nlp, text):
    """The texts of the number_mismatch flags of `text`."""
    doc = nlp(text)
    return [s.text for s in doc.spans["flags"] if s.label_ == "number_mismatch"]


def flagged_over(nlp, text, needle):
    """True when a number_mismatch flag overlaps `needle` (the scorer's rule)."""
    doc = nlp(text)
    start = text.index(needle)
    end = start + len(needle)
    return any(s.start_char < end and start < s.end_char
               for s in doc.spans["flags"] if s.label_ == "number_mismatch")


# --- arms given with `received` ------------------------------------------------------------

ARMS_OVER_WHOLE = [
    # a control arm named `standard vaccine` / `usual treatment`
    (("The study enrolled 1,240 residents. Of these, 640 received a high-dose vaccine containing 60 micrograms "
      "of antigen per strain and 690 received the standard vaccine, which contains 15 micrograms."), "690 received"),
    ("The trial recruited 300 adults. In all, 170 received the new drug and 160 received usual treatment.",
     "160 received"),
    # dose levels of one treatment: each person gets one of them
    (("The trial enrolled 1,240 residents. Of these, 640 received a high-dose vaccine and 690 received a "
      "low-dose vaccine."), "690 received"),
    # the second arm told by the same relative clause, its noun left out
    (("The trial enrolled 14,212 adults. Among the 7,104 people who received the vaccine and the 7,180 who "
      "received placebo, 23 and 80 fell ill."), "7,180 who"),
]


@pytest.mark.parametrize("text, flagged", ARMS_OVER_WHOLE)
def test_received_arms_over_the_enrolment_are_flagged(nlp, text, flagged):
    assert flagged_over(nlp, text, flagged), mismatches(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # arms that fit
        "The trial enrolled 1,240 residents. Of these, 640 received a high-dose vaccine and 600 received a low-dose one.",
        "The trial enrolled 1,240 residents. Of these, 620 received a high-dose vaccine and 620 the standard vaccine.",
        # overlapping groups: an add-on dose, a subgroup of a group, two vaccines anyone can get
        "The trial enrolled 1,240 residents. Of these, 900 received the standard vaccine and 700 received a booster.",
        ("The trial enrolled 1,240 residents. Of these, 640 received the standard vaccine and 300 of them also "
         "received a booster."),
        "The trial enrolled 1,240 residents. Of these, 1,100 received a first dose and 1,000 received a second dose.",
        ("The trial enrolled 1,240 residents. Of these, 1,100 received the standard dose and 1,000 received a "
         "high-dose top-up."),
        "The trial enrolled 1,240 residents. Of these, 900 received the flu vaccine and 700 received the covid vaccine.",
        "The trial enrolled 240 patients. Of these, 120 received the vaccine and 130 received a booster.",
        ("The trial enrolled 14,412 adults. Among the 7,104 people who received the vaccine and the 7,180 who "
         "received placebo, 23 and 80 fell ill."),
        "The study enrolled 5,000 adults. Of the 2,400 who received the vaccine and the 2,700 who got a booster, most were fine.",
    ],
)
def test_received_look_alikes_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


# --- a count and its percentage ------------------------------------------------------------

SHARES = [
    ("Soreness was reported by 96 of the 640 residents in the high-dose group, or 25%, and by 58 others.", "25%"),
    ("The infection hit 96 out of 640 residents (25%).", "25%"),
    ("Three of the 12 patients (45%) improved.", "45%"),
    ("Of the 640 residents in the high-dose group, 96 (25%) had soreness.", "25%"),
    ("Side effects\n\nOf the 640 residents in the high-dose group, 96 (25%) had soreness.", "25%"),
    ("Soreness affected 25% (96 of the 640 residents).", "96 of the 640"),
    ("Side effects were reported by 3 of 400 patients (7.5 per cent).", "7.5 per cent"),
    ("Two in 10 people (35%) had a rash.", "35%"),
]


@pytest.mark.parametrize("text, flagged", SHARES)
def test_percentage_that_contradicts_its_count_is_flagged(nlp, text, flagged):
    assert flagged_over(nlp, text, flagged), mismatches(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # agreeing, to rounding
        "Soreness was reported by 96 of 640 residents, or 15%.",
        "Soreness affected 15% (96 of the 640 residents).",
        "Twelve of 40 participants (30 per cent) relapsed, as did 7 of 41 (17.1%).",
        "Three of 400 patients (0.8%) had a rash.",
        # rounded rates
        "One in three adults, or 33%, had it.",
        "About one in three adults (30%) had it.",
        "Eight out of 10 people (75%) said so.",
        "Side effects hit 2 in 10 people (20%).",
        # the percentage is of another base, a change, or another quantity
        "Soreness was reported by 96 of the 640 residents, or 25% of all those with any reaction.",
        "Soreness was reported by 96 of the 640 residents, or 25% more than in the standard group.",
        "Soreness was reported by 96 of the 640 residents (25% of them women).",
        "Soreness was reported by 96 of the 640 residents (25% had fever).",
        "Soreness fell by 25% (96 of the 640 residents).",
        "It was 96 of the 640 residents aged 80 or over, or 25%.",
        "In 2023, 96 of the 640 residents (15%) had soreness, up from 12 in 2020 (9%).",
    ],
)
def test_share_look_alikes_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


# --- events placed in different places, against the earlier count --------------------------

EVENT_PARTS = [
    (("Researchers followed 212,460 adults. Over 11 years, 1,874 of them were diagnosed with colorectal cancer. "
      "The risk was lower with more fibre. Of the cancers diagnosed, 1,102 were in the colon and 851 in the rectum."),
     "851 in the rectum"),
    (("The trial followed 5,000 adults. Of the 120 deaths recorded, 70 occurred in the drug group and 60 in the "
      "placebo group."), "60 in the placebo group"),
    # wards named with `on` and `in`, more words after a place, number words
    (("A bacterium has infected 27 patients. Of the 27 cases, 14 were on the surgical ward on Level 2, nine in "
      "the intensive care unit and seven on the renal unit."), "seven on the renal unit"),
]


@pytest.mark.parametrize("text, flagged", EVENT_PARTS)
def test_event_parts_over_their_whole_are_flagged(nlp, text, flagged):
    assert flagged_over(nlp, text, flagged), mismatches(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # parts that fit
        ("Researchers followed 212,460 adults. 1,874 of them were diagnosed with cancer. Of the cancers diagnosed, "
         "1,102 were in the colon and 772 in the rectum."),
        ("A bacterium has infected 27 patients. Of the 27 cases, 14 were on the surgical ward on Level 2, six in "
         "the intensive care unit and seven on the renal unit."),
        # a place, then a time: not one list of places
        ("A bacterium has infected 27 patients. Of the 27 cases, 14 were on the surgical ward, and 20 during the "
         "first week."),
        # the whole is a lower bound
        ("Researchers followed 212,460 adults. More than 1,800 of them were diagnosed with cancer. Of the cancers "
         "diagnosed, 1,102 were in the colon and 851 in the rectum."),
        # overlapping descriptions, not places
        ("Researchers followed 212,460 adults. 1,874 of them were diagnosed with cancer. Of the cancers diagnosed, "
         "1,102 were in men over 60 and 900 were treated with surgery."),
        # a count for a shorter period, then the whole: the largest count is the whole
        ("In the first year 200 cancers were diagnosed. By the end, 1,874 of them were diagnosed. Of the cancers "
         "diagnosed, 1,102 were in the colon and 700 in the rectum."),
        # another study in between
        ("The first study found 300 cancers. A separate study of 90,000 women followed them for years. Of the "
         "cancers diagnosed, 250 were in the breast and 120 in the ovary."),
    ],
)
def test_event_parts_look_alikes_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The analysis covered 41,200 adults. Of the 45,870 adults who joined the cohort, 4,670 were "
        "excluded because of missing data, leaving 41,200 for the analysis.",
        "The trial analysed 900 patients. The 1,020 patients who were randomised included 120 who "
        "dropped out before the first visit.",
    ],
)
def test_the_people_before_exclusions_are_no_conflict(nlp, text):
    assert mismatches(nlp, text) == []


def test_a_definite_reference_with_another_number_is_still_flagged(nlp):
    text = "The trial enrolled 900 patients. The 990 patients were followed for two years."
    assert mismatches(nlp, text) == ["990 patients"]


def test_the_people_who_started_the_trial_are_its_whole_sample(nlp):
    text = "The trial enrolled 1,284 adults with obesity. Of the 1,248 participants who started the trial, 1,102 completed it."
    assert mismatches(nlp, text) == ["1,248 participants"]


def test_a_count_given_again_with_its_digits_in_another_order_is_flagged(nlp):
    text = ("Surgeons performed 38,460 operations during the year. \"We carried out 36,840 operations "
            "last year,\" the chief executive said.")
    assert mismatches(nlp, text) == ["36,840 operations"]


@pytest.mark.parametrize(
    "text",
    [
        # too short to be more than chance, another noun, the same number again, other digits
        "Doctors saw 12 cases in May and 21 cases in June.",
        "The clinic treated 1,423 patients and ran 1,342 operations.",
        "The trust performed 38,460 operations; all 38,460 operations were logged.",
        "The trust performed 38,460 operations, up from 35,910 operations the year before.",
    ],
)
def test_counts_that_merely_share_digits_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


# --- a waiting-list control arm; one verb for two places -----------------------------------

ELIDED_OVER_WHOLE = [
    (("The researchers included 640 adults with chronic tinnitus. Of them, 330 used the app and 325 were "
      "on a waiting list."), "325 were"),
    ("The trial enrolled 210 children. Of these, 120 used the inhaler and 100 were on the waitlist.", "100 were"),
    (("Of the 1,240 participants, 812 were screened at pharmacies in Ashby and 463 at a mobile unit parked "
      "outside a supermarket."), "463"),
    ("The study followed 500 patients. Of these, 300 were treated in Leeds, and 260 in York.", "260"),
]


@pytest.mark.parametrize("text, flagged", ELIDED_OVER_WHOLE)
def test_arms_and_places_over_the_whole_are_flagged(nlp, text, flagged):
    assert flagged_over(nlp, text, flagged), mismatches(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # parts that fit
        "The researchers included 640 adults. Of them, 320 used the app and 320 were on a waiting list.",
        "Of the 1,240 participants, 812 were screened at pharmacies and 428 at a mobile unit.",
        # not one verb for two places: two attributes, which may overlap
        "Of the 640 adults, 330 were women and 325 were over 60.",
        "Of the 640 adults, 330 were treated at home and 325 were given a leaflet.",
        # years: the same people may be counted in both
        "Of the 1,240 participants, 812 were vaccinated in 2023 and 763 in 2024.",
        # two things the same people may use (an app, then a booster session): no control arm
        "The trial enrolled 240 patients. Of these, 230 used the app and 130 used a booster session.",
    ],
)
def test_arm_and_place_look_alikes_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


# --- one programme given two lengths --------------------------------------------------------

def test_a_programme_given_two_lengths_is_flagged(nlp):
    text = ("Over the 14-week programme, agitation scores fell by 18%. Staff logged fewer incidents. "
            "By the end of the 16-week programme, prescriptions had not changed.")
    assert mismatches(nlp, text) == ["16-week programme"]


@pytest.mark.parametrize(
    "text",
    [
        # two programmes, introduced as such
        "Patients joined a 12-week course or a 24-week course. The 12-week course was cheaper. The 24-week course worked better.",
        # another paragraph, another programme
        "Over the 14-week programme, scores fell.\n\nBy the end of the 16-week programme in Leeds, nothing had changed.",
        # the same length in words and digits; other units
        "The twelve-week programme began in May. Over the 12-week programme, scores fell.",
        "The 12-week programme has a 2-week break. The 14-day course of tablets came first.",
        # two regimens compared side by side in one sentence, then named again one by one
        "Patients got the 12-hour regimen (n = 603) or the 21-hour regimen (n = 601). "
        "Nausea was rarer on the 12-hour regimen. The 21-hour regimen caused more vomiting.",
    ],
)
def test_programme_length_look_alikes_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


# --- randomised arms against the number randomised -------------------------------------------

def test_arms_that_do_not_add_up_to_the_number_randomised_are_flagged(nlp):
    text = ("Patients were randomised 1:1 to corvatinib plus docetaxel (n = 308) or to placebo plus docetaxel "
            "(n = 296). Of the 612 patients randomised, 598 received at least one dose.")
    assert mismatches(nlp, text) == ["612 patients randomised"]


@pytest.mark.parametrize(
    "text",
    [
        ("Patients were randomised 1:1 to A (n = 308) or to B (n = 296). Of the 604 patients randomised, "
         "598 received at least one dose."),
        # a third arm not given: the sizes do not cover the ratio's parts
        ("Patients were randomised 1:1:1 to A (n = 308) or to B (n = 296). Of the 904 patients randomised, "
         "898 were treated."),
        "Patients were randomised 2:1 to A (n = 400) or placebo (n = 200). The trial randomised 600 adults.",
    ],
)
def test_randomised_arms_that_add_up_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


# --- found through blind sets 14 and 15, and articles written like wire copy ----------------

def test_a_sample_referred_back_to_with_two_digits_swapped_is_flagged(nlp):
    text = ("The meta-analysis combined results from 27 trials involving 1,842 young people aged 6 to 17.\n\n"
            '"The pooled estimate rests on the 1,824 children in these trials," he said.')
    assert mismatches(nlp, text) == ["1,824 children"]
    # a subgroup of other digits, or not referred back to, is no slip
    assert mismatches(nlp, "The survey reached 1,842 young people. Of them, 1,248 children said they slept badly.") == []
    assert mismatches(nlp, "The survey reached 1,842 young people; 1,824 children were also seen in clinics.") == []


def test_the_trials_own_participants_are_a_reference_to_its_sample(nlp):
    text = ("The study enrolled 612 adults within 10 days of a stroke.\n\n"
            "The team now wants to follow the trial's 621 participants for two years.")
    assert mismatches(nlp, text) == ["621 participants"]


def test_arms_that_add_up_to_a_sample_given_elsewhere_are_left_alone(nlp):
    # the article's main trial, its earlier phase 2 study in between, then the main trial's arms
    text = ("The drug slowed decline in a trial of 1,795 patients.\n\n"
            "In an earlier phase 2b study of 856 patients, the highest dose reduced plaque by 93%.\n\n"
            "Participants were randomised 1:1; 898 received the drug and 897 received placebo.")
    assert mismatches(nlp, text) == []
    text = "The trial enrolled 312 patients. Of these, 156 were assigned to the drug and 166 to placebo."
    assert mismatches(nlp, text) == ["156 were assigned to the drug and 166 to placebo"]


def test_two_studies_round_numbers_and_named_groups_are_no_slip(nlp):
    text = ("The first study followed 1,200 Swedish children. The second looked at 1,020 Canadian children.\n\n"
            "Berg reported that 1,200 families took part. In Burg's study, 1,020 families enrolled.")
    assert mismatches(nlp, text) == []
    text = "The surgeons performed 38,460 operations. Later the report said they carried out 36,840 operations."
    assert mismatches(nlp, text) == ["36,840 operations"]


def test_a_study_named_with_its_sample_is_the_whole_later_groups_are_checked_against(nlp):
    text = ("The online survey of 2,017 adults found men used less sunscreen. "
            "Of the 2,170 adults surveyed, 58 percent had been sunburned.")
    assert mismatches(nlp, text) == ["2,170 adults"]
    # the same study, said of any like it ("a trial this size", "you'd"), begins no other study
    text = ("We randomised 214 patients at 38 hospitals. The odds ratio was 8.6, with a wide interval, "
            "as you'd expect in a trial this size. Of the 241 patients we randomised, 197 completed it.")
    assert mismatches(nlp, text) == ["241 patients"]
    # a group smaller than the whole is no conflict
    assert mismatches(nlp, "The survey of 2,017 adults found that of the 1,170 adults who tanned, 58 percent burned.") == []


def test_three_digit_counts_referred_back_with_two_digits_swapped(nlp):
    text = "The agency had received 412 Yellow Card reports of reactions. It will consider all 421 reports in June."
    assert mismatches(nlp, text) == ["421 reports"]
    # two counts of two years, no reference back
    assert mismatches(nlp, "There were 412 reports in 2023 and 421 reports in 2024.") == []
    # two digits, referred back to; a group named more briefly the second time is the same group
    text = "Officials confirmed 86 cases of leptospirosis. The 68 leptospirosis cases so far include 11 children."
    assert mismatches(nlp, text) == ["68 leptospirosis cases"]
    text = "In 2024 there were 412 emergency asthma admissions. We will compare 2025 with the 421 emergency admissions of 2024."
    assert mismatches(nlp, text) == ["421 emergency admissions"]
    assert mismatches(nlp, "The study enrolled 42 children. Of those 24 children, most were boys.") == ["24 children"]
    assert mismatches(nlp, "There were 21 patients on the ward, and 12 patients at home.") == []


def test_two_rows_of_one_table_with_the_same_digits_are_no_slip(nlp):
    table = (
        "Table 1: Emergency admissions for falls, by age group\n\n"
        "| Age group | Year ending March 2024 |\n"
        "|---|---:|\n"
        "| 65 to 69 | 20,410 |\n"
        "| 75 to 79 | 40,120 |\n"
    )
    assert mismatches(nlp, table) == []
    # a cell restated in the text with its digits swapped is still caught
    restated = table + "\nAmong people aged 75 to 79 there were 40,210 admissions, the report said.\n"
    assert mismatches(nlp, restated) == ["40,210 admissions"]


def test_a_trials_enrolment_given_again_with_two_digits_swapped(nlp):
    text = ("The randomized trial enrolled 412 women at 58 sites. About the trial: LUMEN is a Phase 3 "
            "study that randomized 421 women aged 18 to 45.")
    assert mismatches(nlp, text) == ["421 women"]
    # two arms of one trial with the same digits are two groups
    assert mismatches(nlp, "The trial randomized 412 women to the drug and randomized 421 women to placebo.") == []


def test_parts_of_the_cases_the_sentence_before_named(nlp):
    text = "There were now 23 confirmed cases, up from 17 on Monday. Of these, 15 are men and nine are women."
    assert mismatches(nlp, text) == ["15 are men and nine are women"]
    assert mismatches(nlp, "There were now 23 confirmed cases. Of these, 14 are men and nine are women.") == []


def test_the_headlines_finding_given_another_value_in_the_body(nlp):
    text = ("HRT patches carry 38% lower clot risk than tablets, major study finds\n\n"
            "Women using patches had a 28% lower risk of a clot than those taking tablets.")
    assert mismatches(nlp, text) == ["28% lower risk of a clot"]
    # the headline's value in the body too (two findings), or another outcome: no contradiction
    assert mismatches(nlp, "Patches carry 38% lower clot risk\n\nPatches had a 38% lower risk of a clot. "
                           "Gels had a 28% lower risk of a clot.") == []
    assert mismatches(nlp, "Patches carry 38% lower clot risk\n\nThey had a 28% lower risk of stroke.") == []


def test_a_percentage_restated_in_a_quote_with_two_digits_swapped(nlp):
    text = ("The vaccine prevented 58.6% of cases, the trial found. Efficacy was 58.6% over the winter.\n\n"
            '"A vaccine that is 56.8% effective could make a real difference," a spokesperson said.')
    assert mismatches(nlp, text) == ["56.8%"]
    # outside a quotation, two results of a list: no slip
    assert mismatches(nlp, "- Headache: 12.7% vs 9.4%\n- Pain: difference 17.2 percentage points") == []
    # two digits only where the two sentences speak of the same thing
    text = ("Fine particle concentrations in the classrooms fell by 34% in the intervention schools.\n\n"
            '"We cut the fine particles children breathe in classrooms by 43%," she said.')
    assert mismatches(nlp, text) == ["43%"]
    assert mismatches(nlp, 'Admissions rose by 34% last year.\n\n"About 43% of our nurses are tired," she said.') == []


def test_no_mismatch_in_a_correction_notice(nlp):
    text = ("The trial involved 5,210 people aged over 70.\n\n"
            "Correction: this article was amended on 14 March 2025. An earlier version said the trial "
            "involved 2,510 people; the correct figure is 5,210.")
    assert mismatches(nlp, text) == []


def test_an_enrolment_restated_in_a_quote_with_two_digits_swapped(nlp):
    text = 'CALM-2 enrolled 412 patients at 58 sites. "With 421 patients, CALM-2 is the largest study," she said.'
    assert mismatches(nlp, text) == ["421 patients"]


def test_a_table_cell_restated_with_two_digits_swapped_in_a_sentence_naming_its_row(nlp):
    table = (
        "| Hospital | Operations | Deaths | Mortality |\n"
        "|---|---|---|---|\n"
        "| Harrowgate University Hospital | 1,266 | 41 | 3.24% |\n"
        "| Penlow Cardiothoracic Unit | 987 | 16 | 1.62% |\n\n"
    )
    assert mismatches(nlp, table + "Harrowgate's rate of 3.42% was almost double the average.") == ["3.42%"]
    # another row's figure, or a sentence not naming the row: two figures
    assert mismatches(nlp, table + "The national rate of 3.42% was higher than in 2022.") == []


# --- a table's total row -------------------------------------------------------------------

_AREAS = (
    "| Area | Positivity | Confirmed admissions |\n|---|---|---|\n"
    "| Aldmoor | 19.2% | 248 |\n| Brackwater | 16.4% | 187 |\n| Coldharbour | 21.0% | 301 |\n"
)


@pytest.mark.parametrize(
    "table, flagged",
    [
        # two neighbouring digits swapped: 736 written 763
        (_AREAS + "| Eastmarch total | 18.9% | 763 |\n", "763"),
        # the rows add up to more than the total
        (_AREAS + "| **Total** | 18.9% | **701** |\n", "701"),
        # the total at the top, over the rows below it
        ("| Area | Admissions |\n|---|---|\n| All areas | 763 |\n| Aldmoor | 248 |\n| Brackwater | 187 |\n"
         "| Coldharbour | 301 |\n", "763"),
        # a table pasted with tabs
        ("Area\tPositivity\tAdmissions\nAldmoor\t19.2%\t248\nBrackwater\t16.4%\t187\nTotal\t18.0%\t453\n", "453"),
    ],
)
def test_a_total_row_that_is_not_the_sum_of_its_rows_is_flagged(nlp, table, flagged):
    text = f"Admissions rose this week.\n\n{table}\nMost areas saw a rise."
    assert flagged_over(nlp, text, flagged), mismatches(nlp, text)


@pytest.mark.parametrize(
    "table",
    [
        _AREAS + "| Eastmarch total | 18.9% | 736 |\n",  # right
        # some of the rows of a larger whole
        "| Region | Cases |\n|---|---|\n| North | 120 |\n| South | 90 |\n| England total | 1,500 |\n",
        # rates and shares do not add up
        "| Age | Admissions | Rate per 100,000 |\n|---|---|---|\n| 65 to 69 | 20,410 | 704 |\n| 70 to 74 | 31,290 | 1,107 |\n"
        "| All aged 65 and over | 51,700 | 2,187 (age-standardised) |\n",
        # the rest of the rows is no total; the real total is named otherwise
        "| County | 2025 |\n|---|---|\n| Platte Ridge | 96 |\n| Loup Bend | 71 |\n| All other counties | 104 |\n| Statewide | 271 |\n",
        # subtotals: which rows each adds up is not sure
        "| Site | Cases |\n|---|---|\n| Ward A | 10 |\n| Ward B | 12 |\n| Subtotal | 22 |\n| Ward C | 5 |\n| Total | 72 |\n",
    ],
)
def test_total_rows_that_add_up_or_cannot_be_checked_are_left_alone(nlp, table):
    text = f"Admissions rose this week.\n\n{table}\nMost areas saw a rise."
    assert mismatches(nlp, text) == []


# --- a change told again in a quotation, to another end ------------------------------------


def test_a_change_restated_in_a_quotation_with_another_end_is_flagged(nlp):
    text = ("The share of mothers giving birth in a facility has risen from 58 per cent to 74 per cent in two years.\n\n"
            "\"We have moved facility deliveries from 58 per cent to 78 per cent, and our maternal deaths have "
            "fallen,\" Dr Omukoko said.")
    assert flagged_over(nlp, text, "78 per cent"), mismatches(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # the quotation gives one of the changes told before
        "Uptake rose from 58% to 74% in boys. In girls it rose from 58% to 69%.\n\n\"Girls went from 58% to 69%,\" she said.",
        # two changes from the same start, no quotation: two groups
        "Uptake rose from 58% to 74% in boys. In girls it rose from 58% to 69%.",
    ],
)
def test_changes_from_the_same_start_that_agree_or_are_two_groups_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


# --- an outbreak's cases by where they stand -----------------------------------------------


def test_cases_split_by_outcome_over_the_whole_are_flagged(nlp):
    text = ("\u201cOf the 214 confirmed cases, 168 patients have been treated and discharged, 31 died, while 24 are "
            "still on admission at the centre,\u201d she said.")
    assert flagged_over(nlp, text, "31 died"), mismatches(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Of the 214 confirmed cases, 160 have been discharged, 31 died and 23 are still on admission.",
        # outcomes that can overlap are no split: symptoms, or two counts of one state
        "Of the 214 confirmed cases, 168 had fever, 131 had a cough and 24 had a rash.",
        "Of the 214 confirmed cases, 168 were admitted in March and 120 were admitted in April.",
    ],
)
def test_outcome_splits_that_fit_or_are_no_split_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


# --- a medicine's daily maximum, told again --------------------------------------------------


def test_a_daily_maximum_given_again_as_another_amount_is_flagged(nlp):
    text = ("Adults can take a maximum of 1,200mg in 24 hours. The usual dose is 200mg to 400mg.\n\n"
            "Taking 1 or 2 extra tablets by accident is unlikely to harm you. But never take more than 1,600mg in a day.")
    assert flagged_over(nlp, text, "1,600mg"), mismatches(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Adults can take a maximum of 1,200mg in 24 hours. Never take more than 1,200mg in a day.",
        # a group with a maximum of its own
        "Adults can take a maximum of 4g in 24 hours. Children aged 6 to 11 should take no more than 2g a day.",
        # another unit
        "Adults can take a maximum of 4g in 24 hours, that is no more than 8 tablets a day.",
    ],
)
def test_daily_maximums_that_agree_or_are_for_other_groups_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


def test_an_enrolment_given_again_with_one_digit_changed_is_flagged(nlp):
    text = ("The study randomly assigned 184 adults with type 2 diabetes to time-restricted eating or a diet.\n\n"
            "TREAT-2D enrolled 194 adults aged 30 to 75 at four NHS sites.")
    assert mismatches(nlp, text) == ["194 adults"]
    # a changed zero is most often two round numbers; other people are another group
    assert mismatches(nlp, text.replace("194 adults", "104 adults")) == []
    assert mismatches(nlp, text.replace("194 adults", "194 children")) == []


def test_a_three_digit_number_is_checked_against_each_earlier_one_with_its_digits(nlp):
    text = ("An earlier report said 412 students had fallen ill. As of Thursday, 142 students and 19 staff members "
            "had reported vomiting.\n\nOf the 124 students who fell ill, most became sick on Feb. 18.")
    assert mismatches(nlp, text) == ["124 students"]


def test_a_by_the_numbers_line_counts_what_follows_its_dash():
    from claimcheck.nlp.claims import find_claims
    text = "412 \u2014 lab-confirmed influenza cases reported this week.\n\n6 \u2014 norovirus outbreaks in care homes."
    assert [(c.kind, text[c.start:c.end], c.value) for c in find_claims(text)] == [
        ("count", "412 \u2014 lab-confirmed influenza cases", 412), ("count", "6 \u2014 norovirus outbreaks", 6)]


def test_a_change_of_an_outcome_restated_with_one_digit_changed_is_flagged(nlp):
    text = ("People who eat processed meat have a 16 percent higher risk of bowel cancer for every 50 grams a day. "
            "Every extra 50 grams was linked to a 16 percent higher risk.\n\n"
            "To sum up: a 26 percent higher risk of bowel cancer for every 50 grams of processed meat a day.")
    assert mismatches(nlp, text) == ["26 percent higher risk of bowel"]
    # two findings told once each are two findings
    text = ("Men had a 16 percent higher risk of bowel cancer for every 50 grams. "
            "Women had a 26 percent higher risk of bowel cancer for every 50 grams.")
    assert mismatches(nlp, text) == []


def test_subtypes_of_a_count_that_add_up_to_more_than_it_are_flagged(nlp):
    text = "The district reported 412 lab-confirmed influenza cases last week. Of those, 268 were influenza A and {} were influenza B."
    assert flagged_over(nlp, text.format(171), "171 were influenza B")
    assert mismatches(nlp, text.format(144)) == []
    # parts that are no subtypes may overlap: hospitalised people and children
    assert mismatches(nlp, "The trial enrolled 412 adults. Of those, 268 were hospitalised and 171 were children.") == []


def test_a_percentage_outside_its_interval_after_its_measure_word(nlp):
    doc = nlp("One dose of the vaccine was 76% effective (95% CI 79-91) against cholera. "
              "Two doses were 84% effective (95% CI 79-91), and the risk was 23% lower (95% CI 0.69-0.86).")
    assert [s.text for s in doc.spans["flags"] if s.label_ == "implausible_value"] == ["76% effective (95% CI 79-91"]


def test_a_fall_of_more_than_all_of_it_with_or_without_by(nlp):
    doc = nlp("The average price of a pack fell 112% between 2019 and 2024, while admissions fell to 112% of the 2019 level.")
    assert [s.text for s in doc.spans["flags"] if s.label_ == "implausible_value"] == ["112%"]
    assert doc.spans["flags"][0].start_char == doc.text.index("112%")


def test_a_dose_stepped_down_is_two_doses_not_an_inverted_range(nlp):
    doc = nlp("Patients on omeprazole 40 mg were stepped down to 20 mg daily, and those on lansoprazole 30 mg to 15 mg.")
    assert [s.text for s in doc.spans["claims"] if s.label_ == "dose"] == ["40 mg", "20 mg", "30 mg", "15 mg"]
    assert [s for s in doc.spans["flags"] if s.label_ == "implausible_value"] == []


def test_a_rise_misquoted_with_one_digit_changed(nlp):
    text = ("Emergency admissions for asthma at the two hospitals rose by 18 per cent in the three days after alerts.\n\n"
            'The councillor said: "When we know admissions go up by 28 per cent after an alert, we must act."')
    assert mismatches(nlp, text) == ["28 per cent"]
    # another group's rise, given as such before the quotation, is no misquote
    text = 'Admissions rose by 18% among men and by 28% among women. "Admissions go up by 28% in women," she said.'
    assert mismatches(nlp, text) == []
    # nor a rise of another thing
    text = 'Admissions rose by 18% last year. "Waiting lists go up by 28% every winter," she said.'
    assert mismatches(nlp, text) == []


def test_an_audits_sample_referred_back_with_one_digit_changed(nlp):
    text = ("We carried out a case-note audit of 480 patient records, randomly selected. "
            "Of the 460 records audited, 128 patients (26.7%) stayed in hospital.")
    assert mismatches(nlp, text) == ["460 records"]
    # a part of the sample, told by another verb, is no restatement
    assert mismatches(nlp, "A survey of 2,017 adults found this. Of the 2,010 adults who smoked, half quit.") == []


def test_a_count_referred_back_to_by_another_noun_with_two_digits_swapped(nlp):
    text = ("The programme has found 2,146 previously undiagnosed cases over 10 years. Treating the 2,416 "
            "relatives found to carry FH would prevent 310 heart attacks.")
    assert mismatches(nlp, text) == ["2,416 relatives"]


def test_a_three_digit_count_restated_with_two_digits_swapped_in_a_quotation(nlp):
    text = ('The testing programme found 237 people living with the infection. The councillor said: "Finding 273 '
            'people who had no idea they carried this virus is money well spent."')
    assert mismatches(nlp, text) == ["273 people"]


def test_people_a_group_included_are_parts_of_it_not_its_total(nlp):
    text = ("We sent in saliva from 12 volunteers. Our volunteers included four people who knew they carried a "
            "BRCA variant, and two with familial hypercholesterolaemia. The other six had no known condition.")
    assert mismatches(nlp, text) == []
    text = "The study included 40 patients. Of these, 12 were men and the remaining 30 were women."
    assert mismatches(nlp, text) == ["30 were women"]


def test_a_poll_referred_back_to_with_two_digits_swapped(nlp):
    text = ("A poll of 3,180 secondary school pupils found 26 per cent had used a pouch. Of the 3,810 youngsters "
            "questioned, more than a third said so.")
    assert mismatches(nlp, text) == ["3,810 youngsters"]
    # a bare count referred back to
    text = "The programme found 2,146 previously undiagnosed cases. Of these, the 2,416 were found to have a variant."
    assert mismatches(nlp, text) == ["2,416"]


def test_a_live_blogs_next_entry_and_a_time_of_day_are_no_randomised_total(nlp):
    text = ("09:09\nOPENVENT-HF randomised 508 patients at 61 sites.\n\n10:40\nFORTIS-CCM enrolled 391 patients. They "
            "were randomised 2:1 to CCM (n = 261) or medical therapy alone (n = 130).\n\n11:12\nPRESSURE-GUIDE: the "
            "trial randomised 1,032 patients with heart failure.")
    assert mismatches(nlp, text) == []
    text = ("FORTIS-CCM enrolled 391 patients. They were randomised 2:1 to CCM (n = 261) or medical therapy alone "
            "(n = 130). In all, 393 patients were randomised.")
    assert mismatches(nlp, text) == ["393 patients were randomised"]


@pytest.mark.parametrize("text, flagged", [
    # one answer and its negation
    ("Of the 214 parents who replied, 131 have a child on ADHD medication and 97 said their child isn't on meds.",
     "97 said"),
    # two states of one kind: a response, a sex, a result, working hours
    ("Of the 102 responders, 54 had a complete response or better and 52 had a very good partial or partial response.",
     "52 had a very good"),
    ("There were 287 children referred. Of those, 201 were girls and 104 were boys.", "104 were boys"),
    ("Of the survey's respondents, 58% worked full-time and the remaining 49% part-time.", "49%"),
    # a scale's answers, as shares
    ("Of the 1 214 patients who answered, 71 % were very satisfied, 24 % were satisfied and 9 % were not satisfied.",
     "9 % were not"),
    # each in its own place
    ("Of the 27 deaths, 19 were in children under five and 11 were in adults.", "11 were in adults"),
    ("Of the 9,870 residents, 5,120 lived in homes run by large groups, 2,940 in homes run by regional operators and "
     "2,210 in independent family-run homes.", "2,210 in independent"),
])
def test_parts_that_exclude_each_other_cannot_exceed_their_whole(nlp, text, flagged):
    assert flagged_over(nlp, text, flagged)


@pytest.mark.parametrize("text", [
    # conditions may overlap
    "Of the 500 patients, 300 had diabetes and 250 had high blood pressure.",
    "Of the 120 smokers, 80 had tried to quit and 70 had not used a nicotine patch.",
    # two answers to two questions, sharing only "said"
    "Of those who called, 78% said they felt less distressed and 61% said they would not have phoned a helpline.",
    # the parts fit
    "Of the 214 parents who replied, 131 have a child on ADHD medication and 83 said their child isn't on meds.",
    "Of the survey's respondents, 58% worked full-time and the remaining 42% part-time.",
    # overlap said outright
    "Of the 100 patients, 70 tested positive and 40 also tested negative on a second swab.",
])
def test_parts_that_may_overlap_or_fit_are_left_alone(nlp, text):
    assert mismatches(nlp, text) == []


def test_two_values_set_side_by_side_are_no_transposed_slip(nlp):
    text = ("There were 1,146 hospital admissions in children under 2, down 29% on the 1,614 admissions in 2023/24.\n\n"
            "| Age | 2023/24 | 2024/25 |\n|---|---|---|\n| All under 2 | 1,614 | 1,146 |\n")
    assert mismatches(nlp, text) == []
    # the same digits in another order in a later sentence, referred back to, still are
    text = "The trust performed 38,460 operations last year. It says the 36,840 operations were all audited."
    assert mismatches(nlp, text) == ["36,840 operations"]


def test_a_count_of_events_continued_in_a_group_is_no_group_size(nlp):
    text = ("The trial randomised 1,218 people aged over 70. Over two years the exercise group recorded 1,046 falls, "
            "compared with 1,583 in the usual care group.")
    assert mismatches(nlp, text) == []
    text = "The trial randomised 1,218 people aged over 70. Of these, 1,583 were in the usual care group."
    assert mismatches(nlp, text) == ["1,583"]


# --- a part of a nearer whole ---------------------------------------------------------------

def test_of_these_counts_a_part_of_the_larger_number_just_before_not_the_study(nlp):
    """`Of these` points at the group just named: a part of 5,910 relatives is no part of the
    1,486 people surveyed; with no larger number just before, it is still flagged."""
    study = "The trial enrolled 1,486 people with a BRCA variant. "
    assert mismatches(nlp, study + "Of these, 2,011 had been tested.") == ["2,011"]
    assert mismatches(nlp, study + "They named 5,910 relatives in all. Of these, 2,011 had been tested.") == []
    assert mismatches(nlp, study + "They named 5,910 relatives.\n\nOf these, 2,011 had been tested.") == []
    # a year is no group: "Of these" still points back to the study
    assert mismatches(nlp, study + "The trial ran until 2023. Of these, 2,011 had been tested.") == ["2,011"]


# --- a count named again without its modifiers, its digits swapped ---------------------------

def test_a_count_named_again_without_its_modifiers_with_two_digits_swapped(nlp):
    text = "They identified 1,206 drug-related deaths within a year of release. Of the {} deaths, 74% involved opioids."
    assert mismatches(nlp, text.format("1,260")) == ["1,260 deaths"]
    # a wider count (all deaths) or the same count: no slip
    assert mismatches(nlp, text.format("1,296")) == []
    assert mismatches(nlp, text.format("1,206")) == []
    assert mismatches(nlp, "They found 1,206 drug-related deaths and 2,400 other deaths. Of the 3,606 deaths, 74% involved opioids.") == []


def test_words_that_tell_no_group_apart_and_an_earlier_count_of_other_people(nlp):
    text = ("Smoke caused 1,860 additional respiratory admissions, most of them in 2017. "
            "Falkenberg said the 1,680 extra respiratory admissions were an undercount.")
    assert mismatches(nlp, text) == ["1,680 extra respiratory admissions"]
    # three digits: a definite reference back to a count of another noun, two neighbours swapped
    text = "In 2023, 412 people died on the list. Members noted that the {} deaths on the list were not evenly spread."
    assert mismatches(nlp, text.format("421")) == ["421 deaths"]
    assert mismatches(nlp, text.format("412")) == []
    assert mismatches(nlp, "In 2023, 412 people died on the list. In 2024, 421 deaths were recorded.") == []


def test_answers_yes_and_no_cannot_add_up_to_more_than_those_asked(nlp):
    opener = "Of the 1,190 families approached, "
    assert mismatches(nlp, opener + "742 had supported donation and 496 had declined.") == [
        "742 had supported donation and 496 had declined"]
    assert mismatches(nlp, opener + "742 agreed and 448 refused.") == []
    assert mismatches(nlp, opener + "742 agreed and 496 consented.") == []  # (two ways of saying yes)
