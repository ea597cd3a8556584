"""What each number is about, read from the dependency parse: subject, event and holder of a mention."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from checker.extract.context import _lemmas, _noun_lemma, canonical_subject, distance_after
from checker.extract.mentions import Mention
from checker.startup import lemminflect
from checker.vocab import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
_COMMON_NOUN_TAGS = {"NN", "NNS"}
_PRONOUN_TAGS = {"PRP", "DT", "WDT", "WP", "PRP$", "EX"}
_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
# Dependents through which a number modifies the noun it counts ("171 drones", "a 13% rating"). Not the
# *:unmarked relations: a bare noun phrase used as an adverbial ("$13 a share", "four times a week") is no
# modifier of the counted thing (measured: adding them lowered real-gold subject F1 from 0.703 to 0.693).
_MODIFIER_DEPS = {"nummod", "amod", "compound", "det"}
# Dependents of a noun that name what it is part of ("75 of the drones", "15 percent of GDP").
_PARTITIVE_DEPS = {"nmod", "obl"}
# Arguments through which a verb acts on the noun phrase of a number.
_ARGUMENT_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "conj", "appos", "xcomp", "ccomp", "advcl", "acl",
                  "acl:relcl", "nmod", "dep", "ROOT", "parataxis", "list", "obl:unmarked", "nmod:unmarked", "advmod"}
# How a phrase must attach to a verb for an action outside the labels to count as its event.
_CORE_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj"}
# Units of shares and moves, not of things: no event, and their subject is what they measure.
_SHARE_UNITS = {"percent", "point", "ratio", "bp"}
_PARTICLES = {"down", "up", "off", "out", "away", "over", "back", "in", "on"}


@dataclass(frozen=True)
class Frame:
    """What the parse says about one mention; None where it does not say."""
    subject: str | None
    event: str | None
    trigger: int            # offset of the event's verb in the sentence, -1 without one
    holder: str | None      # the possessor of the counted thing ("Google's profit" -> Google)
    verb: str | None        # lemma of the governing verb (with its particle), for antecedent checks
    antecedent: str | None  # for a number with no noun of its own ("20 of them", "injuring 214"): the nearest
                            # plural noun before it in the sentence
    refers_back: bool = False  # the number's phrase points back ("of them", "of the 160,000")
    relation: str = ""      # how the number's phrase attaches to the verb: "core" or "oblique"
    agent: str | None = None  # who does what the verb says: its subject, or "by X" in the passive
    verb_at: int = -1       # offset of the governing verb in the sentence, -1 without one
    phrase: tuple[int, int] = (-1, -1)  # offsets of the number's whole noun phrase ("23 people dead or injured")
    place: str | None = None  # where, as the number's phrase or clause names it ("12 people in Kharkiv")


def mention_span(doc: "Doc", m: Mention) -> "Span | None":
    """The tokens of m in its parsed sentence (None where they do not align), found once per mention.

    pronoun_one, frame_of and trigger_bears_on each ask for the same mention's span; the spans of the
    last sentence are kept, by offsets, with the sentence's parse itself (so a parse whose id is reused
    cannot be confused with it; a thread that finds another's parse there only starts anew)."""
    global _SPANS
    kept_doc, spans = _SPANS
    if kept_doc is not doc:
        spans = {}
        _SPANS = (doc, spans)
    key = (m.start, m.end)
    if key not in spans:
        spans[key] = doc.char_span(m.start, m.end, alignment_mode="expand")
    return spans[key]


_SPANS: tuple = (None, {})


