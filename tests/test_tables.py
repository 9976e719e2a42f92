"""Numbers in Markdown tables (and HTML tables, which the extractor renders as Markdown) are
read by their column's header, or their row's label."""

import pytest

from claimcheck.check import check_article
from claimcheck.ingest.html import extract_article
from claimcheck.nlp.claims import find_claims
from claimcheck.nlp.pipeline import build_nlp

STUDY = "The cohort study followed 52,618 women for a decade.\n\n"


def _claims_from(text: str, marker: str) -> list[tuple[str, str, object]]:
    """(kind, text, value) of the claims from `marker` on."""
    start = text.index(marker)
    return [(c.kind, text[c.start:c.end], c.value) for c in find_claims(text) if c.start >= start]


def _table_claims(text: str) -> list[tuple[str, str, object]]:
    start = text.index("|")
    return [(c.kind, text[c.start:c.end], c.value) for c in find_claims(text) if c.start >= start]


def test_columns_of_people_events_and_ratios():
    text = STUDY + (
        "| Group | Women | Hip fractures | Adjusted HR (95% CI) |\n"
        "|---|---|---|---|\n"
        "| Did not swim | 35,671 | 2,204 | Reference |\n"
        "| Swam weekly or more | 9,842 | 371 | 0.79 (0.70–0.89) |\n"
    )
    assert _table_claims(text) == [
        ("sample_size", "35,671", 35671),
        ("count", "2,204", 2204),
        ("sample_size", "9,842", 9842),
        ("count", "371", 371),
        ("effect_size", "0.79", 0.79),
        ("confidence_interval", "(0.70–0.89)", [0.7, 0.89]),
    ]


def test_row_labels_name_what_arm_columns_count():
    text = "In the phase 3 trial, patients were randomised to the drug or a placebo.\n\n" + (
        "| | Drug | Placebo |\n"
        "|:--|--:|--:|\n"
        "| Participants | 412 | 405 |\n"
        "| Serious adverse events, n (%) | 12 (2.9) | 9 (2.2%) |\n"
        "| Mean age (years) | 54 | 55 |\n"
        "| Dose (mg) | 200 | 0 |\n"
        "| P value | 0.03 | |\n"
    )
    found = _table_claims(text)
    assert ("sample_size", "412", 412) in found and ("sample_size", "405", 405) in found
    assert ("count", "12", 12) in found and ("percentage", "2.9", 2.9) in found
    assert ("count", "9", 9) in found and ("percentage", "2.2%", 2.2) in found
    assert ("p_value", "0.03", 0.03) in found
    # ages and a dose column with no unit word after the number are not counted
    assert not [f for f in found if f[1] in ("54", "55", "200", "0")]


def test_people_outside_a_study_are_counted():
    text = "The hospital published its figures for the winter.\n\n" + (
        "| Month | Patients seen | Deaths |\n"
        "|---|---|---|\n"
        "| December | 4,120 | 31 |\n"
    )
    assert _table_claims(text) == [("count", "4,120", 4120), ("count", "31", 31)]


def test_year_and_price_tables_hold_no_claims():
    text = STUDY + (
        "| Year | Cost (£) | Mean age (years) | Cost per 1,000 doses |\n"
        "|---|---|---|---|\n"
        "| 2021 | 1,200 | 61 | 4.2 |\n"
        "| 2022 | 1,350 | 62 | 3.9 |\n"
    )
    assert _table_claims(text) == []


def test_rates_per_so_many_and_signed_changes():
    text = STUDY + (
        "| Region | Cases | Rate per 100,000 | Change on 2023 |\n"
        "|---|---:|---:|---:|\n"
        "| South West | 468 | 8.1 | +21.4% |\n"
        "| London | 241 | 2.7 | -4.7% |\n"
    )
    assert _table_claims(text) == [
        ("count", "468", 468), ("proportion", "8.1", 8.1e-05), ("percentage", "+21.4%", 21.4),
        ("count", "241", 241), ("proportion", "2.7", 2.7e-05), ("percentage", "-4.7%", -4.7),
    ]


