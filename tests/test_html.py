"""Main-text extraction from HTML: the article, the whole article, nothing but the article."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

import claimcheck.ingest.html as html_module
from claimcheck.errors import ExtractionError
from claimcheck.ingest.files import read_file
from claimcheck.ingest.html import extract_article, identifiers_in_url, is_furniture

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
PAGES = sorted(CORPUS.glob("page-*.html"))

BODY = [
    "A daily pill cut migraine days by a third in a trial of 312 patients, researchers reported on Tuesday.",
    "After 12 weeks, 41% of patients on the drug had at least half as many migraine days as before.",
    "The most common side effect was mild nausea, reported by 9% of the patients who took the pill.",
    "The company behind the drug said it would apply for a licence in Europe and the US next year.",
]


def page(body_html: str, head: str = "", after: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pill trial</title>{head}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/health">Health</a></li></ul></nav></header>
<main><article><h1>Daily pill cut migraine days</h1>
<div class="article-body">{body_html}</div></article>{after}</main>
<footer><p>Copyright 2024 Example Media Ltd. All rights reserved.</p></footer></body></html>"""


def paragraphs(texts=BODY) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


# ---------------------------------------------------------------------------------------------
# The corpus pages


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_corpus_page_extraction_gold(path):
    gold = json.loads(path.with_name(path.stem + ".gold.json").read_text("utf-8"))
    article = read_file(str(path))
    squashed = " ".join(article.text.split())
    for needle in gold["extraction"]["must_include"]:
        assert " ".join(needle.split()) in squashed, needle
    for needle in gold["extraction"]["must_exclude"]:
        assert " ".join(needle.split()) not in squashed, needle
    for item in gold["claims"] + gold["flags"]:
        assert item["text"] in article.text, item
    assert article.warnings == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_corpus_page_links_point_into_the_text(path):
    article = read_file(str(path))
    for link in article.links:
        assert article.text[link.start:link.end] == link.text
        assert link.href.startswith(("http://", "https://", "mailto:")), link.href
    starts = [link.start for link in article.links]
    assert starts == sorted(starts)


def test_corpus_page_metadata():
    article = read_file(str(CORPUS / "page-nextjs-rsv-vaccine.html"))
    assert article.title == "RSV vaccine cut older adults' hospital admissions by more than two-thirds, records show"
    assert article.author == "Samira Kowalczyk"
    assert article.published == "2024-06-02"
    assert article.site == "Pulse Health News"
    assert article.meta["og:site_name"] == "Pulse Health News"


def test_press_release_doi_and_pubmed_links():
    article = read_file(str(CORPUS / "page-press-release-pancreatic-blood-test.html"))
    by_href = {link.href: link for link in article.links}
    assert by_href["https://doi.org/10.1234/abcd.5678"].text == "published in The Lancet"
    assert "https://pubmed.ncbi.nlm.nih.gov/12345678/" in by_href
    assert article.meta["citation_doi"] == "10.1234/abcd.5678"
    assert article.meta["citation_journal_title"] == "The Lancet"
    assert article.meta["link_dois"] == "10.1234/abcd.5678"
    assert article.meta["link_pmids"] == "12345678"


# ---------------------------------------------------------------------------------------------
# Text shape


def test_paragraphs_are_separated_by_blank_lines():
    article = extract_article(page(paragraphs()), "p.html")
    assert article.text.split("\n\n")[-len(BODY):] == BODY


def test_headings_lists_and_tables_stay_in_the_text():
    body = (paragraphs(BODY[:2]) + "<h2>Side effects</h2><ul><li>nausea in 9%</li><li>headache in 4%</li></ul>"
            + "<table><tr><th>Group</th><th>Patients</th></tr><tr><td>Drug</td><td>156</td></tr></table>"
            + paragraphs(BODY[2:]))
    text = extract_article(page(body), "p.html").text
    assert "\n\nSide effects\n\n" in text
    assert "nausea in 9%" in text and "headache in 4%" in text
    assert "156" in text
    assert text.endswith(BODY[-1])


# ---------------------------------------------------------------------------------------------
# Links


