"""What a numcheck process loads at start-up, and what it leaves alone (each case in a fresh process)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def _fresh(code: str) -> dict:
    """Run the code in a fresh interpreter; it prints one JSON object, returned here."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_command_line_sets_up_before_numpy_and_spacy_load() -> None:
    # checker.startup must run before anything imports numpy (one BLAS thread) or spaCy (without its
    # command line); the command line's own imports reach both, so it imports checker.startup first
    seen = _fresh("""
        import json, os, sys
        os.environ.pop("OPENBLAS_NUM_THREADS", None)
        import checker.cli
        print(json.dumps({"numpy": "numpy" in sys.modules, "spacy": "spacy" in sys.modules,
                          "spacy_cli": "spacy.cli" in sys.modules, "requests": "requests" in sys.modules,
                          "blas": os.environ.get("OPENBLAS_NUM_THREADS"),
                          "threads": len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1}))
    """)
    assert seen["numpy"] and seen["spacy"]  # else this test no longer tests the order
    assert not seen["spacy_cli"] and not seen["requests"]
    assert seen["blas"] == "1" and seen["threads"] == 1

