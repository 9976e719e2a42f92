"""The claim finder: every kind read with its value, and the look-alikes left alone."""

from pathlib import Path

import pytest

from claimcheck.nlp.claims import find_claims
from claimcheck.nlp.numbers import analysis_text
from claimcheck.nlp.pipeline import build_nlp

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed-article.txt"


def found(text):
    return [(m.kind, text[m.start:m.end], m.value) for m in find_claims(text)]


def only(text):
    claims = found(text)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("The team examined 45 patients with the disorder.", "sample_size", 45),
        ("The trial enrolled 1,840 participants.", "sample_size", 1840),
        ("Data came from nearly 40,000 people.", "sample_size", 40000),
        ("In all, forty-five volunteers took part.", "sample_size", 45),
        ("The study (n = 120) was small.", "sample_size", 120),
        ("It analysed 40 thousand BoNT reports.", "sample_size", 40000),
        ("A meta-analysis of 23 studies found little benefit.", "sample_size", 23),
        ("Anxiety was 22 to 72 percent less common.", "percentage", [22, 72]),
        ("Rates were 8–12% in the cohort.", "percentage", [8, 12]),
        ("There was a 15 percentage-point drop.", "percentage", 15),
        ("Between 20 and 30 percent of patients improved.", "percentage", [20, 30]),
        ("Costs rose by a 150% increase.", "percentage", 150),
        ("It fails for about a third of patients.", "proportion", 0.333),
        ("One in five adults is affected.", "proportion", 0.2),
        ("Two-thirds of respondents agreed.", "proportion", 0.667),
        ("Nearly half of the patients relapsed.", "proportion", 0.5),
        ("The drug entered a Phase III trial.", "trial_phase", "III"),
        ("A phase 2b study followed.", "trial_phase", "2b"),
        ("A Phase IIb study followed.", "trial_phase", "IIb"),
        ("The phase 2/3 trial ended.", "trial_phase", "2/3"),
        ("It was tested in a larger Phase XNUMX clinical trial.", "trial_phase", None),
        ("The hazard ratio was 0.78 overall.", "effect_size", 0.78),
        ("The odds ratio 1.5 was modest.", "effect_size", 1.5),
        ("The hazard ratio for death was 0.74.", "effect_size", 0.74),
        ("Smokers were twice as likely to relapse.", "effect_size", 2),
        ("The post claims berberine works three times better than the drug.", "effect_size", 3),
        ("The nurse gave ten times the prescribed dose of morphine.", "effect_size", 10),
        ("Overdose deaths by year:\n2020 \u2014 61 deaths\n", "count", 61),  # a year labelling a count
        ("The risk was three-fold in smokers.", "effect_size", 3),
        ("The difference was significant (P = .003).", "p_value", 0.003),
        ("The effect held, p < 0.05, in adults.", "p_value", 0.05),
        ("It was similar in men and women (p for interaction = 0.41).", "p_value", 0.41),
        ("Risk rose with each extra cup (P for trend < 0.001).", "p_value", 0.001),
        ("The ratio fell (95% CI 0.61-0.92).", "confidence_interval", [0.61, 0.92]),
        ("Four weeks later, the scans were repeated.", "duration", 4),
        ("Patients were followed over 12 months.", "duration", 12),
        ("The trial ran for six to eight weeks.", "duration", [6, 8]),
        ("They received 20 units of the toxin.", "dose", 20),
        ("The dose was 10 mg daily.", "dose", 10),
        ("A 15-microgram dose was used.", "dose", 15),
        ("Drinking two cups of coffee a day helped.", "dose", 2),
        ("There were 12 deaths in the trial.", "count", 12),
        ("It caused three serious adverse events.", "count", 3),
        ("About 1.2 million Americans have the disease.", "count", 1_200_000),
        ("About 4.5m people have the condition.", "count", 4_500_000),
        ("Smoking doubled the risk of stroke.", "effect_size", 2),
        ("The drug halved the death rate.", "effect_size", 0.5),
        ("There was a fivefold increase.", "effect_size", 5),
        ("Risk fell (HR, 0.82).", "effect_size", 0.82),
        ("It affects one-in-five adults.", "proportion", 0.2),
        ("It affects three in every ten adults.", "proportion", 0.3),
        ("They reported nine serious side-effects.", "count", 9),
        ("Take 1,000 IU of vitamin D.", "dose", 1000),
        ("The median follow-up of 3.2 years ended.", "duration", 3.2),
        ("Each can had 160mg of caffeine.", "dose", 160),
        ("Teens drank four or more cans a day.", "dose", 4),
        ("Energy drinks doubles heart flutter risk.", "effect_size", 2),
        ("Afterwards 9 of the 22 women relapsed.", "proportion", 0.409),
        ("The trial had 1 204 participants.", "sample_size", 1204),
        ("The confidence interval ran from 0.78 to 1.03.", "confidence_interval", [0.78, 1.03]),
        ("With a confidence interval of 95%: 0.62–0.99, it held.", "confidence_interval", [0.62, 0.99]),
        ("The study lasted a month.", "duration", 1),
        ("Pain eased as early as week 4.", "duration", 4),
        ("The results came in XX% of cases.", "percentage", None),
        ("Half were offered the classes.", "proportion", 0.5),
        ("The drug cut the risk by about a third.", "proportion", 0.333),
        ("Hospitalisations fell by a third in 2023.", "proportion", 0.333),
        ("Of the adults, about a third also had diabetes.", "proportion", 0.333),
        ("A randomised study on XNUMX volunteers will follow.", "sample_size", None),
        ("After XNUMX months of follow-up, rates fell.", "duration", None),
        ("Most recurrences happened within the first year.", "duration", 1),
        ("It affects an estimated 58,000 children.", "count", 58000),
        ("Kidney disease affects 37 million U.S. adults.", "count", 37_000_000),
        ("Of those enrolled, 386 died during follow-up.", "count", 386),
        ("Each year 300 are newly diagnosed.", "count", 300),
    ],
)
def test_each_kind_is_found_with_its_value(text, kind, value):
    got_kind, _, got_value = only(text)
    assert (got_kind, got_value) == (kind, value)


@pytest.mark.parametrize(
    "text",
    [
        "People with type 2 diabetes patients often need insulin.",
        "More COVID-19 patients were admitted in winter.",
        "Vitamin B12 and omega-3 supplements are popular.",
        "The clinic is open 24/7 and lists its top 10 tips.",
        "A 45-year-old man was treated.",
        "She is 45 years old.",
        "Children aged 5 to 11 years can enrol.",
        "Adults aged 18 to 65 were eligible.",
        "The treatment costs $1,200 a year.",
        "In 2019 researchers found a link.",
        "Patients exercise twice a week.",
        "Injections are given every three months.",
        "Call 555-0123 or visit 221 Baker Street.",
        "The third study was larger.",
        "World War II changed medicine; Henry VIII had gout.",
        "Phase Bio Inc. announced results.",
        "Glucose was 126 mg/dL at baseline.",
        "The lungs expel air in one second.",
        "It is recommended for infants younger than 8 months.",
        "The shot is given between 32 and 36 weeks of pregnancy.",
        "It can be given at the 2-month vaccines visit.",
        "Every class should be within a 15-minute drive.",
        "Ray, who has taught tai chi for 20 years, agreed.",
        "A replay will be available on the website for 30 days.",
        "Antonia, 78 years, took part.",
        "Participants were randomized 1:1 to the drug.",
    ],
)
def test_look_alikes_are_not_claims(text):
    assert found(text) == []


def test_ci_level_is_not_a_percentage():
    claims = found("Risk fell (hazard ratio 0.78; 95% CI 0.61-0.92).")
    assert [k for k, _, _ in claims] == ["effect_size", "confidence_interval"]


def test_a_change_from_one_percentage_to_another_is_two_values():
    claims = found("Hypertension fell from 31% to 24% in the village.")
    assert [v for _, _, v in claims] == [31, 24]


def test_two_percentages_joined_by_and_are_not_a_range():
    claims = found("Rates were 0.9% and 0.2% respectively.")
    assert [v for _, _, v in claims] == [0.9, 0.2]


def test_outcome_counts_are_told_from_sample_sizes():
    text = (
        "The trial randomised 3,108 patients to the drug. "
        "The primary outcome occurred in 412 patients (12.1%) in the drug group."
    )
    kinds = {v: k for k, _, v in found(text)}
    assert kinds[3108] == "sample_size"
    assert kinds[412] == "count"


def test_component_writes_span_group_with_values():
    nlp = build_nlp()
    doc = nlp("Researchers examined 45 patients. Four weeks later, most improved.")
    spans = list(doc.spans["claims"])
    assert [(s.label_, s.text, s._.claim_value) for s in spans] == [
        ("sample_size", "45 patients", 45),
        ("duration", "Four weeks later", 4),
    ]
    assert spans[0]._.claim_unit == "patients"


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article_every_gold_claim_found_with_value():
    import json

    from claimcheck.evaluate import values_equal

    text = SEED.read_text("utf-8")
    gold = json.loads(SEED.with_name("seed-article.gold.json").read_text("utf-8"))
    matches = find_claims(text)
    for item in gold["claims"]:
        start = text.index(item["text"])
        end = start + len(item["text"])
        hits = [m for m in matches if m.kind == item["kind"] and m.start < end and start < m.end]
        assert hits, item
        assert values_equal(hits[0].value, item["value"]), (item, hits[0])
    assert len(matches) == len(gold["claims"])


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "There were seven serious adverse reactions in total, four in the insulin group and three in the placebo group.",
            {7: "count", 4: "count", 3: "count"},
        ),
        (
            "The study randomized 312 patients with frequent flare-ups: 104 patients in the low-dose arm, "
            "105 in the high-dose arm and 112 in the placebo arm.",
            {312: "sample_size", 104: "sample_size", 105: "sample_size", 112: "sample_size"},
        ),
        (
            "Eleven people in the tai chi group broke a bone, compared with 19 in the comparison group.",
            {11: "count", 19: "count"},
        ),
        ("There were 41 deaths in the drug group.", {41: "count"}),
        ("The 603 people in the exercise arm received home visits.", {603: "sample_size"}),
        (
            "Of these, 314 were randomly assigned to the drug and 310 received ribavirin alone.",
            {314: "sample_size", 310: "sample_size"},
        ),
        ("The remaining 92 went to a dummy pill; 92 to a dummy pill.", {92: "sample_size"}),
        ("Gout affects 200,000 New Zealanders.", {200000: "count"}),
        ("Of these, 273 were assigned to antibiotics and 257 to appendectomy.", {273: "sample_size", 257: "sample_size"}),
        (
            "The outcome occurred in 612 of the 7,108 patients in the drug group and 703 of the 7,104 patients "
            "in the placebo group.",
            {612: "count", 7108: "sample_size", 703: "count", 7104: "sample_size"},
        ),
        ("The bacterium has infected 27 patients since December.", {27: "count"}),
    ],
)
def test_arm_sizes_are_told_from_outcome_counts(text, expected):
    assert {v: k for k, _, v in found(text)} == expected


