"""Detecting cited sources offline: journal mentions, dated studies, databases, DOIs, links; claim linking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.check import check_input
from claimcheck.models import Article, Claim, Link
from claimcheck.settings import get_settings
from claimcheck.sources.journals import (
    canonical_journal,
    journal_for_doi,
    journal_for_url,
    journals,
    normalise_journal,
    parse_journals,
)
from claimcheck.sources.mentions import (
    find_researchers,
    find_sources,
    sentence_spans,
    source_contexts,
)

SEED = Path("/work/shared/seed-article.txt")
SEED_COPY = Path(__file__).parent / "fixtures" / "sources" / "seed-article.txt"


def sources_of(text: str, links=(), meta=None, claims=None):
    article = Article(text=text, input="t.txt", links=list(links), meta=meta or {})
    return find_sources(text, article, claims if claims is not None else [])


def journals_in(text: str) -> list[str | None]:
    return [s.journal for s in sources_of(text)]


# --- the journal list ----------------------------------------------------------------------


def test_journal_list_is_large_and_valid():
    assert len(journals()) >= 150
    names = {j.name for j in journals()}
    for expected in ("The New England Journal of Medicine", "JAMA", "JAMA Network Open", "The BMJ", "The Lancet",
                     "The Lancet Oncology", "Nature", "Nature Medicine", "Science", "Cell", "PLOS ONE",
                     "Scientific Reports", "Annals of Internal Medicine", "Cochrane Database of Systematic Reviews",
                     "Pediatrics", "Circulation", "Diabetes Care", "medRxiv", "bioRxiv", "SSRN"):
        assert expected in names


def test_journal_list_rejects_unknown_keys_and_shared_aliases():
    with pytest.raises(ValueError, match="unknown keys"):
        parse_journals({"journals": [{"name": "X", "alias": ["Y"]}]})
    with pytest.raises(ValueError, match="names both"):
        parse_journals({"journals": [{"name": "A", "aliases": ["J"]}, {"name": "B", "aliases": ["J"]}]})


@pytest.mark.parametrize("a, b", [
    ("NEJM", "The New England Journal of Medicine"),
    ("New England Journal of Medicine", "the New England Journal of Medicine"),
    ("BMJ", "The BMJ"),
    ("British Medical Journal", "the BMJ"),
    ("Lancet", "The Lancet"),
    ("Journal of the American Medical Association", "JAMA"),
    ("Sci Rep", "Scientific Reports"),
    ("PLoS One", "PLOS ONE"),
    ("The Lancet Child and Adolescent Health", "Lancet Child & Adolescent Health"),
    ("Some Unlisted Journal", "some unlisted  journal"),
])
def test_normalise_journal_matches_spellings(a, b):
    assert normalise_journal(a) == normalise_journal(b)


def test_normalise_journal_keeps_families_apart():
    assert normalise_journal("The Lancet") != normalise_journal("The Lancet Oncology")
    assert normalise_journal("JAMA") != normalise_journal("JAMA Pediatrics")
    assert normalise_journal("Nature") != normalise_journal("Nature Medicine")
    assert canonical_journal("nejm") == "The New England Journal of Medicine"


def test_journal_from_doi_and_url():
    assert journal_for_doi("10.1038/s41598-022-17509-0") == "Scientific Reports"
    assert journal_for_doi("10.1136/bmjopen-2023-000001") == "BMJ Open"
    assert journal_for_doi("10.1136/bmj-2023-076543") == "The BMJ"
    assert journal_for_doi("10.1016/S2352-4642(24)00187-3") == "The Lancet Child & Adolescent Health"
    assert journal_for_doi("10.9999/unknown") is None
    assert journal_for_url("https://jamanetwork.com/journals/jamapediatrics/fullarticle/2812345") == "JAMA Pediatrics"


# --- journal mentions: real citations found -----------------------------------------------------


@pytest.mark.parametrize("text, journal", [
    ("Citing a study published in the journal Scientific Reports.", "Scientific Reports"),
    ("The findings were published in Nature on Wednesday.", "Nature"),
    ("A study in Nature found that sleep matters.", "Nature"),
    ("The paper appeared in the journal Science last week.", "Science"),
    ("A 2022 study in Cell found that 48 mice slept less.", "Cell"),
    ("The results, reported in Circulation, surprised cardiologists.", "Circulation"),
    ("It came out in Ear and Hearing last month.", "Ear and Hearing"),
    ("Research published in Transfusion last year surveyed lapsed donors.", "Transfusion"),
    ("A 2023 study in Vox Sanguinis followed 8,900 donors.", "Vox Sanguinis"),
    ("The trial was published in Pediatrics.", "Pediatrics"),
    ("Researchers reported in the New England Journal of Medicine in July 2024 that the drug worked.",
     "The New England Journal of Medicine"),
    ("According to a paper in The Lancet, the vaccine was safe.", "The Lancet"),
    ("The preprint was posted on medRxiv and has not been peer reviewed.", "medRxiv"),
    ("according to results posted to the preprint server medRxiv on June 10, 2024.", "medRxiv"),
    ("The study, published today in JAMA Network Open, followed 3,000 teenagers.", "JAMA Network Open"),
    ("It was published simultaneously in The Lancet Oncology.", "The Lancet Oncology"),
    ("The study appeared in the BMJ.", "The BMJ"),
    ("The analysis was published in the British Medical Journal.", "The BMJ"),
    ("A NEJM study found the opposite.", "The New England Journal of Medicine"),
    ("A 2023 Cochrane review concluded that no treatment works.", "Cochrane Database of Systematic Reviews"),
    ("The work was published in PLoS One.", "PLOS ONE"),
    ("The study was published in the journal Diabetes Care.", "Diabetes Care"),
    ("The results have been submitted to the Journal of the American Geriatrics Society.",
     "Journal of the American Geriatrics Society"),
    ("Last year he published a study in BJPsych Open.", "BJPsych Open"),
    ("The trial was reported in Clinical Toxicology in March.", "Clinical Toxicology"),
    # a list of fields inside a title, listed or not
    ("A study published in the Journal of Plastic, Reconstructive & Aesthetic Surgery, found that 12 had infections.",
     "Journal of Plastic, Reconstructive & Aesthetic Surgery"),
    ("It appeared in the Annals of Tropical, Travel and Wilderness Medicine last year.",
     "Annals of Tropical, Travel and Wilderness Medicine"),
    ("The study was published in the Journal of Paediatric Care, Smith said.", "Journal of Paediatric Care"),
])
def test_real_citations_are_found(text, journal):
    assert journals_in(text) == [journal]


@pytest.mark.parametrize("text, journal", [
    ("The audit, published in the Irish Journal of Medical Science, followed 412 children.",
     "Irish Journal of Medical Science"),
    ("The study, published in the South African Medical Journal, enrolled 2,000 children.",
     "South African Medical Journal"),
    ("It was published in the journal Nutrition, Metabolism and Cardiovascular Diseases.",
     "Nutrition, Metabolism and Cardiovascular Diseases"),
    ("The findings appear in the journal Frontiers in Aging Neuroscience on Monday.", "Frontiers in Aging Neuroscience"),
    ("A study in the Indian Journal of Medical Research found the same.", "Indian Journal of Medical Research"),
])
def test_unlisted_journals_after_a_citation_cue(text, journal):
    assert journals_in(text) == [journal]


@pytest.mark.parametrize("text", [
    "The story was first reported in the Wall Street Journal on Monday.",
    "According to Diabetes Ireland, 3,000 children live with type 1 diabetes.",
    "The Journal team met the minister.",
    "Court proceedings began in the Annals building.",
    "The Nature Conservancy published in March a report on wetlands.",
    "She works in the Clinical Toxicology service at the hospital.",
    "Liver Transplantation remains the only cure, doctors said.",
])
def test_look_alike_names_are_not_journals(text):
    assert journals_in(text) == []


# --- journal names that are ordinary words: not journals ----------------------------------------


@pytest.mark.parametrize("text", [
    "It is only human nature to worry about side effects.",
    "Nature has its own ways of healing wounds.",
    "The science is clear: vaccines save lives.",
    "Science tells us that exercise helps.",
    "She was looking at her cell phone in bed.",
    "Cell phone use at night disturbs sleep.",
    "Exercise improves blood circulation in the legs.",
    "Circulation problems are common in older adults.",
    "Ear and hearing problems are common in older adults.",
    "Blood transfusion is safe, the nurse said.",
    "The American Academy of Pediatrics recommends no screens before age two.",
    "Heart disease remains the leading cause of death.",
    "Gut bacteria may influence mood.",
    "Brain scans showed less activity in the amygdala.",
    "Stroke patients recovered faster with the new therapy.",
    "Blood pressure fell by 5 points.",
    "The study in Heart failure patients was small.",
    "Researchers studied cell cultures in the lab.",
    "Diabetes care has improved a lot in the past decade.",
    "Sleep is essential for memory.",
    "Obesity rates continue to rise.",
    "In a study of nature walks, people felt calmer.",
])
def test_ordinary_words_are_not_journals(text):
    assert journals_in(text) == []


# --- a listed name that goes on: the longer journal ---------------------------------------------


@pytest.mark.parametrize("text, journal", [
    ("A 2024 study published in The Lancet Regional Health - Eastern Mediterranean found the same.",
     "The Lancet Regional Health – Eastern Mediterranean"),
    ("It was published in the Lancet Regional Health – Eastern Mediterranean on Monday.",
     "The Lancet Regional Health – Eastern Mediterranean"),
    ("The findings were published in Nature Reviews Cardiology this week.", "Nature Reviews Cardiology"),
    ("A study in Nature Reviews Cardiology found that 30% of patients relapsed.", "Nature Reviews Cardiology"),
    ("The study was published in Cell Death & Disease in 2021.", "Cell Death & Disease"),
    ("The study, published in Science Signaling, found a new receptor.", "Science Signaling"),
    ("The results, published in JAMA Health Policy Review, were mixed.", "JAMA Health Policy Review"),
    ("The work was published in BMJ Case Reports.", "BMJ Case Reports"),
    ("The Lancet Regional Health – Eastern Mediterranean reported the survey.",
     "The Lancet Regional Health – Eastern Mediterranean"),
    ("It was published in Alzheimer's & Dementia: Translational Research & Clinical Interventions, the team said.",
     "Alzheimer's & Dementia: Translational Research & Clinical Interventions"),
])
def test_a_listed_name_followed_by_title_words_is_the_longer_journal(text, journal):
    assert [normalise_journal(j) for j in journals_in(text)] == [normalise_journal(journal)]


def test_the_longer_name_is_recorded_as_written():
    [source] = sources_of("A study published in The Lancet Regional Health - Eastern Mediterranean in 2024 found x.")
    assert source.journal == "The Lancet Regional Health – Eastern Mediterranean"
    assert source.year == 2024
    assert source.mention == "A study published in The Lancet Regional Health - Eastern Mediterranean"


def test_the_longer_name_named_again_without_a_cue_is_the_same_source():
    text = ("The trial was published in Nature Reviews Cardiology. "
            "Nature Reviews Cardiology editors said 40 patients were too few.")
    assert journals_in(text) == ["Nature Reviews Cardiology"]


@pytest.mark.parametrize("text, expected", [
    ("The Lancet said the results were strong.", ["The Lancet"]),
    ("The results were published in the BMJ. The BMJ Editor Kamran Abbasi said so.", ["The BMJ"]),
    ("The study appeared in Nature Medicine on Tuesday.", ["Nature Medicine"]),
    ("The study, published in JAMA. The study found 12 cases.", ["JAMA"]),
    ("Science Minister Jane Doe said a study in Nature found it.", ["Nature"]),
    ("Science Minister Jane Doe praised the work.", []),
    ("The study was published in Nature and Science Advances.", ["Nature", "Science Advances"]),
    ("It was published in the BMJ Christmas issue.", ["The BMJ"]),
    ("According to the Lancet Commission on dementia, 40% of cases could be prevented.", ["The Lancet"]),
    ("The Lancet Global Burden of Disease study found 12 risk factors.", ["The Lancet"]),
    ("The study, published in JAMA Pediatrics Monday, found 40 cases.", ["JAMA Pediatrics"]),
    ("The finding was reported in Science Daily.", []),
    ("A study in Cancer Research UK found it.", []),
    ("New Study in Nature Reveals How Sleep Cleans the Brain", []),
    ("Published in JAMA: Obesity Rates Climb", ["JAMA"]),
    ("JAMA Network journals publish 300 papers a week.", ["JAMA"]),
    ("Findings published in The Lancet's sister journal were similar.", ["The Lancet"]),
])
def test_a_listed_name_followed_by_other_words_stays_itself(text, expected):
    assert journals_in(text) == expected


# --- Markdown emphasis after a strong cue ------------------------------------------------------


@pytest.mark.parametrize("text, journal, mention", [
    ("In a study of dogs, published in *Human Gene Therapy*, a vector kept working.", "Human Gene Therapy",
     "published in *Human Gene Therapy*"),
    ("The results were published in _Haematologica_ last week.", "Haematologica",
     "The results were published in _Haematologica_"),
    ("The work was published in **Frontiers in Immunology**.", "Frontiers in Immunology",
     "The work was published in **Frontiers in Immunology**"),
    ("The paper appeared in the journal *Gene Therapy* in 2022.", "Gene Therapy",
     "The paper appeared in the journal *Gene Therapy*"),
    ("It was published in *Nature* in 2020.", "Nature", "published in *Nature*"),
])
def test_an_emphasised_title_after_a_strong_cue_is_a_journal(text, journal, mention):
    [source] = sources_of(text)
    assert (source.journal, source.mention) == (journal, mention)


@pytest.mark.parametrize("text", [
    "It was reported in *The Guardian* that 40 people fell ill.",
    "It was reported in *The New York Times* on Monday.",
    "Mutations were reported in *BRCA1* carriers.",
    "The idea is described in *Why We Sleep*, a book.",
    "A study in *Cureus* found 12 cases.",
    "She said *Molecular Medicine Today* was her favourite read.",
    "Cases were published in *the local paper*.",
    "The variable my_Var_name was published in config.",
])
def test_emphasis_that_is_not_a_journal(text):
    assert journals_in(text) == []


def test_new_list_entries():
    for name in ("The Lancet Regional Health – Southeast Asia", "The Lancet Regional Health – Western Pacific",
                 "Molecular Therapy", "Blood Advances", "JCI Insight"):
        assert canonical_journal(name) == name
    assert journals_in("A 2024 study published in The Lancet Regional Health - Southeast Asia found x.") == [
        "The Lancet Regional Health – Southeast Asia"]
    assert journals_in("In a study of dogs, published in Molecular Therapy, a vector kept working.") == [
        "Molecular Therapy"]
    assert journals_in("Molecular Therapy is a growing field.") == []
    assert journal_for_doi("10.1182/bloodadvances.2023010001") == "Blood Advances"
    assert journal_for_doi("10.1182/blood.2023010001") == "Blood"


# --- dated studies, databases, identifiers -------------------------------------------------------


def test_dated_studies_without_a_journal():
    text = ("A 2021 meta-analysis examining data from 40 patients in a US Food and Drug Administration "
            "database found fewer anxiety disorders. Similar research was conducted in 2020 on depression.")
    sources = sources_of(text)
    assert [(s.mention, s.year, s.journal) for s in sources] == [
        ("A 2021 meta-analysis", 2021, None),
        ("Similar research was conducted in 2020", 2020, None),
    ]


@pytest.mark.parametrize("text, mention, year", [
    ("In 2020, a Danish cohort study found fewer strokes.", "In 2020, a Danish cohort study", 2020),
    ("Research published in 2019 showed the same.", "Research published in 2019", 2019),
    ("A 2019 review of 14 trials agreed.", "A 2019 review", 2019),
])
def test_more_dated_studies(text, mention, year):
    assert [(s.mention, s.year) for s in sources_of(text)] == [(mention, year)]


@pytest.mark.parametrize("text", [
    "The 2021 data showed a rise in cases.",
    "Data from 2010 to 2015 were used.",
    "In 2019, 1.2 million people had the disease.",
    "The law passed in 2020 after a long debate.",
])
def test_years_without_a_study_are_not_sources(text):
    assert sources_of(text) == []


def test_a_database_in_a_study_sentence_is_a_source():
    text = "Researchers analysed reports in the FDA Adverse Event Reporting System for the drug."
    sources = sources_of(text)
    assert len(sources) == 1 and sources[0].mention == "FDA Adverse Event Reporting System"


def test_a_database_outside_a_study_sentence_is_not_a_source():
    assert sources_of("The UK Biobank opened to new applications on Monday.") == []


def test_years_are_read_from_the_mention():
    cases = {
        "The study, published in PLOS Medicine in 2023, covered ten summers.": 2023,
        "according to research published in Nature in January 2025.": 2025,
        "published in The Lancet on March 2, 2024.": 2024,
        "is published in The Lancet (2025).": 2025,
        "A 2022 study in Cell found that mice slept less.": 2022,
        "The trial was published in The Lancet.": None,
        "In 2019, 1.2 million people had the disease, a study in The Lancet found.": None,
    }
    for text, year in cases.items():
        assert [s.year for s in sources_of(text)] == [year], text


def test_doi_in_text_joins_the_journal_mention():
    text = ('The paper, "A trial", is published in The Lancet Child & Adolescent Health. '
            "DOI: 10.1016/S2352-4642(24)00187-3\nOther news follows.")
    (source,) = sources_of(text)
    assert source.journal == "The Lancet Child & Adolescent Health"
    assert source.doi == "10.1016/S2352-4642(24)00187-3"


def test_doi_alone_is_a_source_with_the_journal_of_its_prefix():
    text = "The full paper is at doi.org/10.1038/s41598-022-17509-0."
    (source,) = sources_of(text)
    assert source.doi == "10.1038/s41598-022-17509-0"
    assert source.journal == "Scientific Reports"
    assert text[source.start:source.end] == source.mention


def test_pubmed_link_is_a_source_and_a_link_on_a_mention_completes_it():
    text = "The study was published in The Lancet. An earlier description is available on PubMed."
    a, b = text.index("published in"), text.index("PubMed")
    links = [
        Link(href="https://doi.org/10.1234/abcd.5678", text="published in The Lancet", start=a, end=a + 23),
        Link(href="https://pubmed.ncbi.nlm.nih.gov/12345678/", text="PubMed", start=b, end=b + 6),
    ]
    s1, s2 = sources_of(text, links)
    assert (s1.journal, s1.doi, s1.url) == ("The Lancet", "10.1234/abcd.5678", "https://doi.org/10.1234/abcd.5678")
    assert (s2.journal, s2.url, s2.mention) == (None, "https://pubmed.ncbi.nlm.nih.gov/12345678/", "PubMed")


def test_citation_doi_meta_completes_the_main_source():
    (source,) = sources_of("The study was published in Scientific Reports.",
                           meta={"citation_doi": "10.1038/s41598-022-17509-0"})
    assert source.doi == "10.1038/s41598-022-17509-0"


# --- one source per study ---------------------------------------------------------------------


def test_the_same_journal_named_twice_is_one_source():
    text = "The study was published in JAMA.\n\nMore details follow.\n\nThe JAMA paper also found more."
    assert len(sources_of(text)) == 1


def test_a_separate_study_in_the_same_journal_is_another_source():
    text = "A study in JAMA found X.\n\nA separate study in JAMA found Y."
    assert len(sources_of(text)) == 2


def test_different_years_in_the_same_journal_are_two_sources():
    text = "A 2021 study in JAMA found X.\n\nA 2023 study in JAMA found Y."
    assert [s.year for s in sources_of(text)] == [2021, 2023]


def test_two_journals_in_one_sentence_are_two_sources():
    text = ("A 2023 Cochrane review concluded that nothing works, and a separate analysis in the Annals "
            "of Internal Medicine found that symptoms improved.")
    assert journals_in(text) == ["Cochrane Database of Systematic Reviews", "Annals of Internal Medicine"]


# --- claims linked to sources -----------------------------------------------------------------


def _claim(text: str, phrase: str, cid: str = "c1") -> Claim:
    start = text.index(phrase)
    return Claim(id=cid, kind="sample_size", text=phrase, start=start, end=start + len(phrase), value=None)


def test_claims_link_to_the_sentence_source_then_the_paragraph_study():
    text = ("Botox may ease depression, according to a study published in Scientific Reports.\n\n"
            "The team examined 45 patients over four weeks.\n\n"
            "A 2021 meta-analysis found anxiety was 22 to 72 percent less common.\n\n"
            "Nobody knows why 30 people dropped out.")
    claims = [_claim(text, "45 patients", "c1"), _claim(text, "22 to 72 percent", "c2"),
              _claim(text, "30 people", "c3")]
    sources = sources_of(text, claims=claims)
    assert [s.id for s in sources] == ["s1", "s2"]
    assert [c.source for c in claims] == ["s1", "s2", "s2"]


def test_the_lead_before_the_first_mention_belongs_to_the_first_source():
    text = "People who walk 7,000 steps were 30% less likely to get dementia.\n\nThe study was published in The BMJ."
    claims = [_claim(text, "30%")]
    sources_of(text, claims=claims)
    assert claims[0].source == "s1"


def test_no_source_no_link():
    text = "About 45 patients were seen."
    claims = [_claim(text, "45 patients")]
    assert sources_of(text, claims=claims) == []
    assert claims[0].source is None


# --- researchers and sentences ------------------------------------------------------------------


def test_researchers_named_near_the_study():
    text = ('“This field is based on a hypothesis,” said Dr. Axel Wollmer, a psychiatry expert. '
            "The study was led by Tillmann Kruger. Lead author Jane van Dyke agreed.")
    assert [name for name, _ in find_researchers(text)] == ["Wollmer", "Kruger", "Dyke"]


def test_sentences_do_not_break_at_titles():
    text = "Dr. Smith said so. The U.S. Food and Drug Administration agreed."
    assert len(sentence_spans(text)) == 2
    assert len(sentence_spans("We met Prof. Smith there. He agreed.")) == 2


# --- the seed article -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_report():
    path = SEED if SEED.exists() else SEED_COPY
    return check_input(str(path), get_settings(offline=True))


def test_seed_lists_its_three_studies(seed_report):
    sources = seed_report.sources
    assert [(s.journal, s.year) for s in sources] == [("Scientific Reports", None), (None, 2021), (None, 2020)]
    assert sources[0].mention == "a study published in the journal Scientific Reports"
    assert "2021 meta-analysis" in sources[1].mention
    assert "2020" in sources[2].mention
    for s in sources:
        assert seed_report.text[s.start:s.end] == s.mention
        assert s.resolved is None


def test_seed_claims_link_to_their_studies(seed_report):
    by_text = {c.text: c.source for c in seed_report.claims}
    assert by_text["45 patients"] == "s1"
    assert by_text["four weeks later"] == "s1"
    assert next(v for k, v in by_text.items() if "40 Botox-injected patients" in k) == "s2"
    assert by_text["22 to 72 percent"] == "s2"


def test_seed_context_names_the_researcher(seed_report):
    contexts = source_contexts(seed_report.text, seed_report.sources)
    assert "Wollmer" in contexts["s1"].researchers
    assert "Food and Drug Administration" in contexts["s2"].text


def test_offline_report_is_json_serialisable(seed_report):
    data = json.loads(json.dumps(seed_report.to_dict()))
    assert data["sources"][0]["resolved"] is None
    assert all(c["check"] is None for c in data["claims"])


def test_results_said_to_be_in_a_journal_cite_it():
    assert journals_in("Agitation fell by 18%. The results are in Age and Ageing.") == ["Age and Ageing"]
    assert journals_in("The findings were published in Post Reproductive Health in May.") == ["Post Reproductive Health"]


def test_a_field_in_an_institution_name_is_no_journal():
    text = ("Most slept less than the seven hours the American Academy of Sleep Medicine recommends. "
            "Scientists of the Oslo Centre for Clinical Nutrition joined the work.")
    assert journals_in(text) == []


def test_a_journal_name_inside_an_organisations_name_is_no_citation():
    assert journals_in("Results will be shown at the European Society of Human Reproduction and Embryology meeting.") == []
    assert journals_in("He is Professor of Sleep Medicine at Leeds.") == []
    assert journals_in("The trial was published in Human Reproduction.") == ["Human Reproduction"]


def test_a_listed_journal_at_the_end_of_a_longer_title_is_not_cited():
    # "European Journal of Pediatrics" is not "The Journal of Pediatrics"
    assert journals_in("Reinecke J et al. Persistent symptoms. Acta Fictiva Journal of Pediatrics (2025).") == []
    assert journals_in("Reinecke J et al. Persistent symptoms. European Journal of Pediatrics (2025).") == [
        "European Journal of Pediatrics"]
    assert journals_in("In Journal of Pediatrics the team wrote that 12% improved.") == ["The Journal of Pediatrics"]
    assert journals_in("It appears in Clinical & Experimental Allergy this week.") == ["Clinical & Experimental Allergy"]


def test_journals_named_in_other_languages_in_a_subtitle_or_after_accepted_by():
    assert journals_in("A study in the journal Revista da Sociedade Brasileira de Medicina Tropical followed 1,102 people.") == [
        "Revista da Sociedade Brasileira de Medicina Tropical"]
    assert journals_in("The audit, in a paper accepted by the International Journal of Pharmacy Practice, found 9 errors.") == [
        "International Journal of Pharmacy Practice"]
    assert journals_in("Source: The Journal of Allergy and Clinical Immunology: In Practice, 2025.") == [
        "The Journal of Allergy and Clinical Immunology: In Practice"]
    assert journals_in("The paper was accepted by the committee in May.") == []


def test_a_journal_after_a_source_label_or_in_a_reference_list_entry():
    assert journals_in("**Source:** *European Journal of Vascular and Endovascular Surgery*. DOI: 10.1016/j.x.1") == [
        "European Journal of Vascular and Endovascular Surgery"]
    assert journals_in("1. Borg E, et al. Silent gallstones. Scandinavian Journal of Gastroenterology. 2022;57(9):1104-10.") == [
        "Scandinavian Journal of Gastroenterology"]
    assert journals_in("The Journal of Smith Family Recipes said so in 2022.") == []


def test_journals_of_other_countries_in_translated_and_local_news():
    assert journals_in("The team in 2021 in \u300aChinese Medical Journal\u300b reported a myopia rate of 53.6 %.") == [
        "Chinese Medical Journal"]
    assert journals_in("An audit, published in the Annals of the Academy of Medicine, Singapore in 2022, found gaps.") == [
        "Annals of the Academy of Medicine, Singapore"]
    assert journals_in("The results have been sent for publication to the Revista Española de Cardiología.") == [
        "Revista Española de Cardiología"]
    assert journals_in("Research published in Diabetic Medicine last year pooled 21 studies.") == ["Diabetic Medicine"]
    assert journals_in("She trained in diabetic medicine in Leeds.") == []


def test_a_journal_whose_name_is_a_word_cited_in_brackets_with_its_year():
    assert journals_in("- Home vs office blood pressure in 1,860 adults (Hypertension, 2023)") == ["Hypertension"]
    assert journals_in("- Night work and sleep in 1,102 shift workers (Sleep Health, 2023)") == ["Sleep Health"]
    assert journals_in("People with hypertension (high blood pressure) were studied in 2023.") == []


def test_an_epidemiological_week_named_after_mmwr_is_no_citation():
    assert journals_in("Respiratory Virus Surveillance Report: MMWR Week 6. MMWR weeks run Sunday to Saturday.") == []
    assert journals_in("A 2024 study in Environmental Science & Technology matched detections to farms.") == [
        "Environmental Science & Technology"]


@pytest.mark.parametrize("text, journal", [
    ("The audit, published in BJU International, covered 4,000 biopsies.", "BJU International"),
    ("The results appear in Alimentary Pharmacology and Therapeutics this week.", "Alimentary Pharmacology & Therapeutics"),
    ("The registry study, published in the journal Resuscitation, followed 38,611 arrests.", "Resuscitation"),
    ("A paper in Prehospital Emergency Care last year found the same.", "Prehospital Emergency Care"),
])
def test_specialty_journals_news_cites(text, journal):
    assert journals_in(text) == [journal]


def test_a_specialty_journal_named_by_an_ordinary_word_needs_a_citation_cue():
    assert journals_in("He suffered an injury to his eye during the match.") == []


def test_journals_of_occupational_medicine_pharmacy_child_psychiatry_and_vets():
    text = ("A study published in the Journal of Occupational and Environmental Medicine found it. The results were "
            "accepted in the International Journal of Pharmacy Practice, and a review in Veterinary Record agreed.")
    names = set(journals_in(text))
    assert {"Journal of Occupational and Environmental Medicine", "International Journal of Pharmacy Practice",
            "Veterinary Record"} <= names and "Occupational and Environmental Medicine" not in names