def frame_of(doc: "Doc", m: Mention, vocab: Vocabulary) -> Frame | None:
    """The frame of m in its parsed sentence, or None when the mention does not align with the tokens."""
    span = mention_span(doc, m)
    if span is None or not len(span):
        return None
    root = span.root  # the token whose head lies outside the span
    noun = _glued_noun(span, vocab) if m.unit == "count" else None
    if noun is None:
        noun = _counted_noun(span, root, m, vocab)
    if noun is None and m.unit in ("ratio", "count"):
        noun = _compared_noun(span)  # "10 times as many cases as reported"
    # "20 of them", "half of the 160,000": the phrase refers back, so its antecedent is the subject
    refers_back = noun is not None and noun.tag_ in _PRONOUN_TAGS | {"CD"}
    of_number = refers_back and noun.tag_ == "CD"  # "won 12 of 13": no thing named at all
    if refers_back:
        noun = None
    subject = _subject_word(noun, vocab, counted=m.unit == "count") if noun is not None else None
    owner = noun
    population = _fronted_population(doc, span, vocab, m.unit != "count") if noun is None and m.unit in ("percent", "fraction", "count") \
        and not m.currency else None
    margin = _margin(root, vocab) if noun is None and m.unit in _SHARE_UNITS else None
    if population is not None:
        subject, owner, refers_back = _subject_word(population, vocab), population, False
    elif margin is not None:
        subject, owner = margin, None  # "Trump won the state by 30 points": the margin, not the state
    elif noun is None and not refers_back and m.unit in ("percent", "fraction") and _holds_opinion(root, vocab):
        subject, owner = "person", None  # "Fifty-one percent say ...", "38% favoured cutting it": people polled
    elif subject is None and (m.unit in _SHARE_UNITS | {"fraction"} or m.currency) and not refers_back:
        # a share or price that is the value of something: "turnout was 65%", "the fund totals $712 million"
        owner = _predicate_noun(root, vocab, m.currency)
    elif subject is None and not refers_back and _measure(m, vocab) and not distance_after(doc.text, m.end, vocab):
        # "the river is 3 km wide", "the display size will remain 13.3 inches", "particles smaller than 2.5 microns"
        owner = _copular_subject(root) or _described_noun(root)
    if owner is not None and owner is not noun:
        subject = _subject_word(owner, vocab)
    if subject is None and noun is None and not refers_back and m.unit != "count" and not m.currency \
            and not _duration(m, vocab):
        # "a margin of 20 points", "ratings of 999"; not a duration: "over the course of 12 months" names no
        # lasting thing
        subject = _value_of(root, vocab)
    # a partitive's noun hangs on the number ("half of the cars"): the number's own place in the clause counts
    partitive = noun is not None and (noun.head.i in range(span.start, span.end))
    verb_tok, relation = _governing_verb(noun if noun is not None and not partitive else root, span)
    event, trigger, verb = None, -1, None
    if verb_tok is not None:
        verb = _verb_phrase(verb_tok)
        if _takes_event(m, noun, vocab):
            passive = any(c.dep_ == "aux:pass" for c in verb_tok.children)
            event = _event_label(_verb_form(verb_tok), verb, relation, m, vocab, passive)
            trigger = verb_tok.idx if event else -1
    holder = _holder(owner) if owner is not None else None
    antecedent = None
    after = doc[span.end] if span.end < len(doc) else None
    times = (span[-1].lower_ == "times" and span[-1].i > span.start) or (after is not None and after.lower_ == "times")
    if subject is None and noun is None and verb_tok is not None and m.unit == "count" and (of_number or times) \
            and not any(c.dep_ == "aux:pass" for c in verb_tok.children):
        # "the Lakers have won 12 of 13", "he scored four times": the verb's usual object is what is counted
        # (not a bare "won six" after "22 seats": an ellipsis of the noun before it)
        subject = vocab.subjects.get("implied_objects", {}).get(_verb_lemma(verb_tok.lower_))
        refers_back = refers_back and subject is None
    if refers_back:
        antecedent = _antecedent(span, vocab)
    agent = _agent(verb_tok, noun if noun is not None else root) if verb_tok is not None else None
    top = noun if noun is not None else root
    phrase = (min(top.left_edge.idx, span.start_char), top.right_edge.idx + len(top.right_edge))
    place = _place(top, verb_tok, vocab)
    return Frame(subject, event, trigger, holder, verb, antecedent, refers_back, relation, agent,
                 verb_tok.idx if verb_tok is not None else -1, phrase, place)


def _counted_noun(span: "Span", root: "Token", m: Mention, vocab: Vocabulary) -> "Token | None":
    """The noun the number counts or measures: an 'of' complement, or the noun it modifies."""
    for tok in (root, *[t for t in span if t.i != root.i]):
        for child in tok.children:
            if child.i < span.end or child.dep_ not in _PARTITIVE_DEPS:
                continue
            cases = {c.lower_ for c in child.children if c.dep_ == "case"}
            if "of" in cases or (m.currency and "in" in cases):  # "75 of the drones", "$1.5 billion in aid"
                return _list_category(_phrase_head(child))
    for child in root.children:
        # a figure defined after a dash or colon, as fact boxes write them: "680 - Number of detainees held"
        if child.dep_ == "appos" and child.i >= span.end and child.tag_ in _COMMON_NOUN_TAGS \
                and child.i - span.end == 1 and span.doc[span.end].text in ("-", "–", "—", ":") \
                and span.doc[span.end].whitespace_:
            return child
    head = root.head
    while head.tag_ == "CD" and head.dep_ in _MODIFIER_DEPS and head.head.i > head.i and head.i >= span.end:
        head = _phrase_head(head.head)  # "400 737 Max jets": a model number stands between count and noun
    if (root.dep_ in _MODIFIER_DEPS and head.i != root.i and head.i >= span.end and head.tag_ in _COMMON_NOUN_TAGS | {"NNPS"}
            and not _is_unit_word(head, vocab) and not any(t.is_punct and not _word_hyphen(t)
                                                               for t in span.doc[span.end:head.i])):
        head = _phrase_head(head)  # (a comma between them means two phrases: "31, officials")
        return _head_final(span, head, vocab) if m.unit == "count" and not m.currency else head
    return None


