"""Write name, licence, sources and test-file scores into a trained pipeline's meta.json."""
import json
import sys
from pathlib import Path

model, scores = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
meta = json.loads((model / "meta.json").read_text())
meta.update({
    "name": "ud_ewt", "version": "1.0.0", "license": "CC BY-SA 4.0",
    "description": "numcheck's tagger and dependency parser, trained on UD English EWT",
    "sources": [{"name": "UD English EWT", "url": "https://universaldependencies.org/",
                 "license": "CC BY-SA 4.0",
                 "author": "Silveira, Dozat, de Marneffe, Bowman, Connor, Bauer, Manning (2014)"}],
})
meta["performance"] = {"test_" + k: v for k, v in scores.items() if k in ("tag_acc", "dep_uas", "dep_las")}
(model / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
print(json.dumps(meta["performance"]))
