"""The claimcheck terminal UI: the app, its factory and the `claimcheck-tui` entry point.

    create_app("story.html", offline=True).run()   # what `main` does
    async with create_app().run_test() as pilot:    # what the tests do
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterable, Sequence

from spacy.language import Language
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from claimcheck.models import Report
from claimcheck.render import safe
from claimcheck.settings import Settings, get_settings

from .history import History
from .screens.help import HelpScreen, key_label
from .screens.history import HistoryScreen
from .screens.main import MainScreen


class ClaimcheckApp(App[int]):
    """Paste a URL, a path or an article; see its claims, flags and sources."""

    TITLE = "claimcheck"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", tooltip="Keys, colours and what the panels mean"),
        Binding("ctrl+q", "quit", "Quit", show=False, tooltip="Quit claimcheck"),
    ]

    def __init__(
        self,
        initial: str | None = None,
        settings: Settings | None = None,
        nlp: Language | None = None,
        history: History | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or get_settings()
        self.nlp = nlp  # None: the library's shared pipeline, built in the worker on first use
        self.history = history or History.in_dir(self.settings.data_dir)
        self.export_dir: Path = Path(self.settings.data_dir) / "exports"
        self.initial = initial
        self.last_export: Path | None = None
        self.sub_title = self.subtitle_for(None)

    def subtitle_for(self, report: Report | None) -> str:
        mode = "offline" if self.settings.offline else "online"
        if report is None:
            return mode
        return f"{mode} · {safe(report.title or report.input)[:70]}"

    def get_default_screen(self) -> Screen:
        return MainScreen(initial=self.initial)

    @property
    def main_screen(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("main screen is not on the stack")

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(
            HelpScreen(
                [
                    ("Main screen", MainScreen.BINDINGS),
                    ("Everywhere", [*self.BINDINGS, Binding("ctrl+p", "command_palette", "Command palette")]),
                    ("History screen", HistoryScreen.BINDINGS),
                ]
            )
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists claimcheck's actions (with their keys) before Textual's."""
        if isinstance(screen, MainScreen):
            for binding in MainScreen.BINDINGS:
                if isinstance(binding, Binding) and binding.action != "cancel":
                    yield SystemCommand(
                        binding.tooltip or binding.description,
                        f"key: {key_label(binding.key)}",
                        lambda action=binding.action: screen.run_action(action),
                    )
        yield SystemCommand("Help", "Keys, colours and what the panels mean", self.action_help)
        yield from super().get_system_commands(screen)


def create_app(
    initial: str | None = None,
    offline: bool | None = None,
    settings: Settings | None = None,
    nlp: Language | None = None,
) -> ClaimcheckApp:
    """The app, checking `initial` (a path or URL) on start when given. `offline=None`
    follows CLAIMCHECK_OFFLINE."""
    settings = settings or get_settings(offline=offline)
    return ClaimcheckApp(initial=initial, settings=settings, nlp=nlp)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimcheck-tui", description="claimcheck's terminal UI.")
    parser.add_argument("input", nargs="?", metavar="PATH_OR_URL", help="an article to check on start")
    parser.add_argument("--offline", action="store_true", default=None, help="no network at all")
    return parser


def main(argv: Sequence[str] | None = None, offline: bool | None = None) -> int:
    """Entry point of `claimcheck-tui` (argv from sys.argv) and of `claimcheck tui`."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else list(argv))
    app = create_app(args.input, offline=offline if offline is not None else args.offline)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