def test_links_carry_offsets_of_their_anchor_text():
    body = paragraphs([
        'The trial, <a href="https://doi.org/10.1056/NEJMoa2400001">published in the New England Journal of '
        'Medicine</a>, enrolled 312 patients with episodic migraine at 40 sites in the US and Europe.',
        'An earlier <a href="/health/migraine-pill-2023">pilot study</a> found a similar effect, and a '
        '<a href="https://pubmed.ncbi.nlm.nih.gov/38123456/">2023 review</a> of pilot studies agreed.',
    ] + BODY[1:])
    article = extract_article(page(body), "p.html", url="https://news.example/health/pill")
    assert [link.text for link in article.links] == [
        "published in the New England Journal of Medicine", "pilot study", "2023 review"]
    for link in article.links:
        assert article.text[link.start:link.end] == link.text
    assert article.links[1].href == "https://news.example/health/migraine-pill-2023"
    assert all(link.text not in ("Home", "Health") for link in article.links)


def test_a_link_is_kept_where_its_paragraph_is_in_the_text():
    tree = lxml.html.fromstring(
        '<html><body><nav><ul><li><a href="/health">Health</a></li><li><a href="/sport">Sport</a></li></ul></nav>'
        '<article><p>The <a href="https://doi.org/10.1/x">trial</a> enrolled 312 adults.</p>'
        '<p>The <a href="/dropped">health</a> board said nothing.</p>'
        '<ul><li><a href="https://doi.org/10.1/y">Read the full study</a></li></ul></article>'
        '<footer><p><a href="/about">trial</a></p></footer></body></html>')
    text = "The trial enrolled 312 adults.\n\nHealth\n\n- Read the full study"
    assert html_module.kept_links(tree, text) == [
        ("https://doi.org/10.1/x", "trial"), ("https://doi.org/10.1/y", "Read the full study")]


def test_anchor_text_split_over_lines_is_found():
    body = paragraphs(['Results of the <a href="https://doi.org/10.1000/abc">large\n   randomised\ttrial</a> were '
                       'published today and showed that the drug cut migraine days by a third.'] + BODY[1:])
    article = extract_article(page(body), "p.html")
    [link] = article.links
    assert link.text == "large randomised trial" == article.text[link.start:link.end]


def test_repeated_anchor_texts_get_successive_offsets():
    body = paragraphs([
        'The <a href="https://doi.org/10.1000/a">study</a> enrolled 312 patients with migraine in four countries.',
        'A second <a href="https://doi.org/10.1000/b">study</a> enrolled 120 patients with cluster headache.',
    ] + BODY[1:])
    article = extract_article(page(body), "p.html")
    first, second = article.links
    assert first.text == second.text == "study"
    assert first.start < second.start
    assert article.meta["link_dois"] == "10.1000/a 10.1000/b"


def test_relative_links_resolve_against_canonical_for_saved_pages():
    head = '<link rel="canonical" href="https://news.example/health/pill">'
    body = paragraphs(['See our <a href="../explainers/migraine">migraine explainer</a> for background on '
                       'the condition and the drugs used to treat it.'] + BODY)
    article = extract_article(page(body, head=head), "saved.html")
    assert article.links[0].href == "https://news.example/explainers/migraine"
    assert article.meta["canonical"] == "https://news.example/health/pill"