_NOMINAL_TAGS = {"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "VBN", "VBG"}


def _list_category(noun: "Token") -> "Token":
    """'2.5 tons of fuel, water, food and other supplies': a list closed by 'and other X' is a list of X."""
    for c in noun.children:
        if c.dep_ == "conj" and c.tag_ in _COMMON_NOUN_TAGS and any(
                a.lower_ == "other" and a.dep_ == "amod" for a in c.children):
            return c
    return noun


def _word_hyphen(tok: "Token") -> bool:
    """A hyphen inside a word ('double-doubles'), not a dash between phrases."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _head_final(span: "Span", noun: "Token", vocab: Vocabulary) -> "Token":
    """An English noun phrase ends in its head: where the parser stopped early in the run of modifiers and
    nouns after the number ('37 Ukrainian drones', '2,300 confirmed measles cases'), the last noun of the
    run is what is counted. A plural the tagger took for a verb ('drones' as VBZ) still ends the run."""
    last, plural = noun, False
    for tok in span.doc[span.end:span.end + 6]:
        if plural and tok.tag_ in ("VBN", "VBG", "NN", "JJ", "NNP", "NNPS"):
            break  # after a plural, a participle starts a clause and a singular noun another phrase
        if tok.tag_ in _NOMINAL_TAGS and not tok.is_punct or tok.text == "-":
            if tok.tag_ in ("NN", "NNS") and not _is_unit_word(tok, vocab):
                last, plural = tok, tok.tag_ == "NNS"
            continue
        if not plural and tok.tag_ == "VBZ" and "NOUN" in _lemmas(tok.lower_):
            last = tok
        break
    return last if last.i > noun.i else noun


def _glued_noun(span: "Span", vocab: Vocabulary) -> "Token | None":
    """'a three-game streak', 'a six-member crew': the noun glued to the number counts the things."""
    doc = span.doc
    toks = list(span) + list(doc[span.end:span.end + 2])
    for k, (a, b) in enumerate(zip(toks, toks[1:])):
        if k and a.text == "-" and not toks[k - 1].whitespace_ and not a.whitespace_ \
                and b.tag_ in _COMMON_NOUN_TAGS and not _is_unit_word(b, vocab):
            return b
    return None


def _phrase_head(tok: "Token") -> "Token":
    """A noun used as a compound modifier is not what is counted: '147 attack drones' counts drones."""
    while (tok.dep_ in ("compound", "amod") and tok.head.i != tok.i and tok.head.i > tok.i
           and tok.head.tag_ in ("NNS", "NNPS")):
        tok = tok.head  # (only to a plural: a singular "head" after the noun is often a verb the tagger missed)
    return tok


def _antecedent(span: "Span", vocab: Vocabulary) -> str | None:
    """The nearest plural common noun before the number that heads a noun phrase of its own
    ('Two gunmen died, and three others escaped' -> gunman; '21 Christians, 20 of them ...' -> christian)."""
    doc = span.doc
    # the subject of any clause the number sits in does what is done to it: never what "them" points to
    # (read from the number's ancestors, so a verb the tagger mistook for a noun still counts)
    doers = {t.i for a in span.root.ancestors for c in a.children if c.dep_ == "nsubj" for t in c.subtree}
    candidates = [t for t in reversed(doc[:span.start])
                  if t.tag_ == "NNS" and t.dep_ != "compound" and not _is_unit_word(t, vocab) and t.i not in doers]
    # a group the text has just counted is what "of them" points back to ("surveyed 2,000 nurses, and 61% of
    # them"); else the nearest plural noun that is not the doer of the number's own verb
    counted = [t for t in candidates if any(c.dep_ == "nummod" for c in t.children)]
    for tok in counted + candidates:
        word = _subject_word(tok, vocab)
        if word:
            return word
    return None


@lru_cache(maxsize=8)
def _code_re(vocab: Vocabulary) -> "re.Pattern[str]":
    return re.compile("|".join(f"(?:{p})" for p in vocab.nonq["instrument_codes"]))


def _named_by_code(tok: "Token", vocab: Vocabulary) -> "Token":
    """A market code the parser made a noun ('the Dow .DJI fell', 'Sterling GBP= was'): the name it follows."""
    if not _code_re(vocab).fullmatch(tok.text.strip()):
        return tok
    names = [c for c in tok.children if c.i < tok.i and c.tag_ in _NOUN_TAGS]
    if names:
        return names[0]  # the name's head: "Dow" of "the Dow Jones Industrial Average .DJI"
    before = tok.doc[tok.i - 1] if tok.i else None
    return before if before is not None and before.tag_ in _NOUN_TAGS and before.is_alpha else tok


def _is_unit_word(tok: "Token", vocab: Vocabulary) -> bool:
    return tok.lower_ in vocab.not_subjects and tok.lower_ not in vocab.synonyms


def _subject_word(noun: "Token", vocab: Vocabulary, counted: bool = False) -> str | None:
    """Singular lower-case subject of a noun token, with a compound where the head alone names no thing.
    counted: the number counts the noun's things ("five Dreamliner sales" counts sales, where "Dreamliner
    sales fell 10%" measures the Dreamliners sold)."""
    if noun.tag_ in _PRONOUN_TAGS or _inflected_change_verb(noun, vocab):
        return None
    word = noun.text
    if word[:1].isupper() and word.endswith("s") and word in vocab.actor_of_word:
        return "person"  # "64% of Poles", "one in five Germans"
    found = _proper_subject(noun, vocab)  # (read once: it walks the noun's subtree)
    if noun.tag_ in ("NNP", "NNPS") or found:
        if found:
            return found  # "the Dow fell 102 points": a named index, a named crude
        if noun.tag_ == "NNPS" and noun.i > 0 and noun.doc[noun.i - 1].tag_ == "CD":
            lemma = _noun_lemma(word.lower(), vocab, after_number=True)  # "21 Christians", "300 Democrats"
            return canonical_subject(lemma[0], vocab) if lemma else None
        return None
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    for k in range(len(mods)):  # a name of several words: "gross domestic product" -> GDP
        phrase = " ".join(t.lower_ for t in mods[k:]) + " " + noun.lower_
        if phrase in vocab.synonyms and " " in phrase:
            return vocab.synonyms[phrase]
    if noun.lower_ in vocab.change_words and noun.tag_ in _COMMON_NOUN_TAGS:
        # "a 12% rise in profit" is about the profit; "a 400% increase since 1997" about what the text just counted
        changed = [c for c in noun.children if c.dep_ == "nmod" and c.tag_ in _NOUN_TAGS and not _is_unit_word(c, vocab)
                   and any(k.dep_ == "case" and k.lower_ == "in" for k in c.children)]
        return _subject_word(changed[0], vocab) if changed else None
    if noun.lower_ in vocab.subjects.get("quantity_heads", ()):
        counted = [c for c in noun.children if c.dep_ == "nmod" and c.tag_ in _NOUN_TAGS
                   and any(k.dep_ == "case" and k.lower_ == "of" for k in c.children)]
        if counted:
            return _subject_word(counted[0], vocab)  # "the number of respondents rose 25%": respondents
    if noun.lower_ in vocab.subjects.get("dimension_heads", ()):
        measured = [c for c in noun.children if (c.dep_ == "compound" and c.i < noun.i and c.tag_ in _COMMON_NOUN_TAGS)
                    or (c.dep_ == "nmod" and c.tag_ in _NOUN_TAGS and any(k.lower_ == "of" for k in c.children))]
        if measured:
            return _subject_word(measured[-1], vocab)  # "the display size will remain 13.3 inches": the display
    if noun.lower_ in vocab.subjects.get("flow_heads", ()) and not counted:
        things = [c for c in noun.children if c.dep_ in ("compound", "conj", "amod") and c.i < noun.i
                  and (c.tag_ in _COMMON_NOUN_TAGS or _noun_not_adjective(c))]
        if things:
            return _subject_word(things[0], vocab)  # "vehicle sales fell 10%": the vehicles sold
    doc, i = noun.doc, noun.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
            and doc[i - 2].is_alpha:
        word = f"{doc[i - 2].text}-{word}"  # "triple-doubles": the hyphenated word is the noun
    lemma = _noun_lemma(word, vocab, after_number=True)
    if lemma is None and "-" in word and not doc[i - 2].like_num:  # "triple-doubles" -> "triple-double"
        first, _, last = word.rpartition("-")
        tail = _noun_lemma(last, vocab, after_number=True)
        lemma = (f"{first.lower()}-{tail[0]}", tail[1]) if tail else None
    if lemma is None:
        return None
    found = _noun_lemmas(word.lower())
    singular = found[0] if found else word.lower()
    if counted and {word.lower(), singular} & set(vocab.subjects.get("amount_only_synonyms", ())):
        head = singular  # counted things, not an amount: "five sales" are five deals
    else:
        head = canonical_subject(lemma[0], vocab)
    if head in vocab.subjects.get("compound_heads", ()):
        mods = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.tag_ == "NN"]
        if mods:
            return " ".join([mods[-1].lower_, head])
    return head


