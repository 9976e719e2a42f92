"""The JSON report: valid against the shipped schema, offsets exact, round-trips."""

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from claimcheck.check import check_input
from claimcheck.models import Report
from claimcheck.settings import get_settings

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
ARTICLES = sorted(p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".md", ".html"} and p.name != "README.md")


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("claimcheck.schema").joinpath("report.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def reports():
    settings = get_settings(offline=True)
    return [check_input(str(p), settings) for p in ARTICLES]


def test_corpus_is_not_empty():
    assert len(ARTICLES) >= 25


def test_every_report_validates_against_schema(schema, reports):
    validator = jsonschema.Draft202012Validator(schema)
    for report in reports:
        errors = list(validator.iter_errors(report.to_dict()))
        assert not errors, (report.input, errors[0].message)


def test_offsets_hold_for_every_item(reports):
    for report in reports:
        for item in [*report.claims, *report.flags]:
            assert report.text[item.start:item.end] == item.text, (report.input, item)
        for source in report.sources:
            assert report.text[source.start:source.end] == source.mention


def test_report_round_trips_through_json(reports):
    for report in reports[:5]:
        data = json.loads(json.dumps(report.to_dict()))
        assert Report.from_dict(data).to_dict() == report.to_dict()


def test_failed_report_is_valid_too(schema):
    jsonschema.validate(Report.failed("x.txt", "no such file").to_dict(), schema)
