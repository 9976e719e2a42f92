"""Text checks generalised from the blind sets (holdout5/holdout6): a mangled no-break space
glued to a number, news-app and newsletter promotions left in the body, a surname spelled
another way in `the X team`. Each is tested both ways: the defect is flagged, and the
look-alike a careful article contains is left alone. Pipelines are the default blank-English
one (`build_nlp()`): no statistical model.
"""

from __future__ import annotations

import json

import pytest

from claimcheck.checks import residue
from claimcheck.checks.encoding import find_encoding_matches
from claimcheck.checks.residue import find_residue_lines
from claimcheck.nlp.pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def flagged(nlp, text, kind):
    doc = nlp(text)
    return [s.text for s in doc.spans["flags"] if s.label_ == kind]


# --- encoding: a lone `Â` glued to a number or a lower-case word -----------------------------

@pytest.mark.parametrize("text, word, fixed", [
    ("were assigned to take either 800Â IU of vitamin D3 a day", "800Â", "800"),
    ("a dose of 25Â mg twice daily", "25Â", "25"),
    ("a dose of 25Â\u00a0mg twice daily", "25Â", "25"),
    ("the testÂ was repeated", "testÂ", "test"),
])
def test_mangled_no_break_space_after_number_or_word(text, word, fixed):
    found = [(text[s:e], f) for s, e, f in find_encoding_matches(text)]
    assert found == [(word, fixed)]


@pytest.mark.parametrize("text", [
    "ESPAÑA” was printed on the box.",
    "The BRÂNCUȘI exhibition opened.",
    "Le CHÂTEAU was closed.",
    "A cost of 800 IU, or 800Â.",  # `Â` before punctuation, not a space: ftfy's call
])
def test_real_text_with_a_circumflex_is_not_a_mangled_space(text):
    assert [(text[s:e], f) for s, e, f in find_encoding_matches(text) if f == text[s:e - 1]] == []


def test_mangled_space_flag_in_pipeline(nlp):
    assert flagged(nlp, "Participants took 800Â IU of vitamin D3 a day.", "encoding") == ["800Â"]


# --- residue: app, news-alert and newsletter promotions --------------------------------------

@pytest.mark.parametrize("line", [
    "Download the KHSN 6 News app for breaking news alerts.",
    "Get the WXYZ app for breaking news.",
    "Download our free app for the latest headlines",
    "Install the Channel 9 app for local news and weather.",
    "Get breaking news alerts on your phone.",
    "Sign up for breaking-news alerts",
    "Turn on news notifications",
    "Want more health news? Sign up for our free weekly newsletter.",
    "Enjoyed this article? Subscribe to get the best stories in your inbox.",
    "Enjoying this story? Sign up for our free Health Check newsletter",
])
def test_app_and_newsletter_promotions_are_residue(line):
    text = f"The trial enrolled 300 adults.\n\n{line}\n\nThe results were published in March."
    found = [text[s:e] for s, e, _ in find_residue_lines(text)]
    assert found == [line]


@pytest.mark.parametrize("line", [
    "Download the NHS App to book a GP appointment.",
    "Download the NHS App to get notifications when your test results are ready.",
    "Get the Flo app to track your cycle.",
    "Install the MyAsthma app to log symptoms and get pollen alerts.",
    "Want more tips on sleep? Download the Sleepio app.",
    "Want to quit smoking? Get the NHS Quit Smoking app for daily support.",
    "Want to know more? Get in touch with your GP.",
    "People who download the app tend to read more health news and stay active, the study found.",
    "Turn on push notifications in the app so it can remind you to take your medication.",
])
def test_health_advice_about_apps_is_not_residue(line):
    assert list(find_residue_lines(line)) == []


def test_rules_still_load_and_validate():
    raw = json.loads(residue.resources.files("claimcheck.data").joinpath(residue.DATA_FILE).read_text("utf-8"))
    rules, _ = residue.parse_rules(raw)
    assert "app_promo" in {r.id for r in rules}


# --- name_variant: `the X team` is a name context --------------------------------------------

MT_ARTICLE = (
    "The trial was coordinated by the neurologist Inmaculada Berrocal, who recruited 24 adolescents.\n\n"
    "\"Migraine is very underestimated,\" has explained Berrocal to the agency.\n\n"
    "According to Berrocal, the improvement appeared quickly.\n\n"
    "The {minority} {team} already prepares an extension of the study."
)


@pytest.mark.parametrize("team", ["team", "research team", "group", "lab", "laboratory"])
def test_minority_spelling_in_the_x_team_is_flagged(nlp, team):
    text = MT_ARTICLE.format(minority="Barrocal", team=team)
    assert flagged(nlp, text, "name_variant") == ["Barrocal"]


def test_the_x_team_after_a_lower_case_the(nlp):
    text = MT_ARTICLE.replace("The {minority} {team}", "Next year the {minority} {team}").format(
        minority="Barrocal", team="team")
    assert flagged(nlp, text, "name_variant") == ["Barrocal"]