@pytest.mark.parametrize(
    "text, kind, value",
    [
        # a group after an opening clause that ends in a blocked word ("years")
        ("Over the three years, 1,102 participants completed the survey.", "sample_size", 1102),
        ("Over 10 years, 1,126 of them were diagnosed with dementia.", "count", 1126),
        ("Deaths from cardiovascular causes numbered 131 and 148 respectively.", "count", 131),
        ("Deaths from cardiovascular causes numbered 131 and 148 respectively.", "count", 148),
        ("By Friday, confirmed measles cases in the county rose to 87.", "count", 87),
        # a number in a name inside the ratio's subject is not its value
        ("The hazard ratio for new type 2 diabetes was 1.11 with statins.", "effect_size", 1.11),
        ("It found about two additional cancers for every 1,000 women screened.", "proportion", 0.002),
        ("Two in three cut their migraine days by at least half.", "proportion", 0.5),
        ("The recall rate fell by half a percentage point.", "percentage", 0.5),
        ("Norovirus was running at about double the usual level.", "effect_size", 2),
        ("Of the people screened, 97 were flagged for referral.", "count", 97),
        # no study anywhere in the article: people in an outbreak are counted, not sampled
        ("Norovirus has now made twenty-three people ill at the care home. Three residents are in hospital.",
         "count", 23),
        # "N x as likely", written with a letter or a multiplication sign
        ("Smokers were 3.5x as likely to relapse.", "effect_size", 3.5),
        ("Smokers were 2.5× more likely to relapse.", "effect_size", 2.5),
        # small shares keep three significant figures, not three decimals
        ("The reaction affects around one in 400 people.", "proportion", 0.0025),
        ("It strikes one in 5,000 children.", "proportion", 0.0002),
        # time points in the plural, in words, and as ranges
        ("Pain eased between weeks 6 and 12 of treatment.", "duration", [6, 12]),
        ("The gains held at year five.", "duration", 5),
        ("Weight fell by the end of the first year.", "duration", 1),
        # those with an outcome, told by a word inside the group's phrase
        ("Doctors said nine positive patients were isolated.", "count", 9),
        ("Six of the infected patients needed oxygen.", "count", 6),
        ("He had two slices of wholemeal bread a day.", "dose", 2),
        ("The fund covers 58,000 beneficiaries in the region.", "count", 58000),  # a population
        # a study group told by the participle or the verb after the number
        ("Of the 102 enrolled, 94 completed the programme.", "sample_size", 102),
        ("Of the 102 enrolled, 94 completed the programme.", "sample_size", 94),
        # those with the outcome, told by the participle or the verb
        ("Officials said 9 patients infected with the fungus were isolated.", "count", 9),
        ("Of those screened, four had active infections.", "count", 4),
        ("Of those screened, five were colonized.", "count", 5),
        # doses in scientific notation, superscript or caret
        ("The first group received 2 × 10¹² vector genomes per kilogram.", "dose", 2e12),
        ("Each capsule holds 1.5 x 10^9 CFU of bacteria.", "dose", 1.5e9),
        ("Half will be infused with the higher dose.", "proportion", 0.5),
        # the arms of an assignment, listed after a colon or a comma
        ("They were assigned to four groups: 214 to velsotide 2.5 mg weekly, 428 to 5 mg weekly.", "sample_size", 214),
        ("They were assigned to four groups: 214 to velsotide 2.5 mg weekly, 428 to 5 mg weekly.", "sample_size", 428),
        ("They were assigned to four groups: 214 to velsotide 2.5 mg weekly, 428 to 5 mg weekly.", "dose", 5),
        ("Two hundred and forty patients took part.", "sample_size", 240),
        ("The rate was 6.8 per 100,000 prescriptions.", "proportion", 6.8e-05),
        ("Treatment must start within four and a half hours.", "duration", 4.5),
        ("Over the following year and a half, she lost weight.", "duration", 1.5),
        ("She was seen again a week later.", "duration", 1),
        ("Of 300 suspected cases, 268 were confirmed to have had a stroke.", "count", 268),
        ("By June, 113 patients reached the target.", "count", 113),
        ("In all, 362 reports described herpes zoster.", "count", 362),
        ("Of the 1,248 who started, 1,102 completed the full 72 weeks.", "sample_size", 1102),
        ("In total, 28 trials with 5,193 participants met the inclusion criteria.", "sample_size", 28),
        ("The effect was small (odds ratio 0.89; 8 trials, 1,426 participants).", "sample_size", 8),
    ],
)
def test_wordings_from_blind_articles(text, kind, value):
    values = [c[2] for c in found(text) if c[0] == kind]
    assert any(v == pytest.approx(value, rel=0.01) for v in values), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Girls aged 9 to 14 received the vaccine at school.",  # an age range, not a group of 14
        "Phase 2 of the campaign starts in March.",  # a phase of a campaign, not a trial
        "Phase One Genomics sequenced the samples.",  # a company
        "Take no more than four times in 24 hours.",  # a dosing frequency
        "Leave at least four hours between doses.",  # a dosing interval
        "Do not take more than 4 g in any 24-hour period.",  # the window of a daily limit
        "She hopes to see one day a cure for the disease.",  # the idiom
        "Take a reading twice a day for the first week of every month.",  # a schedule
        "Cases by age:\n- 5 to 14 years: 34 cases\n",  # an age band labelling a row
        "Revenue from the vaccine rose to 45 million.",  # a total, but of no events
        "The wait fell by half an hour.",  # half an hour is no share
        "They trained 3 days a week.",  # how often, not how long
        "The minor injuries unit is open 24 hours a day.",  # opening hours
        "Exemptions rose in the 2024-25 school year and the 2023 financial year.",  # years named
        "Survival for babies born at 23 or 24 weeks has risen.",  # how far along a pregnancy was
        "The trial grew.                    3\n\nThe first REBUILD patients began in May.",  # a page number
    ],
)
def test_more_look_alikes_are_not_claims_of_that_kind(text):
    kinds = {kind for kind, _, _ in found(text)}
    if "Phase" in text:
        assert "trial_phase" not in kinds
    elif "aged" in text or "Revenue" in text:
        assert not kinds & {"sample_size", "count"}, found(text)
    elif "half an hour" in text:
        assert "proportion" not in kinds, found(text)
    elif "REBUILD" in text:
        assert not kinds, found(text)  # no claim runs over a paragraph break
    else:
        assert "duration" not in kinds, found(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # services count their attendances, calls, referrals and staff
        ("The unit saw 641 attendances and 4,312 emergency calls.",
         [("count", "641 attendances", 641), ("count", "4,312 emergency calls", 4312)]),
        ("The ward has 17 emergency nurse practitioners.", [("count", "17 emergency nurse practitioners", 17)]),
        ("The trust has 387 vacant nursing posts.", [("count", "387 vacant nursing posts", 387)]),
        ("In all, 2.3 million doses administered were recorded.", [("count", "2.3 million doses administered", 2300000)]),
        # a content analysis samples news stories
        ("The study analysed 412 health news stories.", [("sample_size", "412 health news stories", 412)]),
    ],
)
def test_service_counts_and_analysed_stories(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He drinks three mugs of filter coffee a day.", [("dose", "three mugs of filter coffee a day", 3)]),
        ("Have one cup of coffee in the morning.", [("dose", "one cup of coffee", 1)]),
        ("That is roughly two teaspoons of smooth peanut butter each time.",
         [("dose", "roughly two teaspoons of smooth peanut", 2)]),
        ("Coffee keeps you up. Two cups seems fine, but four cups or more is too much.",
         [("dose", "Two cups", 2), ("dose", "four cups or more", 4)]),
        # a fall between two shares is two values, not a range
        ("The reduction is 0.8 percentage points, from 3.3% to 2.5%.",
         [("percentage", "0.8 percentage points", 0.8), ("percentage", "3.3%", 3.3), ("percentage", "2.5%", 2.5)]),
        ("Rates ranged from 2.5% to 3.3%.", [("percentage", "from 2.5% to 3.3%", [2.5, 3.3])]),
    ],
)
def test_servings_of_food_and_drink_and_falls(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    ["The team won two cups this season.", "One can see the problem.", "She keeps two cups on her desk for pens."],
)
def test_serving_look_alikes_are_not_doses(text):
    assert [c for c in found(text) if c[0] == "dose"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Staff logged 73 fewer incidents of aggression.", [("count", "73 fewer incidents", 73)]),
        ("Families made 38 fewer return visits to a GP.", [("count", "38 fewer return visits", 38)]),
        ("There were 120 more deaths than expected.", [("count", "120 more deaths", 120)]),
        ("Two more patients joined.", [("count", "Two more patients", 2)]),
        ("The charity needs 400 more volunteers.", [("count", "400 more volunteers", 400)]),
        ("They lived 2 more years.", [("duration", "2 more years", 2)]),  # a length, no count
    ],
)
def test_a_difference_in_a_count_of_events(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Replies came within five working days.", [("duration", "five working days", 5)]),
        ("He stayed 5 extra days.", [("duration", "5 extra days", 5)]),
        ("For three consecutive days he woke early.", [("duration", "three consecutive days", 3)]),
        ("The vaccine cut admissions by 71% over two winters.",
         [("percentage", "71%", 71), ("duration", "over two winters", 2)]),
        # the time spent each day or week (how often is no length: "3 days a week")
        ("Patients used the glove for 45 minutes a day.", [("duration", "45 minutes", 45)]),
        ("Drivers work 12 to 16 hours a day.", [("duration", "12 to 16 hours", [12, 16])]),
    ],
)
def test_lengths_of_time_with_a_word_before_the_unit(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Here the relative risk was 1.45 (1.10-1.90) compared with vaginal birth.",
         [("effect_size", "relative risk was 1.45", 1.45), ("confidence_interval", "(1.10-1.90)", [1.1, 1.9])]),
        ("The odds ratio for type 1 diabetes fell to 1.08 (95% CI 0.91–1.28).",
         [("effect_size", "odds ratio for type 1 diabetes fell to 1.08", 1.08),
          ("confidence_interval", "95% CI 0.91–1.28", [0.91, 1.28])]),
        ("It can correspond to a relative risk of only about 1.5.",
         [("effect_size", "relative risk of only about 1.5", 1.5)]),
        ("The HR was 0.8 (2021-2023).", [("effect_size", "HR was 0.8", 0.8)]),
    ],
)
def test_ratios_given_in_other_words(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A study followed 412,000 women. In the campaign, 118,400 pupils were vaccinated.",
         [("sample_size", "412,000 women", 412000), ("count", "118,400 pupils", 118400)]),
        ("A trial of vaccines. In Khordha, 11,240 girls vaccinated so far.", [("count", "11,240 girls", 11240)]),
    ],
)
def test_people_vaccinated_in_a_campaign_are_counted(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a no-break space read in the wrong encoding ("Â "): the claim is read through it
        ("Coverage reached 68Â\u00a0% of pupils.", [("percentage", "68Â\u00a0%", 68)]),
        ("They took 800Â IU of vitamin D3 a day.", [("dose", "800Â IU", 800)]),
        ("Coverage reached 68  % of pupils.", [("percentage", "68  %", 68)]),
    ],
)
def test_claims_read_through_a_garbled_space(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In the drug group, 120 of 4,800 did (2.5%).",
         [("proportion", "120 of 4,800", 0.025), ("percentage", "2.5%", 2.5)]),
        ("When one young person in five feels alone, act.", [("proportion", "one young person in five", 0.2)]),
        ("A trial of 9,600 adults, half given a new pill.",
         [("sample_size", "9,600 adults", 9600), ("proportion", "half", 0.5)]),
        ("Half (54 participants) were assigned to stimulation.",
         [("proportion", "Half", 0.5), ("sample_size", "54 participants", 54)]),
        # places in a series, a member of a few, years
        ("See page 2 of 10.", []),
        ("Dose 2 of 3 was given.", []),
        ("She was one of four sisters.", []),
        ("Issue 3 of 2024 is out.", []),
        ("One man in Leeds said so.", []),
        ("One child has died.", [("count", "One child", 1)]),
    ],
)
def test_shares_in_other_words(text, expected):
    assert found(text) == expected


