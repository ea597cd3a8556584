"""Engines and scale: --jobs, a Dask cluster and the streamed JSON Lines report give the same results
as one process; a broken document costs only itself."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from checker import batch as batch_mod
from checker import pipeline
from checker.cli import app
from checker.documents import Document, load
from checker.extract import parse as parse_mod

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()


@pytest.fixture()
def small_batches(monkeypatch):
    """Two documents a batch, so the seeds make several batches to share out."""
    monkeypatch.setattr(pipeline, "BATCH_DOCUMENTS", 2)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """The seeds twice over, with a contradiction and an across-document conflict planted."""
    for p in sorted(SEEDS.glob("*.txt")):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
        (tmp_path / f"copy-{p.name}").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "x1.txt").write_text("Russia launched 40 drones overnight. Air defences shot down 52 drones.\n")
    (tmp_path / "x2.txt").write_text("Russia launched 45 drones overnight, of which 31 were shot down.\n")
    return tmp_path


def _check(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args, "--fail-on", "never"])
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", ["json", "md", "jsonl", "sarif"])
def test_jobs_give_the_same_report_byte_for_byte(corpus, small_batches, fmt):
    one = _check([str(corpus), "-f", fmt, "--across", "--jobs", "1"])
    two = _check([str(corpus), "-f", fmt, "--across", "--jobs", "2"])
    assert one[0] == two[0] == 0
    assert one[1] == two[1]
    assert "52" in one[1]


def test_batches_close_at_the_document_limit(small_batches):
    docs = [Document(f"d{i}", text="x" * 10) for i in range(5)]
    assert [[d.doc for d in b] for b in pipeline.batches(docs)] == [["d0", "d1"], ["d2", "d3"], ["d4"]]


def test_jsonl_stream_holds_what_the_json_report_holds(corpus, small_batches):
    code, out = _check([str(corpus), "-f", "jsonl", "--across"])
    lines = [json.loads(line) for line in out.splitlines()]
    _, whole = _check([str(corpus), "-f", "json", "--across"])
    report = json.loads(whole)
    by_type = {t: [{k: v for k, v in r.items() if k != "type"} for r in lines if r["type"] == t]
               for t in ("document", "quantity", "finding")}
    assert by_type["quantity"] == report["quantities"]
    assert sorted(map(json.dumps, by_type["finding"])) == sorted(map(json.dumps, report["findings"]))
    assert [d["doc"] for d in by_type["document"]] == [d["doc"] for d in report["documents"]]
    summary = lines[-1]
    assert summary["type"] == "summary" and summary["documents"] == 12
    assert summary["findings"] == len(report["findings"]) and summary["quantities"] == len(report["quantities"])
    # each document's lines come together: its quantities right after it
    first = next(i for i, r in enumerate(lines) if r["type"] == "document" and r["doc"].endswith("x1.txt"))
    assert [r["type"] for r in lines[first:first + 3]] == ["document", "quantity", "quantity"]


def test_jsonl_to_a_file_is_written_whole(corpus, tmp_path, small_batches):
    out = tmp_path / "out" / "report.jsonl"
    out.parent.mkdir()
    result = runner.invoke(app, ["check", str(corpus), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 1  # the planted contradiction
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["type"] == "summary"
    assert list(out.parent.iterdir()) == [out]  # no temp file left behind


def test_scheduler_without_dask_engine_is_a_usage_error():
    result = runner.invoke(app, ["check", str(SEEDS), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output


def _one_error_for_x2(result) -> dict:
    """The run's report, after checking that x2.txt alone was lost to an internal error."""
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("numcheck: error:")]
    assert len(errors) == 1 and "x2.txt: internal error while reading its numbers (ZeroDivisionError" in errors[0]
    report = json.loads(result.stdout)
    docs = {d["doc"].rsplit("/", 1)[-1]: d for d in report["documents"]}
    assert docs["x2.txt"]["error"].startswith("internal error") and docs["x1.txt"]["quantities"] == 2
    assert len(docs) == 12 and sum(1 for d in docs.values() if d["error"]) == 1
    assert any(f["doc"].endswith("x1.txt") for f in report["findings"])
    return report


@pytest.mark.parametrize("stage", ["read_mentions", "read_frames"])
def test_a_bug_on_one_document_costs_that_document_only(corpus, monkeypatch, stage):
    real = getattr(batch_mod, stage)

    def flaky(pending_or_text, *args):
        doc = args[0] if stage == "read_mentions" else pending_or_text.doc
        if doc.endswith("x2.txt"):
            raise ZeroDivisionError("division by zero")
        return real(pending_or_text, *args)

    monkeypatch.setattr(batch_mod, stage, flaky)
    _one_error_for_x2(runner.invoke(app, ["check", str(corpus), "-f", "json", "--jobs", "1"]))