@pytest.mark.parametrize(
    "href, expected",
    [
        ("https://doi.org/10.1056/NEJMoa2034577", {"doi": "10.1056/NEJMoa2034577"}),
        ("http://dx.doi.org/10.1001/jama.2024.1234", {"doi": "10.1001/jama.2024.1234"}),
        ("https://www.nejm.org/doi/full/10.1056/NEJMoa2034577", {"doi": "10.1056/NEJMoa2034577"}),
        ("https://onlinelibrary.wiley.com/doi/abs/10.1002/ana.26789", {"doi": "10.1002/ana.26789"}),
        ("https://www.medrxiv.org/content/10.1101/2024.03.01.24303600v2.full", {"doi": "10.1101/2024.03.01.24303600"}),
        ("https://www.biorxiv.org/content/10.1101/2023.11.20.567890v1", {"doi": "10.1101/2023.11.20.567890"}),
        ("https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0291234",
         {"doi": "10.1371/journal.pone.0291234"}),
        ("https://link.springer.com/article/10.1007/s00125-024-06100-1", {"doi": "10.1007/s00125-024-06100-1"}),
        ("https://www.nature.com/articles/s41591-024-02890-1", {"doi": "10.1038/s41591-024-02890-1"}),
        ("https://doi.org/10.1016%2FS0140-6736%2823%2901234-5", {"doi": "10.1016/S0140-6736(23)01234-5"}),
        ("https://pubmed.ncbi.nlm.nih.gov/38123456/", {"pmid": "38123456"}),
        ("https://www.ncbi.nlm.nih.gov/pubmed/29876543", {"pmid": "29876543"}),
        ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10234567/", {"pmcid": "PMC10234567"}),
        ("https://pmc.ncbi.nlm.nih.gov/articles/PMC9876543/", {"pmcid": "PMC9876543"}),
        ("https://europepmc.org/article/MED/37654321", {"pmid": "37654321"}),
        ("https://europepmc.org/article/PMC/PMC7654321", {"pmcid": "PMC7654321"}),
        ("https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(24)00001-2/fulltext", {}),
        ("https://news.example/health/story", {}),
        ("not a url", {}),
    ],
)
def test_identifiers_in_url(href, expected):
    assert identifiers_in_url(href) == expected


# ---------------------------------------------------------------------------------------------
# Meta tags


def test_meta_tags_are_kept():
    head = """<meta name="citation_doi" content="10.1056/NEJMoa2400001">
<meta name="citation_journal_title" content="New England Journal of Medicine">
<meta name="citation_title" content="Oral pill for episodic migraine">
<meta name="citation_author" content="Smith, Anna"><meta name="citation_author" content="Jones, Ben">
<meta name="DC.Identifier" content="doi:10.1056/NEJMoa2400001">
<meta property="og:title" content="Daily pill cut migraine days">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-05-01T06:00:00Z">
<meta name="viewport" content="width=device-width">"""
    article = extract_article(page(paragraphs(), head=head), "p.html")
    meta = article.meta
    assert meta["citation_doi"] == "10.1056/NEJMoa2400001"
    assert meta["citation_journal_title"] == "New England Journal of Medicine"
    assert meta["citation_title"] == "Oral pill for episodic migraine"
    assert meta["citation_author"] == "Smith, Anna; Jones, Ben"
    assert meta["dc.identifier"] == "doi:10.1056/NEJMoa2400001"
    assert meta["og:title"] == "Daily pill cut migraine days"
    assert "viewport" not in meta
    assert article.site == "Example News"
    assert article.published == "2024-05-01"


# ---------------------------------------------------------------------------------------------
# Comments and furniture


def test_reader_comments_are_excluded():
    comments = """<div id="comments" class="comments-area"><h2 class="comments-title">14 thoughts on this</h2>
<ol class="commentlist"><li class="comment" id="comment-1"><div class="comment-body">
<p>I took a similar pill for 3 years and 80% of my migraines went away, my neurologist was amazed by it.</p>
<p>Everyone should ask their doctor about this, it changed my life and my family's life completely.</p>
</div></li><li class="comment" id="comment-2"><div class="comment-body">
<p>Another miracle cure reported by the press, wake me when there is a trial with 10,000 patients in it.</p>
</div></li></ol><div id="respond"><p>Leave a reply. Your email address will not be published.</p></div></div>"""
    article = extract_article(page(paragraphs(), after=comments), "p.html")
    assert "80% of my migraines" not in article.text
    assert "10,000 patients" not in article.text
    assert "email address will not be published" not in article.text
    assert article.text.endswith(BODY[-1])