def test_pipes_outside_tables_are_not_tables():
    text = "By Jo Bloggs | Health Reporter\n\nPublished: 22:41 BST, 6 June 2025 | Updated: 23:14 BST\n\nThe study enrolled 300 adults."
    assert [c.kind for c in find_claims(text)] == ["sample_size"]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def test_an_html_table_is_read_through_the_extractor(nlp):
    html = (
        "<html><head><title>Swimming and hips</title></head><body><article><h1>Swimming and hips</h1>"
        "<p>The cohort study enrolled 52,618 women aged 50 to 79 and followed them for more than a decade "
        "to see who broke a hip.</p><p>Researchers said the results would inform advice for older women.</p>"
        "<table><thead><tr><th>Group</th><th>Women</th><th>Hip fractures</th></tr></thead><tbody>"
        "<tr><td>Did not swim</td><td>35,671</td><td>2,204</td></tr>"
        "<tr><td>Swam weekly</td><td>9,842</td><td>371</td></tr></tbody></table>"
        "<p>The lead author said more work was needed before anyone changed their habits.</p></article></body></html>"
    )
    report = check_article(extract_article(html, "page.html"), nlp)
    found = {(c.kind, c.text) for c in report.claims}
    assert {("sample_size", "35,671"), ("count", "2,204"), ("sample_size", "9,842"), ("count", "371")} <= found


def test_key_facts_lines_are_read_by_their_labels(nlp):
    text = STUDY + (
        "## The numbers at a glance\n\n"
        "- Adults followed: 18,392\n"
        "- **New cases of type 2 diabetes:** 1,487\n"
        "- Median follow-up: 11.2 years\n"
        "- Year published: 2024\n"
        "- Mean age: 57\n"
        "- Cost per patient: 1,200\n"
        "Contact: 0800 123 456\n"
    )
    doc = nlp(text)
    found = [(s.label_, s.text, s._.claim_value) for s in doc.spans["claims"] if s.start_char > text.index("##")]
    assert ("sample_size", "18,392", 18392) in found
    assert ("count", "1,487", 1487) in found
    assert [f for f in found if f[0] == "duration"] == [("duration", "11.2 years", 11.2)]
    assert not [f for f in found if f[1] in ("2024", "57", "1,200", "0800")]


def test_a_label_saying_what_was_done_to_its_people_decides(nlp):
    text = STUDY + (
        "Our year in numbers:\n\n"
        "- People supported: 14,280\n"
        "- Adults followed: 18,392\n"
        "- Patients treated: 2,140\n"
    )
    doc = nlp(text)
    kinds = {s.text: s.label_ for s in doc.spans["claims"]}
    assert kinds["14,280"] == kinds["2,140"] == "count"
    assert kinds["18,392"] == "sample_size"


def test_a_heading_naming_people_something_happened_to_counts_them(nlp):
    # an outbreak's cases by state, in a study's article: counted, not a sample
    text = STUDY + "Sick people have been reported from nine states:\n\n- Oregon: 21\n- Washington: 17\n"
    doc = nlp(text)
    kinds = {s.text: s.label_ for s in doc.spans["claims"]}
    assert kinds["21"] == kinds["17"] == "count"


def test_key_facts_lines_comparing_two_groups_with_their_shares(nlp):
    text = ("In the phase 3 trial, 644 women were randomised.\n\n"
            "- Any adverse event: 220 (68.3%) vs 179 (55.9%)\n"
            "- Hot flushes: 59 (18.3%) versus 18 (5.6%)\n"
            "- Mean age: 34 (range 18-49) vs 35 (range 18-49)\n")
    doc = nlp(text)
    found = [(s.label_, s.text) for s in doc.spans["claims"]]
    for number in ("220", "179", "59", "18"):
        assert ("count", number) in found
    assert ("percentage", "18.3%") in found
    assert not [f for f in found if f[1] in ("34", "35")]


def test_a_lists_heading_names_what_its_lines_count(nlp):
    text = ("The charity's year.\n\nWhere we helped (people supported, by region)\n\n"
            "- North East: 1,020\n- Wales: 635\n\nPrices\n\n- Standard: 1,200\n- Year: 2024\n")
    doc = nlp(text)
    found = [(s.label_, s.text) for s in doc.spans["claims"]]
    assert ("count", "1,020") in found and ("count", "635") in found
    assert not [f for f in found if f[1] in ("1,200", "2024")]


