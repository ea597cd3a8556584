"""Articles are untrusted input: hostile text leaves every report format inert, and each report still parses.

Hostile sentences, file names and .jsonl ids come from tests/cases/hostile.yaml; each format is read
back with a real parser for it.

tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema (errata01, as published in
oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json), unchanged."""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from checker import review
from checker.pipeline import check_paths
from checker.cli import app
from checker.reporters import escape

runner = CliRunner()
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "hostile.yaml").read_text(encoding="utf-8"))
PAYLOADS, FILE_NAMES, JSONL_IDS = CASES["payloads"], CASES["file_names"], CASES["jsonl_ids"]
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
# what a terminal acts on: C0 controls but tab and newline, DEL, C1 controls
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _article() -> str:
    """A part above its whole (NC101 quotes the sentence with every payload) and a list one item longer
    than announced (NC110 copies its items, payloads and all, into the message)."""
    return ("KYIV — Russia launched 61 drones at Ukraine overnight, the Air Force said.\n"
            "Air defences shot down 75 of them " + " ".join(PAYLOADS) + ".\n"
            "The governor named three regions: " + ", ".join(f"Kharkiv {p}" for p in PAYLOADS[:3])
            + f" and Sumy {PAYLOADS[3]}.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name in FILE_NAMES:
        (folder / name).write_text(_article(), encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": _article()}) + "\n" for i in JSONL_IDS), encoding="utf-8")
    return folder


def _check(corpus: Path, *args: str):
    result = runner.invoke(app, ["check", str(corpus), *args])
    assert result.exit_code == 1, result.output  # findings, and no input error: every document was read
    return result.stdout


@pytest.fixture(scope="module")
def report(corpus: Path) -> dict:
    return json.loads(_check(corpus, "--format", "json"))


def test_the_payloads_reach_the_findings(report: dict) -> None:
    """The test is only as good as its input: every payload is in a message or a quoted sentence."""
    docs = {f["doc"] for f in report["findings"]}
    assert len(docs) == len(FILE_NAMES) + len(JSONL_IDS)
    messages = " ".join(f["message"] for f in report["findings"])
    assert "<script>alert(1)</script>" in messages and "[x](javascript:alert(1))" in messages
    assert any("\x1b]0;t\x07" in d for d in docs) and any("\n# injected" in d for d in docs)


def _tokens(tokens):
    for t in tokens:
        yield t
        yield from _tokens(t.children or [])


def test_markdown_is_inert(corpus: Path) -> None:
    md = _check(corpus)
    assert not TERMINAL_CONTROL.search(md)
    tokens = list(_tokens(MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(md)))
    assert not [t for t in tokens if t.type in ("link_open", "image", "s_open")]
    html = [t.content.strip() for t in tokens if t.type in ("html_block", "html_inline")]
    assert html and all(re.fullmatch(r"<details>\n<summary>\d+ quantities checked</summary>|</details>", h)
                        for h in html), html
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    assert headings == ["numcheck consistency report"]
    code = {t.content for t in tokens if t.type == "code_inline"}  # only the report's own how-to-silence snippets
    assert code == {"<!-- numcheck: ignore NC101 -->", "[numcheck: ignore NC101]", "false-alarm", "numcheck review init"}
    # the text is still there for an editor to read, as text; a bare URL is not made a link by GFM either
    # (its ':' escaped: GitHub's autolinks start at an unescaped 'https:' or 'www.')
    assert "&lt;script>alert(1)&lt;/script>" in md and "!\\[t\\](https\\://evil.example/track.png)" in md
    html = MarkdownIt("commonmark").render(md)
    assert "![t](https://evil.example/track.png)" in html and "&lt;https://evil.example/auto&gt;" in html


def test_step_summary_gets_the_same_inert_report(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    md = _check(corpus)
    assert summary.read_text(encoding="utf-8") == md


def test_github_commands_stay_one_a_line_and_inert(corpus: Path) -> None:
    out = _check(corpus, "--format", "github")
    lines = out.splitlines()
    assert lines and all(re.match(r"::(error|warning|notice) file=", line) for line in lines)
    assert not TERMINAL_CONTROL.search(out)
    assert "\u241b]0;t\u2407" in out  # the escape sequence in a file name is shown, as pictures, not run


def test_junit_parses_and_has_no_forbidden_characters(corpus: Path) -> None:
    text = _check(corpus, "--format", "junit")
    root = ET.fromstring(text.encode("utf-8"))  # a real XML parser: the file is well-formed
    cases = root.find("testsuite").findall("testcase")
    assert len(cases) == len(FILE_NAMES) + len(JSONL_IDS)
    failures = [c.find("failure") for c in cases]
    assert all(f is not None and "alert(1)" in f.text for f in failures)
    assert any("<script>alert(1)</script>" in f.text for f in failures)  # ElementTree escaped it, the parser read it back
    assert not TERMINAL_CONTROL.search(text)


def test_json_and_jsonl_parse_and_carry_no_raw_controls(corpus: Path) -> None:
    for fmt in ("json", "jsonl"):
        text = _check(corpus, "--format", fmt)
        assert not TERMINAL_CONTROL.search(text)
        if fmt == "jsonl":
            docs = [r["doc"] for r in map(json.loads, text.splitlines()) if r["type"] == "document"]
        else:
            docs = [d["doc"] for d in json.loads(text)["documents"]]
        # the data is intact, only escaped
        assert any(d.endswith("#\x9b2J one-byte CSI") for d in docs) and any("\x1b]0;t\x07" in d for d in docs)


def test_format_checker_really_checks_uri_reference() -> None:
    """Without rfc3987 (or rfc3986-validator) jsonschema skips 'uri-reference' silently."""
    checker = jsonschema.FormatChecker()
    assert "uri-reference" in checker.checkers
    assert not checker.conforms("spain floods 100%.txt", "uri-reference")
    assert checker.conforms("spain%20floods%20100%25.txt", "uri-reference")


def test_sarif_is_valid_against_the_oasis_schema(corpus: Path) -> None:
    sarif = json.loads(_check(corpus, "--format", "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert any(u.endswith("/%3D1%2B1%20spain%20floods%20100%25%20%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt")
               for u in uris), uris


def test_review_csv_neutralises_formulas_and_reads_back_unchanged(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.csv"
    assert runner.invoke(app, ["review", "init", str(corpus), "-o", str(out)]).exit_code == 0
    cells = [c for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8"))) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert any(c.startswith("'=1+1 spain") or "/=1+1 spain" in c for c in cells)
    assert any(c.endswith("#+cmd|' /C calc'!A0") for c in cells)
    # what review reads back is what it was given (the same article in every file: one fingerprint per finding)
    written = {r["fingerprint"]: r for r in review.rows(review_report(corpus))}
    loaded = review.load(out)
    assert {fp: {k: str(v) for k, v in loaded[fp].items()} for fp in written} == \
        {fp: {k: str(v) for k, v in r.items()} for fp, r in written.items()}
    docs = {escape.csv_value(r["doc"]) for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert docs == {str(corpus / n) for n in FILE_NAMES} | {f"{corpus / 'feed.jsonl'}#{i}" for i in JSONL_IDS}
    before = out.read_bytes()
    assert runner.invoke(app, ["review", "init", str(corpus), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == before  # no quote added twice


def review_report(corpus: Path):
    """The report review init builds its rows from, later rows of one fingerprint winning as in a dict."""
    return check_paths([str(corpus)])


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=1", "''+x", "'plain", "plain", ""])
def test_csv_cell_round_trip(cell: str) -> None:
    written = escape.csv_cell(cell)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert escape.csv_value(written) == cell


def test_extract_table_and_csv_are_inert(corpus: Path) -> None:
    table = runner.invoke(app, ["extract", str(corpus)]).stdout
    assert not TERMINAL_CONTROL.search(table)
    rows = list(csv.reader(io.StringIO(runner.invoke(app, ["extract", str(corpus), "--format", "csv"]).stdout)))
    assert len(rows) > 1
    assert not [c for row in rows for c in row if c.startswith(("=", "+", "@", "\t", "\r"))
                or re.match(r"-(?!\d+(\.\d+)?$)", c)]  # a negative number is a number, not a formula


@pytest.mark.parametrize("fmt", ["md", "github", "junit", "json", "jsonl", "sarif"])
def test_a_file_name_that_is_not_utf8_is_reported_not_a_traceback(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    Path(os.fsdecode(bytes(folder) + b"/bad\xff.txt")).write_text(_article(), encoding="utf-8")
    out = tmp_path / "report.out"
    result = runner.invoke(app, ["check", str(folder), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 1, result.output
    text = out.read_text(encoding="utf-8")  # written, and valid UTF-8
    if fmt == "sarif":
        assert '"uri": "' + str(folder) + '/bad%FF.txt"' in text  # the file's own bytes, percent-encoded


def test_review_init_with_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    Path(os.fsdecode(bytes(folder) + b"/bad\xff.txt")).write_text(_article(), encoding="utf-8")
    out = tmp_path / "review.csv"
    assert runner.invoke(app, ["review", "init", str(folder), "-o", str(out)]).exit_code == 0
    assert f"{folder}/bad\ufffd.txt" in out.read_text(encoding="utf-8")