def test_a_parse_failing_on_one_sentence_costs_its_document_only(corpus, monkeypatch):
    """Sentences of many documents are parsed in one stream, ahead of the document being read: a
    failure on x2's sentence while x1 is read must not cost x1, nor the documents after x2."""
    real = batch_mod.parse_iter

    def read(texts):  # spaCy takes a batch of sentences before it parses any: x2's with x1's
        for text in texts:
            if "of which 31" in text:
                raise ZeroDivisionError("division by zero")
            yield text

    def flaky(texts):
        return real(read(texts))

    monkeypatch.setattr(batch_mod, "parse_iter", flaky)
    monkeypatch.setattr(parse_mod, "BATCH_SIZE", 1000)  # one spaCy batch: every sentence is read ahead
    report = _one_error_for_x2(runner.invoke(app, ["check", str(corpus), "-f", "json", "--jobs", "1"]))
    with_quantities = [d for d in report["documents"] if d["quantities"]]
    assert len(with_quantities) == 11  # every other document read in full


def test_time_budget_holds_in_a_worker_thread():
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8") * 20
    box = {}
    worker = threading.Thread(target=lambda: box.update(report=pipeline.check_text(text, budget=0.001)))
    worker.start()
    worker.join()
    (doc,) = box["report"].documents
    assert doc.error and "time budget" in doc.error


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    import logging
    with distributed.LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.CRITICAL) as cluster:
        yield cluster


def test_dask_engine_matches_local_engine_row_for_row(corpus, small_batches, dask_cluster):
    docs = load([str(corpus)])
    local = pipeline.run(docs, across=True, jobs=1)
    remote = pipeline.run(docs, across=True, engine="dask", scheduler=dask_cluster.scheduler_address)
    pd.testing.assert_frame_equal(local.quantities, remote.quantities)
    assert local.findings == remote.findings
    assert local.documents == remote.documents
    assert any(f.rule == "NC107" for f in remote.findings)  # a cross-document finding came back too


def test_dask_engine_from_the_command_line(corpus, small_batches, dask_cluster):
    local = _check([str(corpus), "-f", "json", "--across", "--jobs", "1"])
    remote = _check([str(corpus), "-f", "json", "--across", "--engine", "dask",
                     "--scheduler", dask_cluster.scheduler_address])
    assert local == remote


def test_interrupted_parallel_stream_leaves_no_report_and_no_workers(tmp_path):
    psutil = pytest.importorskip("psutil")
    import signal
    import subprocess
    import sys
    import time
    # Two batches: a long text without numbers (done at once), then a slow one. The signal comes
    # while the run waits for its last batch, the moment a pool is most tempted to wait it out.
    (tmp_path / "a.txt").write_text("No figures were given. " * 20000, encoding="utf-8")
    slow = "Officials counted " + ", ".join(str(i) for i in range(1, 60001)) + " people.\n"
    (tmp_path / "b.txt").write_text(slow, encoding="utf-8")
    out = tmp_path / "out" / "report.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", str(tmp_path), "-f", "jsonl", "-o", str(out),
                             "--jobs", "2", "--time-budget", "600"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: list = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = psutil.Process(proc.pid).children(recursive=True)
    assert len(workers) >= 2, "the run did not start its worker processes"
    time.sleep(2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=15)  # not the half minute the slow batch would take
    assert proc.returncode == 130
    assert err.strip().endswith("numcheck: interrupted; no report was written")
    assert list(out.parent.iterdir()) == []
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive


def test_repeated_document_names_are_made_unique(small_batches):
    first = "Officials spoke. Crews worked. Sirens sounded. Russia launched 40 drones overnight; 52 were shot down."
    docs = [Document("same", text=first), Document("same", text="Nothing here."),
            Document("same", text="Russia launched 45 drones overnight.")]
    report = pipeline.run(docs, across=True)
    assert [d.doc for d in report.documents] == ["same", "same (2)", "same (3)"]
    assert [d.quantities for d in report.documents] == [2, 0, 1]
    assert {f.doc for f in report.findings} >= {"same"}
    for f in report.findings:
        text = report.texts[f.doc]
        assert all(text[s.start:s.end] == s.text for s in f.spans)


def test_budget_in_a_thread_catches_an_overrun_after_the_last_checkpoint(monkeypatch):
    import time
    real = batch_mod.read_mentions

    def slow(text, doc, vocab):
        time.sleep(0.3)  # one long sentence: no checkpoint inside it
        return real(text, doc, vocab)

    monkeypatch.setattr(batch_mod, "read_mentions", slow)
    box = {}
    worker = threading.Thread(target=lambda: box.update(report=pipeline.check_text("Just 3 words.", budget=0.05)))
    worker.start()
    worker.join()
    (doc,) = box["report"].documents
    assert doc.error and "time budget" in doc.error


def test_jsonl_corpus_with_a_byte_order_mark_and_blank_first_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b"\xef\xbb\xbf\n" + json.dumps({"id": "a", "text": "Russia launched 40 drones."}).encode() + b"\n")
    (d,) = load([str(corpus)])
    assert d.doc.endswith("c.jsonl#a") and d.error is None