def test_long_comment_section_does_not_win_over_the_article():
    long_comment = " ".join(["I have read every study on this drug and I am not convinced by any of them."] * 6)
    comments = ('<section class="reader-comments">'
                + "".join(f'<div class="rc-comment"><p>{long_comment}</p><p>{long_comment}</p></div>' for _ in range(8))
                + "</section>")
    article = extract_article(page(paragraphs(), after=comments), "p.html")
    assert "not convinced" not in article.text
    assert BODY[0] in article.text


def test_furniture_outside_the_body_is_removed_next_js_style():
    after = """<div class="Newsletter_box__Qm2aL"><h3>Health Check</h3><p>Our weekly briefing on the science behind
the headlines, from our health desk. Sign up free.</p></div>
<div class="MostPopular_list__R3s0d"><h3>Most popular</h3><ol><li><a href="/a">Bowel screening age lowered to 50</a></li>
<li><a href="/b">Does magnesium really help you sleep? What the evidence says</a></li></ol></div>
<section class="RelatedGrid_grid__dW9eC"><div class="TeaserCard_card__E7aLq"><a href="/c"><h3>Shingles jab linked to
lower dementia risk in natural experiment</h3><p>Researchers used a birth-date cut-off to compare similar groups</p></a></div></section>
<div class="flex gap-4"><a href="/d"><h3>Flu vaccine uptake falls among health workers for a second year</h3></a></div>
<div class="PromoStrip_strip__Zx81a"><span>Limited offer: get Premium for $1 a week for your first 3 months.</span></div>"""
    article = extract_article(page(paragraphs(), after=after), "p.html")
    for furniture in ("weekly briefing", "Bowel screening", "Shingles jab", "birth-date cut-off",
                      "Flu vaccine uptake", "Limited offer"):
        assert furniture not in article.text, furniture
    assert article.text.endswith(BODY[-1])


def test_a_copyright_line_marked_by_its_class_is_furniture():
    # (a TV station's page sets it inside the article, after the body, where trafilatura keeps it)
    line = lxml.html.fragment_fromstring('<p class="copyright-line">Copyright 2026 WBQT. All rights reserved.</p>')
    assert is_furniture(line)
    assert not is_furniture(lxml.html.fragment_fromstring('<p class="story-text">Measles spreads fast.</p>'))
    # a medical news site's box of learning credits
    assert is_furniture(lxml.html.fragment_fromstring('<div class="cme-panel"><p>Reading this counts towards 0.25 CPD credits.</p></div>'))


def test_plain_furniture_paragraphs_inside_the_body_stay_for_the_residue_check():
    body = paragraphs(BODY[:2] + ["Advertisement"] + BODY[2:3] + ["Share this article"] + BODY[3:])
    article = extract_article(page(body), "p.html")
    assert "Advertisement" in article.text
    assert "Share this article" in article.text


def test_furniture_class_on_an_ancestor_of_the_body_does_not_remove_the_article():
    html = f"""<html><body><div class="layout has-share-bar promo-enabled"><div class="story">
{paragraphs()}</div></div><div class="related"><p>Five myths about migraine, debunked by experts and readers</p></div>
</body></html>"""
    article = extract_article(html, "p.html")
    assert all(p in article.text for p in BODY)
    assert "Five myths" not in article.text


# ---------------------------------------------------------------------------------------------
# Fallback and failure


def test_fallback_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", lambda *a, **k: None)
    body = paragraphs(['The <a href="https://doi.org/10.1/x">trial</a> enrolled 312 patients in four countries.']
                      + BODY[1:])
    article = extract_article(page(body), "p.html")
    assert article.warnings and "<article> element" in article.warnings[0]
    assert "312 patients" in article.text
    assert "Copyright" not in article.text
    [link] = article.links
    assert article.text[link.start:link.end] == "trial"
    assert article.title == "Pill trial"


def test_fallback_to_densest_block(monkeypatch):
    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", lambda *a, **k: None)
    html = f"<html><body><div class='menu'><p>Home</p></div><div class='x'>{paragraphs()}</div></body></html>"
    article = extract_article(html, "p.html")
    assert "densest text block" in article.warnings[0]
    assert article.text == "\n\n".join(BODY)


