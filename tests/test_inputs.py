"""Input formats with real-looking content: an HTML page, a Markdown file, a JSON Lines corpus, stdin."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from checker.cli import app
from checker.documents import load
from checker.formats import mask_markdown
from checker.pipeline import check_paths

runner = CliRunner()
DATA = Path(__file__).parent / "data" / "inputs"


def test_html_reads_the_article_body_only() -> None:
    report = check_paths([str(DATA / "attack.html")])
    texts = list(report.quantities["text"])
    assert texts == ["61", "75", "nine", "12", "four", "3,000"]  # no "Top 10", "41", "24 Main Street", phone
    assert [f.rule for f in report.findings] == ["NC101"]  # NC102 silenced by the HTML comment before it
    assert report.suppressed == 1 and report.notices == []


def test_markdown_syntax_makes_no_quantities_and_offsets_point_into_the_file() -> None:
    path = DATA / "budget.md"
    original = path.read_text(encoding="utf-8")
    report = check_paths([str(path)])
    texts = list(report.quantities["text"])
    assert texts == ["$2.4 billion", "30%", "$960 million", "5%", "45", "$12 million"]
    for r in report.quantities.itertuples():
        assert original[r.start:r.end] == r.text
    (finding,) = report.findings
    assert finding.rule == "NC104" and "$960 million of $2.4 billion is 40%" in finding.message
    assert report.line_col(finding.doc, finding.spans[0].start) == (5, 26)


def test_mask_keeps_length_and_link_text() -> None:
    src = "See [172 drones](https://x.org/2025/05/12) and `code 7` in # 3 ways\n"
    masked = mask_markdown(src)
    assert len(masked) == len(src)
    assert "172 drones" in masked and "2025" not in masked and "code" not in masked
    assert "".join(c for c in masked if c.isdigit()) == "1723"


def test_jsonl_corpus_is_one_document_per_line_with_errors_per_line() -> None:
    docs = load([str(DATA / "wire.jsonl")])
    assert [d.doc.split("#")[1] for d in docs] == ["kyiv-001", "kyiv-002", "line3", "kyiv-004", "kyiv-005"]
    assert [d.error for d in docs] == [None, None, "line 3: invalid JSON (Expecting value)",
                                       "line 4: no text in field 'text'", None]
    result = runner.invoke(app, ["check", str(DATA / "wire.jsonl"), "--format", "json"])
    assert result.exit_code == 2  # some input was not checked
    report = json.loads(result.stdout)
    rules = {f["doc"].split("#")[1]: f["rule"] for f in report["findings"]}
    assert rules == {"kyiv-001": "NC101", "kyiv-005": "NC106"}
    assert len(result.stderr.strip().splitlines()) == 2


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"slug": "a", "body": "Officials counted 12 new cases."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(corpus), "--id-field", "slug", "--text-field", "body", "-f", "jsonl"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["doc"] == f"{corpus}#a"


def test_stdin() -> None:
    result = runner.invoke(app, ["check", "-", "--format", "json"],
                           input="Russia launched 61 drones. Air defences shot down 75 of them.\n")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["documents"][0]["doc"] == "<stdin>" and report["findings"][0]["rule"] == "NC101"


def test_directory_picks_every_input_format(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.jsonl", "e.json", "f.csv"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [Path(d.doc).name for d in load([str(tmp_path)])] == ["a.txt", "b.md", "c.html"]


def test_check_paths_takes_one_path_as_str_or_path_or_several() -> None:
    one = DATA / "budget.md"
    for given in (str(one), one, [str(one)], (one,), [one, one]):
        report = check_paths(given)
        assert [d.doc for d in report.documents] == [str(one)], given  # not one "document" per character
        assert [f.rule for f in report.findings] == ["NC104"]


def test_check_paths_walks_subfolders(tmp_path: Path) -> None:
    (tmp_path / "2025" / "05").mkdir(parents=True)
    (tmp_path / "2025" / "05" / "x.txt").write_text("Russia launched 61 drones. Air defences shot down 75 of them.\n",
                                                   encoding="utf-8")
    report = check_paths(tmp_path)
    assert [d.doc for d in report.documents] == [str(tmp_path / "2025" / "05" / "x.txt")]
    assert [f.rule for f in report.findings] == ["NC101"]


STDIN_MD = ("Russia launched *61* drones overnight. Air defences shot down **75** of them.\n\n"
            "```\nOfficials counted 300 cases.\n```\n")


def test_stdin_filename_names_stdin_and_gives_its_format() -> None:
    plain = runner.invoke(app, ["check", "-", "--format", "json"], input=STDIN_MD)
    named = runner.invoke(app, ["check", "-", "--stdin-filename", "drafts/story.md", "--format", "json"], input=STDIN_MD)
    as_text, as_md = json.loads(plain.stdout), json.loads(named.stdout)
    assert as_text["documents"][0]["doc"] == "<stdin>" and as_md["documents"][0]["doc"] == "drafts/story.md"
    assert [q["text"] for q in as_md["quantities"]] == ["61", "75"]  # a code block is Markdown syntax
    assert [q["text"] for q in as_text["quantities"]] == ["61", "75", "300"]  # plain text has no code blocks
    finding = as_md["findings"][0]
    assert finding["rule"] == "NC101" and STDIN_MD[finding["spans"][0]["start"]:finding["spans"][0]["end"]] == "61"


def test_stdin_filename_html_and_jsonl() -> None:
    page = (DATA / "attack.html").read_text(encoding="utf-8")
    result = runner.invoke(app, ["check", "-", "--stdin-filename", "attack.html", "--format", "json"], input=page)
    report = json.loads(result.stdout)
    assert [q["text"] for q in report["quantities"]] == ["61", "75", "nine", "12", "four", "3,000"]
    corpus = (DATA / "wire.jsonl").read_text(encoding="utf-8")
    result = runner.invoke(app, ["check", "-", "--stdin-filename", "wire.jsonl", "--format", "json"], input=corpus)
    docs = [d["doc"] for d in json.loads(result.stdout)["documents"]]
    assert docs == ["wire.jsonl#kyiv-001", "wire.jsonl#kyiv-002", "wire.jsonl#line3", "wire.jsonl#kyiv-004",
                    "wire.jsonl#kyiv-005"]
