"""End to end on real articles: the seeds and ../shared's development corpus, scored by its own scorer."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from checker.pipeline import check_paths
from checker.reporters import json_report

from conftest import SEEDS


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(shared: Path, corpus: Path, tmp_path: Path) -> dict:
    report = tmp_path / "report.json"
    report.write_text(json_report.render(check_paths([str(corpus)])), encoding="utf-8")
    return _scorer(shared).score(corpus, report, verbose=False)


def test_offsets_point_at_the_surface_in_every_seed() -> None:
    report = check_paths([str(SEEDS)])
    texts = {d.doc: Path(d.doc).read_text(encoding="utf-8") for d in report.documents}
    assert len(report.quantities) > 30
    for r in report.quantities.itertuples():
        assert texts[r.doc][r.start:r.end] == r.text


def test_seeds_meet_the_extraction_acceptance(shared: Path, tmp_path: Path) -> None:
    result = _score(shared, shared / "seeds", tmp_path)["quantities"]
    assert result["detection"]["precision"] >= 0.90
    assert result["value+unit"]["f1"] >= 0.92


def test_dev_corpus_meets_the_extraction_acceptance(shared: Path, tmp_path: Path) -> None:
    result = _score(shared, shared / "corpus" / "dev", tmp_path)["quantities"]
    assert result["detection"]["precision"] >= 0.92
    assert result["value+unit"]["f1"] >= 0.92
    assert result["value+unit+subject"]["f1"] >= 0.80


def test_json_report_is_deterministic() -> None:
    first = json_report.render(check_paths([str(SEEDS)]))
    assert json.loads(first)["documents"]
    assert first == json_report.render(check_paths([str(SEEDS)]))