def _noun_not_adjective(tok: "Token") -> bool:
    """A word the tagger took for an adjective that English has only as a noun ('sedan sales')."""
    lemmas = _lemmas(tok.lower_)
    return tok.tag_ == "JJ" and "NOUN" in lemmas and "ADJ" not in lemmas


def _inflected_change_verb(tok: "Token", vocab: Vocabulary) -> bool:
    """'use disorder rose 25%': a past or -ing form of a change verb the tagger took for a noun ('rose',
    'fell') is the clause's verb, never what is counted. Plurals stay nouns ('rate cuts', 'price rises')."""
    word = tok.lower_
    return word in vocab.change_words and not word.endswith("s") and _verb_lemma(word) != word


def _proper_subject(noun: "Token", vocab: Vocabulary) -> str | None:
    """The subject a listed name stands for, matched on the whole name (the noun with its compound and
    flat parts: 'Dow Jones Industrial Average', 'S&P 500'), so 'Dow Chemical' is no index."""
    names = vocab.subjects.get("proper_subjects", {})
    code, i = _code_re(vocab), noun.i
    if " " not in noun.text and noun.text not in _name_words(vocab) and not code.fullmatch(noun.text):
        # the noun is one of the words joined below, and no listed name has it: the subtree need not be walked
        return None
    # (the distance first: it is an integer, where a token's relation is a string looked up for each)
    parts = [t for t in noun.subtree
             if (t.i == i or (abs(t.i - i) <= 4 and t.dep_ in ("compound", "flat", "nummod", "appos", "amod")))
             and not code.fullmatch(t.text)]
    return names.get(" ".join(t.text for t in parts))


@lru_cache(maxsize=8)
def _name_words(vocab: Vocabulary) -> frozenset[str]:
    """The words of rules/subjects.yaml proper_subjects, as _proper_subject joins them (with single spaces)."""
    return frozenset(w for name in vocab.subjects.get("proper_subjects", {}) for w in str(name).split(" "))


_FRONTED = {"of", "among"}