@pytest.mark.parametrize("text", [
    # two researchers with alike surnames, each introduced with a first name
    "Dr Anna Hansen led the trial. Hansen said the results were clear. Hansen added that more work was "
    "needed.\n\nThe team of Dr Peter Hanson, who was not involved, will now repeat it. The Hanson lab is in Oslo.",
    # a brand and a place are no people: a capitalised word after `the`, but not a team word
    "Dr Maria Lindqvist said the Lindgren Foundation paid for the study. Lindqvist said so twice. "
    "Lindqvist added that the Lindgren grant helped.",
    # a place team with no similar person
    "Dr Clara Oxley said the Oxford team had helped. Oxley said the data were shared. Oxley added more.",
])
def test_team_context_traps(nlp, text):
    assert flagged(nlp, text, "name_variant") == []


# --- residue: the prefilter picks rules by first character and required literals ------------

def test_rule_start_keys_and_required_literals():
    rules = {r.id: r for r in residue.RULES}
    assert residue.rule_start_keys(rules["skip_links"]) == frozenset("js")
    assert residue.required_literals(rules["breadcrumb_arrows"].source) == frozenset({"›", "»", ">"})
    assert residue.required_literals(rules["cookie_banner"].source) == frozenset({"cookies", "privacy policy"})
    assert residue.required_literals(rules["related_heading"].source) is None  # too many to look up


@pytest.mark.parametrize("line", [
    "Related articles", "- Related", "» Share on Facebook", "# Tags: x", "© 2024 Foo", "(c) 2023 bar",
    "Proudly powered by WordPress", "ſubscribe now", "Home > Health", "Health › Heart › News",
    "Go to top", "> Read more: x", "*Advertisement*", "12 comments", "İnstagram", "|Print",
    "— Subscribe now", "-", "We use cookies to improve your experience", "WE USE COOKIES", "Back to TOP",
    "CLICK HERE", "Filed under: health", "All Rights Reserved.", "Please disable your ad blocker",
    "Café › Santé", "The trial enrolled 300 adults.", "Ähnliche Artikel", "“Related”",
])
def test_prefilter_agrees_with_the_rules_one_by_one(line):
    one_by_one = any(residue._match_rule(rule, line) is not None for rule in residue.RULES)
    assert not one_by_one or residue.PREFILTER.may_match(line)


def test_comment_lines_are_furniture_but_an_authors_sign_off_is_not(nlp):
    text = ("The trial enrolled 300 adults.\n\nRelated news\nComment on this news\n\nComments are closed on this article.\n\n"
            "Comments are open below. I read every one, though it may take me a week or two to reply.")
    assert flagged(nlp, text, "residue") == ["Related news", "Comment on this news", "Comments are closed on this article."]


def test_rows_of_a_table_typed_with_pipes_are_no_running_headers(nlp):
    text = ("Table 1: Deaths by district\n\nDistrict          | 2023 | 2024\nAshby Vale        |   48 |   53\n"
            "Brackenfield      |   61 |   56\nNorthmoor total   |  395 |  412\n\nThe rate rose.")
    assert flagged(nlp, text, "residue") == []
    assert flagged(nlp, "Health Weekly | Issue 12  14\n\nThe trial enrolled 300 adults.", "residue") == ["Health Weekly | Issue 12  14"]


def test_a_forum_posts_tag_is_no_template_slot(nlp):
    assert flagged(nlp, "# [SUMMARY] ADHD waits: what 214 of you told us. It costs [AMOUNT].", "placeholder") == ["[AMOUNT]"]


def test_a_programmes_quoted_topic_is_no_tag_list(nlp):
    text = 'Presenter: Jo Pritchard\n\nTopic: "Having a baby in Calderbridge: is it better?"\n\nTags: Health, NHS, Maternity'
    assert flagged(nlp, text, "residue") == ["Tags: Health, NHS, Maternity"]


def test_a_podcasts_sponsor_cue_is_no_template_slot(nlp):
    assert flagged(nlp, "HOST: Welcome back. [SPONSOR MESSAGE] Our guest is [NAME OF HOSPITAL]'s lead.", "placeholder") == [
        "[NAME OF HOSPITAL]"]


def test_a_tv_scripts_video_cue_is_no_template_slot(nlp):
    text = "PRESENTER: Good evening.\n\n[VT BEGINS]\n\nThe clinic is busy. [INSERT CAPTION]\n\n[VT ENDS]"
    assert flagged(nlp, text, "placeholder") == ["[INSERT CAPTION]"]


def test_an_acronym_defined_by_apposition_and_a_look_alike_of_it(nlp):
    text = ("The big change was the Infant and Young Child Feeding programme, IYCF, which trained counsellors. "
            "When the IYCN programme lost its money, it stopped.")
    assert flagged(nlp, text, "acronym_mismatch") == ["IYCN"]
    # acronyms listed between commas define nothing
    assert flagged(nlp, "Patients in the UK, USA, and France took part. The USB was used.", "acronym_mismatch") == []


@pytest.mark.parametrize("text, expected", [
    ("When I hear keys, my heart goes, boom boom boom. Then it stops.", []),
    ("Go, go go! shouted the coach.", []),
    ("The results of the the theory were good.", ["the the"]),
    ("Boom boom boom went the drum, and that was the the end.", ["the the"]),
])
def test_a_word_said_three_times_is_no_doubled_word(nlp, text, expected):
    assert flagged(nlp, text, "garbled") == expected
