"""`claimcheck batch`: one line per article, resumable after kill -9 / Ctrl-C, errors as data,
the same records on the local and the Dask executor."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimcheck.batch.results import ResultsFile
from claimcheck.cli import main

REPO = Path(__file__).resolve().parent.parent

TEMPLATE = (
    "Trial {i} of a new inhaler\n\n"
    "Researchers followed {n} patients for {weeks} weeks in a Phase III trial published in The Lancet.\n\n"
    "About a third of them improved; symptoms fell by {pct} percent (p < 0.05), an odds ratio of 1.{i}.\n\n"
    "Over 12 months, {deaths} deaths were recorded and 10 mg daily was well tolerated.\n"
)


def write_articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        text = TEMPLATE.format(i=i, n=40 + i, weeks=4 + i % 9, pct=10 + i % 80, deaths=i % 7)
        suffix = (".txt", ".md")[i % 2]
        path = folder / f"a{i:03d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_records(out: Path) -> list[dict]:
    raw = out.read_bytes()
    assert raw == b"" or raw.endswith(b"\n")
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def assert_one_line_per_article(out: Path, paths: list[Path]) -> list[dict]:
    records = read_records(out)
    inputs = [r["input"] for r in records]
    assert sorted(inputs) == sorted(os.path.normpath(str(p)) for p in paths)
    return records


def batch_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "batch", *args]


def wait_for_lines(out: Path, proc: subprocess.Popen, minimum: int = 1, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.exists():
            lines = out.read_bytes().count(b"\n")
            if lines >= minimum:
                return lines
        assert proc.poll() is None, "batch ended before it could be interrupted"
        time.sleep(0.005)
    raise AssertionError("no output line appeared")


def run(args: list[str], capsys) -> tuple[int, dict]:
    code = main(["batch", *args, "--summary", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def articles(tmp_path) -> list[Path]:
    return write_articles(tmp_path / "in", 12)


def test_batch_writes_one_valid_report_per_article(tmp_path, articles, capsys):
    out = tmp_path / "out.jsonl"
    code, summary = run([str(tmp_path / "in"), "--out", str(out), "--jobs", "2", "--offline"], capsys)
    assert code == 0
    records = assert_one_line_per_article(out, articles)
    for record in records:
        assert record["schema"] == "claimcheck.report/1" and record["error"] is None
        assert len(record["content_hash"]) == 64
        assert {c["kind"] for c in record["claims"]} >= {"sample_size", "trial_phase", "p_value"}
        for claim in record["claims"]:
            assert record["text"][claim["start"]:claim["end"]] == claim["text"]
    assert summary["articles"] == {"found": 12, "already_done": 0, "checked": 12, "remaining": 0, "errors": 0}
    assert summary["claims"]["total"] == sum(len(r["claims"]) for r in records)
    assert summary["claims"]["by_kind"]["sample_size"] >= 12


def test_rerun_skips_done_articles_and_checks_new_and_changed(tmp_path, articles, capsys):
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "in"), "--out", str(out), "--jobs", "1", "--offline"]
    assert run(args, capsys)[0] == 0
    extra = write_articles(tmp_path / "in", 2, start=12)
    articles[0].write_text(articles[0].read_text() + "\nA correction: 46 patients.\n", encoding="utf-8")
    code, summary = run(args, capsys)
    assert code == 0
    assert summary["articles"]["already_done"] == 11 and summary["articles"]["checked"] == 3
    records = read_records(out)
    assert len(records) == 15  # the changed article has its old and its new line
    changed = [r for r in records if r["input"] == os.path.normpath(str(articles[0]))]
    assert len(changed) == 2 and changed[0]["content_hash"] != changed[1]["content_hash"]
    assert {r["input"] for r in records} == {os.path.normpath(str(p)) for p in articles + extra}
    assert run(args, capsys)[1]["articles"]["checked"] == 0


def test_truncated_last_line_is_removed_and_redone(tmp_path, articles, capsys):
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "in"), "--out", str(out), "--jobs", "1", "--offline"]
    assert run(args, capsys)[0] == 0
    raw = out.read_bytes()
    last_start = raw.rstrip(b"\n").rfind(b"\n") + 1
    out.write_bytes(raw[: last_start + (len(raw) - last_start) // 2])  # a crash mid-write
    code, summary = run(args, capsys)
    assert code == 0
    assert summary["articles"]["checked"] == 1
    assert summary["output_repair"]["torn_bytes_removed"] > 0
    assert out.read_bytes() == raw  # the torn record redone, byte for byte, and only once
    assert_one_line_per_article(out, articles)


def test_results_file_keeps_complete_records_and_cuts_only_the_tail(tmp_path):
    out = tmp_path / "out.jsonl"
    good = json.dumps({"input": "a.txt", "content_hash": "1" * 64})
    other = json.dumps({"input": "b.txt", "content_hash": "2" * 64})
    out.write_text(f"{good}\nnot json\n{other}\n{{\"input\": \"c.t", encoding="utf-8")
    with ResultsFile.open(str(out)) as results:
        assert results.is_done("a.txt", "1" * 64) and results.is_done("b.txt", "2" * 64)
        assert not results.is_done("a.txt", "3" * 64)
        assert results.scanned.invalid_lines == 1
        results.append(json.dumps({"input": "c.txt", "content_hash": "3" * 64}))
    assert out.read_text().splitlines()[-1] == json.dumps({"input": "c.txt", "content_hash": "3" * 64})


def test_corrupt_files_get_error_lines_and_the_batch_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    good = write_articles(folder, 6)
    bad = {
        "b1-empty.txt": b"  \n",
        "b2-binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "b3-no-text.html": b"<html><head><title>x</title></head><body><script>1</script></body></html>",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    code, summary = run([str(folder), "--out", str(out), "--jobs", "1", "--offline"], capsys)
    assert code == 0
    records = assert_one_line_per_article(out, good + [folder / n for n in bad])
    errors = {Path(r["input"]).name: r["error"] for r in records if r["error"]}
    assert set(errors) == set(bad)
    assert "empty" in errors["b1-empty.txt"] and "binary" in errors["b2-binary.txt"]
    assert all(r["claims"] == [] for r in records if r["error"])
    assert summary["errors"]["total"] == 3 and sum(summary["errors"]["by_reason"].values()) == 3
    assert summary["articles"]["checked"] == 9
    # errors are recorded once: a re-run does not redo them
    assert run([str(folder), "--out", str(out), "--jobs", "1", "--offline"], capsys)[1]["articles"]["already_done"] == 9


def test_unsupported_files_are_skipped_and_counted(tmp_path, articles, capsys):
    folder = tmp_path / "in"
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4")
    (folder / "a000.gold.json").write_text("{}")
    (folder / "sub").mkdir()
    (folder / "sub" / "notes.docx").write_bytes(b"PK")
    (folder / "sub" / "page.HTM").write_text("<html><body><article><p>Researchers followed 80 patients for 6 weeks.</p></article></body></html>")
    out = tmp_path / "out.jsonl"
    code, summary = run([str(folder), "--out", str(out), "--jobs", "1", "--offline"], capsys)
    assert code == 0
    assert summary["unsupported"] == {"total": 3, "by_suffix": {".pdf": 1, ".json": 1, ".docx": 1}}
    assert_one_line_per_article(out, articles + [folder / "sub" / "page.HTM"])


def test_globs_and_stdin_list(tmp_path, articles, capsys, monkeypatch):
    out = tmp_path / "out.jsonl"
    txt = [p for p in articles if p.suffix == ".txt"]
    md = [p for p in articles if p.suffix == ".md"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(str(p) for p in md[:3]) + "\n\n"))
    code, _ = run([str(tmp_path / "in" / "*.txt"), "-", "--out", str(out), "--jobs", "1", "--offline"], capsys)
    assert code == 0
    assert_one_line_per_article(out, txt + md[:3])


def test_missing_input_and_bad_usage_exit_2(tmp_path, articles, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(tmp_path / "nowhere"), "--out", str(out)]) == 2
    assert "nowhere" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "in"), "--out", str(out), "--jobs", "0"]) == 2
    # a missing input beside real ones: the real ones are done, the exit code still says 2
    assert main(["batch", str(tmp_path / "in"), str(tmp_path / "gone"), "--out", str(out), "--jobs", "1", "--offline"]) == 2
    assert_one_line_per_article(out, articles)


def test_output_in_use_by_another_batch_is_refused(tmp_path, articles, capsys):
    out = tmp_path / "out.jsonl"
    with ResultsFile.open(str(out)):
        assert main(["batch", str(tmp_path / "in"), "--out", str(out), "--jobs", "1"]) == 2
    assert "another batch" in capsys.readouterr().err


def test_resume_after_kill_9_loses_and_duplicates_nothing(tmp_path):
    paths = write_articles(tmp_path / "in", 1200)  # enough that the kill lands mid-run
    out = tmp_path / "out.jsonl"
    cmd = batch_command(str(tmp_path / "in"), "--out", str(out), "--jobs", "1", "--offline")
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_lines(out, proc)
        import psutil

        workers = psutil.Process(proc.pid).children(recursive=True)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    written = len(read_records(out)) if out.read_bytes().endswith(b"\n") else None
    assert written is None or written < 1200, "the batch finished before the kill"
    # orphaned workers notice their parent is gone and exit
    _, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive
    rerun = subprocess.run(cmd + ["--summary", "json"], cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["articles"]["already_done"] + summary["articles"]["checked"] == 1200
    assert summary["articles"]["already_done"] > 0
    assert_one_line_per_article(out, paths)


def test_ctrl_c_stops_cleanly_and_can_be_resumed(tmp_path):
    # enough that the Ctrl-C lands mid-run (400 were once enough; the faster check finished them
    # between the first line and the signal)
    paths = write_articles(tmp_path / "in", 2000)
    out = tmp_path / "out.jsonl"
    cmd = batch_command(str(tmp_path / "in"), "--out", str(out), "--jobs", "2", "--offline")
    # a new process group, signalled as a whole, as a terminal's Ctrl-C does
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    wait_for_lines(out, proc)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert "re-run" in stdout
    done = read_records(out)  # every line complete and valid
    assert 0 < len(done) < 2000 and len({r["input"] for r in done}) == len(done)
    rerun = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert_one_line_per_article(out, paths)


def test_a_worker_killed_mid_run_loses_nothing(tmp_path):
    import psutil

    paths = write_articles(tmp_path / "in", 1200)  # enough that the kill lands mid-run
    out = tmp_path / "out.jsonl"
    cmd = batch_command(str(tmp_path / "in"), "--out", str(out), "--jobs", "2", "--offline")
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_lines(out, proc)
    workers = [p for p in psutil.Process(proc.pid).children() if "resource_tracker" not in " ".join(p.cmdline())]
    workers[0].kill()
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    records = assert_one_line_per_article(out, paths)
    # a worker killed from outside looks like a crash only if it was running a suspect alone
    assert sum(1 for r in records if r["error"]) <= 1


def test_dask_executor_gives_the_same_records_as_local(tmp_path, articles, capsys):
    distributed = pytest.importorskip("distributed")
    (tmp_path / "in" / "empty.txt").write_text("")
    local_out, dask_out = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["batch", str(tmp_path / "in"), "--out", str(local_out), "--jobs", "1", "--offline"]) == 0
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        code = main(["batch", str(tmp_path / "in"), "--out", str(dask_out), "--offline",
                     "--executor", "dask", "--scheduler", cluster.scheduler_address])
    assert code == 0
    capsys.readouterr()

    def records(path: Path) -> set[str]:
        return {json.dumps(r, sort_keys=True) for r in read_records(path)}

    assert len(records(local_out)) == 13
    assert records(dask_out) == records(local_out)


def test_a_pipeline_that_cannot_be_built_stops_the_batch_with_its_reason(tmp_path):
    write_articles(tmp_path / "in", 4)
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import claimcheck.nlp.pipeline as pipeline\n"
        "def build_nlp(model=None):\n"
        "    raise RuntimeError('a check module does not import')\n"
        "pipeline.build_nlp = build_nlp\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}
    out = tmp_path / "out.jsonl"
    cmd = batch_command(str(tmp_path / "in"), "--out", str(out), "--jobs", "1", "--offline")
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "cannot build the pipeline: RuntimeError: a check module does not import" in done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_bytes() == b""  # no error line for articles that were never checked