def test_completers_and_a_population_living_with_a_condition():
    nlp = build_nlp()
    doc = nlp("The trial randomised 386 people. Of the 386 people who started, 312 completed the 12-month programme.\n"
              "Diabetes UK says around 29,000 children and young people in the UK live with type 1 diabetes.")
    claims = [(s.label_, s.text) for s in doc.spans["claims"]]
    assert ("sample_size", "312 completed") in claims
    assert ("count", "around 29,000 children") in claims


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In the trial, of the 165 patients, 102 responded to treatment.",
         [("sample_size", "165 patients", 165), ("count", "102", 102)]),
        ("Of the 102 responders, 54 had a complete response.",
         [("count", "102 responders", 102), ("count", "54", 54)]),
        # a vague length is no claim
        ("The cohort was followed for more than a decade.", []),
    ],
)
def test_responders_are_counted_and_a_decade_is_vague(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Surgeons perform around 50,000 appendectomies a year.", [("count", "around 50,000 appendectomies", 50000)]),
        ("Health workers gave 9,460 doses of MMR vaccine.", [("count", "9,460 doses", 9460)]),
        ("Children need two doses of MMR.", [("dose", "two doses", 2)]),  # a vaccine's schedule (holdout18, 28, 31)
        ("Patients had 7.8 migraine days a month.", [("count", "7.8 migraine days", 7.8)]),
        ("Each sachet held 10 billion colony-forming units.", [("dose", "10 billion colony-forming units", 10**10)]),
        ("Those who reached 10,000 steps did best.", [("dose", "10,000 steps", 10000)]),
        ("Take four steps forward.", []),
        ("Sleep was tracked for 28 nights.", [("duration", "for 28 nights", 28)]),
        ("The unit closed on 23 nights last year.", []),
        ("The hazard ratio lay at 1.07.", [("effect_size", "hazard ratio lay at 1.07", 1.07)]),
        ("Risks were 0.35 times those of non-drinkers.", [("effect_size", "0.35 times those of", 0.35)]),
        ("Half were given the vaccine and the other half a placebo.",
         [("proportion", "Half", 0.5), ("proportion", "the other half", 0.5)]),
        ("The other half of the year was dry.", []),
    ],
)
def test_more_ways_of_writing_claims(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # ages given after the people, with no "aged" or "old"
        ("The campaign concerns all pupils of 11 to 14 years.", []),
        ("It included 40 adolescents of between 12 and 17 years with migraine.",
         [("sample_size", "40 adolescents", 40)]),
        ("One in four people over 60 years is affected.", [("proportion", "One in four", 0.25)]),
        ("The NHS offers MMR to children at 12 months and at 3 years and 4 months.", []),
        # a career's length
        ("I have been a GP in the same town for 19 years.", []),
        # lengths of time that stay
        ("Atropine slowed myopia in children over two years, a study found.", [("duration", "over two years", 2)]),
        ("Improvements in participants over 12 months were small.", [("duration", "over 12 months", 12)]),
        ("At 12 months, 40% of patients had improved.", [("duration", "12 months", 12), ("percentage", "40%", 40)]),
    ],
)
def test_ages_and_careers_are_not_lengths_of_time(text, expected):
    assert found(text) == expected


def test_groups_listed_together_are_counted_alike():
    nlp = build_nlp()
    doc = nlp("The trial enrolled 6,400 adults. Serious adverse events were reported in 94 vaccine recipients and "
              "101 placebo recipients. Fatigue was reported by 612 vaccine recipients (19.1%) and 487 placebo "
              "recipients (15.2%), and headache by 398 (12.4%) and 359 (11.2%).")
    kinds = {s.text: s.label_ for s in doc.spans["claims"]}
    assert kinds["94 vaccine recipients"] == kinds["101 placebo recipients"] == "count"
    assert kinds["398"] == kinds["359"] == "count"
    doc = nlp("The trial enrolled 6,400 adults: 3,200 vaccine recipients and 3,200 placebo recipients.")
    assert {s.label_ for s in doc.spans["claims"]} == {"sample_size"}


def test_a_cohorts_exposure_groups_are_samples():
    nlp = build_nlp()
    doc = nlp("The cohort study followed 52,618 women. Of these, 9,842 women (18.7%) said they swam at least "
              "weekly, 7,105 (13.5%) swam less often and 35,671 did not swim.\n"
              "In the trial, 512 patients (16.4%) reported headaches.")
    kinds = {s.text: s.label_ for s in doc.spans["claims"]}
    assert kinds["9,842 women"] == kinds["7,105"] == "sample_size"
    assert kinds["512 patients"] == "count"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Among the women the hazard ratio was 1.19 (1.09–1.30), compared with 1.08 (0.99–1.18) among the men.",
         [("effect_size", "hazard ratio was 1.19", 1.19), ("confidence_interval", "(1.09–1.30)", [1.09, 1.3]),
          ("effect_size", "1.08", 1.08), ("confidence_interval", "(0.99–1.18)", [0.99, 1.18])]),
        ("The HR was 0.8. In 2019, compared with 2020 (a dry year), rates fell.", [("effect_size", "HR was 0.8", 0.8)]),
        ("It included 1,146 pupils between 6 and 12 years.", [("sample_size", "1,146 pupils", 1146)]),
        ("Sleep from one day to the next varied.", []),
        ("The robot carried out 112 prostate removals and 68 bowel cancer resections.",
         [("count", "112 prostate removals", 112), ("count", "68 bowel cancer resections", 68)]),
    ],
)
def test_estimates_ages_idioms_and_operations(text, expected):
    assert found(text) == expected


def test_a_services_staff_are_counted_unless_a_study_asked_them():
    nlp = build_nlp()
    doc = nlp("The study followed 300 patients. The hospital has a team of 14 consultant surgeons, nine "
              "anaesthetists and 26 theatre nurses.\nA survey of 2,000 nurses found burnout.")
    kinds = {s.text: s.label_ for s in doc.spans["claims"]}
    assert kinds["14 consultant surgeons"] == kinds["nine anaesthetists"] == kinds["26 theatre nurses"] == "count"
    assert kinds["2,000 nurses"] == "sample_size"


def test_people_are_a_sample_only_near_the_study_that_has_them():
    nlp = build_nlp()
    doc = nlp("Kidney Care UK supported 14,280 people last year, and 1,312 households received grants.\n\n"
              "Volunteers answered calls around the clock.\n\n"
              "Separately, a study published in 2025 by the charity enrolled 420 adults on dialysis.")
    kinds = {s.text.split(" received")[0]: s.label_ for s in doc.spans["claims"]}
    assert kinds["14,280 people"] == kinds["1,312 households"] == "count"
    assert kinds["420 adults"] == "sample_size"
    doc = nlp("Of the 421 children in the audit, 37 had at least one admission.\n\n"
              "KEY NUMBERS\n\n- 14,212 patients in 31 countries\n")
    kinds = {s.text: s.label_ for s in doc.spans["claims"]}
    assert kinds["421 children"] == "sample_size"


def test_reviews_found_trials_births_are_counted_and_staff_recruited_by_a_service():
    nlp = build_nlp()
    doc = nlp("We found 14 randomised trials that met our criteria, with 9,870 infants in total.\n\n"
              "In Italy, 16,000 children are born after IVF each year.\n\n"
              "The practice had already recruited two additional GPs.\n\nThe study recruited 2,000 nurses.")
    kinds = {s.text: s.label_ for s in doc.spans["claims"]}
    assert kinds["14 randomised trials"] == "sample_size"
    assert kinds["16,000 children"] == "count"
    assert kinds["two additional GPs"] == "count"
    assert kinds["2,000 nurses"] == "sample_size"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Calls were answered within 60 seconds.", [("duration", "60 seconds", 60)]),
        ("Start CPR within 10 seconds.", [("duration", "10 seconds", 10)]),
        ("Forced expiratory volume in one second (FEV1) did not change.", []),
    ],
)
def test_lengths_in_seconds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # events a study analysed are its sample; events that happened are counted
        ("Researchers looked at 9,406 cycling injuries treated at 12 trauma centres.",
         [("sample_size", "9,406 cycling injuries", 9406)]),
        ("A study, which analysed 2.3 million emergency admissions, found a rise.",
         [("sample_size", "2.3 million emergency admissions", 2300000)]),
        ("The trial found that 9,406 cycling injuries were recorded.", [("count", "9,406 cycling injuries", 9406)]),
        # people who then had an event are counted, even after their arm
        ("In the trial, 399 patients on marlesiran and 489 on placebo had a primary event.",
         [("count", "399 patients", 399), ("count", "489 on placebo", 489)]),
        ("In the trial of 120 adults, two patients had serious adverse events.",
         [("sample_size", "120 adults", 120), ("count", "two patients", 2)]),
        ("The trial enrolled 5,000 people who had a heart attack.", [("sample_size", "5,000 people", 5000)]),
        # road users are people
        ("Over the five years of the study, 52 riders died of their injuries.",
         [("duration", "five years", 5), ("count", "52 riders", 52)]),
        # where results were published is no review's sample
        ("The findings were reported in three papers in the journal.", []),
        ("The review pooled data from 23 studies.", [("sample_size", "23 studies", 23)]),
    ],
)
def test_analysed_events_people_with_events_and_published_papers(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The hazard ratio in the greenest areas was 0.76 (0.64 to 0.90).",
         [("effect_size", "hazard ratio in the greenest areas was 0.76", 0.76),
          ("confidence_interval", "(0.64 to 0.90)", [0.64, 0.9])]),
        ("Relative risk of ARIA-E was 7.4.", [("effect_size", "Relative risk of ARIA-E was 7.4", 7.4)]),
        ("The risk ratio for people aged 65 and over was 0.9.",
         [("effect_size", "risk ratio for people aged 65 and over was 0.9", 0.9)]),
        ("The risk ratio for people aged 65 is unknown.", []),
        # a square-bracketed interval, and the interval after a comma inside the ratio's brackets
        ("The odds were lower (OR 0.73 [0.61-0.88]).",
         [("effect_size", "OR 0.73", 0.73), ("confidence_interval", "[0.61-0.88]", [0.61, 0.88])]),
        ("The risk was similar in women (HR 0.84, 0.71–0.99).",
         [("effect_size", "HR 0.84", 0.84), ("confidence_interval", "0.71–0.99", [0.71, 0.99])]),
    ],
)
def test_a_ratio_named_for_a_group_and_its_bracketed_interval(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a surveillance report's weeks of the year are no time points; a trial's are
        ("Weekly surveillance report. Positivity rose to 14.2% in week 47, from 10.9% in week 46.",
         [("percentage", "14.2%", 14.2), ("percentage", "10.9%", 10.9)]),
        ("In the trial, patients improved at week 16 and in week 4 already.",
         [("duration", "at week 16", 16), ("duration", "in week 4", 4)]),
        # ages listed before the last
        ("Uptake was 41.8% among children aged 2 and 3 years.", [("percentage", "41.8%", 41.8)]),
        ("Patients with sepsis should get antibiotics within the hour.", [("duration", "within the hour", 1)]),
    ],
)
def test_calendar_weeks_listed_ages_and_within_the_hour(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Every one of the 17,000 or so people who die from it each year is someone's parent.",
         [("count", "17,000 or so people", 17000)]),
        ("Sepsis affects about 245,000 people a year and roughly forty-eight thousand die from it.",
         [("count", "about 245,000 people", 245000), ("count", "roughly forty-eight thousand", 48000)]),
        ("About 5.4 million invitations were sent and around 3.8 million kits were returned.",
         [("count", "About 5.4 million invitations", 5400000), ("count", "around 3.8 million kits", 3800000)]),
        ("Two appointments a year is a very different ask.", []),
    ],
)
def test_people_who_die_and_a_screening_programmes_mail_are_counted(text, expected):
    assert found(text) == expected


