"""What a numcheck process loads at start-up, and what it leaves alone (each case in a fresh process)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest


def _fresh(code: str) -> dict:
    """Run the code in a fresh interpreter; it prints one JSON object, returned here."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("entry", ["checker.cli", "checker.batch"])
def test_one_blas_thread_and_spacy_only_when_needed_and_without_its_command_line(entry: str) -> None:
    # checker/__init__.py sets one BLAS thread before any of numcheck's modules imports numpy, whichever
    # is imported first (the command line; the benchmark's steady-state child imports checker.batch);
    # spaCy is imported when a sentence is parsed or a word lemmatised, and without its command line
    seen = _fresh(f"""
        import json, os, sys
        os.environ.pop("OPENBLAS_NUM_THREADS", None)
        import {entry}
        at_import = {{"numpy": "numpy" in sys.modules, "spacy": "spacy" in sys.modules}}
        from checker.pipeline import check_text
        check_text("The council said 12 people were hurt in the fire.", "a.txt")
        print(json.dumps({{**at_import, "spacy_after": "spacy" in sys.modules, "spacy_cli": "spacy.cli" in sys.modules,
                          "requests": "requests" in sys.modules, "blas": os.environ.get("OPENBLAS_NUM_THREADS"),
                          "threads": len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1}}))
    """)
    assert seen == {"numpy": True, "spacy": False, "spacy_after": True, "spacy_cli": False, "requests": False,
                    "blas": "1", "threads": 1}


def test_a_document_without_quantities_does_not_load_the_parser_or_inflections() -> None:
    seen = _fresh("""
        import json, sys
        import lemminflect
        lemminflect.getInflection = None  # a call would fail: the report's own nouns need no inflection table
        from checker.pipeline import check_text
        from checker.reporters import markdown
        from checker.extract.parse import pipeline
        text = markdown.render(check_text("Nothing here is counted. Not even once.", "a.txt"))
        print(json.dumps({"summary": "0 quantities found, 0 findings" in text,
                          "model": pipeline.cache_info().currsize}))
    """)
    assert seen == {"summary": True, "model": 0}


def test_warm_up_loads_quantulum3s_unit_patterns() -> None:
    # with -j N the parent warms up before the workers fork, so that they inherit what it loaded: quantulum3's
    # unit patterns too, though the warm-up sentence's own units are all in the shipped tables
    seen = _fresh("""
        import json, re
        from checker.batch import warm_up
        from checker.extract.units import quantulum_parse
        warm_up()
        compiled = []
        original = re.compile
        re.compile = lambda pattern, flags=0: compiled.append(len(str(pattern))) or original(pattern, flags)
        quantulum_parse("it was 7 degrees Celsius again")
        print(json.dumps({"longest_compiled_after_warm_up": max(compiled, default=0)}))
    """)
    assert seen["longest_compiled_after_warm_up"] < 5000