def _fronted_population(doc: "Doc", span: "Span", vocab: Vocabulary, shares: bool) -> "Token | None":
    """'Of the participants who answered, just over half were female, 77 percent ...', 'Among adults aged 26
    or older, 23 percent ...': a group set before a comma at the head of the sentence is what the shares and
    counts of the clause after it are parts of."""
    first = next((t for t in doc if not t.is_punct), None)
    if first is None or first.dep_ != "case" or not (first.lower_ in _FRONTED or first.lower_ == "in"):
        return None
    group = first.head
    if group.tag_ not in _COMMON_NOUN_TAGS or _is_unit_word(group, vocab) or group.i <= first.i:
        return None
    if first.lower_ == "in" and (group.tag_ != "NNS" or not shares):
        return None  # "In adults aged 26 or older, the number who ... rose by 23 percent": a plural group, for shares
    own = [c.right_edge.i for c in group.children if c.dep_ not in ("conj", "cc", "punct", "parataxis") and c.i > group.i]
    edge = max(own, default=group.i) + 1  # (the parser may hang the rest of the sentence on the group as conjuncts)
    if edge >= len(doc) or doc[edge].text != "," or span.start <= edge:
        return None
    return _phrase_head(group)


def _value_of(root: "Token", vocab: Vocabulary) -> str | None:
    """What a measure written as the value of a noun is about: 'a margin of 20 points' (the noun before 'of')."""
    cases = {c.lower_ for c in root.children if c.dep_ == "case"}
    head = root.head
    if head.i == root.i:
        return None
    if "of" in cases and root.dep_ == "nmod" and head.tag_ in _COMMON_NOUN_TAGS and head.i < root.i \
            and head.lower_ not in vocab.change_words:  # "an increase of 0.3%" is about what increased
        return _subject_word(head, vocab)
    return None


_AS_MANY = {"many", "much", "more", "fewer", "less"}


def _compared_noun(span: "Span") -> "Token | None":
    """'ten times as many cases', 'three times more money': a multiple compares amounts of the noun after it."""
    doc, k = span.doc, span.end
    if k < len(doc) and doc[k].lower_ == "times":
        k += 1
    if k + 1 < len(doc) and doc[k].lower_ == "as" and doc[k + 1].lower_ in _AS_MANY:
        k += 2
    elif k < len(doc) and doc[k].lower_ in ("more", "fewer", "less"):
        k += 1
    else:
        return None
    return doc[k] if k < len(doc) and doc[k].tag_ in _COMMON_NOUN_TAGS else None


def _holds_opinion(root: "Token", vocab: Vocabulary) -> bool:
    """Is the share the subject of a verb of saying or holding a view (rules/subjects.yaml opinion_verbs)?"""
    head = root.head
    return root.dep_ == "nsubj" and head.tag_ in _VERB_TAGS and \
        _verb_lemma(head.lower_) in vocab.subjects.get("opinion_verbs", ())


def _margin(root: "Token", vocab: Vocabulary) -> str | None:
    """'Trump won the state by 30 points': a contest verb's 'by' phrase is its margin (rules/subjects.yaml
    by_phrase_subjects)."""
    head = root.head
    if head.i == root.i or head.tag_ not in _VERB_TAGS or not any(
            c.dep_ == "case" and c.lower_ == "by" for c in root.children):
        return None
    return vocab.subjects.get("by_phrase_subjects", {}).get(_verb_lemma(head.lower_))


def _duration(m: Mention, vocab: Vocabulary) -> bool:
    return m.unit in vocab.units.get("period_units", {}).values()


def _measure(m: Mention, vocab: Vocabulary) -> bool:
    """A measurement in a unit that names no subject of its own (megabytes, inches of a screen); not a
    count, share, amount of money, duration, or a unit whose subject goes by convention (speed, area)."""
    return (m.unit not in _SHARE_UNITS | {"fraction", "count"} and not m.currency
            and not _duration(m, vocab) and m.unit not in vocab.subjects["default_by_unit"])


_COPULAS = {"be", "remain", "stay", "become"}


def _described_noun(root: "Token") -> "Token | None":
    """The noun a measure describes through an adjective or participle modifying it ('particles smaller than
    2.5 microns', 'winds gusting to 55 mph')."""
    head = root.head
    if head.i != root.i and root.dep_ in ("obl", "obj", "obl:unmarked") and (
            (head.tag_ in ("JJ", "JJR") and head.dep_ == "amod") or (head.tag_ in ("VBG", "VBN") and head.dep_ == "acl")):
        noun = head.head
        return noun if noun.tag_ in _COMMON_NOUN_TAGS else None
    return None


def _copular_subject(root: "Token") -> "Token | None":
    """The subject of a copular clause whose predicate is the measure ('the river is about 3 km wide')."""
    head = root if any(c.dep_ == "cop" for c in root.children) else root.head
    if root.dep_ in ("xcomp", "obj", "obl") and head.tag_ in _VERB_TAGS and _verb_lemma(head.lower_) in _COPULAS:
        pass  # "will remain 13.3 inches"
    elif not any(c.dep_ == "cop" for c in head.children):
        return None
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    return subj if subj is not None and subj.tag_ in _COMMON_NOUN_TAGS else None


