"""The terminal UI driven through Textual's Pilot: checking paths, pasted text and URLs (a
local server on 127.0.0.1), errors as notifications, flag navigation, filters, details,
export, history, cancelling, terminal safety and the entry point. No other network."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time

import pytest
from textual import events

from claimcheck.check import check_input
from claimcheck.checks.registry import all_checks
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Article, Claim, Flag, Report, Source
from claimcheck.settings import get_settings
from tui import app as tui_app
from tui.app import create_app
from tui.history import History
from tui.screens.details import DetailsScreen
from tui.screens.help import HelpScreen
from tui.screens.history import HistoryScreen
from tui.screens.main import MainScreen
from tui.widgets.input_bar import ArticleInput

SIZE = (120, 40)

ARTICLE = """Botox eases borderline symptoms

A study published in the journal Scientific Reports examined 45 patients with borderline
personality disorder (BPD) over 12 weeks.

About a third of patients improved, and 22 to 72 percent fewer anxiety reports were seen.

A larger Phase XNUMX clinical trial is planned.
"""


def fake_resolve_report(report, settings, *args, **kwargs):
    """Stands in for `claimcheck.sources.resolve.resolve_report` (polite API look-ups take
    seconds): every source resolves to a made-up study."""
    for source in report.sources:
        source.resolved = {"status": "resolved", "doi": f"10.0000/{source.id}", "title": "A study", "score": 0.9}
    return report


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """A fresh data dir and cache; bibliographic APIs pointed at a closed local port and
    source resolution faked (the library's own tests cover it)."""
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMCHECK_OFFLINE", raising=False)
    for name in ("CLAIMCHECK_EUROPEPMC_URL", "CLAIMCHECK_CROSSREF_URL", "CLAIMCHECK_NCBI_URL"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.setattr("claimcheck.sources.resolve.resolve_report", fake_resolve_report)
    return tmp_path


@pytest.fixture
def article_path(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def make_app(initial: str | None = None, offline: bool | None = None):
    """The app as the entry point builds it, with animations off (they only slow tests)."""
    app = create_app(initial, offline=offline)
    app.animation_level = "none"
    return app


def record_notifications(app) -> list[tuple[str, str]]:
    """Every notification the app shows, as (message, severity)."""
    seen: list[tuple[str, str]] = []
    original = app.notify

    def notify(message, *, title="", severity="information", timeout=None, markup=True):
        seen.append((message, severity))
        original(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = notify
    return seen


async def settle(pilot, timeout: float = 15.0) -> None:
    """Wait until the check worker is done and its messages are handled."""
    screen = pilot.app.main_screen
    deadline = time.monotonic() + timeout
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    while screen.busy or screen.status.busy:
        assert time.monotonic() < deadline, "the check did not finish"
        await pilot.pause(0.05)
    await pilot.pause()


async def submit(pilot, value: str) -> None:
    screen = pilot.app.main_screen
    screen.action_focus_input()
    screen.input_bar.input.value = value
    await pilot.press("enter")
    await settle(pilot)


def require_check(kind: str) -> None:
    if kind not in all_checks():
        pytest.skip(f"no `{kind}` flag check is registered yet (issue 3 adds it)")


def long_report() -> Report:
    """40 paragraphs, flags near the top, the middle and the end: enough to scroll."""
    paragraphs = [f"Paragraph {i} says little of note, filling the page with words." for i in range(40)]
    paragraphs[2] += " TK"
    paragraphs[10] += " It enrolled 45 patients."
    paragraphs[20] += " Phase XNUMX"
    paragraphs[38] += " Lorem ipsum"
    text = "\n\n".join(paragraphs)
    flags = []
    for i, needle in enumerate(("TK", "XNUMX", "Lorem ipsum"), 1):
        start = text.index(needle)
        flags.append(Flag(f"f{i}", "placeholder", "error" if i != 2 else "warning", needle,
                          start, start + len(needle), f"`{needle}` is a placeholder", "fill it in"))
    start = text.index("45 patients")
    claims = [Claim("c1", "sample_size", "45 patients", start, start + 11, 45, "patients", "It enrolled 45 patients.")]
    start = text.index("Phase XNUMX")
    claims.append(Claim("c2", "trial_phase", "Phase XNUMX", start, start + 11, None, sentence="Phase XNUMX"))
    return Report(input="long.txt", text=text, title="A long article", claims=claims, flags=flags)


# -- checking -------------------------------------------------------------------------------


async def test_path_shows_claims_and_flags(article_path):
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await submit(pilot, str(article_path))
        screen = app.main_screen
        assert screen.report is not None and screen.report.input == str(article_path)
        claim_texts = [c.text for c in screen.findings.claims_table.items]
        assert "45 patients" in claim_texts
        assert "22 to 72 percent" in claim_texts
        assert screen.findings.claims_table.row_count == len(screen.report.claims)
        assert "Botox eases borderline symptoms" in screen.article.border_title
        assert "claims" in str(screen.status.render())
        require_check("placeholder")
        assert "XNUMX" in [f.text for f in screen.findings.flags_table.items]
        assert screen.findings.tabs.active == "flags-tab"


async def test_pasted_article_text_is_checked_directly():
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        field = app.main_screen.query_one(ArticleInput)
        field.focus()
        field.post_message(events.Paste(ARTICLE))
        await pilot.pause()
        assert field.pasted_text == ARTICLE
        field.post_message(events.Paste(ARTICLE.replace("\n", "\r")))  # how many terminals paste
        await pilot.pause()
        assert field.pasted_text == ARTICLE
        assert "pasted article" in field.value
        await pilot.press("enter")
        await settle(pilot)
        report = app.main_screen.report
        assert report.input == "<pasted>"
        assert report.text.startswith("Botox eases")
        assert "45 patients" in [c.text for c in report.claims]


async def test_single_line_paste_stays_a_path(article_path):
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        field = app.main_screen.query_one(ArticleInput)
        field.focus()
        field.post_message(events.Paste(str(article_path)))
        await pilot.pause()
        assert field.pasted_text is None and field.value == str(article_path)


async def test_url_from_local_server_gives_a_report(httpserver):
    pytest.importorskip("claimcheck.ingest.fetch")
    body = "<html><head><title>Botox study</title></head><body><article>" + "".join(
        f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:]
    ) + "</article></body></html>"
    httpserver.expect_request("/story.html").respond_with_data(body, content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/story.html")
    app = make_app(offline=False)
    async with app.run_test(size=SIZE) as pilot:
        await submit(pilot, url)
        report = app.main_screen.report
        assert report is not None, "no report for the served page"
        assert report.input == url
        assert "45 patients" in [c.text for c in report.claims]
        assert len(httpserver.log) >= 1


@pytest.mark.parametrize("status", [404, 500])
async def test_failing_url_is_a_notification_and_the_app_stays_usable(httpserver, article_path, status):
    pytest.importorskip("claimcheck.ingest.fetch")
    httpserver.expect_request("/gone.html").respond_with_data("nope", status=status)
    url = httpserver.url_for("/gone.html")
    with pytest.raises(ClaimcheckError) as cli_error:  # what the CLI prints after "claimcheck: "
        check_input(url, get_settings(offline=False))
    app = make_app(offline=False)
    async with app.run_test(size=SIZE) as pilot:
        seen = record_notifications(app)
        await submit(pilot, url)
        assert (str(cli_error.value), "error") in seen
        assert app.main_screen.report is None
        assert str(cli_error.value) in str(app.main_screen.status.render())
        await submit(pilot, str(article_path))
        assert app.main_screen.report is not None


async def test_missing_file_is_a_notification_with_the_cli_reason(tmp_path, article_path):
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(ClaimcheckError) as cli_error:
        check_input(missing, get_settings(offline=True))
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        seen = record_notifications(app)
        await submit(pilot, missing)
        assert seen == [(str(cli_error.value), "error")]
        await submit(pilot, str(article_path))
        assert app.main_screen.report.input == str(article_path)


async def test_offline_is_shown_and_urls_are_refused(monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_OFFLINE", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.settings.offline
        assert app.sub_title.startswith("offline")
        seen = record_notifications(app)
        await submit(pilot, "http://127.0.0.1:9/never-fetched.html")
        assert len(seen) == 1 and seen[0][1] == "error"
        assert app.main_screen.report is None


async def test_check_can_be_cancelled_and_keys_answer_meanwhile(monkeypatch, article_path):
    release = threading.Event()

    def slow_load(source, settings):
        release.wait(10)
        return Article(text="late", input=source)

    monkeypatch.setattr("tui.runner.load_article", slow_load)
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.action_focus_input()
        screen.input_bar.input.value = str(article_path)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert screen.busy
        await pilot.press("f1")  # the UI answers while the check runs
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("escape")  # cancels the check
        await pilot.pause()
        assert "Cancelled" in str(screen.status.render())
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert screen.report is None  # the late result is ignored


@pytest.mark.parametrize("offline", [True, False])
async def test_the_tui_reports_what_check_input_reports(article_path, offline):
    """The TUI runs the library's steps one by one (to show stages): same result as the CLI's."""
    app = make_app(offline=offline)
    async with app.run_test(size=SIZE) as pilot:
        await submit(pilot, str(article_path))
        expected = check_input(str(article_path), get_settings(offline=offline))
        assert app.main_screen.report.to_dict() == expected.to_dict()
        assert bool(expected.sources) and (expected.sources[0].resolved is None) == offline


async def test_analysis_shows_before_sources_resolve(monkeypatch, article_path):
    release = threading.Event()

    def slow_resolve(report, settings, *args, **kwargs):
        release.wait(10)
        return fake_resolve_report(report, settings)

    monkeypatch.setattr("claimcheck.sources.resolve.resolve_report", slow_resolve)
    app = make_app(offline=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.action_focus_input()
        screen.input_bar.input.value = str(article_path)
        await pilot.press("enter")
        deadline = time.monotonic() + 10
        while screen.report is None:
            assert time.monotonic() < deadline
            await pilot.pause(0.05)
        assert screen.busy and "resolving sources" in str(screen.status.render())
        assert "45 patients" in [c.text for c in screen.findings.claims_table.items]
        assert all(s.resolved is None for s in screen.report.sources)
        await pilot.press("n")  # the analysis can be explored meanwhile
        await pilot.pause()
        marked = screen.article.marked
        release.set()
        await settle(pilot)
        assert all(s.resolved["doi"] for s in screen.report.sources)
        assert screen.article.marked == marked  # updated in place: the mark and view stay
        assert str(screen.status.render()).startswith("✓") and not screen.busy


async def test_cancelling_while_resolving_keeps_the_analysis(monkeypatch, article_path):
    release = threading.Event()

    def slow_resolve(report, settings, *args, **kwargs):
        release.wait(10)
        return fake_resolve_report(report, settings)

    monkeypatch.setattr("claimcheck.sources.resolve.resolve_report", slow_resolve)
    app = make_app(offline=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.action_focus_input()
        screen.input_bar.input.value = str(article_path)
        await pilot.press("enter")
        while screen.report is None:
            await pilot.pause(0.05)
        await pilot.press("escape")
        await pilot.pause()
        assert "sources not resolved" in str(screen.status.render())
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert screen.report is not None and all(s.resolved is None for s in screen.report.sources)


# -- the report -----------------------------------------------------------------------------


async def test_flag_navigation_scrolls_the_article_and_marks_the_flag():
    report = long_report()
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.show_report(report)
        await pilot.pause()
        article = screen.article
        assert article.scroll_y == 0
        positions = []
        for flag in report.flags:
            await pilot.press("n")
            await pilot.pause()
            assert article.marked == (flag.start, flag.end)
            paragraph = article.paragraph_at(flag.start)
            assert paragraph.has_class("-marked")
            assert flag.text in str(paragraph.render())
            # the marked paragraph is inside the visible part of the article
            visible = article.scroll_y, article.scroll_y + article.scrollable_content_region.height
            assert visible[0] <= paragraph.virtual_region.y < visible[1]
            positions.append(article.scroll_y)
        assert positions[0] < positions[1] < positions[2]
        await pilot.press("n")  # wraps to the first flag
        await pilot.pause()
        assert article.marked == (report.flags[0].start, report.flags[0].end)
        await pilot.press("p")  # and back to the last
        await pilot.pause()
        assert article.marked == (report.flags[-1].start, report.flags[-1].end)
        assert screen.findings.flags_table.cursor_row == 2


async def test_selecting_a_claim_row_marks_it_in_the_article():
    report = long_report()
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.show_report(report)
        await pilot.press("1")
        await pilot.press("down")
        await pilot.pause()
        second = report.claims[1]
        assert screen.article.marked == (second.start, second.end)
        await pilot.press("up")
        await pilot.pause()
        first = report.claims[0]
        assert screen.article.marked == (first.start, first.end)


async def test_filters_by_severity_and_kind():
    report = long_report()
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.show_report(report)
        await pilot.pause()
        assert screen.findings.flags_table.row_count == 3
        await pilot.press("s")  # first severity present: error
        await pilot.pause()
        assert [f.severity for f in screen.findings.flags_table.items] == ["error", "error"]
        assert "2/3" in str(screen.findings.tabs.get_tab("flags-tab").label)
        await pilot.press("s")  # warning
        await pilot.pause()
        assert [f.text for f in screen.findings.flags_table.items] == ["XNUMX"]
        await pilot.press("s")  # back to all
        await pilot.pause()
        assert screen.findings.flags_table.row_count == 3
        await pilot.press("1", "k", "k")  # claims: the second kind present
        await pilot.pause()
        assert [c.kind for c in screen.findings.claims_table.items] == ["trial_phase"]


async def test_details_view_and_copying_a_flag_message():
    report = long_report()
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        app.main_screen.show_report(report)
        await pilot.press("n", "c")
        assert app.clipboard == report.flags[0].message
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        assert app.screen.item is report.flags[0]
        await pilot.press("escape")
        await pilot.press("enter")  # Enter on a row opens its details too
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)


async def test_export_writes_a_valid_report(article_path, isolated):
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        seen = record_notifications(app)
        await submit(pilot, str(article_path))
        await pilot.press("e")
        json_path = app.last_export
        assert json_path is not None and json_path.parent == isolated / "data" / "exports"
        assert any(str(json_path) in message for message, _ in seen)
        data = json.loads(json_path.read_text(encoding="utf-8"))
        assert data["schema"] == "claimcheck.report/1"
        assert Report.from_dict(data).to_dict() == app.main_screen.report.to_dict()
        await pilot.press("m")
        md_path = app.last_export
        assert md_path.suffix == ".md" and md_path.read_text(encoding="utf-8").startswith("# claimcheck")


async def test_history_reopens_without_fetching_and_deletes(monkeypatch, article_path):
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await submit(pilot, str(article_path))
        first = app.main_screen.report
        await submit(pilot, str(article_path))  # the same article again: still one entry
        assert len(app.history.entries()) == 1

        article_path.unlink()

        def no_checking(*args, **kwargs):
            raise AssertionError("reopening from history must not check or fetch again")

        monkeypatch.setattr("tui.screens.main.run_check", no_checking)
        app.main_screen.show_report(long_report())
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.report.to_dict() == first.to_dict()
        assert "from history" in str(app.main_screen.status.render())

        await pilot.press("h")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.history.entries() == []
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def test_history_store_round_trip(tmp_path):
    history = History.in_dir(tmp_path / "data")
    assert history.entries() == []
    report = long_report()
    entry_id = history.add(report)
    assert history.add(report) == entry_id
    assert [e.title for e in history.entries()] == ["A long article"]
    assert history.load(entry_id).to_dict() == report.to_dict()
    history.delete(entry_id)
    with pytest.raises(KeyError):
        history.load(entry_id)


async def test_sources_tab_shows_resolution_confidence_and_cross_check():
    text = "A study in Scientific Reports of 45 patients. A 2021 meta-analysis agreed."
    report = Report(
        input="s.txt",
        text=text,
        claims=[Claim("c1", "sample_size", "45 patients", 33, 44, 45, "patients", text, source="s1",
                      check={"status": "confirmed", "source_text": "n = 45", "source_value": 45})],
        sources=[
            Source("s1", "A study in Scientific Reports", 0, 29, journal="Scientific Reports",
                   resolved={"doi": "10.1038/s41598-022-17509-0", "title": "Neuronal effects", "score": 0.91}),
            Source("s2", "A 2021 meta-analysis", 46, 66, year=2021,
                   resolved={"status": "unresolved", "reason": "rate limited"}),
        ],
    )
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.show_report(report)
        await pilot.press("3")
        table = screen.findings.sources_table
        first = [cell.plain for cell in table.get_row_at(0)]
        second = [cell.plain for cell in table.get_row_at(1)]
        assert "10.1038/s41598-022-17509-0 Neuronal effects" in first and "0.91" in first
        assert "1 confirmed" in first
        assert "unresolved: rate limited" in second
        await pilot.press("down")
        assert screen.article.marked == (46, 66)
        claims = [cell.plain for cell in screen.findings.claims_table.get_row_at(0)]
        assert "Scientific Reports [confirmed]" in claims


# -- safety, help, entry point ----------------------------------------------------------------


async def test_control_characters_and_markup_in_the_article_are_inert():
    text = "Evil \x1b]0;pwned\x07 title \x1b[31mred\x1b[0m and [bold]markup[/bold] \u202eevil\n\nmore"
    start = text.index("[bold]")
    report = Report(
        input="evil\x1b[2J.txt",
        text=text,
        title="t\x1b[5mitle [@click=app.quit]click me[/]",
        claims=[Claim("c1", "count", "[bold]", start, start + 6, 1, sentence=text)],
        sources=[Source("s1", "a\x07b", 0, 4)],
    )
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.show_report(report)
        await pilot.pause()
        paragraph = screen.article.paragraph_at(0)
        rendered = paragraph.build(screen.article.highlights).plain
        assert "\x1b" not in rendered and "\x07" not in rendered and "\u202e" not in rendered
        assert "[bold]markup[/bold]" in rendered  # shown as text, not applied
        for table in (screen.findings.claims_table, screen.findings.sources_table):
            for row in range(table.row_count):
                for cell in table.get_row_at(row):
                    assert not any(ch in cell.plain for ch in "\x1b\x07\u202e")
        assert "\x1b" not in app.sub_title
        # the border title holds the article's title as text: its "markup" comes back escaped
        assert "t␛[5mitle \\[@click=app.quit]click me" in screen.article.border_title
        assert "\x1b" not in str(screen.status.render())


async def test_help_lists_every_key_and_the_palette_lists_the_actions():
    app = make_app(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        titles = [command.title for command in app.get_system_commands(app.main_screen)]
        for binding in MainScreen.BINDINGS:
            if binding.action != "cancel":
                assert binding.tooltip in titles
        assert all(binding.description and binding.tooltip for binding in MainScreen.BINDINGS)


def test_main_parses_its_own_argv_or_the_cli_s(monkeypatch):
    started = []
    monkeypatch.setattr(tui_app.ClaimcheckApp, "run", lambda self: started.append(self))
    monkeypatch.setattr(sys, "argv", ["claimcheck-tui", "story.txt", "--offline"])
    assert tui_app.main() == 0  # as the console script: argv from sys.argv
    assert started[-1].initial == "story.txt" and started[-1].settings.offline
    assert tui_app.main([], offline=True) == 0  # as `claimcheck tui`
    assert started[-1].initial is None and started[-1].settings.offline


async def test_initial_input_is_checked_on_start(article_path):
    app = make_app(str(article_path), offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.sleep(0)
        await settle(pilot)
        assert app.main_screen.report.input == str(article_path)
