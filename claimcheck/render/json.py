"""Report(s) -> JSON per CONTRACT.md: one object for one report, an array for several."""

from __future__ import annotations

import json

from ..models import Report


def render_json(reports: list[Report], indent: int | None = 2) -> str:
    data = [r.to_dict() for r in reports]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=indent)