def _predicate_noun(root: "Token", vocab: Vocabulary, static_only: bool) -> "Token | None":
    """A share or measure that is the value of something: 'turnout was 65%', 'its rating stood at 13%'."""
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubj:pass"):
            child = _named_by_code(child, vocab)
            if child.tag_ in _NOUN_TAGS:
                return child
    head = root.head
    if head.i != root.i and head.tag_ in _NOUN_TAGS:
        if not static_only and any(c.dep_ == "case" and c.lower_ == "at" for c in root.children):
            return head  # "the approval rating at 13%", "unemployment at 5.2%"
        if any(c.dep_ == "cop" for c in head.children):
            return _verb_subject(head)  # "the code base is 59% PHP": a share of the code base
        return None
    copular = any(c.dep_ == "cop" for c in head.children)  # "sedan sales are down 12.3%"
    if head.i == root.i or (head.tag_ not in _VERB_TAGS and not copular) \
            or root.dep_ not in ("obj", "obl", "xcomp", "advmod", "obl:unmarked"):
        return None
    if head.lower_ in _source_verbs(vocab):
        return None  # "the statistics office said": the speaker is not what a share measures
    if static_only and _verb_lemma(head.lower_) not in _static_verbs(vocab) and not copular:
        return None  # "lawmakers approved $1.5 billion": an agent, not what the amount measures
    subj = _verb_subject(head)
    objs = [c for c in head.children if c.dep_ == "obj" and c.i != root.i and c.i < root.i]
    pick = objs[0] if objs else subj  # "cut its rate by 0.25", "sales rose 5%"
    if pick is not None:
        pick = _named_by_code(pick, vocab)
        if _inflected_change_verb(pick, vocab):
            # "the number of respondents who had the disorder rose by 25%", with "rose" tagged a noun: the verb
            # of the sentence, whose subject is the sentence's nominal root
            top = next(t for t in root.sent if t.dep_ == "ROOT")
            pick = top if top.tag_ in _COMMON_NOUN_TAGS else None
    if pick is None or pick.tag_ not in _NOUN_TAGS:
        return None
    return pick


def _verb_subject(verb: "Token", hops: int = 0) -> "Token | None":
    """The verb's subject: its own; a coordinated verb's first conjunct's ('the fund pays for ... and totals
    $712 million') and a complement's controller ('sales are expected to rise 5%'); for a relative pronoun,
    the noun the clause hangs on ('the fund, which totals ...')."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is None and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i and hops < 3:
        return _verb_subject(verb.head, hops + 1)
    if subj is not None and subj.tag_ in ("WDT", "WP") and verb.dep_ == "acl:relcl":
        return verb.head
    return subj


def _governing_verb(tok: "Token", span: "Span") -> tuple["Token | None", str]:
    """The verb whose argument the number's noun phrase is, or the verb of a reduced relative clause that
    modifies it, with how the phrase attaches: 'core' (subject, object, reduced clause) or 'oblique'."""
    verb, relation = _head_verb(tok)
    if relation == "core":
        return verb, relation  # "shot down 337 drones that had targeted ...": the main clause acts on them
    for child in tok.children:
        if (child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and child.i > tok.i and child.is_alpha
                and not any(c.dep_.startswith("nsubj") for c in child.children)):
            return child, "core"  # "the 12 people killed in the attack", "140 whales beaching"
    return verb, relation


def _head_verb(tok: "Token") -> tuple["Token | None", str]:
    t, hops, steps = tok, 0, 0
    while steps < 6 and hops < 4:
        head = t.head
        if head.i == t.i:
            return None, ""
        if head.tag_ in _VERB_TAGS:
            if t.dep_ not in _ARGUMENT_DEPS or not head.is_alpha:
                return None, ""
            core = hops == 0 and t.dep_ in _CORE_DEPS
            if t.dep_ == "conj" and hops == 0:
                core = _conjunct_is_core(t)  # "killed 9 and injured 12"
            return head, "core" if core else "oblique"
        if t.dep_ not in ("nmod", "conj", "appos", "nummod", "compound", "amod", "obl", "nmod:unmarked"):
            return None, ""
        # a number modifying its noun stays in the noun's phrase ("three others may have escaped"); a
        # prepositional or coordinated attachment leaves it
        hops += t.dep_ != "nummod"
        t, steps = head, steps + 1
    return None, ""


def _conjunct_is_core(t: "Token") -> bool:
    """'launched 143 drones and six missiles': a conjunct is the verb's object as its first conjunct is;
    not where a verb stands between them ('killed nine and injured 23': the second verb is its own)."""
    first = t.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    between = t.doc[min(first.i, t.i) + 1:max(first.i, t.i)]
    return first.dep_ in _CORE_DEPS and not any(w.tag_ in _VERB_TAGS for w in between)


def _particle(verb: "Token") -> str | None:
    prt = [c.lower_ for c in verb.children
           if c.dep_ == "compound:prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLES and c.i == verb.i + 1)]
    return prt[0] if prt else None


def _verb_phrase(verb: "Token") -> str:
    """The verb's lemma with its particle: 'were shot down' -> 'shoot down'."""
    lemma, prt = _verb_lemma(verb.lower_), _particle(verb)
    return f"{lemma} {prt}" if prt else lemma


def _verb_form(verb: "Token") -> str:
    """The verb as written with its particle: 'shot down'."""
    prt = _particle(verb)
    return f"{verb.lower_} {prt}" if prt else verb.lower_


