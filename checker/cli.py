"""The `numcheck` command line: a thin typer layer over the pipeline and the reporters."""
from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker import pipeline, review
from checker.output import append_text, write_text
from checker.report import Report
from checker.rules import base as rules_base
from checker.reporters import github, json_report, junit, markdown, sarif, table
from checker.schema import SchemaViolation
from checker.vocab import VocabularyError

app = typer.Typer(
    name="numcheck",
    help="Find numbers in news articles that cannot all be true together.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
REPORTERS = {"md": markdown.render, "json": json_report.render, "github": github.render,
             "sarif": sarif.render, "junit": junit.render}


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class ReportFormat(str, Enum):
    md = "md"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


PathsArg = Annotated[list[str], typer.Argument(
    help="Files (.txt, .md, .html, .jsonl), directories of them, or - for stdin.", show_default=False)]
IdField = Annotated[str, typer.Option("--id-field", help="JSON Lines: the field naming each article.")]
TextField = Annotated[str, typer.Option("--text-field", help="JSON Lines: the field holding each article's text.")]


def _run(paths: list[str], **options) -> Report:
    try:
        report = pipeline.check_paths(paths, **options)
    except VocabularyError as exc:
        typer.echo(f"numcheck: error: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT)
    except SchemaViolation as exc:
        typer.echo(f"numcheck: internal error: {exc}", err=True)
        raise typer.Exit(3)
    for d in report.input_errors:
        typer.echo(f"numcheck: error: {d.doc}: {d.error}", err=True)
    return report


@app.command()
def extract(
    paths: PathsArg,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    id_field: IdField = "id",
    text_field: TextField = "text",
) -> None:
    """Print every quantity found: value, unit, qualifier, subject, event, actor."""
    report = _run(paths, id_field=id_field, text_field=text_field)
    write_text(table.RENDERERS[format.value](report.quantities), output)
    raise typer.Exit(EXIT_INPUT if report.input_errors else EXIT_CLEAN)


@app.command()
def check(
    paths: PathsArg,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.md,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")] = FailOn.error,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Run only these rules (code or name).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (code or name).")] = None,
    across: Annotated[bool, typer.Option("--across", help="Also compare the same fact between documents.")] = False,
    review_file: Annotated[Optional[Path], typer.Option("--review", help="Apply the verdicts of this review file.")] = None,
    id_field: IdField = "id",
    text_field: TextField = "text",
) -> None:
    """Check articles and report their numeric inconsistencies."""
    for code in (select or []) + (ignore or []):
        if rules_base.lookup(code) is None:
            typer.echo(f"numcheck: error: unknown rule {code!r} (see 'numcheck rules')", err=True)
            raise typer.Exit(EXIT_INPUT)
    reviewed = _load_review(review_file) if review_file else None
    report = _run(paths, select=_codes(select), ignore=_codes(ignore), across=across,
                  id_field=id_field, text_field=text_field)
    if reviewed is not None:
        report = review.apply(report, reviewed)
    write_text(REPORTERS[format.value](report), output)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        append_text(markdown.render(report), Path(summary_file))
    if report.input_errors:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(exit_code(report, fail_on))


review_app = typer.Typer(help="Review files: editors' verdicts on findings, kept across runs.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")


@review_app.command("init")
def review_init(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="The review CSV to write.")],
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules.")] = None,
) -> None:
    """Write one row per finding (with a stable fingerprint) for editors to fill in verdict and note.

    An existing file's verdicts are kept for the findings that are still there.
    """
    previous = _load_review(output) if output.exists() else None
    report = _run(paths, select=_codes(select), ignore=_codes(ignore))
    write_text(review.to_csv(review.rows(report, previous)), output)
    typer.echo(f"{output}: {len(report.findings)} findings to review", err=True)
    raise typer.Exit(EXIT_INPUT if report.input_errors else EXIT_CLEAN)


def _load_review(path: Path) -> dict[str, dict]:
    try:
        return review.load(path)
    except review.ReviewError as exc:
        typer.echo(f"numcheck: error: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT)


@app.command("rules")
def list_rules() -> None:
    """List the rules: code, name, severity and what each flags."""
    for rule in rules_base.all_rules():
        typer.echo(f"{rule.code}  {rule.name:<22} {rule.severity:<8} {rule.summary()}")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code (NC101) or name (part-exceeds-whole).")]) -> None:
    """Print a rule's documentation: what it flags, why, and examples."""
    rule = rules_base.lookup(code)
    if rule is None:
        typer.echo(f"numcheck: error: unknown rule {code!r} (see 'numcheck rules')", err=True)
        raise typer.Exit(EXIT_INPUT)
    typer.echo(f"{rule.code} {rule.name} ({rule.severity}, kind {rule.kind})\n")
    typer.echo(rule.documentation())


def _codes(names: Optional[list[str]]) -> list[str] | None:
    return [rules_base.lookup(n).code for n in names] if names else None


def exit_code(report: Report, fail_on: FailOn) -> int:
    if fail_on is FailOn.never:
        return EXIT_CLEAN
    levels = {"error"} if fail_on is FailOn.error else {"error", "warning"}
    counted = [f for f in report.findings if f.status in (None, "new", "reopened")]
    if any(f.severity in levels for f in counted):
        return EXIT_FINDINGS
    return EXIT_FINDINGS if "warning" in levels and report.notices else EXIT_CLEAN
