"""Page furniture measured: quantities and findings of the HTML pages that their article bodies do not give.

For every article of ../shared/corpus/real with a page in ../shared/corpus/real-html (same stem), the
multiset of quantity texts of the page run is compared with that of the body run:

- furniture: the page's quantities that are not in the body, as a share of the page's quantities;
- cut body: the body's quantities that are not in the page run, as a share of the body's quantities;
- findings of the page run that the body run does not give (same rule, same span texts).

    python benchmarks/html_furniture.py [--body-json body.json] [--show 20]

--body-json caches the body run (it does not depend on the HTML path): read if present, else written.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.pipeline import check_paths  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _key(text: str) -> str:
    """A quantity's text as read: a page's span is its source (tags, entities, line breaks), the body's
    is plain text, and that is no difference of content."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", "", text))).strip()


def run_summary(paths: list[Path]) -> dict:
    """{stem: {"quantities": [texts], "findings": [[rule, [span texts]]]}} for a run over paths."""
    report = check_paths([str(p) for p in paths])
    out: dict[str, dict] = {}
    for d in report.documents:
        out[Path(d.doc).stem] = {"quantities": [], "findings": [], "error": d.error}
    for doc, text in zip(report.quantities["doc"], report.quantities["text"]):
        out[Path(doc).stem]["quantities"].append(_key(text))
    for f in report.findings:
        out[Path(f.doc).stem]["findings"].append([f.rule, [_key(s.text) for s in f.spans]])
    return out


def measure(pages: dict, bodies: dict) -> dict:
    stems = sorted(set(pages) & set(bodies))
    n_page = n_body = extra = cut = 0
    per_article, new_findings = [], []
    for stem in stems:
        p, b = Counter(pages[stem]["quantities"]), Counter(bodies[stem]["quantities"])
        only_page, only_body = p - b, b - p
        n_page += sum(p.values())
        n_body += sum(b.values())
        extra += sum(only_page.values())
        cut += sum(only_body.values())
        per_article.append((stem, sorted(only_page.elements()), sorted(only_body.elements())))
        body_findings = Counter((r, tuple(s)) for r, s in bodies[stem]["findings"])
        for r, s in pages[stem]["findings"]:
            if body_findings[(r, tuple(s))]:
                body_findings[(r, tuple(s))] -= 1
            else:
                new_findings.append((stem, r, s))
    return {"articles": len(stems), "page_quantities": n_page, "body_quantities": n_body,
            "not_in_body": extra, "not_in_page": cut, "per_article": per_article,
            "new_findings": new_findings}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--body-json", type=Path, help="cache of the body run (read if present, else written)")
    ap.add_argument("--show", type=int, default=0, help="list the N articles with most differences")
    args = ap.parse_args()
    html = sorted((CORPUS / "real-html").glob("*.html"))
    bodies_txt = [CORPUS / "real" / (p.stem + ".txt") for p in html if (CORPUS / "real" / (p.stem + ".txt")).is_file()]
    if not html:
        raise SystemExit(f"no pages in {CORPUS / 'real-html'}")
    t0 = time.perf_counter()
    if args.body_json and args.body_json.is_file():
        bodies = json.loads(args.body_json.read_text(encoding="utf-8"))
    else:
        bodies = run_summary(bodies_txt)
        if args.body_json:
            args.body_json.write_text(json.dumps(bodies), encoding="utf-8")
    pages = run_summary(html)
    m = measure(pages, bodies)
    print(f"articles: {m['articles']}  ({time.perf_counter() - t0:.0f} s)")
    print(f"page quantities not in the body: {m['not_in_body']} of {m['page_quantities']} "
          f"= {100 * m['not_in_body'] / max(m['page_quantities'], 1):.1f} %")
    print(f"body quantities not in the page run: {m['not_in_page']} of {m['body_quantities']} "
          f"= {100 * m['not_in_page'] / max(m['body_quantities'], 1):.1f} %")
    print(f"findings of the page run the body does not give: {len(m['new_findings'])}")
    for stem, rule, spans in m["new_findings"]:
        print(f"  {stem}: {rule} {spans}")
    if args.show:
        worst = sorted(m["per_article"], key=lambda a: -(len(a[1]) + len(a[2])))[:args.show]
        for stem, only_page, only_body in worst:
            print(f"{stem}: +page {only_page[:12]}  -page {only_body[:12]}")


if __name__ == "__main__":
    main()
