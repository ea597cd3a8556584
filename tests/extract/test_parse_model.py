"""The shipped tagger and parser: present with its licence, loaded once, and parsing news sentences sensibly."""
from __future__ import annotations

import json

from checker.extract import parse


def _arcs(doc) -> dict[str, tuple[str, str, str]]:
    return {t.text: (t.tag_, t.dep_, t.head.text) for t in doc}


def test_model_ships_with_its_licence_and_test_scores() -> None:
    meta = json.loads((parse.MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert "Attribution-ShareAlike 4.0" in (parse.MODEL_DIR / "LICENSE.txt").read_text(encoding="utf-8")
    assert meta["performance"]["test_tag_acc"] >= 0.93
    assert meta["performance"]["test_dep_uas"] >= 0.84
    assert meta["pipeline"] == ["tok2vec", "tagger", "parser"]


def test_loaded_once_per_process() -> None:
    assert parse.pipeline() is parse.pipeline()


def test_number_modifies_the_noun_it_counts() -> None:
    arcs = _arcs(parse.parse(["Russia launched 171 drones at Ukraine overnight."])[0])
    assert arcs["171"] == ("CD", "nummod", "drones")
    assert arcs["drones"][1:] == ("obj", "launched")
    assert arcs["Russia"][1:] == ("nsubj", "launched")
    assert arcs["launched"][0] == "VBD"


def test_passive_phrasal_verb() -> None:
    arcs = _arcs(parse.parse(["Of those, 75 were shot down by air defences."])[0])
    assert arcs["shot"][0] == "VBN"
    assert arcs["down"][1:] == ("compound:prt", "shot")
    assert arcs["75"][1:] == ("nsubj:pass", "shot")


def test_partitive_of() -> None:
    arcs = _arcs(parse.parse(["Police detained 12 of the 40 protesters."])[0])
    assert arcs["protesters"][1:] == ("nmod", "12")
    assert arcs["40"][1:] == ("nummod", "protesters")


def test_same_parse_every_time() -> None:
    text = "The storm destroyed 120 homes and damaged 300 more, the mayor said on Sunday."
    first, second = parse.parse([text, text])
    assert [(t.tag_, t.dep_, t.head.i) for t in first] == [(t.tag_, t.dep_, t.head.i) for t in second]


def test_a_lone_surrogate_keeps_offsets() -> None:
    text = "Police said 40 \udc80 people were hurt."
    doc = parse.parse([text])[0]
    assert doc.text == text.replace("\udc80", "\ufffd")
    assert [t.idx for t in doc if t.text == "40"] == [text.index("40")]


def test_frames_name_only_labels_the_parser_gives() -> None:
    from checker.extract import frames

    labels = set(parse.pipeline().get_pipe("parser").labels)
    used = frames._MODIFIER_DEPS | frames._PARTITIVE_DEPS | frames._ARGUMENT_DEPS | frames._CORE_DEPS
    assert used <= labels, f"labels the parser never gives: {sorted(used - labels)}"


def test_shipped_tokenizer_is_the_one_its_config_builds() -> None:
    # parse.pipeline() skips reading the shipped tokenizer for this reason
    import spacy
    saved = spacy.load(parse.MODEL_DIR).tokenizer
    assert saved.to_bytes(exclude=["vocab"]) == parse.pipeline().tokenizer.to_bytes(exclude=["vocab"])


def test_fast_matrix_products_give_the_same_parses() -> None:
    # parse.pipeline() multiplies with numpy's BLAS rather than thinc's default (BLIS)
    import spacy
    default = spacy.load(parse.MODEL_DIR)
    texts = ["Russia launched 171 drones at Ukraine overnight, the air force said on Sunday.",
             "Of those, 75 were shot down by air defences and about 40% hit nothing, officials said.",
             "The storm destroyed 120 homes and damaged 300 more in three districts, the mayor said."]
    ours = parse.parse(texts)
    theirs = list(default.pipe(texts))
    assert [[(t.tag_, t.dep_, t.head.i) for t in d] for d in ours] == \
        [[(t.tag_, t.dep_, t.head.i) for t in d] for d in theirs]
