"""The command line: formats, exit codes, directories and bad input, through typer's CliRunner."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.rules import base as rules_base

runner = CliRunner()
ARTICLE = ("KYIV — Russia launched 147 drones overnight, the Air Force said. "
           "Air defences shot down 118 of them, while 22 were lost to jamming.\n")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "attack.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_no_arguments_prints_help() -> None:
    result = runner.invoke(app, [])
    assert "extract" in result.output and "check" in result.output
    assert result.exit_code in (0, 2)


def test_extract_table(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0
    assert "147" in result.stdout and "drone" in result.stdout and "launched" in result.stdout


def test_extract_csv_and_jsonl_agree(article: Path) -> None:
    as_csv = list(csv.DictReader(io.StringIO(runner.invoke(app, ["extract", str(article), "-f", "csv"]).stdout)))
    as_jsonl = [json.loads(line) for line in runner.invoke(app, ["extract", str(article), "-f", "jsonl"]).stdout.splitlines()]
    assert [r["text"] for r in as_csv] == [r["text"] for r in as_jsonl] == ["147", "118", "22"]
    assert as_jsonl[1]["subject"] == "drone" and as_jsonl[1]["event"] == "downed"


def test_check_json_report_shape(article: Path) -> None:
    result = runner.invoke(app, ["check", str(article), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["version"] == 2
    assert report["documents"] == [{"doc": str(article), "quantities": 3, "findings": 0, "error": None}]
    q = report["quantities"][0]
    assert set(q) >= {"doc", "start", "end", "text", "sentence", "value", "low", "high", "qualifier",
                      "unit", "subject", "event", "actor", "source"}
    assert ARTICLE[q["start"]:q["end"]] == q["text"] == "147"
    assert report["findings"] == []


def test_directory_reads_txt_and_md_sorted_and_ignores_json(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Officials counted 12 new cases.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Officials counted 7 new cases.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    report = json.loads(runner.invoke(app, ["check", str(tmp_path), "--format", "json"]).stdout)
    assert [Path(d["doc"]).name for d in report["documents"]] == ["a.md", "b.txt"]


def test_missing_and_undecodable_files_are_reported_and_others_checked(article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 owners counted 40 guests.".encode("latin-1"))
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["check", str(missing), str(bad), str(article), "--format", "json"])
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert errors == [f"numcheck: error: {missing}: no such file",
                      f"numcheck: error: {bad}: not valid UTF-8 (byte 0xe9 at offset 3)"]
    report = json.loads(result.stdout)
    assert [d["error"] is None for d in report["documents"]] == [False, False, True]
    assert len(report["quantities"]) == 3


def test_output_file_is_written(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(article), "--format", "json", "--output", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["quantities"] == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_unknown_format_is_a_usage_error(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "xml"])
    assert result.exit_code == 2


def test_python_dash_m_is_the_same_app(article: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "checker", "extract", str(article), "-f", "jsonl"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["text"] for line in done.stdout.splitlines()] == ["147", "118", "22"]


CONTRADICTION = "Russia launched 61 drones overnight. Air defences shot down 75 of them, the air force said.\n"


@pytest.fixture()
def contradiction(tmp_path: Path) -> Path:
    p = tmp_path / "bad.txt"
    p.write_text(CONTRADICTION, encoding="utf-8")
    return p


def test_rules_lists_every_rule() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in rules_base.all_rules()]
    assert {"NC101", "NC110", "NC112"} <= {line.split()[0] for line in lines}
    assert "part-exceeds-whole" in lines[0]


def test_explain_by_code_and_by_name() -> None:
    by_code = runner.invoke(app, ["explain", "NC101"])
    by_name = runner.invoke(app, ["explain", "part-exceeds-whole"])
    assert by_code.exit_code == 0 and by_code.stdout == by_name.stdout
    assert "What it flags" in by_code.stdout and "Flagged" in by_code.stdout


def test_explain_unknown_rule_is_a_usage_error() -> None:
    result = runner.invoke(app, ["explain", "NC999"])
    assert result.exit_code == 2
    assert "unknown rule 'NC999'" in result.stderr


def test_contradiction_exits_1_and_is_reported(contradiction: Path) -> None:
    result = runner.invoke(app, ["check", str(contradiction), "--format", "json"])
    assert result.exit_code == 1
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["rule"] == "NC101" and finding["kind"] == "part-exceeds-whole" and finding["severity"] == "error"
    assert {s["text"] for s in finding["spans"]} == {"61", "75"}


def test_fail_on_never_exits_0(contradiction: Path) -> None:
    assert runner.invoke(app, ["check", str(contradiction), "--fail-on", "never"]).exit_code == 0


def test_ignore_and_select(contradiction: Path) -> None:
    ignored = runner.invoke(app, ["check", str(contradiction), "--ignore", "NC101", "--format", "json"])
    assert ignored.exit_code == 0 and json.loads(ignored.stdout)["findings"] == []
    selected = runner.invoke(app, ["check", str(contradiction), "--select", "part-exceeds-whole"])
    assert selected.exit_code == 1


def test_unknown_rule_in_select_is_a_usage_error(contradiction: Path) -> None:
    result = runner.invoke(app, ["check", str(contradiction), "--select", "NC777"])
    assert result.exit_code == 2 and "unknown rule" in result.stderr


# --- folders, inputs and outputs -------------------------------------------------------------------------

def test_subfolders_are_checked(tmp_path: Path) -> None:
    (tmp_path / "2025" / "05").mkdir(parents=True)
    (tmp_path / "2025" / "05" / "bad.md").write_text(CONTRADICTION, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [Path(d["doc"]).relative_to(tmp_path).as_posix() for d in report["documents"]] == ["2025/05/bad.md", "a.txt"]
    assert [f["rule"] for f in report["findings"]] == ["NC101"]


def test_exclude_is_repeatable(tmp_path: Path) -> None:
    for name in ("drafts/x.txt", "old/y.txt", "z.html", "keep.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(CONTRADICTION, encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--exclude", "drafts", "--exclude", "old",
                                 "--exclude", "*.html", "--format", "json"])
    assert [Path(d["doc"]).name for d in json.loads(result.stdout)["documents"]] == ["keep.txt"]


def test_no_article_found_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    for args in (["check", str(tmp_path)], ["check", str(tmp_path), "--format", "json"], ["extract", str(tmp_path)],
                 ["check", str(tmp_path / ".hidden"), "--exclude", "*.txt"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"numcheck: error: no articles found in {args[1]} (looked for .txt, .md")


def test_an_empty_corpus_exits_2(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(corpus), "--format", "json"])
    assert result.exit_code == 2 and json.loads(result.stdout)["documents"] == []
    assert result.stderr.splitlines() == [f"numcheck: error: no articles found in {corpus} (looked for .txt, .md, "
                                          ".markdown, .html, .htm, .jsonl; hidden files, what .gitignore ignores "
                                          "and --exclude matches are skipped)"]


def test_symlink_loop_is_one_warning_and_the_run_goes_on(tmp_path: Path, contradiction: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1  # the findings decide, not the loop
    assert result.stderr.splitlines() == [
        f"numcheck: warning: {tmp_path / 'loop'}: symbolic-link loop (leads back to {tmp_path}), not followed"]
    assert [d["doc"] for d in json.loads(result.stdout)["documents"]] == [str(contradiction)]


def test_a_file_given_twice_is_checked_once(tmp_path: Path, contradiction: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path), str(contradiction), "--format", "json"])
    report = json.loads(result.stdout)
    assert [d["doc"] for d in report["documents"]] == [str(contradiction)] and len(report["findings"]) == 1


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    (line,) = result.stderr.splitlines()
    return line


def test_unwritable_outputs_are_one_line_errors_before_the_run(article: Path, tmp_path: Path) -> None:
    line = _one_line_error(runner.invoke(app, ["check", str(article), "-o", str(tmp_path / "nodir" / "r.md")]))
    assert line == f"numcheck: error: -o {tmp_path / 'nodir' / 'r.md'}: folder {tmp_path / 'nodir'} does not exist"
    line = _one_line_error(runner.invoke(app, ["check", str(article), "-o", f"{tmp_path}/"]))
    assert line == f"numcheck: error: -o {tmp_path}: is a folder; name the report file, such as {tmp_path / 'report.md'}"
    line = _one_line_error(runner.invoke(app, ["extract", str(article), "-o", str(tmp_path / "nodir" / "q.csv")]))
    assert "does not exist" in line


def test_unwritable_step_summary_is_a_one_line_error(article: Path, tmp_path: Path) -> None:
    for target in (tmp_path, tmp_path / "nodir" / "summary.md"):
        result = runner.invoke(app, ["check", str(article), "-f", "github"], env={"GITHUB_STEP_SUMMARY": str(target)})
        assert _one_line_error(result) == (f"numcheck: error: GITHUB_STEP_SUMMARY={target}: cannot append to it "
                                           "(not a writable file)")


def test_a_failed_write_is_a_one_line_error(article: Path, tmp_path: Path, monkeypatch) -> None:
    import checker.output

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(checker.output.tempfile, "mkstemp", full)
    out = tmp_path / "r.md"
    for fmt in ("md", "jsonl"):
        result = runner.invoke(app, ["check", str(article), "-o", str(out), "-f", fmt])
        assert _one_line_error(result) == f"numcheck: error: cannot write {out} (No space left on device)"
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    monkeypatch.setattr(checker.cli, "append_text", full)
    result = runner.invoke(app, ["check", str(article), "-f", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert _one_line_error(result) == (f"numcheck: error: GITHUB_STEP_SUMMARY={summary}: cannot append to it "
                                       "(No space left on device)")


def test_output_through_a_symbolic_link_writes_its_target(article: Path, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "latest.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = runner.invoke(app, ["check", str(article), "-o", str(link)])
    assert result.exit_code == 0
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8").startswith("# numcheck consistency report")



def test_output_into_a_named_pipe_writes_into_it(article: Path, tmp_path: Path) -> None:
    # -o /dev/null once renamed a temporary file onto /dev/null, leaving a regular file in its place; a pipe
    # is the same kind of target, and one the test can own and read
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that opening it to write does not wait
    try:
        result = runner.invoke(app, ["check", str(article), "-f", "md", "-o", str(fifo)])
        assert result.exit_code == 0
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert os.read(reader, 65536).decode("utf-8").startswith("# numcheck consistency report")
    finally:
        os.close(reader)


# --- formats, summary and the habits of the peers ----------------------------------------------------------

CONCISE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>NC\d{3}) \[(?P<severity>\w+)\] (?P<message>.+)$")


@pytest.fixture()
def terminal(monkeypatch):
    """Pretend stdout is a terminal (CliRunner's is not)."""
    import checker.cli
    monkeypatch.setattr(checker.cli, "_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_concise_is_the_default_on_a_terminal_and_coloured(contradiction: Path, terminal) -> None:
    result = runner.invoke(app, ["check", str(contradiction)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "\x1b[1;31m[error]\x1b[0m" in lines[0]
    m = CONCISE.match(re.sub(r"\x1b\[[0-9;]*m", "", lines[0]))
    assert m and (m["path"], m["line"], m["col"], m["code"], m["severity"]) == (str(contradiction), "1", "17", "NC101", "error")
    assert lines[1] == "1 document checked, 1 finding (1 error)"


def test_no_color_and_no_terminal(contradiction: Path, terminal) -> None:
    result = runner.invoke(app, ["check", str(contradiction)], env={"NO_COLOR": "1"})
    assert "\x1b" not in result.stdout and CONCISE.match(result.stdout.splitlines()[0])
    result = runner.invoke(app, ["check", str(contradiction), "-f", "concise", "-o", "-"], env={"NO_COLOR": ""})
    assert "\x1b[" in result.stdout  # NO_COLOR set but empty does not count (no-color.org)


def test_markdown_is_the_default_into_a_pipe(contradiction: Path) -> None:
    result = runner.invoke(app, ["check", str(contradiction)])
    assert result.stdout.startswith("# numcheck consistency report")


def test_the_format_follows_the_output_extension_unless_given(contradiction: Path, tmp_path: Path, terminal) -> None:
    formats = {"r.md": "md", "r.json": "json", "r.jsonl": "jsonl", "r.sarif": "sarif", "r.sarif.json": "sarif",
               "r.xml": "junit", "r.txt": "concise", "report": "md", "r.html": "md"}
    for name, fmt in formats.items():
        result = runner.invoke(app, ["check", str(contradiction), "-o", str(tmp_path / name)])
        assert result.exit_code == 1 and result.stdout == ""
        direct = runner.invoke(app, ["check", str(contradiction), "-f", fmt], env={"NO_COLOR": "1"}).stdout
        assert (tmp_path / name).read_text(encoding="utf-8") == direct, name
    runner.invoke(app, ["check", str(contradiction), "-o", str(tmp_path / "r.md"), "--format", "json"])
    assert json.loads((tmp_path / "r.md").read_text(encoding="utf-8"))["findings"][0]["rule"] == "NC101"


def test_a_report_file_gets_a_summary_line_on_stderr_unless_quiet(contradiction: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    for fmt in ("md", "jsonl"):
        result = runner.invoke(app, ["check", str(contradiction), "-o", str(out), "-f", fmt])
        assert result.stderr.splitlines() == [f"numcheck: {out}: 1 document checked, 1 finding (1 error)"]
    quiet = runner.invoke(app, ["check", str(contradiction), "-o", str(out), "-q"])
    assert quiet.exit_code == 1 and quiet.stderr == "" and out.read_text(encoding="utf-8").startswith("# numcheck")
    concise_quiet = runner.invoke(app, ["check", str(contradiction), "-f", "concise", "--quiet"])
    assert len(concise_quiet.stdout.splitlines()) == 1 and CONCISE.match(concise_quiet.stdout)


def test_version_and_short_help() -> None:
    from checker import __version__
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"numcheck {__version__}\n"
    for args in (["-h"], ["check", "-h"], ["review", "init", "-h"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and result.stdout.startswith("Usage: numcheck"), args


def test_help_shows_defaults_and_no_bool_placeholders() -> None:
    text = runner.invoke(app, ["check", "--help"], terminal_width=200).stdout
    for default in ("[default: error, or the config's]", "[default: 30]", "[default: all cores]",
                    "[default: concise on a terminal;", "[default: off, or the config's]", "[default: local]"):
        assert default in text, default
    assert "<bool>" not in text and "--across / --no-across" in text and "-q, --quiet" in text
    assert "<bool>" not in runner.invoke(app, ["--help"]).stdout


def test_comma_lists_in_select_and_ignore(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Russia launched 61 drones overnight. Air defences shot down 75 of them. In all, 62 of the "
                     "143 buses, nearly half, were late.\n", encoding="utf-8")

    def rules(*args: str) -> list[str]:
        result = runner.invoke(app, ["check", str(story), "--format", "json", *args])
        assert result.exit_code in (0, 1), result.output
        return sorted(f["rule"] for f in json.loads(result.stdout)["findings"])
    assert rules() == ["NC101", "NC104"]
    assert rules("--select", "NC101,NC104") == rules("--select", "NC101", "--select", "NC104") == ["NC101", "NC104"]
    assert rules("--select", "NC101, part-exceeds-whole") == ["NC101"]
    assert rules("--ignore", "NC101,NC104") == []
    bad = runner.invoke(app, ["check", str(story), "--select", "NC101,NC999"])
    assert bad.exit_code == 2 and "unknown rule 'NC999'" in bad.stderr


def test_pre_commit_hook_prints_one_finding_a_line(contradiction: Path, article: Path) -> None:
    import shlex

    import yaml
    (hook,) = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    program, *args = shlex.split(hook["entry"])
    assert program == "numcheck" and re.search(hook["files"], "story.md") and re.search(hook["files"], "page.html")
    result = runner.invoke(app, [*args, str(article), str(contradiction)])  # pre-commit appends the files
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert CONCISE.match(lines[0]) and "::" not in result.stdout
    assert lines[-1] == "2 documents checked, 1 finding (1 error)"


def test_hostile_file_names_and_ids_cannot_drive_the_terminal(tmp_path: Path, terminal) -> None:
    evil = tmp_path / "a\x1b]0;owned\x07\x1b[2J.txt"
    evil.write_text("Russia launched 61 drones\x1b[8m overnight. Air defences shot down 75 of them.\x07\n",
                    encoding="utf-8")
    undecodable = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))  # a Latin-1 name on a UTF-8 system
    undecodable.write_text(CONTRADICTION, encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x\x1b]0;owned\x07", "body": "12"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(evil), str(undecodable), str(corpus)])
    assert result.exit_code == 2  # the record without text is not checked
    for stream in (result.stdout, result.stderr):
        visible = re.sub(r"\x1b\[[0-9;]*m", "", stream.replace("\x1b[2J", "<<raw>>"))
        assert "<<raw>>" not in visible and not re.search("[\x00-\x09\x0b-\x1f\x7f\ud800-\udfff]", visible)
    assert "a\u241b]0;owned\u2407\u241b[2J.txt:1:17: NC101" in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "caf\ufffd.txt:1:17: NC101" in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert f"numcheck: error: {corpus}#x\u241b]0;owned\u2407: " in result.stderr


def test_colour_on_a_real_terminal(contradiction: Path) -> None:
    """Through a pseudo-terminal: coloured concise output by default, plain with NO_COLOR."""
    import os
    import pty

    def on_terminal(env: dict) -> bytes:
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(sys.executable, [sys.executable, "-m", "checker", "check", str(contradiction)],
                      {**os.environ, **env})
        out = b""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.waitpid(pid, 0)
        return out
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = on_terminal({**env, "NO_COLOR": ""})
    plain = on_terminal({"NO_COLOR": "1"})
    assert b"\x1b[1;31m[error]\x1b[0m" in coloured
    assert b"\x1b" not in plain and plain.startswith(f"{contradiction}:1:17: NC101 [error]".encode())
