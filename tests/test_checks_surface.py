"""The surface flag checks: placeholders, encoding, garbled text, page-furniture residue.

Each check is tested both ways, as an editor would notice it: the defect is flagged (on the
right words), and the look-alike a careful article contains is left alone. Pipelines are the
default blank-English one (`build_nlp()`): no statistical model. Regression tests carry the
exact text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.checks import encoding, garbled, placeholder, residue
from claimcheck.ingest import load_article
from claimcheck.nlp.pipeline import build_nlp

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / ".." / "shared" / "seed-article.txt"
CORPUS = ROOT / "corpora"
SURFACE_KINDS = ("placeholder", "encoding", "garbled", "residue")


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def flags(nlp, text, kind=None):
    """(kind, text) of every flag of the surface kinds (or of `kind`)."""
    kinds = (kind,) if kind else SURFACE_KINDS
    doc = nlp(text)
    return [(s.label_, s.text) for s in doc.spans["flags"] if s.label_ in kinds]


def texts(nlp, text, kind):
    return [t for _, t in flags(nlp, text, kind)]


# --- placeholder ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The vaccine will now be tested in a Phase XNUMX trial with several thousand children.", "XNUMX"),
    ("After XNUMX months of follow-up, 14 cases were confirmed.", "XNUMX"),
    ("It was the XNUMXth study of its kind.", "XNUMXth"),
    ("Symptoms improved in XNUMX% of patients.", "XNUMX%"),
    ("The scheme could save the NHS £TK million a year.", "TK"),
    ("The drug was approved in TKTK by the regulator.", "TKTK"),
    ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "Lorem ipsum dolor sit amet, consectetur adipiscing elit."),
    ("[INSERT QUOTE FROM DEAN]", "[INSERT QUOTE FROM DEAN]"),
    ("Dr Okafor said: [TBD]", "[TBD]"),
    ("The spokesperson, [NAME], declined to comment.", "[NAME]"),
    ("Children with sensors had XX% fewer asthma attacks.", "XX%"),
    ("Attacks fell by XX per cent over the year.", "XX per cent"),
    ("The trial recruited XXX patients across the region.", "XXX"),
    ("The {{study_name}} trial was published in The Lancet.", "{{study_name}}"),
    ("The drug is sold under the name %s in Europe.", "%s"),
    ("Coffee protects the liver [citation needed].", "[citation needed]"),
    ("The trial will cost £??? a year.", "???"),
    ("It will enrol ??? patients in 14 hospitals.", "???"),
    ("Treatment cost £XX per patient.", "£XX"),
    ("Walkers showed an XX-fold rise in activity.", "XX-fold"),
    ("Dear <<FIRST_NAME>>, thank you for your interest.", "<<FIRST_NAME>>"),
    ("The statement from [HOSPITAL NAME] said beds were full.", "[HOSPITAL NAME]"),
    # a template slot in another language, left by machine translation
    ("The extension has a budget of [IMPORTE] euros for the period.", "[IMPORTE]"),
    # an email's merge tags
    ("Dear *|FNAME|*, our flu clinics start on Saturday.", "*|FNAME|*"),
    ("Hi %%FirstName%%, your results are ready.", "%%FirstName%%"),
    # an editor's comment from a word processor, kept when the file was converted
    ("Coughing fell by 38% [Comment: check figure] over 12 weeks.", "[Comment: check figure]"),
    ("The trial ran in 14 sites [check with Dr Lee] across Wales.", "[check with Dr Lee]"),
])
def test_placeholder_is_flagged(nlp, text, expected):
    found = texts(nlp, text, "placeholder")
    assert found and any(expected in f or f in expected for f in found), found


@pytest.mark.parametrize("text", [
    "A chest X-ray showed no sign of pneumonia, and he went back to playing Xbox.",
    "Generation X parents were more likely to vaccinate; Malcolm X is quoted on the wall.",
    "World War II veterans, Henry VIII's gout, Type I diabetes and a Phase III trial.",
    "The iPhone X, the Model X and the XPS laptop were all used to record symptoms.",
    "Women usually carry two X chromosomes (XX) and men carry XY.",
    "The drug is a TK inhibitor: thymidine kinase (TK) activity fell by half.",
    "She bought the blood-pressure monitor at TK Maxx for £30.",
    "Super Bowl XXX was held in Arizona, and the XXX Olympiad in London.",
    "Triple X syndrome, also called XXX syndrome or trisomy X (47,XXX), affects girls; 47,XXY affects boys.",
    "The trial used TKI drugs, and the TK1 enzyme was measured.",
    "Really??? Nobody expected that, said one parent. Why? Nobody knows.",
    "Prices rose 31 % in the region, and 50 % d'entre eux said so.",
    "Doses were given in sets {1, 2, 3} [1] [sic] [the drug] [PDF] [NCT01234567].",
    "About 40% of the 1,200 patients (95% CI 31-74) improved within XXL-size trial sites.",
    # a broadcast script's cues and a transcript's notes are no template slots
    "[BED UNDER] A&E waits grew again. [BED OUT] [STING: NEWS OUT] [END OF BULLETIN] [MUSIC PLAYING]",
    "[LAUGHTER] Yes, it works. [APPLAUSE] [CROSSTALK] [INAUDIBLE] [UPDATE] The figures changed.",
    # an acronym the article defines, bracketed in a quotation
    "The UK Health Security Agency (UKHSA) agreed. \"They [UKHSA] told us,\" she said.",
    "[Additional reporting by Jane Lee] [Note: this article was updated on 3 May.] [Editor's note: names changed]",
])
def test_placeholder_look_alikes_are_not_flagged(nlp, text):
    assert texts(nlp, text, "placeholder") == []


def test_placeholder_message_says_what_is_missing(nlp):
    doc = nlp("Researchers will run a larger Phase XNUMX clinical trial.")
    [span] = [s for s in doc.spans["flags"] if s.label_ == "placeholder"]
    assert span._.flag_severity == "error"
    assert "XNUMX" in span._.flag_message and "machine translation" in span._.flag_message


def test_placeholder_rules_reject_unknown_keys():
    with pytest.raises(ValueError, match="unknown keys"):
        placeholder.parse_rules({"rules": [{"id": "x", "pattern": "x", "message": "m", "colour": "red"}]})
    with pytest.raises(ValueError, match="bad regular expression"):
        placeholder.parse_rules({"rules": [{"id": "x", "pattern": "(", "message": "m"}]})


# --- encoding ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected, suggestion", [
    ('"Itâ€™s the first time that we have such data," she explained.', "Itâ€™s", "It’s"),
    ("The results are qualified as â€œvery encouragingâ€\ufffd by the team.", "â€œvery", "“very"),
    ("The results are qualified as â€œvery encouragingâ€\ufffd by the team.", "encouragingâ€\ufffd", "encouraging”"),
    ("Children in La RÃ©union were vaccinated.", "RÃ©union", "Réunion"),
    ("according to the Agence rÃ©gionale de santÃ© (ARS)", "santÃ©", "santé"),
    ("The cream costs Â£40 a tube.", "Â£40", "£40"),
    ("A fever of 39Â°C or more.", "39Â°C", "39°C"),
    ("doctorsâ€”and nurses", "doctorsâ€”and", "doctors—and"),
    ("The trial cost Â£120,000 in all.", "Â£120,000", "£120,000"),
    ("Dr Okoro said it\x92s cheap.", "it\x92s", "it’s"),
    ("It&#8217;s a cheap intervention.", "It&#8217;s", "It’s"),
    ("Smith &amp; Nephew supplied the implants.", "&amp;", "&"),
])
def test_mojibake_is_flagged_with_repair(nlp, text, expected, suggestion):
    doc = nlp(text)
    spans = [s for s in doc.spans["flags"] if s.label_ == "encoding"]
    match = [s for s in spans if s.text == expected]
    assert match, [s.text for s in spans]
    assert match[0]._.flag_suggestion == suggestion
    assert match[0]._.flag_severity == "error"


def test_replacement_character_is_flagged_without_a_guess(nlp):
    doc = nlp("Pupils were recruited in Saint-Pierre, Le Port and Saint-Beno\ufffdt.")
    [span] = [s for s in doc.spans["flags"] if s.label_ == "encoding"]
    assert span.text.startswith("Saint-Beno\ufffdt")
    assert span._.flag_suggestion is None and "U+FFFD" in span._.flag_message


def test_mojibake_quote_is_not_a_closing_quote(nlp):
    assert flags(nlp, "doctorsâ€”and nurses") == [("encoding", "doctorsâ€”and")]


def test_encoding_flags_never_change_the_text(nlp):
    text = "Itâ€™s in La RÃ©union."
    assert nlp(text).text == text


@pytest.mark.parametrize("text", [
    "We met at a café with Dr. Müller, whose naïve façade fooled nobody; the résumé said Zürich.",
    "The trial — run in São Paulo and Ångström's lab — used “curly quotes” and ‘single’ ones… and en–dashes.",
    "IRMÃ DULCE hospital, ESPAÑA” and Øresund; Đức Nguyễn; 37°C, ±2, µg, ½ dose, ×3, © 2024.",
    "« Voilà\u00a0! » dit-il. Die Straß\u00a0ist lang. R&D; Q&A; a&b; &foo;",
    "قال الباحثون إن النتائج مشجعة. 研究人员说结果令人鼓舞。 Исследователи довольны.",
    "„Das ist gut“, sagte er. «C'est bien», a-t-il dit.",
])
def test_real_non_ascii_text_is_not_encoding(nlp, text):
    assert texts(nlp, text, "encoding") == []


# --- garbled -------------------------------------------------------------------------------

def test_stray_punctuation_is_flagged(nlp):
    text = ("the researchers scanned their brains using functional magnetic resonance imaging. . The trial "
            "yielded mixed results. He hoped to see the results. , which has been investigated. "
            "Patients , , and doctors,, agreed.")
    assert texts(nlp, text, "garbled") == [". .", ". ,", ", ,", ",,"]
    assert texts(nlp, "The results, . The trial ended.. Then the team met.", "garbled") == [", .", ".."]


@pytest.mark.parametrize("text", [
    "He paused . . . and then went on. And then... nothing.",
    "The dose was 0.5 mg, or .5 mg as the label put it. Values were 1.2, .8 and 3.",
    "Fruit, nuts, etc., were allowed. The U.S. trial ended.",
])
def test_ellipses_and_decimals_are_not_stray_punctuation(nlp, text):
    assert texts(nlp, text, "garbled") == []


def test_doubled_word_across_a_line_break_is_flagged(nlp):
    assert texts(nlp, "Scans were done in the\nthe morning.", "garbled") == ["the\nthe"]


def test_a_space_before_a_full_stop_is_flagged(nlp):
    assert texts(nlp, "Few of them wear hearing aids . Therefore a study is planned.", "garbled") == ["."]
    assert texts(nlp, "Side effects were light (pain, fever of short duration) . Parents agreed.", "garbled") == ["."]
    assert texts(nlp, "The campaign ends in 2026 . It then restarts.", "garbled") == ["."]
    assert texts(nlp, "The dose was 0.5 mg. A spaced ellipsis . . . stays. So does p = .05 here.", "garbled") == []
    assert texts(nlp, "The rate (per 1,000) .5 higher was a typo of the source, then (a) .", "garbled") == ["."]


def test_a_space_before_a_comma_is_flagged(nlp):
    assert texts(nlp, "Without a comparison group , it is hard to know.", "garbled") == [","]
    assert texts(nlp, "The cohort (aged 50 to 74) , followed for years, grew.", "garbled") == [","]
    # a thousands separator after a space, a comma opening a line, or one in a list of codes are not
    assert texts(nlp, "About 1 ,234 forms came back.\n, and so on.\nThe codes were A1,B2 and C3.", "garbled") == []


def test_doubled_word_is_flagged(nlp):
    text = "And the the biggest junk food fans were also twice as likely to say they felt anxious."
    assert texts(nlp, text, "garbled") == ["the the"]
    assert texts(nlp, "The trial was was stopped early. In In the study, a a dose was given.", "garbled") == [
        "was was", "In In", "a a"]


@pytest.mark.parametrize("text", [
    "They had had enough. He said that that was fine. What it is is a trap.",
    "What they do do is help. It was a very very good result, she said, bye bye to pain.",
    "They flew to Walla Walla and Bora Bora; ylang ylang oil was used.",
    "The follow-up up to 2024 was done. One one-hundredth of the dose.",
    "The dose was 10 10 mg tablets.",
    "Vaccines\nVaccines are offered to adults over 75.",
])
def test_legitimate_doubles_are_not_flagged(nlp, text):
    assert texts(nlp, text, "garbled") == []


SEED_QUOTE = (
    "“Once the facial muscles are activated to express emotion, a body stimulus signal is generated, "
    "which returns from the face to the emotional brain and reinforces and maintains this emotional state,” "
    "Woolmer explained. It is only by the embodiment of these feelings that one really feels them as warm "
    "and full feelings, or once this embodiment is suppressed, the feelings subside and are not perceived as such.”"
)


def test_closing_quote_never_opened_is_flagged_with_the_words_before_it(nlp):
    assert texts(nlp, SEED_QUOTE, "garbled") == ["perceived as such.”"]


def test_closing_quote_never_opened_is_found_on_page_lines(nlp):
    text = "First paragraph of the story.\n“When the muscle rests,” she said. It lives normally all the day.”\nNext."
    assert texts(nlp, text, "garbled") == ["all the day.”"]


def test_straight_closing_quote_never_opened_is_flagged(nlp):
    text = '"Once activated," Woolmer explained. It is only then that they are not perceived as such."'
    assert texts(nlp, text, "garbled") == ['perceived as such."']


@pytest.mark.parametrize("text", [
    '"We are pleased," she said. "It works."',
    '"This is the first paragraph.\n\n"This is the second.\n\n"And the last," she said.',
    '"He told me "no" and left," she said.',
    'A 12" pizza and a 6" sub. He said:"The results are clear." Then he left.',
    '“We are pleased," she said, mixing her quote marks.',
    '"This quote starts here\n\nand continues," she said.',
    '"Muscles of Sorrow"\n\nFacial muscle relaxation has been studied.',
])
def test_balanced_straight_quotes_are_not_flagged(nlp, text):
    assert texts(nlp, text, "garbled") == []


@pytest.mark.parametrize("text", [
    "“We are pleased,” she said. “It works.”",
    # the press style: every paragraph of a long quotation opens, only the last one closes
    "“This is the first paragraph of a long quote.\n\n“This is the second paragraph.\n\n“And the last one,” she said.",
    "“This is the first paragraph of a long quote.\n“This is the second one.\n“And the last,” she said.",
    # a quotation broken across paragraphs by the page
    "“This quote starts here\n\nand continues,” she said.",
    # ... with a running header between the two halves (print and OCR copy)
    "\"Half of us came because a nurse told us to. The hardest part is\ngetting your\n\n"
    "Health Matters · Autumn 2024 · Page 4\n\nshoes on.\" Her husband walks too.",
    # a hard-wrapped paragraph
    "Intro.\n\n“This is a long quote that\nkeeps going on the next line\nand ends here,” she said.",
    "“The doctor told me “you have cancer” and I froze,” she said.",
    "”Yes,” he said. A 6” wound. He is 5’11” tall.",
    "\"We are pleased,” she said, mixing her quote marks.",
    "“The belly and the head talk”\n\nFor years the link has been studied.",
    "a so-called “go/no-go” task and the “father” of American psychology",
    "„Das ist gut“, sagte er.",
])
def test_balanced_or_press_style_quotes_are_not_flagged(nlp, text):
    assert texts(nlp, text, "garbled") == []


# --- residue -------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Go to top button",
    "Back to top",
    "Related articles",
    "RELATED ARTICLES",
    "Read more: Hearing aids and memory: what the new trial found",
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored content",
    "Share this article: Facebook Twitter Email",
    "Share this news: Facebook Twitter LinkedIn WhatsApp E-mail",
    "Share on Facebook",
    "Subscribe now for free with Sahha Net You will receive our newest articles first, and we will alert you to every new post نعم لا",
    "Sign up for our newsletter",
    "Subscribe to our newsletter for free",
    "Join 40,000 readers who get our free weekly digest of health research. No spam, ever.",
    "Follow us on Twitter and Facebook",
    "Social Media Auto Publish Powered By: XYZScripts.com",
    "Proudly powered by WordPress",
    "We use cookies to personalise content and ads and to analyse our traffic.",
    "This website uses cookies to improve your experience.",
    "CardioWire uses essential cookies to run this site and optional cookies to understand how readers use it.",
    "By continuing to browse the site, you are agreeing to our use of cookies.",
    "Accept all cookies",
    "Click here to download the full report",
    "Comments (46)",
    "Leave a comment",
    "Your email address will not be published. Required fields are marked *",
    "Print this page",
    "Skip to content",
    "Skip next section Explore more",
    "Follow along using the transcript.",
    "Skip advertisement",
    "Get the Courier's free morning newsletter. Sign up at harlancourier.example/newsletters",
    "Home > Health > Nutrition",
    "© 2024 Meridian Media Group Ltd. All rights reserved.",
    "Click to share on WhatsApp (Opens in new window)",
    "Advertisement - Continue Reading Below",
    "Cookie Policy | Privacy Policy | Terms of Use",
    "Sign up to our free weekly newsletter and get the latest health news in your inbox",
    "Health › Nutrition › Diabetes",
    "T1D Crossroads › Forums › Money, Insurance & Access",
    "Reply | Quote | Report",
    "You must be logged in to reply to this thread. Log in or register",
    "Sponsored: PelviTone smart pelvic floor trainer. Free delivery this Mother's Day. Shop now",
    "Ask for appointment online",
    "Clinic Costa Salud · Calle Limonar Alto 12, 29016 Málaga · Tel. (+34) 952 555 014",
    "Share on Facebook | Share on X | Forward to a friend",
    "Unsubscribe from this list | Update your preferences",
    "Topics: Health, Menopause",
    "Was this page useful? Yes No",
    "Last modification: 12/11/2025",
    "Leave a Reply Cancel reply",
    "Check Also",
    "Facebook X LinkedIn Tumblr Pinterest Reddit VKontakte Odnoklassniki Pocket Share via Email Print",
    "Please consider supporting us by disabling your ad blocker",
    "Image 3 of 12",
    "View in browser",
    "View this email in your browser",
    "Forward to a friend",
    "Unsubscribe | Manage preferences",
    "Update your preferences · Unsubscribe",
    "Was this forwarded to you? Sign up here.",
    "You are receiving this email because you subscribed to our weekly health digest.",
    "Get the latest headlines straight to your inbox - sign up to our free Wexcombe Gazette daily newsletter",
    "Sign up to our free Health Check newsletter for the week's research",
    # running headers and footers of print or PDF copy
    "Riverside Health Matters · Autumn 2024 · Page 3",
    "Page 4 | The Wexcombe Gazette | Thursday 3 July",
    "Page 2 of 5",
    "2                                        HEARTBEAT · ISSUE 58 · SPRING 2025",
    "Brightwater Heart Trust · Registered charity no. 1167402                     3",
    # a breadcrumb, a click-to-tweet box, a plain-text email's controls with their links
    "Health > Diabetes",
    "Tweet this: \"How you walk seems to matter as well as how much\" - new study on walking pace",
    "View in browser <https://mail.example.org/v/oct25>",
    "Shop hay fever relief >",
    "Donate now: every gift helps keep our rehydration points open through the rainy season",
    "Unsubscribe <https://mail.example.org/u/oct25> | Update your preferences <https://mail.example.org/p/oct25>",
])
def test_furniture_line_is_flagged(nlp, line):
    text = f"A study of 120 adults found a benefit.\n\n{line}\n\nThe authors called for a larger trial."
    assert texts(nlp, text, "residue") == [line.strip()]


def test_a_related_link_at_the_end_of_a_paragraph_is_flagged_from_where_it_starts(nlp):
    text = ("All the confirmed cases had lived within about 3km of the depot. Read more: How cooling towers "
            "spread Legionnaires\u2019 disease \u2013 and why summer is peak season\n\nMore cases are likely.")
    assert texts(nlp, text, "residue") == [
        "Read more: How cooling towers spread Legionnaires\u2019 disease \u2013 and why summer is peak season"]
    assert texts(nlp, "The nurse said: see also the earlier advice. Read more about it on the NHS website.", "residue") == []


def test_a_related_link_inside_a_paragraph_is_flagged_up_to_where_the_prose_goes_on(nlp):
    text = ("\u201cOf the 214 confirmed cases, 168 were discharged,\u201d she said. Also read: Lassa fever: NCDC "
            "activates national emergency operations centre The commissioner added that 2,316 contacts were traced.")
    assert texts(nlp, text, "residue") == ["Also read: Lassa fever: NCDC activates national emergency operations centre"]


def test_a_sponsored_label_above_its_disclosure_is_the_pieces_own_label(nlp):
    text = ("SPONSORED CONTENT\nThis article is paid for and provided by Solenne Nutrition. It was not written by our "
            "editorial team.\n\nWhy women over 40 are switching magnesium\n\nA trial of 120 adults found a benefit.")
    assert texts(nlp, text, "residue") == []
    text = "A trial of 120 adults found a benefit.\n\nSponsored content\n\nThis cream is loved by 9 in 10 users."
    assert texts(nlp, text, "residue") == ["Sponsored content"]


def test_share_bar_with_one_button_per_line_is_flagged(nlp):
    text = "The authors called for a larger trial.\n\nShare this:\nTwitter\nFacebook\n\nLike this:\nLike Loading..."
    assert texts(nlp, text, "residue") == ["Share this:", "Twitter", "Facebook", "Like this:", "Like Loading..."]
    # a platform name on its own line is furniture only inside a block of furniture
    assert texts(nlp, "The campaign ran on one platform:\n\nFacebook\n\nIt reached 2 million users.", "residue") == []


def test_a_broadcasters_listen_again_line_is_flagged_and_its_numbers_are_no_claims(nlp):
    from claimcheck.check import check_article
    from claimcheck.models import Article

    text = ("Scans for people with cirrhosis start next month.\n\n"
            "Listen again on the Calder Valley Radio app | Rewind the last 7 days\n\nMore news at six.")
    assert texts(nlp, text, "residue") == ["Listen again on the Calder Valley Radio app | Rewind the last 7 days"]
    report = check_article(Article(text=text, input="bulletin.txt"), nlp)
    assert [c.text for c in report.claims] == []  # "7 days" is the player's
    assert [c.id for c in check_article(Article(text="Of 120 patients, 14 died.\n\n" + text, input="b.txt"), nlp).claims] == [
        "c1", "c2"]


def test_glued_breadcrumb_at_the_top_is_flagged(nlp):
    text = "Beautifyingbeauty and healthHealth\n\nBotox for the treatment of mental conditions\n\nA new study finds..."
    assert texts(nlp, text, "residue") == ["Beautifyingbeauty and healthHealth"]
    text = "Nutritionfood and digestionDigestion\n\nPeppermint oil capsules calm the colon\n\nA study shows..."
    assert texts(nlp, text, "residue") == ["Nutritionfood and digestionDigestion"]


@pytest.mark.parametrize("text", [
    "By Jane Doe\nHealth correspondent\n\nLONDON, 3 March (Wire) - A new drug cut deaths.",
    "The study was funded by the trust.\n\nEnds\n\nNotes to editors\n\n- The paper is published in JAMA.\n\n"
    "Media contact\nDaniel Ashworth, Press Office\nTel: +44 (0)191 496 0725\nEmail: press.office@fenwick.ac.uk",
    "Readers who subscribe to newsletters about health were more likely to get vaccinated, the survey found.",
    "Subscribers to the health plan, researchers said, were older.",
    "Photo: Dr Okafor in her clinic. (Image: Fenwick University)",
    "This article was updated on 4 March 2024 to correct the number of participants.",
    "Related conditions\n\nPeople with eczema often also have asthma.",
    "Sign up to take part in the trial at the hospital's website, the team said.",
    "Follow-up lasted five years. Click-through rates were low.",
    "The device is powered by a small battery and shares data with the clinic.",
    "Many people use cookies and sweets as a reward, the dietitian said, which is a habit worth breaking.",
    "Share of patients improving: 40%.",
    "Presenter: Jo Hart\nTopic: bones after the menopause\n\nJO: Good morning.",
    "She asked for an appointment online and waited three weeks, she said.",
    "Reply to the consultation by 3 March, the council said.",
    "Reading time per scan fell by about a third, from 6 minutes to just over 4 minutes.",
    "Was this page helpful? The charity asked readers in a survey.",
    "Ryan Sheikh Mohammed\n\nDeputy Editor-in-Chief and Head of Relations Department, Bachelor of Civil Engineering",
    "PubMed, YouTube and medRxiv\n\nThe preprint was posted on medRxiv.",
    "More from the study\n\nThe team also found that sleep improved.",
    "Legal help\n\nPatients can ask the hospital's advice service.",
    "Advertising\n\nJunk-food advertising before 9pm will be banned.",
    "Powered by Google: how AI reads scans\n\nA new tool reads mammograms.",
    "The search for a cure continues.\nCheck also your blood pressure regularly, the doctor said.",
    "Patients can unsubscribe from the text reminders at any time, and 4% did.",
    "She would forward the results to a friend who worked in a lab.",
    "Patients can sign up for the NHS app to get results sent to their phone.",
    "Parents who sign up to the programme get a weekly email from a nurse.",
    "The full figures are on page 4 of the report.",
    "Page 3 of the leaflet explains the doses.",
    "You can listen again to the surgeon, who explained how the new scans work for people with cirrhosis.",
])
def test_article_content_is_not_residue(nlp, text):
    assert texts(nlp, text, "residue") == []


def test_residue_rules_validate_on_load():
    with pytest.raises(ValueError, match="max_words"):
        residue.parse_rules({"about": "", "rules": [{"id": "x", "match": "start", "pattern": "x", "message": "m"}],
                             "glued_breadcrumb": {"max_words": 8, "first_lines": 3, "message": "m"}})
    with pytest.raises(ValueError, match="unknown keys"):
        residue.parse_rules({"about": "", "rules": [{"id": "x", "match": "line", "pattern": "x", "message": "m",
                                                      "colour": "red"}],
                             "glued_breadcrumb": {"max_words": 8, "first_lines": 3, "message": "m"}})


def test_surface_data_files_load():
    assert placeholder.load_rules() and residue.load_rules()
    assert encoding.load_lossy_guesses()
    assert garbled.load_word_lists()


# --- the seed and the corpus ---------------------------------------------------------------

def _overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def test_seed_gets_exactly_its_surface_flags(nlp):
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed-article.txt) is not available")
    text = load_article(str(SEED)).text
    gold = [f for f in json.loads(SEED.with_name("seed-article.gold.json").read_text("utf-8"))["flags"]
            if f["kind"] in SURFACE_KINDS]
    doc = nlp(text)
    predicted = [(s.label_, s.start_char, s.end_char) for s in doc.spans["flags"] if s.label_ in SURFACE_KINDS]

    def gold_spans(item):
        needle = item["text"]
        return [(i, i + len(needle)) for i in range(len(text)) if text.startswith(needle, i)]

    for item in gold:
        assert any(k == item["kind"] and any(_overlaps((s, e), g) for g in gold_spans(item))
                   for k, s, e in predicted), f"missed {item}"
    for kind, start, end in predicted:
        assert any(item["kind"] == kind and any(_overlaps((start, end), g) for g in gold_spans(item))
                   for item in gold), f"false alarm {kind}: {text[start:end]!r}"
    assert len(gold) == 9


def _clean_articles():
    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        if json.loads(gold_path.read_text("utf-8")).get("flags") == []:
            stem = gold_path.name[: -len(".gold.json")]
            for suffix in (".txt", ".md", ".html", ".htm"):
                if (article := gold_path.with_name(stem + suffix)).exists():
                    yield article
                    break


@pytest.mark.parametrize("article", list(_clean_articles()), ids=lambda p: p.name)
def test_clean_corpus_articles_get_no_surface_flags(nlp, article):
    doc = nlp(load_article(str(article)).text)
    assert [(s.label_, s.text) for s in doc.spans["flags"] if s.label_ in SURFACE_KINDS] == []


def test_an_opening_quote_in_mojibake_still_opens_its_quotation(nlp):
    text = "The child is recovering.\n\n\u00e2\u20ac\u0153If you've had two doses, you're protected,\u201d Dr Quintanar said."
    assert texts(nlp, text, "garbled") == []
    assert texts(nlp, text, "encoding")  # the mojibake itself is flagged


def test_a_recipe_cards_buttons_are_furniture(nlp):
    text = "Jump to Recipe\n\nNuts may add years to your life, a study says. The recipe below uses 30 g of walnuts.\n\nPrint Recipe"
    assert texts(nlp, text, "residue") == ["Jump to Recipe", "Print Recipe"]


def test_a_translated_read_also_link_is_furniture(nlp):
    text = "Vitamin D matters in pregnancy.\n\nTo read also: Iron, folic acid, iodine: which supplements?\n\nThe study continues."
    assert texts(nlp, text, "residue") == ["To read also: Iron, folic acid, iodine: which supplements?"]