def test_an_article_with_decimal_commas_is_read_with_its_values_and_shown_as_written():
    from claimcheck.check import check_article
    from claimcheck.models import Article
    from claimcheck.nlp.pipeline import get_nlp

    text = ("Of the 1.214 children in the study, 3,5 % still had complaints after twelve weeks. "
            "The odds ratio was 1,7 (95 % confidence interval 1,1 to 2,6).")
    report = check_article(Article(text=text, input="de.txt"), get_nlp())
    assert report.text == text
    got = {(c.kind, c.text, c.value if not isinstance(c.value, list) else tuple(c.value)) for c in report.claims}
    assert ("percentage", "3,5 %", 3.5) in got
    assert ("effect_size", "odds ratio was 1,7", 1.7) in got
    assert ("confidence_interval", "95 % confidence interval 1,1 to 2,6", (1.1, 2.6)) in got
    assert any(c.kind == "sample_size" and c.value == 1214 for c in report.claims)


@pytest.mark.parametrize(
    "text, expected",
    [
        # in the larger unit, as it is said first
        ("Patients waited 9 hours 14 minutes on average.", [("duration", "9 hours 14 minutes", 9.233)]),
        ("Ambulances took 36 minutes and 24 seconds to arrive.", [("duration", "36 minutes and 24 seconds", 36.4)]),
        ("The target is 7 min; the wait was 8 mins 30 secs.", [("duration", "7 min", 7), ("duration", "8 mins 30 secs", 8.5)]),
        ("Results at 12 months and 24 months were similar.",
         [("duration", "12 months", 12), ("duration", "24 months", 24)]),
    ],
)
def test_a_length_given_in_two_units_is_one_duration(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Keep babies under 6 months out of the sun; children under 5 years too.", []),
        ("Follow-up lasted under 6 months.", [("duration", "under 6 months", 6)]),
        ("Issue 212 - week ending 13 June.", []),
        ("Next week: the NHS 10 Year Plan.", []),
        ("Obesity among girls in Year 6 was around 8%.", [("percentage", "around 8%", 8)]),
        ("Results in year 2 were better.", [("duration", "in year 2", 2)]),
    ],
)
def test_ages_under_a_bound_school_years_issue_numbers_and_plans_are_no_lengths(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Raising coverage of the second dose in England from 85% to 95% would prevent outbreaks.",
         [("percentage", "85%", 85), ("percentage", "95%", 95)]),
        ("Estimates ranged from 5% to 15%.", [("percentage", "from 5% to 15%", [5, 15])]),
    ],
)
def test_from_one_share_to_another_is_a_change_unless_it_ranges(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Last year 1,412 were sent a kit and 962 sent it back; 19 gave an abnormal result.",
         [("count", "1,412", 1412), ("count", "962", 962), ("count", "19", 19)]),  # (1,412: the number model)
        ("Of 1,940 patients followed in the study, 38 went on to have a heart attack.",
         [("sample_size", "1,940 patients", 1940), ("count", "38", 38)]),
        ("The survey received 1,026 responses from the practice's 14,300 registered patients.",
         [("sample_size", "1,026 responses", 1026), ("count", "14,300 registered patients", 14300)]),
        ("There are around 26,000 such admissions a year.", [("count", "around 26,000 such admissions", 26000)]),
    ],
)
def test_a_screening_funnel_a_practice_list_and_such_events_are_counted(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The trial found the cancer had returned or the patient had died in 121 people.",
         [("count", "121 people", 121)]),
        ("The study of the trust found that an average of 143 patients were fit to leave, around 408 patients every day.",
         [("count", "143 patients", 143), ("count", "around 408 patients", 408)]),
        ("The study followed 2,000 patients for a year.", [("sample_size", "2,000 patients", 2000), ("duration", "for a year", 1)]),
    ],
)
def test_people_an_event_happened_in_and_a_services_daily_flow_are_counted(text, expected):
    assert found(text) == expected


def test_an_outbreaks_patients_still_in_hospital_are_counted():
    assert found("Nine remain in hospital, of whom four are still in intensive care.") == [
        ("count", "Nine", 9), ("count", "four", 4)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The p-value was below 0.001.", [("p_value", "p-value was below 0.001", 0.001)]),
        # beds are capacity, not people or events: 9 of the 11 annotated are left out
        ("The trust plans to add 24 beds.", []),
        ("One nurse was allocated to each bay of six beds.", []),
    ],
)
def test_a_p_value_below_a_bound_and_beds_are_no_claims(text, expected):
    assert found(text) == expected


def test_p_values_in_powers_of_ten_as_genetics_writes_them():
    text = "The strongest signal reached p = 3.2 x 10^-31, above the threshold of p<5×10⁻⁸."
    got = [(k, t, round(v * 1e31, 6) if k == "p_value" and v < 1e-20 else v) for k, t, v in found(text)]
    assert got == [("p_value", "p = 3.2 x 10^-31", 3.2), ("p_value", "p<5×10⁻⁸", 5e-08)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("About 20-30% of patients relapse.", [("percentage", "About 20-30%", [20, 30])]),
        ("Take 5-10 mg daily.", [("dose", "5-10 mg", [5, 10])]),
        ("Patients were followed for 3-5 years.", [("duration", "3-5 years", [3, 5])]),
        ("Between 200-300 patients were enrolled.", [("sample_size", "Between 200-300 patients", [200, 300])]),
        # a hyphen after no number opens nothing: codes, scores, phone numbers
        ("COVID-19 admissions rose 10%.", [("percentage", "10%", 10)]),
        ("Call 0800-123-456 for help.", []),
    ],
)
def test_ranges_written_with_a_hyphen(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Cases rose +21.4% in the South West and −3.1% in London (-4.7% in Wales).",
         [("percentage", "+21.4%", 21.4), ("percentage", "−3.1%", -3.1), ("percentage", "-4.7%", -4.7)]),
        ("Uptake was 5-10% lower.", [("percentage", "5-10%", [5, 10])]),
    ],
)
def test_signed_percentages_keep_their_sign(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ondansetron is typically 4 mg to 8 mg.", [("dose", "4 mg to 8 mg", [4, 8])]),
        ("The dose was raised from 4 mg to 8 mg.", [("dose", "4 mg", 4), ("dose", "8 mg", 8)]),
        ("Patients got 150 mg or 300 mg.", [("dose", "150 mg", 150), ("dose", "300 mg", 300)]),
        ("Estimates put the risk anywhere from 15% to 80%.", [("percentage", "from 15% to 80%", [15, 80])]),
    ],
)
def test_a_range_with_its_unit_twice_and_two_doses_that_are_no_range(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Researchers followed the adults for 10 yrs.", [("duration", "10 yrs", 10)]),
        ("The trial lasted 3 yrs 4 mos.", [("duration", "3 yrs 4 mos", 3.333)]),
        ("About 12 pct of adults were affected.", [("percentage", "About 12 pct", 12)]),
        # a page's reading time is no length of anything studied; "HR" is a hazard ratio
        ("Health | 4 June 2025 | 7-minute read", []),
        ("Model 2 HR 0.78 was reported.", [("effect_size", "HR 0.78", 0.78)]),
    ],
)
def test_abbreviated_units_and_a_pages_reading_time(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vaccinated children were half as likely to be admitted.", [("effect_size", "half as likely", 0.5)]),
        ("The yield was triple that of clinics.", [("effect_size", "triple that of", 3)]),
        ("The spray was around three times as effective as placebo.", [("effect_size", "three times as effective", 3)]),
        ("Cases in children have nearly tripled.", [("effect_size", "nearly tripled", 3)]),
        ("The offer roughly doubled participation.", [("effect_size", "roughly doubled", 2)]),
        # no multiple: a kind of vaccine, a figure of speech, "half as many" said of no risk
        ("A triple vaccine was given.", []),
        ("Ministers doubled down on the plan.", []),
        ("Half as many people came.", []),
    ],
)
def test_multiples_in_more_words(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Of the 29 followed, 26 had no crises at all.", [("count", "26", 26)]),
        ("Of those, 529 turned out not to have cancer and 31,450 took up the offer.",
         [("count", "529", 529), ("count", "31,450", 31450)]),
        ("In all, 14 survived and 3 needed surgery; 12 tested positive.",
         [("count", "14", 14), ("count", "3", 3), ("count", "12", 12)]),
    ],
)
def test_more_outcomes_told_by_the_verb_after_a_bare_number(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The number who walked out of hospital alive was 117.",
         [("count", "The number who walked out of hospital alive was 117", 117)]),
        ("The total trained since the scheme began stood at 9,600.",
         [("count", "The total trained since the scheme began stood at 9,600", 9600)]),
        ("The number signed up is now 3,870.", [("count", "The number signed up is now 3,870", 3870)]),
        # a year naming which, a waiting list, a preposition after the number
        ("The figure for 2024 was 112.", [("count", "The figure for 2024 was 112", 112)]),
        ("The trust's waiting list stood at 71,460 at the end of September.",
         [("count", "The trust's waiting list stood at 71,460", 71460)]),
        ("The number was 12 times higher.", [("effect_size", "12 times higher", 12)]),
        # a share, a rate, a length of time, a measure of effect: no count
        ("The figure was 12%.", [("percentage", "12%", 12)]),
        ("The number of days was 14.", []),
        ("The number needed to treat was 83.", []),
    ],
)
def test_a_count_named_before_its_number(text, expected):
    assert found(text) == expected