def test_page_without_article_text_is_an_error():
    html = """<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-banner">We use cookies.</div><main></main><footer><a href="/privacy">Privacy</a></footer></body></html>"""
    with pytest.raises(ExtractionError) as err:
        extract_article(html, "empty.html")
    assert str(err.value) == "empty.html: no article text found in the page"


def test_empty_document_is_an_error():
    with pytest.raises(ExtractionError):
        extract_article("<html><body></body></html>", "blank.html")


def test_saved_page_charset_from_its_meta_tag(tmp_path):
    html = page(paragraphs(["The caf\u00e9 study of 200 patrons was led by Dr. Ren\u00e9e Fran\u00e7ois and "
                            "found the owners\u2019 claims held up."] + BODY))
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    path = tmp_path / "saved.html"
    path.write_bytes(html.encode("cp1252"))
    article = read_file(str(path))
    assert "Dr. Ren\u00e9e Fran\u00e7ois" in article.text and "owners\u2019 claims" in article.text


def test_body_with_each_paragraph_in_its_own_wrapper():
    wrapped = "".join(f'<div data-component="text-block"><p>{t}</p></div>' for t in BODY)
    html = f"""<html><body><div class="story-page"><h1>Daily pill cut migraine days</h1>
<div class="article">{wrapped}</div>
<div class="related-links"><ul><li><a href="/x">Migraine: five things to know about the new pills and how they work</a></li></ul></div>
</div></body></html>"""
    body = html_module.find_body_container(html_module.parse_html(html))
    assert body.get("class") == "article"
    article = extract_article(html, "p.html")
    assert all(t in article.text for t in BODY)
    assert "five things" not in article.text


def test_layout_table_is_read_as_blocks_but_data_tables_stay():
    data = "<table><tr><th>Group</th><th>Patients</th></tr><tr><td>Drug</td><td>156</td></tr></table>"
    html = (f"<html><body><table><tr><td class='nav'><a href='/'>Home</a></td><td class='content'>"
            f"{'<br><br>'.join(BODY)}{data}</td></tr></table></body></html>")
    text = extract_article(html, "old.html").text
    assert "| Home |" not in text
    assert all(t in text for t in BODY)
    assert "| Drug | 156 |" in text


def test_expert_comment_box_inside_the_body_is_kept():
    body = paragraphs(BODY[:2]) + (
        '<blockquote class="expert-comment"><p>Professor Ann Lee, who was not involved, said: "This is a '
        'well-run trial, but 12 weeks is too short to judge long-term safety."</p></blockquote>') + paragraphs(BODY[2:])
    article = extract_article(page(body), "p.html")
    assert "12 weeks is too short to judge long-term safety" in article.text


# ---------------------------------------------------------------------------------------------
# The lxml tree: BeautifulSoup's text semantics, trafilatura's view of the page


def test_element_text_follows_beautifulsoup_get_text():
    root = html_module.parse_html(
        "<html><body><p>a<b>b</b>c<!-- note -->d<script>var s = 1;</script>e<ruby>x<rt>ex</rt></ruby></p>"
        "<template><p>hidden</p>shown</template></body></html>")
    p = root.find(".//p")
    assert html_module.element_strings(p) == ["a", "b", "c", "d", "e", "x"]
    assert html_module.element_text(p, " ") == "a b c d e x"
    template = root.find(".//template")
    assert html_module.element_text(template, " ") == "hidden shown"
    assert html_module.element_text(template.find("p")) == ""


def _canonical(tree) -> list:
    """Tags, attributes (boolean ones as libxml2 and BeautifulSoup spell them alike) and texts."""
    out = []
    for el in tree.iter():
        attrs = sorted((k, "" if v == k else v) for k, v in el.attrib.items())
        out.append((el.tag, attrs, el.text, el.tail if el is not tree else None))
    return out


