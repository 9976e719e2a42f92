"""The batch's fast paths write exactly what the plain ones would.

`work.record_line` encodes the report straight from the model objects
(`Report.to_json_fields` + `models.json_default`); its line must be the one `json.dumps` makes
of `Report.to_dict()` (the contract's dict), for any report, odd values included.
"""

from __future__ import annotations

import json

import pytest

from claimcheck.batch.work import record_line
from claimcheck.models import Claim, Flag, Link, Report, Source, json_default


def _line_from_to_dict(report: Report, input: str, digest: str | None) -> str:
    """The line as the batch wrote it before: from the deep copy `to_dict()` makes."""
    data = report.to_dict()
    record = {"schema": data.pop("schema"), "input": input, "content_hash": digest}
    data.pop("input")
    record.update(data)
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}.items():
        line = line.replace(char, escaped)
    return line


def _full_report() -> Report:
    text = "Über 40 patients\u2028improved by 12% (95% CI 3 to 21)\x85 in a trial."
    return Report(
        input="a.html",
        text=text,
        title="Trial — “quoted”",
        claims=[
            Claim(id="c1", kind="sample_size", text="40 patients", start=5, end=16, value=40,
                  sentence=text, source="s1"),
            Claim(id="c2", kind="confidence_interval", text="95% CI 3 to 21", start=37, end=51,
                  value=[3.0, 21.0], unit="%", check={"status": "match", "found": (3, 21), "nested": {"a": [1, None]}}),
            Claim(id="c3", kind="percentage", text="12%", start=31, end=34, value=(12, "x")),
        ],
        flags=[Flag(id="f1", kind="encoding", severity="warning", text="Über", start=0, end=4,
                    message="odd \u2029 character", suggestion=None)],
        sources=[Source(id="s1", mention="The Lancet", start=0, end=10, journal="Lancet", year=2024,
                        resolved={"status": "resolved", "authors": ["A", "B"], "score": 0.5})],
        url="https://example.org/a",
        links=[Link(href="https://doi.org/10.1/x", text="a trial", start=60, end=67)],
        warnings=["used the page's <article> element"],
    )


@pytest.mark.parametrize("report", [_full_report(), Report(input="x.txt"), Report.failed("x.txt", "empty file")])
@pytest.mark.parametrize("digest", ["ab" * 32, None])
def test_record_line_is_the_line_of_to_dict(report, digest):
    assert record_line(report, "dir/a.html", digest) == _line_from_to_dict(report, "dir/a.html", digest)


def test_to_json_fields_has_the_keys_of_to_dict_in_order():
    report = _full_report()
    assert list(report.to_json_fields()) == list(report.to_dict())
    assert json.loads(json.dumps(report.to_json_fields(), default=json_default)) == report.to_dict()


def test_json_default_refuses_what_json_refuses():
    with pytest.raises(TypeError):
        json.dumps({"x": object()}, default=json_default)