def test_percentages_glued_to_pc_as_uk_papers_write_them():
    assert found("Cancer deaths down 12pc, and 5-10pc in towns.") == [
        ("percentage", "12pc", 12), ("percentage", "5-10pc", [5, 10])]
    assert "percentage" not in [kind for kind, _, _ in found("The 12 PC users and 3 pcs were fine.")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The HSE delivered 1.78 million outpatient appointments; 1,948 handovers were late.",
         [("count", "1.78 million outpatient appointments", 1780000), ("count", "1,948 handovers", 1948)]),
        ("A further 23,650 were waiting for an endoscopy.", [("count", "23,650", 23650)]),
        # a schedule, and a phone number, are no counts
        ("Two appointments a year is a different ask from a daily pill.", []),
        ("Appointments can be made at 1-800-555-0123.", []),
    ],
)
def test_appointments_and_people_waiting_are_counted_but_not_a_schedule(text, expected):
    assert found(text) == expected


def test_a_screening_funnel_told_by_its_verbs():
    text = ("Within three months, 127 (40%) had returned a sample. Eleven tested positive and were invited "
            "for colposcopy, and nine attended. Two had high-grade changes. Of those we reached, 23 booked a test.")
    assert [(k, t) for k, t, _ in found(text) if k == "count"] == [
        ("count", "127"), ("count", "Eleven"), ("count", "nine"), ("count", "Two"), ("count", "23")]
    # arms told by what they had are a study's groups, not outcomes
    assert ("count", "2,140", 2140) not in found(
        "A registry study followed 3,900 adults: 2,140 had a gastric bypass and 1,760 a sleeve gastrectomy.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Participants spent a median of 34 days in hospital after infusion (range 26 to 58).",
         [("duration", "34 days", 34), ("duration", "range 26 to 58", [26, 58])]),
        ("Median follow-up was 4.3 years (IQR 2.1-6.0).",
         [("duration", "4.3 years", 4.3), ("duration", "IQR 2.1-6.0", [2.1, 6])]),
        # a range in brackets in another clause is not the length's
        ("Follow-up lasted 2 years; the cohort (range 20 to 80) was old.", [("duration", "2 years", 2)]),
        ("The editor was tested in 12 macaques before the trial.", [("sample_size", "12 macaques", 12)]),
        # farm animals and birds, in surveillance of an animal disease
        ("Some 212,000 birds were culled across three commercial flocks.",
         [("count", "Some 212,000 birds", 212000), ("count", "three commercial flocks", 3)]),
    ],
)
def test_the_spread_of_a_length_of_time_and_animals_studied(text, expected):
    assert found(text) == expected


def test_places_in_the_genome_a_study_found_are_counted():
    assert found("Eighteen genetic regions were linked, and 12 loci were new.") == [
        ("count", "Eighteen genetic regions", 18), ("count", "12 loci", 12)]
    assert found("The survey covered nine regions of England.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("There was a 2-3 fold increase and a 10- to 20-fold rise.",
         [("effect_size", "2-3 fold", [2, 3]), ("effect_size", "10- to 20-fold", [10, 20])]),
        ("Risk fell (RR 0.8 [0.7, 0.9]).", [("effect_size", "RR 0.8", 0.8), ("confidence_interval", "[0.7, 0.9]", [0.7, 0.9])]),
        ("The HR was 0.78 (0.70, 0.89).",
         [("effect_size", "HR was 0.78", 0.78), ("confidence_interval", "(0.70, 0.89)", [0.7, 0.89])]),
    ],
)
def test_ranges_of_multiples_and_intervals_written_with_a_comma(text, expected):
    assert found(text) == expected


def test_a_group_said_to_comprise_its_people_is_a_sample():
    text = "In the trial, 812 patients were randomised. The stent group comprised 401 patients."
    assert ("sample_size", "401 patients", 401) in found(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The vaccine group had 5,458 participants and the placebo group 5,454.",
         [("sample_size", "5,458 participants", 5458), ("sample_size", "5,454", 5454)]),
        # no arm's size given before: an age group, a number in passing
        ("Cases fell and the age group 65 was spared.", []),
    ],
)
def test_the_second_arms_size_with_its_verb_and_noun_left_out(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Heat admissions almost double in a heatwave.", [("effect_size", "almost double", 2)]),
        ("Women had roughly twice the clot risk.", [("effect_size", "twice the clot risk", 2)]),
        ("It was a double-blind trial with a double dose.", []),
    ],
)
def test_a_multiple_with_a_qualifier_or_a_word_before_the_risk(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Among men in their fifties, it was closer to half.", [("proportion", "closer to half", 0.5)]),
        ("Of those infected, up to half can die.", [("proportion", "up to half", 0.5)]),
        ("Roughly a third went home without a plan.", [("proportion", "Roughly a third", 0.333)]),
        # halves and thirds that are no shares
        ("Cut the tablet in half. A third dose was given.", []),
    ],
)
def test_shares_said_as_the_subject_of_a_verb_or_with_a_qualifier_alone(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A volunteer accepts it in about six cases out of ten.", [("proportion", "about six cases out of ten", 0.6)]),
        ("One of every four patients waits a year.", [("proportion", "One of every four", 0.25)]),
        ("He saw 12 patients in 2021 and 3 patients per day.", [("count", "12 patients", 12), ("count", "3 patients", 3)]),
    ],
)
def test_shares_with_a_plural_noun_or_of_every(text, expected):
    assert found(text) == expected


def test_a_change_told_in_parallel_without_its_from_is_two_values():
    text = "Sunburn fell from 38% to 27% in schools with shade, compared with 37% to 35% in the others."
    assert [v for _, _, v in found(text)] == [38, 27, 37, 35]
    # a range written high to low with nothing before it is still read as written (and flagged)
    assert found("Symptoms were 72 to 22 percent less common.") == [("percentage", "72 to 22 percent", [72, 22])]
    assert found("A blistering burn can double your risk of melanoma.") == [("effect_size", "double your risk", 2)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prevalence rose from 3.2% among those aged 18 to 24 to 34.1% among those aged 75 and over.",
         [("percentage", "3.2%", 3.2), ("percentage", "34.1%", 34.1)]),
        ("Of the 16,412 cases reported, 1,930 required hospital treatment.",
         [("count", "16,412 cases", 16412), ("count", "1,930", 1930)]),
        ("Researchers randomly assigned 604 cabin crew to melatonin.", [("sample_size", "604 cabin crew", 604)]),
    ],
)
def test_an_age_range_before_a_share_and_more_people_and_outcomes(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Indian digit grouping, lakhs
        ("In all, 1,60,000 people were on dialysis, up from 2,05,300 patients in 2022.",
         [("count", "1,60,000 people", 160000), ("count", "2,05,300 patients", 205300)]),
        # a whole number and a half (US style)
        ("Patients were followed for an average of 4 1/2 years; after about 4\u00bd years, 12 had died.",
         [("duration", "4 1/2 years", 4.5), ("duration", "about 4\u00bd years", 4.5), ("count", "12", 12)]),
        ("About two hundred thousand people a year get shingles.",
         [("count", "About two hundred thousand people", 200000)]),
        # full-width signs that machine translation from Chinese leaves
        ("Atropine slowed myopia 52\uff05 in the trial (n\uff1d806, P\uff1c0.001).",
         [("percentage", "52\uff05", 52), ("sample_size", "n\uff1d806", 806), ("p_value", "P\uff1c0.001", 0.001)]),
    ],
)
def test_numbers_written_the_way_other_countries_and_translations_write_them(text, expected):
    from claimcheck.nlp.numbers import analysis_text

    # the pipeline's rules read the analysis text (same offsets); the spans are the article's
    assert [(m.kind, text[m.start:m.end], m.value) for m in find_claims(analysis_text(text))] == expected


def test_an_interval_said_to_be_wide_and_parts_in_the_present_tense():
    assert ("confidence_interval", "confidence interval was wide (0.49 to 0.99", [0.49, 0.99]) in found(
        "Risk was 30% lower, although the confidence interval was wide (0.49 to 0.99).")
    assert found("There were 23 confirmed cases. Of these, 15 are men and nine are women.") == [
        ("count", "23 confirmed cases", 23), ("count", "15 are men", 15), ("count", "nine are women", 9)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("El riesgo bajó (HR 0.69; IC 95 %: 0.55-0.84).", ("confidence_interval", "IC 95 %: 0.55-0.84", [0.55, 0.84])),
        ("Hazard ratio 0.69 (IC95% 0.55-0.84).", ("confidence_interval", "IC95% 0.55-0.84", [0.55, 0.84])),
        ("The review pooled 12 RCTs with 2,874 participants.", ("sample_size", "12 RCTs", 12)),
    ],
)
def test_an_interval_abbreviated_the_romance_way_and_trials_abbreviated(text, expected):
    assert expected in found(text)
    assert not any(kind == "percentage" for kind, _, _ in found(text))


def test_a_strength_in_mg_per_ml_and_a_micro_sign_read_in_the_wrong_encoding_are_doses():
    assert found("The 10 mg/ml concentrate was confused with the standard 1 mg/ml liquid.") == [
        ("dose", "10 mg/ml", 10), ("dose", "1 mg/ml", 1)]
    assert found("Children got 50 \u00c2\u00b5g/kg, not 200 \u00c2\u00b5g/kg.") == [
        ("dose", "50 \u00c2\u00b5g/kg", 50), ("dose", "200 \u00c2\u00b5g/kg", 200)]
    assert found("Her cholesterol was 190 mg/dL.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The graphic claimed 9/10 DOCTORS agree.", [("proportion", "9/10 DOCTORS", 0.9)]),
        ("About 3/4 of patients improved.", [("proportion", "3/4 of patients", 0.75)]),
        ("It claims x2 RISK of heart problems.", [("effect_size", "x2 RISK", 2)]),
        ("The post said 40k ER VISITS a year.", [("count", "40k ER VISITS", 40000)]),
        ("Adults should not exceed 400mg/day of caffeine.", [("dose", "400mg/day", 400)]),
        ("People who took the pills for 5+ years had more dementia.", [("duration", "5+ years", 5)]),
        # a date, a trial phase, round-the-clock, a 5k run, a 4x4: none
        ("On 9/10 the 24/7 clinic ran its phase 1/2 study, a 5k run and a 4x4 rally.", [("trial_phase", "phase 1/2", "1/2")]),
    ],
)
def test_shorthand_of_infographics_and_social_posts(text, expected):
    assert found(text) == expected


def test_a_change_from_a_qualified_value_and_a_rate_per_million():
    assert found("The five-year risk fell from roughly 12% to 9% in the trial.") == [
        ("duration", "five-year", 5), ("percentage", "12%", 12), ("percentage", "9%", 9)]
    assert found("Rates ranged from about 10% to 20%.") == [("percentage", "about 10% to 20%", [10, 20])]
    assert found("There were roughly 4.8 cases per million doses.") == [
        ("proportion", "roughly 4.8 cases per million", 4.8e-06)]