@pytest.mark.parametrize("html", [
    "<!DOCTYPE html>\n<html>\n  <head>\n    <meta charset='ISO-8859-1'>\n    <title>T</title>\n  </head>\n"
    "  <body class=' story\tpage '>\n    <p>One\x0ctwo &#12; three</p>\n   <pre>  keep   this  </pre>\n"
    "    <!-- gone -->  <p>Four<!-- x -->five</p> \x0c\n  </body>\n</html>",
    '<?xml version="1.0" encoding="UTF-8"?>\n<html><body><article><p>Text</p></article></body></html>',
    "<!-- saved from url=(0047)https://news.example/health/a-long-story-name -->\n<html><body><p>x</p></body></html>",
    "<p>A fragment</p><p>of two paragraphs</p>",
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head>"
    "<body><a rel=' nofollow  noopener' href=' /a b '>link</a><input disabled></body></html>",
])
def test_trafilatura_reads_the_tree_it_read_from_beautifulsoups_write_out(html):
    bs4 = pytest.importorskip("bs4")
    from trafilatura.utils import load_html

    before = load_html(str(bs4.BeautifulSoup(html, "lxml")))  # how the page reached trafilatura before
    after = html_module.trafilatura_tree(html_module.parse_html(html), html)
    assert (after is None) == (before is None)
    if before is not None:
        assert _canonical(after) == _canonical(before)


def test_page_nested_deeper_than_libxml2_reads():
    deep = "<div class='x'>" + "<font>t " * 300 + "</div>"
    article = extract_article(page(paragraphs(), after=deep), "p.html")
    assert all(p in article.text for p in BODY)
    assert article.warnings == []


def test_self_closed_html_tag_still_yields_the_article():
    html = "<html lang='en'/>\n" + page(paragraphs()).split("<html>", 1)[1]
    article = extract_article(html, "p.html")
    assert all(p in article.text for p in BODY)


def test_control_characters_in_a_page_do_not_break_the_fallback():
    # the fallback takes the script out; lxml refuses a tail with a control character (was a
    # ValueError; the smallest page found by fuzzing)
    with pytest.raises(ExtractionError):
        extract_article("<article><script></script>\x0b", "page.html")
    article = extract_article("<article><p>The trial enrolled 45 patients.</p><script></script>\x0bIt ran a year.</article>",
                              "page.html")
    assert "45 patients" in article.text and "\x0b" not in article.text


_BODY = "".join(f"<p>Paragraph {i} of the report says the researchers followed the participants for many months "
                f"and wrote down what happened to each of them along the way.</p>" for i in range(6))


def test_headline_and_standfirst_outside_the_body_are_kept():
    page = (
        "<html><head><title>Sleep study | The Daily</title></head><body>"
        "<header><h1 class='logo'>The Daily</h1><nav><a href='/'>Home</a></nav></header>"
        "<main><article><h1>Irregular sleep linked to depression</h1>"
        "<p class='article__standfirst'>Researchers tracked more than 72,000 adults for a week</p>"
        f"<div class='article-body'>{_BODY}</div></article></main></body></html>"
    )
    text = extract_article(page, "page.html").text
    assert text.startswith("Irregular sleep linked to depression\n\nResearchers tracked more than 72,000 adults for a week\n\n")
    assert "The Daily" not in text
    assert text.count("Irregular sleep linked to depression") == 1


def test_a_headline_already_in_the_text_is_not_repeated():
    page = (
        "<html><body><article><h1>Irregular sleep linked to depression</h1>"
        f"{_BODY}</article></body></html>"
    )
    assert extract_article(page, "page.html").text.count("Irregular sleep linked to depression") == 1


_FIGURE = "<figure><img src='b.jpg'><figcaption>Roughly two in five people referred were diagnosed.</figcaption></figure>"


def test_figure_captions_of_the_article_are_read_where_they_stand():
    # trafilatura drops <figure> with its caption; a caption can carry the article's figures
    page = (
        "<html><body><main><article><h1>Memory checks offered at GP surgeries</h1>"
        "<figure class='lead'><img src='a.jpg'><figcaption>Nurses ran the checks. Photo: Echo</figcaption></figure>"
        f"<div class='story-body'>{_BODY.replace('<p>Paragraph 3', _FIGURE + '<p>Paragraph 3')}</div></article>"
        "<aside class='sidebar'><figure><img src='c.jpg'><figcaption>Our 10 best walks</figcaption></figure></aside>"
        "</main></body></html>"
    )
    text = extract_article(page, "page.html").text
    assert "Roughly two in five people referred were diagnosed." in text.split("\n\n")
    assert text.index("Paragraph 2") < text.index("Roughly two in five") < text.index("Paragraph 3")
    assert "Nurses ran the checks. Photo: Echo" in text
    assert "10 best walks" not in text


