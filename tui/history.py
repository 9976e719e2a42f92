"""History of checked articles: a small SQLite database under `settings.data_dir`.

Each row keeps the whole report (its JSON), so an article reopens without fetching again.
Checking the same input with the same text again updates its row instead of adding one.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from claimcheck.models import Report

FILENAME = "history.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS checks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    input       TEXT NOT NULL,
    title       TEXT,
    text_hash   TEXT NOT NULL,
    checked_at  TEXT NOT NULL,
    claims      INTEGER NOT NULL,
    flags       INTEGER NOT NULL,
    report      TEXT NOT NULL,
    UNIQUE (input, text_hash)
)
"""


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    input: str
    title: str | None
    checked_at: str
    claims: int
    flags: int


class History:
    """The history database at `path` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_dir(cls, data_dir: Path) -> "History":
        return cls(Path(data_dir) / FILENAME)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute(_SCHEMA)
        return conn

    def add(self, report: Report) -> int:
        """Store `report`; returns its row id."""
        text_hash = hashlib.sha256(report.text.encode("utf-8")).hexdigest()
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        payload = json.dumps(report.to_dict(), ensure_ascii=False)
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT INTO checks (input, title, text_hash, checked_at, claims, flags, report)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (input, text_hash) DO UPDATE SET title = excluded.title,"
                " checked_at = excluded.checked_at, claims = excluded.claims,"
                " flags = excluded.flags, report = excluded.report",
                (report.input, report.title, text_hash, now, len(report.claims), len(report.flags), payload),
            )
            row = conn.execute(
                "SELECT id FROM checks WHERE input = ? AND text_hash = ?", (report.input, text_hash)
            ).fetchone()
        return int(row[0])

    def entries(self) -> list[HistoryEntry]:
        """Every stored check, newest first."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT id, input, title, checked_at, claims, flags FROM checks ORDER BY checked_at DESC, id DESC"
            ).fetchall()
        return [HistoryEntry(*row) for row in rows]

    def load(self, entry_id: int) -> Report:
        """The stored report of `entry_id`; KeyError when it is gone."""
        with closing(self._connect()) as conn:
            row = conn.execute("SELECT report FROM checks WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(entry_id)
        return Report.from_dict(json.loads(row[0]))

    def delete(self, entry_id: int) -> None:
        with closing(self._connect()) as conn, conn:
            conn.execute("DELETE FROM checks WHERE id = ?", (entry_id,))