def test_a_difference_column_gives_its_signed_intervals_only():
    text = STUDY + ("| Outcome | Change with drug | Change with placebo | Difference (95% CI) |\n| --- | --- | --- | --- |\n"
                    "| Pain | -2.1 | -1.9 | -0.2 (-0.7 to 0.3) |\n| Function | -8.4 | -7.9 | −0.5 (−3.1 to 2.1) |\n")
    assert _table_claims(text) == [("confidence_interval", "(-0.7 to 0.3)", [-0.7, 0.3]),
                                   ("confidence_interval", "(−3.1 to 2.1)", [-3.1, 2.1])]


def test_age_bands_are_no_claims_and_an_outcome_header_counts_bold_totals_too():
    text = "Whooping cough cases rose in 2024.\n\n" + (
        "| Age band | Cases | Share of cases | Hospitalised |\n"
        "| --- | ---: | ---: | ---: |\n"
        "| Under 3 months | 412 | 5.6% | 296 |\n"
        "| 15 to 44 years | 2,487 | 33.5% | 19 |\n"
        "| **Total** | **7,418** | **100%** | **563** |\n"
    )
    assert _table_claims(text) == [
        ("count", "412", 412), ("percentage", "5.6%", 5.6), ("count", "296", 296),
        ("count", "2,487", 2487), ("percentage", "33.5%", 33.5), ("count", "19", 19),
        ("count", "7,418", 7418), ("percentage", "100%", 100), ("count", "563", 563),
    ]


def test_a_lists_heading_that_says_how_its_counts_are_grouped_still_names_them():
    text = ("An E. coli outbreak grew.\n\nCases by age\n\n- Under 5 years: 5\n\n"
            "Confirmed cases by the day their illness started:\n\n- Sunday 8 June: 2\n- Monday 9 June: 5\n")
    found = [(c.kind, text[c.start:c.end], c.value) for c in find_claims(text)]
    assert found == [("count", "5", 5), ("count", "2", 2), ("count", "5", 5)]


def test_a_tables_caption_names_what_year_columns_count():
    text = (
        "Admissions rose again this year.\n\n"
        "Table 1: Emergency admissions for falls, by age group, England, years ending March 2024 and March 2025\n\n"
        "| Age group | Year ending March 2024 | Year ending March 2025 | Change |\n"
        "|---|---:|---:|---:|\n"
        "| 65 to 69 | 20,410 | 20,880 | +2.3% |\n"
        "| Mean age | 74 | 75 | |\n"
    )
    claims = _table_claims(text)
    assert ("count", "20,410", 20410) in claims and ("count", "20,880", 20880) in claims
    assert not any(t in ("74", "75") for _, t, _ in claims)  # a row of ages is no count


def test_a_caption_naming_people_does_not_make_characteristics_samples():
    text = STUDY + (
        "Table 1: Characteristics of the participants at baseline\n\n"
        "| | 2019 | 2024 |\n"
        "|---|---:|---:|\n"
        "| Systolic blood pressure | 132 | 128 |\n"
    )
    assert _table_claims(text) == []


def test_sampled_and_positive_columns():
    text = "The surveillance study sampled herds, wild birds and people.\n\n" + (
        "| Group sampled | Number sampled | Positive | Prevalence |\n"
        "|---|---:|---:|---:|\n"
        "| Dairy herds | 175 | 7 | 4.0% |\n"
        "| People | 418 | 0 | 0% |\n"
    )
    claims = _table_claims(text)
    assert ("sample_size", "175", 175) in claims and ("count", "7", 7) in claims
    assert ("sample_size", "418", 418) in claims and ("count", "0", 0) in claims


def test_a_multiple_in_a_cell_is_an_effect_size_whatever_its_column():
    text = STUDY + (
        "| Treatment | Responders | Relative chance of responding |\n"
        "|---|---|---|\n"
        "| Propranolol | 44% | 1.6\u00d7 |\n"
    )
    assert ("effect_size", "1.6\u00d7", 1.6) in _table_claims(text)