def test_a_time_inside_a_line_of_text_keeps_its_text():
    # trafilatura drops <time> whole: "The clinic opened at , Monday" is garbled text
    page = (
        "<html><head><title>Clinic</title></head><body><article><h1>Walk-in clinic opens</h1>"
        "<p class='byline'>By Ann Lee <time datetime='2025-03-13'>13 March 2025</time></p>"
        f"{_BODY}"
        "<p>The clinic opened at <time datetime='2025-03-13T09:00'>9am</time>, Monday, and saw 40 patients.</p>"
        "<p><time datetime='2025-03-13T11:05'>11:05</time></p>"
        "</article></body></html>"
    )
    article = extract_article(page, "page.html")
    assert "The clinic opened at 9am, Monday, and saw 40 patients." in article.text
    assert "11:05" not in article.text  # a stamp standing alone is left to trafilatura
    assert article.published.startswith("2025-03-13")


def test_a_figure_holding_a_table_keeps_its_table():
    page = (
        f"<html><body><article>{_BODY}<figure><table><tr><th>Group</th><th>Patients</th></tr>"
        "<tr><td>Drug</td><td>412</td></tr></table><figcaption>Table 1: patients by group</figcaption></figure>"
        "</article></body></html>"
    )
    text = extract_article(page, "page.html").text
    assert "412" in text


def test_captions_named_by_their_class_are_kept():
    # a video's caption and an older WordPress image caption: trafilatura drops any element whose
    # class or id says "caption" when it does not extract images
    page = (
        "<html><body><article><div class='story-body'>"
        "<div class='media-block'><div class='media-player'>Watch</div>"
        "<p class='media-caption'>Surgeon Ana Ruiz on the 412 injuries she treated last summer</p></div>"
        f"{_BODY}"
        "<div class='wp-caption'><img src='a.jpg'><p class='wp-caption-text'>One in five riders wore no helmet.</p></div>"
        "</div></article></body></html>"
    )
    text = extract_article(page, "page.html").text
    assert "Surgeon Ana Ruiz on the 412 injuries she treated last summer" in text
    assert "One in five riders wore no helmet." in text


def test_a_lead_images_caption_and_a_key_points_box_before_the_body_are_kept():
    page = (
        "<html><body><article><h1>Micro-stent slows glaucoma</h1>"
        "<figure><img src='a.jpg'><figcaption>Participants had field tests for three years.</figcaption></figure>"
        "<aside class='key-points'><h2>Key points</h2><ul><li>A trial of 812 adults.</li>"
        "<li>Progression: 14.2% vs 21.9% (HR 0.61).</li></ul></aside>"
        f"<div class='story-body'>{_BODY}</div></article>"
        "<aside class='related'><h2>Related</h2><ul><li>Ten tips for eye health</li></ul></aside></body></html>"
    )
    blocks = extract_article(page, "page.html").text.split("\n\n")
    wanted = ["Micro-stent slows glaucoma", "Participants had field tests for three years.", "Key points",
              "A trial of 812 adults.", "Progression: 14.2% vs 21.9% (HR 0.61)."]
    assert all(blocks.count(line) == 1 for line in wanted), blocks[:8]
    assert max(blocks.index(line) for line in wanted) < blocks.index(blocks[-1])  # before the body's end
    assert blocks.index("Participants had field tests for three years.") < min(i for i, b in enumerate(blocks) if b.startswith("Paragraph"))
    assert not any("Ten tips" in b for b in blocks)