# lemminflect looks a word up afresh (and copies its tables' entries) at every call: the words of news
# text repeat, so each is looked up once
@lru_cache(maxsize=20000)
def _noun_lemmas(word: str) -> tuple[str, ...]:
    return lemminflect.getLemma(word, upos="NOUN")


@lru_cache(maxsize=20000)
def _verb_lemma(word: str) -> str:
    lemmas = lemminflect.getLemma(word, upos="VERB")
    return lemmas[0] if lemmas else word


def _takes_event(m: Mention, noun: "Token | None", vocab: Vocabulary) -> bool:
    """Counts, amounts of money or matter, and partitive shares are acted on; rates and durations are not."""
    if m.unit in vocab.events.get("no_event_units", []):
        return False
    if m.unit in _SHARE_UNITS:
        return False
    if m.unit == "fraction":
        return noun is not None
    return True


def _event_label(form: str, verb: str, relation: str, m: Mention, vocab: Vocabulary, passive: bool = False) -> str | None:
    """SPEC's label for a verb phrase; 'other' for an action outside the labels done to a counted thing
    that is the verb's subject or object; None for a static or recorded count."""
    table = _surface_labels(vocab)
    label = None
    if passive:  # "were lost" is listed for the passive only
        label = table.get("pass:" + form) or table.get("pass:" + form.split()[0])
    label = label or table.get(form) or table.get(form.split()[0])
    if label:
        return label
    if relation != "core" or m.currency:
        return None
    if verb.split()[0] in _static_verbs(vocab):
        return None
    return "other"


@lru_cache(maxsize=8)
def _surface_labels(vocab: Vocabulary) -> dict[str, str]:
    """events.yaml words as verb forms (with a particle): 'shot down' -> downed, 'were killed' -> killed.

    Keyed on the forms listed, as the file asks editors to list every inflection: a sense of one
    form ("carried 14 cantons") does not spread to the others ("carrying 218 passengers")."""
    table: dict[str, str] = {}
    ambiguous: set[str] = set()
    for label, spec in vocab.events["events"].items():
        for phrase in spec.get("words", []):
            words = phrase.lower().split()
            passive = words[0] in ("were", "was", "been", "be", "are", "is") and len(words) > 1
            if words[0] in ("were", "was", "have", "has", "had", "been", "be", "are", "is") and len(words) > 1:
                words = words[1:]
            if passive:
                words[0] = "pass:" + words[0]  # "were lost" is not "lost four games"
            if len(words) > 2 or (len(words) == 2 and words[1] not in _PARTICLES):
                continue
            key = " ".join(words)
            if key in table and table[key] != label:
                ambiguous.add(key)
            table[key] = label
    for key in ambiguous:
        table.pop(key)  # "took" is captured or received, "sent" launched or deployed: the verb alone cannot say
    return table