def test_a_title_row_above_the_header_row_and_indian_numbers_in_cells():
    text = "The state register shows rising numbers.\n\n" + (
        "| Jeevan Dhara dialysis register | | |\n"
        "|---|---|---|\n"
        "| Year | Patients registered | Deaths |\n"
        "|---|---|---|\n"
        "| 2020-21 | 1,60,000 | 1.2 lakh |\n"
    )
    assert _table_claims(text) == [("count", "1,60,000", 160000), ("count", "1.2 lakh", 120000)]


def test_thousands_grouped_by_spaces_and_a_rates_interval_in_cells():
    text = "The agency's report counted cases across Europe.\n\n" + (
        "| Country | Cases | Rate per 100 000 population |\n"
        "|---|---|---|\n"
        "| Italy | 2 851 | 4.8 |\n"
    )
    assert ("count", "2 851", 2851) in _table_claims(text)
    text = STUDY + (
        "| Outcome | Without the drug | With the drug (95% CI) |\n"
        "|---|---|---|\n"
        "| Falls | 412 per 1,000 | 404 per 1,000 (392 to 416) |\n"
    )
    assert ("confidence_interval", "(392 to 416)", [392, 416]) in _table_claims(text)


def test_a_tab_separated_table_is_read_as_a_table():
    # a table pasted from a word processor: cells between tabs, an `n (%)` column of those who had it
    text = (STUDY + "Table 1. Main results at week 12\n"
            "Group\tPatients\tChange in coughs per hour\tTaste alteration, n (%)\n"
            "Placebo\t104\t\u221214%\t3 (2.9%)\n"
            "Velastrant 15 mg\t103\t\u221238%\t7 (6.8%)\n"
            "Velastrant 45 mg\t105\t\u221252%\t17 (16.2%)\n")
    start = text.index("Group")
    found = [(c.kind, text[c.start:c.end], c.value) for c in find_claims(text) if c.start >= start]
    assert ("sample_size", "104", 104) in found and ("sample_size", "105", 105) in found
    assert ("count", "17", 17) in found and ("count", "3", 3) in found


def test_rows_of_an_adverse_events_table_count_those_who_had_each_event():
    text = (STUDY + "| | Placebo | Drug 16 mg |\n|---|---|---|\n"
            "| Any adverse event | 51 (67%) | 53 (70%) |\n| Dysgeusia (altered taste) | 2 (3%) | 9 (12%) |\n"
            "| Stopped early | 10 (13%) | 8 (11%) |\n")
    found = _table_claims(text)
    for number in (2, 9, 10, 8):
        assert ("count", str(number), number) in found
    # without an events row, a table of characteristics says nothing of what its rows count
    text = STUDY + "| | Placebo | Drug |\n|---|---|---|\n| Diabetes | 45 (15%) | 41 (14%) |\n| Smoking history | 80 (27%) | 77 (26%) |\n"
    assert not [c for c in _table_claims(text) if c[0] == "count"]


def test_a_title_row_says_what_year_columns_count():
    text = ("Cases rose.\n\n| Confirmed and probable pertussis cases, Jan. 1 through June 7 | | |\n|---|---|---|\n"
            "| County | 2025 | 2024 (same period) |\n|---|---|---|\n| Platte Ridge | 96 | 22 |\n| Loup Bend | 71 | 18 |\n")
    found = _table_claims(text)
    for number in (96, 22, 71, 18):
        assert ("count", str(number), number) in found, found


def test_a_table_typed_with_pipes_and_no_separator_line_is_read_as_a_table():
    text = STUDY + ("Subgroup | Women | Hip fractures | HR (95% CI)\n"
                    "Age under 75 years | 6,050 | 312 | 0.60 (0.50-0.72)\n"
                    "Age 75 years or older | 5,156 | 401 | 0.64 (0.54-0.76)\n")
    assert _table_claims(text) == [
        ("sample_size", "6,050", 6050), ("count", "312", 312), ("effect_size", "0.60", 0.6),
        ("confidence_interval", "(0.50-0.72)", [0.5, 0.72]),
        ("sample_size", "5,156", 5156), ("count", "401", 401), ("effect_size", "0.64", 0.64),
        ("confidence_interval", "(0.54-0.76)", [0.54, 0.76]),
    ]
    # two lines with pipes are no table (a byline, a dateline)
    assert "effect_size" not in [c.kind for c in find_claims(STUDY + "Age | Women | HR\nUnder 75 | 6,050 | 0.60\n")]