def test_a_fact_checks_verdict_box_before_the_body_is_kept_once_row_by_row():
    page = (
        "<html><body><article><h1>Fact check: No, vitamin D won't prevent 90% of colds</h1>"
        "<div class='rating-box'>"
        "<div class='rating-box__row'><span>The claim:</span> <span>Taking 10,000 IU a day stops 90% of colds.</span></div>"
        "<div class='rating-box__row'><span>Our rating:</span> <span class='rating--false'>False</span></div></div>"
        f"<div class='story-body'>{_BODY}</div></article></body></html>"
    )
    blocks = extract_article(page, "page.html").text.split("\n\n")
    assert blocks.count("The claim: Taking 10,000 IU a day stops 90% of colds.") == 1, blocks[:6]
    assert blocks.count("Our rating: False") == 1
    assert not any(b in ("The claim:", "False") for b in blocks)


def test_a_page_without_an_article_element_keeps_its_headline_standfirst_caption_and_fact_box():
    page = (
        "<html><body><div class='page'>"
        "<div class='article__headline' itemprop='headline'>Shockwave no better than stretching</div>"
        "<h2 class='synopsis'>Waits fell from 14 months to under five months</h2>"
        "<div class='media'><img src='a.jpg'><div class='article__caption'>A towel stretch used in the trial.</div></div>"
        "<div class='video-player'><p class='video-caption'>WATCH: our reporter explains (2:14)</p></div>"
        f"<div class='story-body'>{_BODY}"
        "<aside class='b-factbox'><h3>The key facts</h3><ul><li>Around one in three schools is near a busy road.</li></ul></aside>"
        "</div></div>"
        "<aside class='related'><h2>Related</h2><ul><li>Ten tips for eye health</li></ul></aside></body></html>"
    )
    text = extract_article(page, "page.html").text
    for line in ("Shockwave no better than stretching", "Waits fell from 14 months to under five months",
                 "A towel stretch used in the trial.", "Around one in three schools is near a busy road."):
        assert line in text, line
    assert "WATCH" not in text and "Ten tips" not in text


def test_a_reader_poll_and_a_blogs_responses_are_not_the_article():
    page = (
        "<html><body><article><h1>Singing eases postnatal depression</h1>"
        f"<div class='story-body'>{_BODY}"
        "<div class='inline-poll'><p class='poll-question'>Did singing to your baby help you?</p>"
        "<p class='poll-total'>2,318 votes</p></div></div>"
        "<div class='pw-responses'><h2>Responses (37)</h2><div class='response'>"
        "<p class='response-body'>My nan had had three falls before anyone checked.</p></div></div>"
        "</article></body></html>"
    )
    text = extract_article(page, "page.html").text
    assert "Paragraph" in text
    assert "2,318 votes" not in text and "Did singing" not in text
    assert "three falls" not in text and "Responses (37)" not in text


def test_a_related_list_beside_the_article_is_no_key_points_box():
    page = ("<html><body><main><div class='layout'><article class='bulletin'><h1>STI bulletin: Quarter 3</h1>"
            "<h2>Key points</h2><ul><li>214 cases of syphilis were reported this quarter, up 18%.</li></ul>"
            + "".join(f"<p>{p}</p>" for p in BODY) +
            "</article><aside class='sidebar'><h2>Related bulletins</h2><ul>"
            "<li><a href='/mpox'>Mpox update: 3 new cases confirmed in October</a></li></ul></aside></div></main></body></html>")
    text = extract_article(page, "bulletin.html").text
    assert "214 cases of syphilis" in text
    assert "Mpox update" not in text


def test_a_topics_line_and_the_article_end_tools_are_not_the_article():
    page = ("<html><body><article class='story'><h1>A drug for fatty liver</h1><div class='body'>"
            + "".join(f"<p>{p}</p>" for p in BODY) +
            "</div><div class='article-end-tools'><p>Topics: <a href='/t/liver'>Liver disease</a> "
            "<a href='/t/nhs'>NHS</a></p><p>Reuse this content</p></div>"
            "<ul class='tags'><li>Obesity</li></ul></article></body></html>")
    text = extract_article(page, "story.html").text
    assert BODY[-1] in text
    assert "Topics" not in text and "Reuse this content" not in text and "Obesity" not in text
