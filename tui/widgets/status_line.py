"""One line saying what the checker is doing: the stage of a running check and how long it
has taken, or the outcome of the last one."""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual.widgets import Static

from claimcheck.render import safe

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text-muted;
    }
    StatusLine.-busy { color: $text; }
    StatusLine.-error { color: $error; }
    StatusLine.-done { color: $success; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(Text("Ready."), **kwargs)
        self.stage = ""
        self._started = 0.0
        self._frame = 0
        self._timer = None

    def on_mount(self) -> None:
        self._timer = self.set_interval(0.1, self._tick, pause=True)

    @property
    def busy(self) -> bool:
        return self.has_class("-busy")

    def start(self, stage: str) -> None:
        self._started = monotonic()
        self.set_stage(stage)
        if self._timer is not None:
            self._timer.resume()

    def set_stage(self, stage: str) -> None:
        self.stage = stage
        self._set_state("-busy")
        self._tick()

    def _tick(self) -> None:
        self._frame = (self._frame + 1) % len(SPINNER)
        elapsed = monotonic() - self._started
        self.update(Text(f"{SPINNER[self._frame]} {safe(self.stage)}…  {elapsed:.1f} s   (Esc cancels)"))

    def finish(self, message: str, state: str = "-done") -> None:
        """Show the outcome: `state` is "-done", "-error" or "" (neutral)."""
        if self._timer is not None:
            self._timer.pause()
        self.stage = ""
        self._set_state(state)
        self.update(Text(safe(message)))

    def _set_state(self, state: str) -> None:
        for name in ("-busy", "-error", "-done"):
            self.set_class(name == state, name)
