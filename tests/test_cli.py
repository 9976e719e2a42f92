"""The `claimcheck` command as a user runs it: outputs, exit codes, one-line errors."""

import json
import subprocess
import sys

import pytest

from claimcheck.cli import main

ARTICLE = (
    "Scientists examined 45 patients in a Phase III trial.\n\n"
    "Four weeks later, 22 to 72 percent fewer symptoms were reported (p < 0.05).\n"
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_check_json_single_object(article, capsys):
    assert main(["check", str(article), "--format", "json", "--offline"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "claimcheck.report/1"
    assert report["input"] == str(article)
    kinds = [c["kind"] for c in report["claims"]]
    assert kinds == ["sample_size", "trial_phase", "duration", "percentage", "p_value"]
    for claim in report["claims"]:
        assert report["text"][claim["start"]:claim["end"]] == claim["text"]


def test_check_text_output_lists_claims_with_sentences(article, capsys):
    assert main(["check", str(article), "--offline"]) == 0
    out = capsys.readouterr().out
    assert "Sample sizes" in out and "45 patients" in out
    assert "Scientists examined 45 patients in a Phase III trial." in out
    assert "\x1b[" not in out  # piped: plain text


def test_check_markdown(article, capsys):
    assert main(["check", str(article), "--format", "markdown", "--offline"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# claimcheck:")
    assert "**45 patients**" in out


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"   \n", "empty file"),
        ("binary.txt", b"\x00\x01\x02PNG", "binary file"),
        ("story.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(tmp_path, capsys, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["check", str(path), "--format", "json"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_several_inputs_one_broken_the_rest_go_on(article, tmp_path, capsys):
    missing = tmp_path / "gone.txt"
    assert main(["check", str(article), str(missing), "--format", "json", "--offline"]) == 2
    reports = json.loads(capsys.readouterr().out)
    assert isinstance(reports, list) and len(reports) == 2
    assert reports[0]["error"] is None and reports[0]["claims"]
    assert reports[1]["error"] == "no such file" and reports[1]["claims"] == []


def test_latin1_file_is_decoded(tmp_path, capsys):
    path = tmp_path / "latin.txt"
    path.write_bytes("The café study in Montréal followed 120 patients for 6 months.".encode("latin-1"))
    assert main(["check", str(path), "--format", "json", "--offline"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "café" in report["text"]
    assert [c["value"] for c in report["claims"]] == [120, 6]


def test_unknown_check_name_is_bad_usage(article, capsys):
    assert main(["check", str(article), "--checks", "nonsense"]) == 2
    assert "unknown check" in capsys.readouterr().err


def test_fail_on_error_exits_1_when_an_error_flag_is_found(tmp_path, capsys):
    from claimcheck.checks.registry import all_checks

    if "placeholder" not in all_checks():
        pytest.skip("placeholder check not registered")
    path = tmp_path / "broken.txt"
    path.write_text("The drug moves to a Phase XNUMX trial next year.\n", encoding="utf-8")
    assert main(["check", str(path), "--fail-on", "error", "--offline"]) == 1
    assert main(["check", str(path), "--fail-on", "error", "--offline", "--skip", "placeholder"]) == 0
    capsys.readouterr()


def test_markdown_input_keeps_link_text_and_records_the_link(tmp_path, capsys):
    path = tmp_path / "post.md"
    path.write_text("# Title\n\nA [study in The Lancet](https://doi.org/10.1/x) of **312 patients**.\n", encoding="utf-8")
    assert main(["check", str(path), "--format", "json", "--offline"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "**" not in report["text"] and "](" not in report["text"]
    link = report["links"][0]
    assert link["href"] == "https://doi.org/10.1/x"
    assert report["text"][link["start"]:link["end"]] == "study in The Lancet"


def test_python_dash_m_and_version():
    out = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("claimcheck ")


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "check" in capsys.readouterr().out
