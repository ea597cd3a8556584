#!/usr/bin/env bash
# Reproduce the shipped tagger and parser (checker/models/en_ud_ewt) from UD English EWT.
#   bash training/train_parser.sh [UD_EWT_DIR] [WORK_DIR]
# UD_EWT_DIR holds en_ewt-ud-{train,dev,test}.conllu (default ../shared/ud-ewt); the trained
# pipeline is evaluated on the test file and copied into checker/models/en_ud_ewt with its licence.
# About an hour on a 2-core machine (6,000 steps; the best on dev is kept: step 5,500 for the shipped
# model). spaCy comes with numcheck itself (pip install -e .).
set -euo pipefail
cd "$(dirname "$0")/.."
UD=${1:-../shared/ud-ewt}
WORK=${2:-$(mktemp -d)}
PY=${PYTHON:-python}
mkdir -p "$WORK/corpus"
for part in train dev test; do
  "$PY" -m spacy convert "$UD/en_ewt-ud-$part.conllu" "$WORK/corpus" --converter conllu --n-sents 10
done
"$PY" -m spacy train training/ud-ewt.cfg --output "$WORK/out" \
  --paths.train "$WORK/corpus/en_ewt-ud-train.spacy" --paths.dev "$WORK/corpus/en_ewt-ud-dev.spacy"
"$PY" -m spacy evaluate "$WORK/out/model-best" "$WORK/corpus/en_ewt-ud-test.spacy" --output "$WORK/test-scores.json"
rm -rf checker/models/en_ud_ewt
cp -r "$WORK/out/model-best" checker/models/en_ud_ewt
cp training/MODEL_LICENSE.txt checker/models/en_ud_ewt/LICENSE.txt
cp training/MODEL_README.md checker/models/en_ud_ewt/README.md
"$PY" training/stamp_meta.py checker/models/en_ud_ewt "$WORK/test-scores.json"