def test_a_table_typed_with_spaces_is_read_and_a_time_unit_header_gives_durations():
    text = ("The median wait was 11.4 weeks.\n\nWaits by region:\n\n"
            "Region                  Waiting   Median wait (weeks)   Participants\n"
            "North East              24,610          9.8                 1,120\n"
            "London                  19,870         13.4                 1,655\n"
            "South West              14,430         11.2                   980\n")
    claims = _claims_from(text, "Region")
    assert ("duration", "9.8", 9.8) in claims and ("duration", "11.2", 11.2) in claims
    assert ("sample_size", "1,120", 1120) in claims and ("sample_size", "980", 980) in claims
    assert not any(c[1] in ("24,610", "19,870") for c in claims)  # "Waiting" names nothing


def test_prose_with_two_spaces_after_a_full_stop_is_no_table():
    text = ("The trial enrolled 300 adults.  Half were women.  Most were over 60.\n"
            "Researchers followed them for 2 years.  Few dropped out.  The results were clear.\n"
            "Doctors said the drug helped.  Patients agreed.  More work is needed.\n")
    assert [(c.kind, text[c.start:c.end]) for c in find_claims(text)] == [
        ("sample_size", "300 adults"), ("proportion", "Half"), ("duration", "2 years")]


def test_a_results_table_typed_with_spaces_under_a_rule_with_arm_sizes_and_a_label_row():
    text = ("The trial randomised 11,250 patients.\n\n"
            "Outcome                     Intensive     Standard      HR (95% CI)         P\n"
            "                            n=5,618       n=5,632\n"
            "------------------------------------------------------------------------------\n"
            "Primary outcome             412 (7.3%)    521 (9.3%)    0.78 (0.69-0.89)    <0.001\n"
            "Stroke                      118 (2.1%)    167 (3.0%)    0.70 (0.55-0.88)    0.002\n"
            "Serious adverse events\n"
            "  Hypotension               58 (1.0%)     26 (0.5%)     2.24 (1.41-3.55)    <0.001\n"
            "  Syncope                   41 (0.7%)     30 (0.5%)     1.37 (0.86-2.19)    0.19\n")
    claims = _claims_from(text, "Primary")
    assert ("count", "412", 412) in claims and ("count", "30", 30) in claims
    assert ("effect_size", "2.24", 2.24) in claims and ("confidence_interval", "(1.41-3.55)", [1.41, 3.55]) in claims
    assert ("p_value", "0.19", 0.19) in claims
    assert not any(kind == "count" and value in (0.002, 0.19) for kind, _, value in claims)


def test_people_counted_year_by_year_are_counts_even_in_an_article_about_a_study():
    text = "A randomised trial of 20 mph limits enrolled 40 towns.\n\n" + (
        "| Road user | 2023 | 2024/25 | Change |\n"
        "| --- | --- | --- | --- |\n"
        "| Pedestrians | 408 | 389 | down 4.7% |\n"
        "| Cyclists | 87 | 92 | up 5.7% |\n"
    )
    found = _table_claims(text)
    assert [c for c in found if c[0] in ("count", "sample_size")] == [
        ("count", "408", 408), ("count", "389", 389), ("count", "87", 87), ("count", "92", 92)]
    # one year beside other columns is no series: the study's people stay its sample
    text = "A randomised trial enrolled 817 adults.\n\n| Arm | 2023 | Men |\n|---|---|---|\n| Patients | 412 | 201 |\n"
    assert ("sample_size", "412", 412) in _table_claims(text)


def test_people_studied_year_by_year_stay_the_sample():
    text = "The national audit reports every stroke admission.\n\n" + (
        "| Indicator | 2021/22 | 2022/23 |\n| --- | --- | --- |\n| Patients included | 87,905 | 89,640 |\n")
    assert [c for c in _table_claims(text) if c[0] in ("count", "sample_size")] == [
        ("sample_size", "87,905", 87905), ("sample_size", "89,640", 89640)]