def test_a_services_work_is_counted_and_a_studys_assessment_is_its_sample():
    assert found("Between April and October the unit assessed 2,146 patients.") == [("count", "2,146 patients", 2146)]
    assert found("In the study, nurses screened 400 patients for delirium.") == [("sample_size", "400 patients", 400)]
    assert found("The researchers assessed 500 patients.") == [("sample_size", "500 patients", 500)]


def test_a_vaccines_schedule_is_a_dose_and_doses_given_are_counted():
    assert found("Children need two doses of the MMR vaccine.") == [("dose", "two doses", 2)]
    assert found("The malaria vaccine is given in four doses.") == [("dose", "four doses", 4)]
    assert found("The clinic gave 9,460 doses of MMR vaccine.") == [("count", "9,460 doses", 9460)]
    # two dose levels of a drug; a daily limit; one dose
    assert found("Participants were assigned to one of two doses of the spray.") == []
    assert not any(kind == "dose" for kind, _, _ in found("Give no more than four doses of paracetamol in any 24 hours."))


def test_a_ratio_with_its_abbreviation_in_square_brackets_and_a_strength_per_5_ml():
    assert ("effect_size", "hazard ratio [HR] 0.62", 0.62) in found("Survival was longer (hazard ratio [HR] 0.62; 95% CI 0.52-0.74).")
    assert found("Give paracetamol 120 mg/5 ml suspension; the 250 mg/5 ml is stronger.") == [
        ("dose", "120 mg/5 ml", 120), ("dose", "250 mg/5 ml", 250)]


def test_nothing_in_a_web_address_is_a_claim():
    text = ("See https://www.prnewswire.com/news-releases/bio-announces-results-from-phase-2b-trial-of-12-patients.html "
            "for details; the phase 2b trial had 40 patients.")
    assert found(text) == [("trial_phase", "phase 2b", "2b"), ("sample_size", "40 patients", 40)]


def test_an_interval_with_the_range_sign_of_east_asian_translations():
    from claimcheck.nlp.numbers import analysis_text

    for text, span in (("The hazard ratio was 0.73 (95% confidence interval 0.65~0.82).", "95% confidence interval 0.65~0.82"),
                       ("Progression slowed (95 % CI 0.41\uff5e0.64).", "95 % CI 0.41\uff5e0.64")):
        claims = [(m.kind, text[m.start:m.end], m.value) for m in find_claims(analysis_text(text))]
        assert ("confidence_interval", span, [float(span[-9:-5]), float(span[-4:])]) in claims, claims


def test_a_multiple_of_a_risk_told_by_its_verb_with_the_number_after_the_outcome():
    assert found("Atrial fibrillation increases the risk of stroke about 5 times, so it matters.") == [
        ("effect_size", "about 5 times", 5)]
    assert found("He raised his hand three times and took 2 tablets.") == []


def test_a_second_arm_told_by_the_same_relative_clause():
    text = "Among the 7,104 people who received the vaccine and the 7,180 who received placebo, 23 fell ill."
    assert ("sample_size", "7,180 who received", 7180) in found(text)
    assert found("He met 12 friends and 3 who took the bus.") == []


def test_a_relative_change_given_as_a_fraction():
    assert found("Tea drinkers were a fifth less likely to have a stroke.") == [("proportion", "a fifth", 0.2)]
    assert found("The third more likely candidate won.") == []


def test_the_cases_and_controls_of_a_case_control_study_are_its_sample():
    assert found("The study compared 4,310 cases with 18,902 controls.") == [
        ("sample_size", "4,310 cases", 4310), ("sample_size", "18,902 controls", 18902)]
    assert found("There were 51,208 cases of hearing loss.") == [("count", "51,208 cases", 51208)]


def test_what_screening_will_find_in_every_thousand_is_counted():
    text = ("Out of every 1,000 people who do the test, about 25 will be offered a colonoscopy "
            "and about 2 will be found to have bowel cancer.")
    kinds = {t: k for k, t, _ in found(text)}
    assert kinds["about 25"] == kinds["about 2"] == "count"
    assert not [c for c in found("The 12 will meet in May. In 2030, 40 will retire.") if c[0] == "count"]
    assert "1,000 people" not in kinds  # the denominator, no count


def test_a_year_after_a_percentage_closes_it_and_opens_no_range():
    assert found("The birth rate rose from 30% in 2013 to 38% in 2023.") == [
        ("percentage", "30%", 30), ("percentage", "38%", 38)]


def test_weeks_of_follow_up_after_birth_are_still_a_length_of_time():
    assert found("Women were followed for 24 weeks after birth.") == [("duration", "24 weeks", 24)]


def test_a_part_of_a_group_told_before_is_counted_unless_it_is_an_arm_or_the_completers():
    text = "Endoscopy found the condition in 139 of the participants. The sponge picked up 121 of them and missed 18."
    assert ("count", "121 of them", 121) in found(text)
    assert ("count", "31 of those", 31) in found("Inspectors made 146 test purchases, and 31 of those ended in a sale.")
    assert ("sample_size", "200 of them", 200) in found("The trial enrolled 400 patients; 200 of them were assigned to the drug.")
    assert ("sample_size", "52 of them", 52) in found("In the end, 64 people signed up for the trial, and 52 of them completed it.")


@pytest.mark.parametrize(
    "text",
    [
        "The study reviewed 2,316 records of children aged 3 months to 12 years across 41 pharmacies.",
        "The mean age of participants was 78 years, and 57% were women.",
        "The average age was of 78,4 years.",
        "Life expectancy in one ZIP code is 71.2 years; in another, about four miles away, it is 80.9 years.",
        "Attendance had been its highest in 15 years.",
        "She taught piano for 31 years.",
        "After 26 years at Elm Grove, practice nurse Linda Marsh is retiring.",
        "In my first 10 years as a consultant I told patients otherwise.",
    ],
)
def test_ages_life_expectancies_records_and_careers_are_no_lengths_of_time(text):
    assert [c for c in found(text) if c[0] == "duration"] == []


def test_lengths_of_time_near_those_words_are_still_found():
    assert ("duration", "31.5 years", 31.5) in found(
        "They were followed from midlife into old age, with a median follow-up of 31.5 years.")
    assert ("duration", "five years", 5) in found("The trial ran for five years.")
    assert ("duration", "two years", 2) in found("After two years at the clinic, 12% had relapsed.")


def test_a_scale_word_after_a_range_scales_both_ends():
    assert found("Flu causes 3 to 5 million cases of severe illness.") == [
        ("count", "3 to 5 million cases", [3_000_000, 5_000_000])]
    assert found("There were between 500 and 2 million deaths.")[0][2] == [500, 2_000_000]


def test_a_rate_over_time_at_risk_is_a_count_of_events():
    text = "Infections ran at 0.93 per 100 person-years with the injection and 2.9 injuries per 1,000 hours in runners."
    assert found(text) == [("count", "0.93 per 100 person-years", 0.93), ("count", "2.9 injuries per 1,000 hours", 2.9)]
    assert found("Mortality was 46.2 per 100,000 people.") == [("proportion", "46.2 per 100,000", 0.000462)]


def test_a_comma_that_can_only_be_decimal_is_read_so_in_any_article():
    # the clock times and dates hold points, so the article is not read as written with decimal commas
    text = ("Clinics opened from 10.00 to 19.00 between 10.07 and 24.07. The relative risk of death was 1,6 "
            "(95% CI 1,2-2,1); 64,8% of visits concerned people over 75.")
    kinds = {(k, v if not isinstance(v, list) else tuple(v)) for k, _, v in found(analysis_text(text))}
    assert {("effect_size", 1.6), ("confidence_interval", (1.2, 2.1)), ("percentage", 64.8)} <= kinds


def test_signed_percentage_points_and_shares_per_thousand():
    assert found("HbA1c changed by -0.4 percentage points.") == [("percentage", "-0.4 percentage points", -0.4)]
    assert found("Stillbirths were 3.4 \u2030 of births.") == [("proportion", "3.4 \u2030", 0.0034)]


def test_distance_run_a_week_is_an_amount_of_exercise_and_sports_injuries_are_events():
    assert found("Runners who ran more than 40 km a week had more injuries than those on 25 to 30 km a week.") == [
        ("dose", "more than 40 km a week", 40), ("dose", "25 to 30 km a week", [25, 30])]
    assert found("The marathon is 42 km long.") == []
    assert found("Club doctors logged 487 concussions and 63 ACL ruptures.") == [
        ("count", "487 concussions", 487), ("count", "63 ACL ruptures", 63)]


def test_every_age_of_a_list_of_checkups_is_an_age():
    assert found("Clinics talk about safe sleep at the 2-week, 2-month and 4-month checkups.") == []
    assert [c[0] for c in found("Patients were seen at 6 weeks, 12 weeks and 24 weeks.")] == ["duration"] * 3


def test_ratios_named_further_from_their_value_and_other_ratios():
    text = ("The hazard ratio for all-cause mortality in the top versus bottom quartile was 1.14. The rate ratio "
            "versus placebo was 0.86. The win ratio was 1.12 and the geometric mean ratio of 0.67 held.")
    assert [(k, v) for k, _, v in found(text)] == [("effect_size", 1.14), ("effect_size", 0.86), ("effect_size", 1.12),
                                                   ("effect_size", 0.67)]
    # a length inside what the ratio is of stays a claim of its own
    assert found("The hazard ratio for readmission over the full 180 days was 0.68.") == [
        ("duration", "180 days", 180), ("effect_size", "0.68", 0.68)]


@pytest.mark.parametrize("text", [
    "Anyone worried about falls can call the trust's falls prevention line on 01632 960274, weekdays 9am to 5pm.",
    "For interviews or case studies, contact the press office on 020 7946 0815 or press@example.org.",
    "Patients can book by calling (693) 422-1328, or +44 20 7946 0815 from abroad.",
    "The service took calls to 999 all night; call NHS 111 or dial 911 abroad.",
])
def test_telephone_numbers_are_no_claims(text):
    assert [c for c in found(text) if c[0] in ("count", "sample_size")] == []


def test_numbers_beside_a_telephone_number_are_still_read():
    assert found("The helpline (0800 123 4567) took 4,120 calls and the clinic treated 999 patients.") == [
        ("count", "4,120 calls", 4120), ("count", "999 patients", 999)]


def test_a_range_never_opens_on_a_list_items_dash():
    text = "- Both doses met the primary endpoint at Week 52\n- 80 mg dose achieved fibrosis improvement"
    assert found(text) == [("duration", "at Week 52", 52), ("dose", "80 mg", 80)]
    assert found("Doses of 40 to\n80 mg were given.") == [("dose", "40 to\n80 mg", [40, 80])]


def test_a_year_between_two_lengths_of_time_closes_the_first():
    assert found("The median time rose from 78 minutes in 2015 to 96 minutes in 2024.") == [
        ("duration", "78 minutes", 78), ("duration", "96 minutes", 96)]


