"""HTML pages: positions in the page's own source, and page furniture that yields no quantities."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import formats, htmlmap
from checker.cli import app
from checker.pipeline import check_paths

DATA = Path(__file__).parent / "data" / "inputs"
PAGE = DATA / "harbour.html"
# Numbers of the page's furniture: nav, microdata, figure, gallery, playlist, promo box, comment count,
# top stories, related teasers, shop address, footer. None of them is a quantity of the article.
FURNITURE = ["5-day", "2025", "90", "17", "60 centimetres", "8 minutes", "11 boats", "35%", "12 months",
             "218", "9%", "27", "4 in 10", "6 charts", "31", "9 to 5", "77"]


@pytest.fixture(scope="module")
def report():
    return check_paths([str(PAGE)])


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def test_offsets_point_into_the_page_source(report, page) -> None:
    texts = list(report.quantities["text"])
    assert texts == ["3&#44;400", "40", "52", "&pound;2.5 million", "six weeks", "14"]
    for q in report.quantities.itertuples():
        assert page[q.start:q.end] == q.text  # the number as written in the page, entity and all
    values = dict(zip(report.quantities["text"], report.quantities["value"]))
    assert values["3&#44;400"] == 3400 and values["&pound;2.5 million"] == 2_500_000


def test_line_and_column_are_the_page_s(report) -> None:
    where = {q.text: report.line_col(q.doc, q.start) for q in report.quantities.itertuples()}
    assert where["3&#44;400"] == (11, 1)
    assert where["40"] == (13, 37)
    assert where["52"] == (14, 6)
    assert where["&pound;2.5 million"] == (17, 56)


def test_finding_spans_are_in_the_page(report, page) -> None:
    (finding,) = report.findings
    assert finding.rule == "NC101"
    assert [(page[s.start:s.end], s.text) for s in finding.spans] == [("40", "40"), ("52", "52")]
    assert [report.line_col(finding.doc, s.start) for s in finding.spans] == [(13, 37), (14, 6)]


def test_furniture_yields_no_quantities(report) -> None:
    texts = " | ".join(report.quantities["text"])
    for number in FURNITURE:
        assert number not in texts, number
    article = formats.html_to_text(PAGE.read_text(encoding="utf-8"))
    for phrase in ("volunteers", "Photo 3", "Watch:", "Subscribe", "comments", "Ferry", "seaside", "Harbour Road",
                   "Quay Street", "Weather"):
        assert phrase not in article, phrase
    assert "launched 40 drones" in article and "3,400 households" in article


def test_json_report_says_version_2_and_gives_page_offsets(page) -> None:
    result = CliRunner().invoke(app, ["check", str(PAGE), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 2
    for q in data["quantities"]:
        assert page[q["start"]:q["end"]] == q["text"]
    assert {(s["start"], s["text"]) for f in data["findings"] for s in f["spans"]} == {
        (page.index("40 drones"), "40"), (page.index("52 of them"), "52")}


def test_the_article_wrapper_is_kept_whatever_its_class_says() -> None:
    body = "".join(f"<p>Paragraph {w} of the report says the council spent 3 days on it.</p>"
                   for w in ("one", "two", "three", "four", "five"))
    page = (f'<html><body><div class="content-with-comments sidebar-layout">{body}'
            f'<div class="comments"><p>Reader: 12 likes</p></div></div></body></html>')
    text = formats.html_to_text(page)
    assert text.count("council spent 3 days") == 5 and "12 likes" not in text


def test_align_maps_tags_entities_and_added_list_markers() -> None:
    page = "<ul><li>Up <b>1&nbsp;200</b> units</li></ul>\n<p>Then 7&#x25; more &amp; less</p>"
    text = "- Up 1 200 units\nThen 7% more & less"
    where = htmlmap.align(text, page)
    assert where.span(text.index("1 200"), text.index("1 200") + 5) == (page.index("1&nbsp;200"),
                                                                         page.index("</b>"))
    assert page[slice(*where.span(text.index("7%"), text.index("7%") + 2))] == "7&#x25;"
    assert where.starts[0] == -1  # trafilatura's list marker is not in the page
    view = htmlmap.page_view(text, page, where)
    assert len(view) == len(page) and view[page.index("units"):].startswith("units")
    assert "\n" in view[page.index("units"):page.index("Then")]  # paragraphs stay apart


def test_extract_all_gives_page_offsets_too(page) -> None:
    # `extract --all` lists kept and set-aside numbers at the page's offsets, as `check` does
    result = CliRunner().invoke(app, ["extract", "--all", str(PAGE), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(page[r["start"]:r["end"]] == r["text"] for r in rows)
    assert "3&#44;400" in [r["text"] for r in rows]
