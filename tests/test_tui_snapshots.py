"""Snapshots of the TUI (pytest-textual-snapshot): the main screen showing a report, and the
flags panel with a flag selected. Fixed terminal size, an invented article, offline, no
network. The SVGs live in tests/__snapshots__/ and were reviewed by eye.

The article's flags are deliberately obvious (`Phase XNUMX`, a doubled full stop `. .`, a
name spelled two ways); when the flag checks change what they report, regenerate with
`pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs again.
"""

from __future__ import annotations

import pytest
from textual import events

from tui.app import create_app
from tui.widgets.input_bar import ArticleInput

SIZE = (120, 40)

SNAPSHOT_ARTICLE = """Walking after meals lowers blood sugar, trial finds

A short walk after dinner cut blood sugar spikes in a trial of 120 adults with type 2 diabetes, according to a study published in the journal JAMA.

Over six months, participants who walked for 15 minutes after each meal saw their peak glucose fall by 38 percent compared with those who sat. . The effect was strongest in the evening.

"Even a slow stroll helps the muscles take up glucose," said Dr. Helena Marsh, who led the study at the University of Leeds.

About one in four participants stopped walking regularly before the end of the trial, Marsch said. The team now plans a Phase XNUMX trial in 2,000 patients.
"""


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CLAIMCHECK_OFFLINE", "1")


async def paste_and_check(pilot) -> None:
    while not pilot.app.main_screen.query(ArticleInput):  # the screen is still composing
        await pilot.pause(0.01)
    field = pilot.app.main_screen.query_one(ArticleInput)
    field.focus()
    field.post_message(events.Paste(SNAPSHOT_ARTICLE))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    while pilot.app.main_screen.status.busy:
        await pilot.pause(0.05)
    await pilot.pause()


def test_main_screen_with_a_report(snap_compare):
    """The article with claims underlined per kind and flags on a severity background;
    the claims tab beside it."""

    async def run_before(pilot) -> None:
        await paste_and_check(pilot)
        await pilot.press("1")
        await pilot.pause()

    assert snap_compare(create_app(offline=True), terminal_size=SIZE, run_before=run_before)


def test_flags_panel_with_a_flag_selected(snap_compare):
    """The flags tab; `n` selected the first flag, marked it in the article and scrolled to it."""

    async def run_before(pilot) -> None:
        await paste_and_check(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(create_app(offline=True), terminal_size=SIZE, run_before=run_before)