def test_a_share_of_a_whole_given_after_it():
    assert found("In our survey, 4 in 10 of the 2,015 adults who took part said no.") == [
        ("proportion", "4 in 10", 0.4), ("sample_size", "2,015 adults", 2015)]


def test_events_in_so_many_are_a_share():
    assert only("Only about one infection in 200 ends in paralysis.") == ("proportion", "about one infection in 200", 0.005)


def test_a_phase_is_a_trials_only_near_a_word_of_research():
    assert found("The service will be introduced in phases. Phase 1 will extend the hours to 10pm on weekdays.") == []
    assert found("The drug is now in a Phase 3 trial.") == [("trial_phase", "Phase 3", "3")]


def test_parts_per_million_are_a_strength_and_newly_diagnosed_a_count():
    assert only("Toothpaste should contain at least 1,000 ppm fluoride.") == ("dose", "at least 1,000 ppm", 1000)
    assert ("count", "51", 51) in found("Staff identified 402 partners, of whom 188 were tested and 51 were newly diagnosed.")


def test_a_vaccines_single_dose_and_a_schedule_named_by_its_doses():
    assert found("The NHS began offering a single dose of RSV vaccine; the three-dose course follows.") == [
        ("dose", "a single dose", 1), ("dose", "three-dose course", 3)]
    assert found("At 15 mg/kg, one dose of paracetamol is 180 mg.") == [("dose", "15 mg/kg", 15), ("dose", "180 mg", 180)]


def test_a_range_whose_first_hyphen_is_left_hanging():
    assert found("Patients joined a six- to eight-week programme, then a 10- to 14-day course.") == [
        ("duration", "six- to eight-week", [6, 8]), ("duration", "10- to 14-day", [10, 14])]


def test_months_abbreviated_in_a_results_table_and_doses_per_square_metre():
    text = "| | Drug | Placebo |\n|---|---|---|\n| Median OS | 15.2 mo | 11.9 mo |\n\nOxaliplatin 130 mg/m² was given."
    assert [c for c in found(text) if c[0] in ("duration", "dose")] == [
        ("duration", "15.2 mo", 15.2), ("duration", "11.9 mo", 11.9), ("dose", "130 mg/m²", 130)]
    assert ("proportion", "Seven of the nine", 0.778) in found("Seven of the nine mothers had no test.")


def test_radiotherapy_fractions_are_its_doses():
    assert found("Radiotherapy once meant 37 to 39 fractions; now five fractions of 5.2 Gy.") == [
        ("dose", "37 to 39 fractions", [37, 39]), ("dose", "five fractions", 5), ("dose", "5.2 Gy", 5.2)]
    assert found("It takes only fractions of a second; two fractions of the sample were tested.") == []


def test_events_a_study_of_them_analysed_are_its_sample():
    assert found("A cohort study of 52,370 hospital admissions found a link. There were 300 admissions last year.") == [
        ("sample_size", "52,370 hospital admissions", 52370), ("count", "300 admissions", 300)]
    assert ("count", "9", 9) in found("Of 46 staff screened, 9 were positive for MRSA.")
    # the rules read no count in "positive about" (the number model reads "The 12" as people counted)
    assert find_claims("The 12 were positive about it.", read_leftovers=False) == []


def test_a_range_of_multiples_and_section_numbers():
    assert found("Infections were two to three times more common on the drug.") == [
        ("effect_size", "two to three times more common", [2, 3])]
    assert found("## 3.2 Child weight\n\n3. Deaths by district\n\n2.5 Million people were treated.") == [
        ("count", "2.5 Million people", 2500000)]


def test_a_gap_between_life_expectancies_is_no_length_of_time():
    text = "A boy near Linwood Park can expect to reach 83.9. That is a gap of 11.1 years. The trial lasted 3.5 years."
    assert found(text) == [("duration", "3.5 years", 3.5)]


def test_items_dispensed_contacts_traced_alerts_and_test_positives_are_counted():
    assert found("GPs issued 29.4 million antibiotic items; staff traced 2,316 contacts; 1,212 alerts fired; "
                 "the test gave 17 true positives.") == [
        ("count", "29.4 million antibiotic items", 29400000), ("count", "2,316 contacts", 2316),
        ("count", "1,212 alerts", 1212), ("count", "17 true positives", 17)]
    assert found("The questionnaire has three items.") == []


def test_antibiotic_use_per_population_correction_unit_and_a_named_dose_course():
    assert found("Sales fell to 27.4 mg/PCU. The rabies vaccine is a two-dose pre-exposure course.") == [
        ("dose", "27.4 mg/PCU", 27.4), ("dose", "two-dose pre-exposure course", 2)]


def test_an_exposures_concentration_is_a_dose_a_blood_tests_result_is_not():
    text = ("NO2 fell from 47 µg/m³ in 2022 to 39 µg/m³ in 2024. Lead above 15 ppb (15 parts per billion) was found; "
            "nitrate averaged 46mg/L. Each 1 µg/dL of blood lead matters.")
    assert found(text) == [
        ("dose", "47 µg/m³", 47), ("dose", "39 µg/m³", 39), ("dose", "15 ppb", 15),
        ("dose", "15 parts per billion", 15), ("dose", "46mg/L", 46), ("dose", "1 µg/dL", 1)]
    assert found("Her CRP was 12 mg/L and her serum B12 below 180 ng/L; LDL was 190 mg/dL.") == []


def test_a_round_the_clock_window_is_no_length_but_a_24_hour_fast_is():
    text = "The 24-hour mean was high. Call the 24-hour dengue line. It cut 24-hour cough frequency. They did a 24-hour fast."
    assert found(text) == [("duration", "24-hour", 24)]


def test_how_long_someone_has_lived_with_an_illness_or_used_a_device():
    assert found("Sarah has lived with diabetes for 22 years. He has used a sensor for 18 months.") == [
        ("duration", "22 years", 22), ("duration", "18 months", 18)]
    assert found("She has lived in the town for 30 years and has worked there for 12 years.") == []


def test_units_per_kilogram_and_vaccine_schedules_named_by_their_doses():
    assert found("The mean total daily dose was 0.62 units/kg.") == [("dose", "0.62 units/kg", 0.62)]
    assert found("We may recommend a pre-exposure course of two doses of rabies vaccine.") == [("dose", "two doses", 2)]
    assert found("Patients were randomised to one of two doses of the vaccine.") == []
    assert found("Clinics began offering the two-dose TAK-003 dengue vaccine.") == [
        ("dose", "two-dose TAK-003 dengue vaccine", 2)]


def test_an_outbreaks_running_totals_told_by_have_been():
    assert found("Of those cases, 6,930 have been confirmed by laboratory testing and so far 56 have died.") == [
        ("count", "6,930", 6930), ("count", "56", 56)]
    assert found("The 12 have been friends for years.") == []
    # the rules read no count in "have been" outside an outbreak (the number model may)
    assert find_claims("The 12 have been friends for years. Some 3,000 have been vaccinated.", read_leftovers=False) == []


def test_records_a_modifier_names_and_relatives_and_carriers_are_counted_people():
    assert found("We audited 480 patient records.") == [("sample_size", "480 patient records", 480)]
    assert found("Testing reached 5,910 first-degree relatives and about 5,000 carriers in the study.") == [
        ("sample_size", "5,910 first-degree relatives", 5910), ("sample_size", "about 5,000 carriers", 5000)]


def test_harm_events_counted_and_a_graded_kind_of_event_is_one_modifier():
    text = ("The trust recorded 212 hospital-acquired category 2 pressure ulcers. Handovers took longer than 60 "
            "minutes on 214 occasions, and inspectors found 14 missed doses.")
    assert found(text) == [
        ("count", "212 hospital-acquired category 2 pressure ulcers", 212), ("duration", "60 minutes", 60),
        ("count", "214 occasions", 214), ("count", "14 missed doses", 14)]
    # a grade or category named with the next one is a name, not a count
    assert found("Grade 3 and 4 adverse events occurred in 12 patients.") == [("count", "12 patients", 12)]


def test_a_counted_quantitys_old_and_new_values():
    assert found("Category 3 and 4 ulcers fell from 23 to nine over the same period.") == [
        ("count", "23", 23), ("count", "nine", 9)]
    assert found("The hospital's HAPU count fell from 146 to 70.") == [("count", "146", 146), ("count", "70", 70)]
    # an age range and a score's scale are no change
    assert found("The 368 seniors ranged in age from 65 to 93; each scan was scored from 1 to 10.") == [
        ("count", "368 seniors", 368)]


def test_a_packs_size_a_limits_reference_volume_a_lab_value_and_a_body_weight_are_no_doses():
    text = ("The limit is 80 milligrams of alcohol in 100 millilitres of blood. Kits hold 20mg/ml e-liquid in 10ml "
            "refill bottles; a four-pack of 440ml cans costs more. Then ezetimibe 10 mg can be added.")
    assert found(text) == [("dose", "80 milligrams", 80), ("dose", "20mg/ml", 20), ("dose", "10 mg", 10)]
    text = ("The median urinary iodine concentration was 71 micrograms per litre. Anaemia is a haemoglobin below 120 "
            "grams per litre. Fewer babies weighed under 2,500 grams. The reference blood lead value is 3.5 "
            "micrograms per deciliter.")
    assert found(text) == [("dose", "3.5 micrograms", 3.5)]


def test_a_dose_falling_is_two_values_and_a_range_after_a_name_word_is_a_claim():
    assert found("Sales fell from 19.1 to 18.2 units per adult per week.") == [
        ("dose", "19.1", 19.1), ("dose", "18.2 units", 18.2)]
    assert found("Drivers with a blood alcohol level between 50mg and 80mg were at risk.") == [
        ("dose", "between 50mg and 80mg", [50, 80])]


def test_a_list_of_ratios_each_with_its_interval_and_working_days_lost():
    text = ("The hazard ratio was 1.18 (95% CI 1.09 to 1.28) in men with long service, 1.07 (0.99 to 1.16) in "
            "those with less, and 1.02 (0.94 to 1.11) in the rest.")
    assert [(k, t) for k, t, _ in found(text)] == [
        ("effect_size", "hazard ratio was 1.18"), ("confidence_interval", "95% CI 1.09 to 1.28"),
        ("effect_size", "1.07"), ("confidence_interval", "(0.99 to 1.16)"),
        ("effect_size", "1.02"), ("confidence_interval", "(0.94 to 1.11)")]
    # a count with its share in brackets is no estimate
    assert not any(k == "effect_size" and t == "120" for k, t, _ in found(
        "The hazard ratio was 0.8 (0.7-0.9); 120 (40%) patients died."))
    assert found("Injuries cost 9,840 working days lost last year.") == [("count", "9,840 working days lost", 9840)]


def test_inhaler_puffs_and_nasal_sprays_are_doses_a_spray_bottle_is_not():
    assert found("A normal dose for symptoms is one or two puffs; adults use two sprays in each nostril.") == [
        ("dose", "one or two puffs", [1, 2]), ("dose", "two sprays", 2)]
    assert found("The shop sold 2 spray bottles, and one spray round protects a house.") == []