@lru_cache(maxsize=8)
def _static_verbs(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(vocab.events.get("static_verbs", []))


def _agent(verb: "Token", argument: "Token") -> str | None:
    """The doer of the verb: its active subject ('Russia launched 171 drones'), or the 'by' phrase of a passive
    ('75 were shot down by air defences'); never the counted phrase itself."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i != argument.i and not child.is_ancestor(argument):
            return " ".join(t.text for t in child.subtree)
        if child.dep_ in ("obl", "obl:agent") and any(c.lower_ == "by" and c.dep_ == "case" for c in child.children):
            return " ".join(t.text for t in child.subtree if t.dep_ != "case")
    return None


def _place(top: "Token", verb: "Token | None", vocab: Vocabulary) -> str | None:
    """The named place the number's phrase or clause puts it in: 'killed 12 people in Kharkiv', 'the 30,000
    troops at Camp Humphreys', 'in the Kherson region'. A name only (a proper noun, or a common noun it
    qualifies): 'in the attack' or 'in March' is no place."""
    preps, not_places = _place_words(vocab)
    for owner in (top, verb):
        if owner is None:
            continue
        for c in owner.children:
            if c.dep_ not in ("obl", "nmod") or not any(k.dep_ == "case" and k.lower_ in preps for k in c.children):
                continue
            sub = {t.i for t in c.subtree}
            left = c.i
            while left - 1 in sub and c.doc[left - 1].tag_ in _NOUN_TAGS | {"JJ"} and c.doc[left - 1].text[:1].isupper():
                left -= 1  # "New York City": the name's words before its head
            right = c.i
            while right + 1 in sub and c.doc[right + 1].dep_ == "flat":
                right += 1
            parts = list(c.doc[left:right + 1])
            names = [t for t in parts if t.tag_ in ("NNP", "NNPS") and t.lower_ not in not_places]
            if not names:
                continue  # "in the attack", "in March"
            return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
    return None


@lru_cache(maxsize=8)
def _place_words(vocab: Vocabulary) -> tuple[frozenset[str], frozenset[str]]:
    """The prepositions that put a number in a place, and the names that are no place (months, weekdays)."""
    return (frozenset(w.lower() for w in vocab.actors.get("place_prepositions", ())),
            frozenset(vocab.month_number) | frozenset(vocab.weekday_number))


def _holder(noun: "Token") -> str | None:
    """The possessor of the counted thing: 'Google's profit', 'the company's 300 employees'."""
    for child in noun.children:
        if child.dep_ == "nmod:poss" and child.tag_ in ("NNP", "NNPS", "NN", "NNS"):
            return " ".join(t.text for t in child.subtree if t.dep_ != "case").strip() or None
    return None


def source_of(doc: "Doc", vocab: Vocabulary, sentence: str | None = None) -> str | None:
    """Who the sentence attributes its numbers to: the subject of its attribution verb, as written
    ('The fire chief, Marta Lind, said ...' -> 'The fire chief, Marta Lind'); None without one.
    sentence: the text parsed, where the caller has it (doc.text joins the tokens again)."""
    verbs = _source_verbs(vocab)
    low = (doc.text if sentence is None else sentence).lower()
    if not any(v in low for v in verbs):
        return None  # no token can be one of the verbs: a test on the text, not a walk over every token
    from spacy.attrs import LOWER  # (spaCy is loaded by then: the doc is its parse)

    # the tokens' lower-case forms as spaCy keeps them, hashes of the strings: compared in one pass, where
    # reading each token's lower_ looked its string up
    hashes = _source_verb_hashes(verbs)
    for i, h in enumerate(doc.to_array(LOWER).tolist()):
        if h not in hashes:
            continue
        tok = doc[i]
        if tok.tag_ not in _VERB_TAGS:
            continue
        for child in tok.children:
            if child.dep_ == "nsubj" and child.tag_ not in ("WDT", "WP"):
                words = [t for t in child.subtree if t.dep_ != "punct" or t.i < child.right_edge.i]
                text = doc[words[0].i:words[-1].i + 1].text.strip(" ,")
                return text or None
    return None


@lru_cache(maxsize=8)
def _source_verbs(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(w.lower() for w in vocab.actors["source_verbs"] if " " not in w)


@lru_cache(maxsize=8)
def _source_verb_hashes(verbs: frozenset[str]) -> frozenset[int]:
    """spaCy's hashes of the verbs (the keys of its string store: a token's lower_ is the string of its hash)."""
    from spacy.strings import hash_string
    return frozenset(hash_string(v) for v in verbs)


def pronoun_one(doc: "Doc", m: Mention) -> bool:
    """Is this 'one' a pronoun rather than a count: it heads its own phrase instead of modifying a noun
    ('another one', 'the one involving Ukraine'), or picks one of a superlative set ('one of the largest')?"""
    span = mention_span(doc, m)
    if span is None or len(span) != 1 or span[0].lower_ != "one":
        return False
    tok = span[0]
    if tok.dep_ in ("nummod", "compound", "amod", "flat", "fixed"):
        return False
    of = [c for c in tok.children if c.dep_ == "nmod" and any(k.lower_ == "of" for k in c.children)]
    if of:  # "one of the 12 victims" counts; "one of the largest" picks
        return any(t.tag_ in ("JJS", "RBS") for t in of[0].subtree)
    return any(c.dep_ in ("det", "amod", "nmod:poss") for c in tok.children)


_FUNCTION_DEPS = {"aux", "aux:pass", "cop", "mark", "case", "det", "compound:prt"}


def _in_noun_chain(noun: "Token", tok: "Token") -> bool:
    """Is noun one of the nouns tok hangs on before any verb ('a basket of six currencies': basket)?"""
    for a in tok.ancestors:
        if a.tag_ in _VERB_TAGS:
            return False
        if a.i == noun.i:
            return True
    return False


def trigger_bears_on(doc: "Doc", m: Mention, trigger: int, fr: Frame) -> bool:
    """Does an event word that is no verb ('against', 'seats', 'turnout') found near a number bear on it in
    the parse? It does in the number's own phrase ('23 people dead'), in the subject of the number's clause
    ('the death toll rose to 58') or as a fellow argument of the number's verb ('putting turnout at 45%').
    In another phrase it is about something else: 'ten assists to post a triple-double against the Thunder'
    is no vote. A verb keeps its say: the parser's attachments of verbs are too often wrong to overrule it."""
    tok = next((t for t in doc if t.idx <= trigger < t.idx + len(t)), None)
    span = mention_span(doc, m)
    if tok is None or span is None or tok.tag_ in _VERB_TAGS or tok.tag_ == "MD":
        return True
    if tok.dep_ in _FUNCTION_DEPS and tok.head.i != tok.i:
        if tok.head.tag_ in _VERB_TAGS:
            return True  # "were killed": the auxiliary stands for its verb
        if tok.dep_ == "case" and tok.i < span.start and (fr.phrase[0] <= tok.head.idx < fr.phrase[1]
                                                          or _in_noun_chain(tok.head, span.root)):
            # "did it against 30 teams", "against a basket of six currencies": the preposition that opens
            # the noun phrase the number sits in marks a relation, it is no event
            return False
        tok = tok.head  # "against the Thunder": the preposition stands for its phrase
    if fr.phrase[0] <= tok.idx < fr.phrase[1]:
        return True
    ancestors = list(span.root.ancestors)
    if tok in ancestors or tok.head in ancestors:
        return True
    for verb in ancestors:
        if verb.tag_ in _VERB_TAGS or any(c.dep_ == "cop" for c in verb.children):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
            return any(s.left_edge.i <= tok.i <= s.right_edge.i for s in subjects)
    return True  # no clause of its own: the parse cannot judge