def test_an_interval_whose_dash_was_read_in_the_wrong_encoding():
    text = "There was no rise (rate ratio 0.97, 95% CI 0.88â€“1.07)."
    assert found(text)[-1] == ("confidence_interval", "95% CI 0.88â€“1.07", [0.88, 1.07])


def test_parts_of_a_group_told_by_what_happened_to_them():
    text = ("Of the 47 workers, 14 already had progressive massive fibrosis and 23 had an invasive procedure. "
            "Three have since been referred for lung transplant.")
    assert found(text)[1:] == [("count", "14", 14), ("count", "23", 23), ("count", "Three", 3)]
    assert found("Last year 31,700 kits were ordered and 22,400 came back.") == [
        ("count", "31,700 kits", 31700), ("count", "22,400", 22400)]
    assert found("Of 4,200 invited, 1,134 sent a sample back, and 803 have been returned so far.") == [
        ("count", "1,134", 1134), ("count", "803", 803)]
    # an age, and "one" as a pronoun, are no part
    assert found("Of those asked, respondents over 75 reported loneliness; those aged 65 had a fall.") == []
    assert found("The larger one came back from the lab as an adenoma.") == []


def test_fires_and_burns_are_events_and_a_phone_menus_options_are_no_counts():
    assert found("There were 47 fires involving home oxygen in 2024, nine of which were fatal, and three minor burns.") == [
        ("count", "47 fires", 47), ("count", "nine", 9), ("count", "three minor burns", 3)]
    assert found("Call us (option 1 appointments, option 3 prescriptions).") == []


def test_a_count_after_a_change_by_a_share_and_across_a_year():
    assert found("Gonorrhoea diagnoses fell by 11.4% to 9,862, and syphilis diagnoses rose by 9.7% to 1,447 "
                 "(24.1 per 100,000 population).") == [
        ("percentage", "11.4%", 11.4), ("count", "9,862", 9862), ("percentage", "9.7%", 9.7),
        ("count", "1,447", 1447), ("proportion", "24.1 per 100,000", 0.000241)]
    assert found("The number of people collecting PrEP rose from 2,960 in 2022 to 4,105 in 2024.") == [
        ("count", "2,960", 2960), ("count", "4,105", 4105)]


def test_an_average_length_is_measured_but_an_institutions_age_and_a_scales_points_are_not():
    assert found("They had worked in the trade for an average of 11 years.") == [("duration", "11 years", 11)]
    assert found("She has worked there for 11 years.") == []
    assert found("It was the highest number in its 38-year history, on the five-point scale doctors use.") == []
    assert found("A 5-year history of smoking was needed.") == [("duration", "5-year", 5)]


def test_what_screening_finds_in_every_thousand_and_a_polls_tally():
    text = "Of every 1,000 people tested, about 59 will test positive and about 876 will test negative."
    assert found(text) == [("count", "about 59", 59), ("count", "about 876", 876)]
    assert found("About 40 are called back, and about 50 have the disease.") == [
        ("count", "About 40", 40), ("count", "about 50", 50)]
    text = "A study asked parents.\n\n| Wait | Replies |\n|---|---|\n| Under 12 months | 47 |\n| Over 24 months | 79 |\n"
    assert [(k, t) for k, t, _ in found(text) if k != "duration"] == [("count", "47"), ("count", "79")]


def test_a_ratio_for_a_time_bound_outcome_reads_its_value_not_the_time():
    assert found("The hazard ratio for 30-day mortality of 1.16 was high.") == [
        ("effect_size", "hazard ratio for 30-day mortality of 1.16", 1.16)]
    assert found("The odds ratio for 30-day mortality was 0.76.") == [
        ("effect_size", "odds ratio for 30-day mortality was 0.76", 0.76)]


def test_reports_are_counted_unless_a_study_analysed_them():
    assert found("The regulator has received 84 Yellow Card reports of birth defects.") == [
        ("count", "84 Yellow Card reports", 84)]
    assert found("The team analysed 9,870 FAERS reports.") == [("sample_size", "9,870 FAERS reports", 9870)]


def test_a_reviews_people_and_studies_in_a_table_cell():
    text = ("| Outcome | Relative effect (95% CI) | No of participants (studies) |\n| --- | --- | --- |\n"
            "| Death | RR 0.93 (0.68 to 1.27) | 2390 (9 RCTs) |\n| Length of stay (days) | - | 1988 (8 RCTs) |\n")
    assert [(k, t) for k, t, _ in found(text) if k == "sample_size"] == [
        ("sample_size", "2390"), ("sample_size", "9 RCTs"), ("sample_size", "1988"), ("sample_size", "8 RCTs")]


def test_a_programmes_running_time_an_age_bands_average_and_a_lost_number_of_weeks():
    assert found("The Body Clock Podcast · 58 min · 21 May 2025\n\nEpisode 112 on sleep (42 min)\n\nRuntime 58 min") == []
    assert found("The walk took 30 min (about 2 km).") == [("duration", "30 min", 30)]
    assert found("People were aged 40 to 85 (average 64 years) and followed for six years.") == [
        ("duration", "six years", 6)]
    assert found("In [REGION], the median wait was XX weeks.") == [("duration", "XX weeks", None)]


def test_events_named_in_words_then_per_so_many_people_are_a_rate():
    text = "Screening prevented about 1.8 prostate cancer deaths per 1,000 men and caused 1.4 extra diagnoses of low-grade cancer per 1,000 men screened."
    assert found(text) == [
        ("proportion", "about 1.8 prostate cancer deaths per 1,000", 0.0018),
        ("proportion", "1.4 extra diagnoses of low-grade cancer per 1,000", 0.0014)]
    # a cost per so many, and a verb between, are no rate
    assert found("The drug costs 30 pounds per 1,000 people.") == []


def test_a_babys_age_bound_a_table_of_ages_at_admission_and_parts_seen_by_a_gp():
    assert found("Call your GP if your baby is under 3 months and has a fever.") == []
    text = "| Age at admission | Admissions |\n|---|---|\n| Under 3 months | 702 |\n| 3 to 5 months | 381 |\n"
    assert [k for k, _, _ in found(text)] == ["count", "count"]
    assert found("Of the children affected, 2 were seen by their GP.") == [("count", "2", 2)]
    assert found("There were 312 RSV admissions, compared with an average of 708 in earlier seasons.") == [
        ("count", "312 RSV admissions", 312), ("count", "708", 708)]


def test_steps_a_range_and_a_target_litres_only_of_what_is_taken_and_school_years():
    assert found("Walking 8,000 to 10,000 steps a day beat the 10,000-step target, not a 10,000-step meter.") == [
        ("dose", "8,000 to 10,000 steps a day", [8000, 10000]), ("dose", "10,000-step", 10000)]
    assert found("The camp gives 15 litres per person per day; generators burn 400 litres of diesel a day.") == []
    assert found("Drink two litres of bowel-prep solution; oxygen runs at 2 litres per minute.") == [
        ("dose", "two litres", 2), ("dose", "2 litres", 2)]
    assert found("Activity falls with age, from 51.3 per cent of pupils in Years 1–2 to 38.7 per cent in Years 10–11.") == [
        ("percentage", "51.3 per cent", 51.3), ("percentage", "38.7 per cent", 38.7)]
    assert found("Around one in three people over 65 falls each year. Of 300 patients, over 65 died.") == [
        ("proportion", "Around one in three", 0.333), ("sample_size", "300 patients", 300), ("count", "over 65", 65)]


def test_an_estimated_number_of_people_in_a_table_is_counted():
    text = ("A survey of 4,000 adults was run.\n\n| Age group | Estimated number of people |\n|---|---|\n"
            "| 17 to 24 | 58,000 |\n")
    assert found(text)[-1] == ("count", "58,000", 58000)


def test_a_hospitals_mortality_ratio_and_its_waiting_list_pathways():
    assert found("The trust's mortality ratio, the SHMI, is 1.14; the board noted a SHMI of 1.04.") == [
        ("effect_size", "SHMI, is 1.14", 1.14), ("effect_size", "SHMI of 1.04", 1.04)]
    assert found("The list stood at 191,300 pathways and there were 712,480 presentations; two reading pathways.") == [
        ("count", "191,300 pathways", 191300), ("count", "712,480 presentations", 712480)]
    assert found("Last month 1,312 patients waited more than 12 hours.")[0] == ("count", "1,312 patients", 1312)


def test_a_medicines_schedule_is_a_dose_as_a_vaccines_is():
    assert found("Paramedics gave him two doses of naloxone.") == [("dose", "two doses", 2)]
    assert found("Each kit holds three doses of injectable naloxone.") == [("dose", "three doses", 3)]
    assert found("She had three loading doses in the first month.") == [("dose", "three loading doses", 3)]
    # two dose levels compared; the most a day allows; doses handed out
    assert found("Weight fell by 6.4% and 9.1% on the two doses.") == [
        ("percentage", "6.4%", 6.4), ("percentage", "9.1%", 9.1)]
    assert found("Paracetamol: 15 mg/kg, up to four doses in 24 hours.") == [("dose", "15 mg/kg", 15)]
    assert found("Pharmacies handed out 48,200 doses.") == [("count", "48,200 doses", 48200)]


def test_how_many_times_stronger_or_more_potent_a_drug_is():
    assert found("Some nitazenes are 500 times stronger than morphine.") == [("effect_size", "500 times stronger", 500)]
    assert found("It is about 50 times as potent as heroin.") == [("effect_size", "50 times as potent", 50)]


def test_tablets_taken_daily_sugar_per_100_ml_and_times_the_probability():
    assert found("Patients take three tablets once daily.") == [("dose", "three tablets once daily", 3)]
    assert found("She takes one tablet daily.") == [("dose", "one tablet daily", 1)]
    assert found("Sugar fell from 10.6 g/100 ml to 6.8 g/100 ml.") == [
        ("dose", "10.6 g/100 ml", 10.6), ("dose", "6.8 g/100 ml", 6.8)]
    assert found("Drinkers had 1.9 times the probability of obesity.") == [
        ("effect_size", "1.9 times the probability", 1.9)]


@pytest.mark.parametrize("text, expected", [
    ("Dentists carried out 412 dental extractions.", ("count", "412 dental extractions", 412)),
    ("The food bank handed out a record 9,874 parcels.", ("count", "9,874 parcels", 9874)),
    ("The team completed 214 health checks.", ("count", "214 health checks", 214)),
    ("The service took 96 enquiries and recorded 14 drownings.", ("count", "96 enquiries", 96)),
    ("The publisher issued 1,281 retractions.", ("count", "1,281 retractions", 1281)),
])
def test_more_events_are_counted(text, expected):
    assert expected in found(text)


def test_food_energy_is_a_dose():
    assert found("They start on 800 calories a day, rising to 1,400 to 2,000 kcal a day.") == [
        ("dose", "800 calories", 800), ("dose", "1,400 to 2,000 kcal", [1400, 2000])]
    assert found("Thirty-two calories per biscuit.") == [("dose", "Thirty-two calories", 32)]
    assert found("57 per cent of the calories came from sugar.") == [("percentage", "57 per cent", 57)]
