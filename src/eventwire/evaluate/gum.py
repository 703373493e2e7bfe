"""GUM news (Wikinews) gold: a CoNLL-U reader shared by the GUM evaluations, and entity span F1.

The text is rebuilt from the tokens (SpaceAfter=No honoured, a blank line between paragraphs), so gold
token offsets and our character offsets index the same string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import eval_dir
from .metrics import prf
from .splits import select

# GUM entity types -> our coarse types; other types (event, time, abstract, ...) are not entities for us.
GUM_TYPES = {"person": "person", "organization": "organization", "place": "place"}
# spaCy NER labels -> the same coarse types
SPACY_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": None, "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass
class GumMention:
    entity: str  # GUM entity id within the document (coreference cluster)
    etype: str
    start: int
    end: int
    identity: str | None
    head_upos: str
    token_start: int = 0
    token_end: int = 0
    head_start: int = 0
    head_end: int = 0


@dataclass
class GumDocument:
    id: str
    date: str | None
    title: str | None
    text: str
    mentions: list[GumMention] = field(default_factory=list)
    token_spans: list[tuple[int, int]] = field(default_factory=list)


def _parse_entity_field(value: str) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    """Openings (id, type, identity) and closings (id) in one token's Entity= field, in order."""
    openings: list[tuple[str, str, str | None]] = []
    closings: list[str] = []
    for part in re.finditer(r"\(([^()]+)\)?|(\d+)\)", value):
        if part.group(1):
            fields = part.group(1).split("-")
            identity = "-".join(fields[7:]) if len(fields) > 7 else None
            openings.append((fields[0], fields[1], identity or None))
            if part.group(0).endswith(")"):
                closings.append(fields[0])
        else:
            closings.append(part.group(2))
    return openings, closings


def read_gum_document(path: Path) -> GumDocument:
    doc_id, date, title = path.stem, None, None
    pieces: list[str] = []
    offset = 0
    tokens: list[tuple[int, int, str, int, int]] = []  # start, end, upos, head (doc index), doc index
    open_stack: dict[str, list[tuple[int, str, str | None]]] = {}
    spans: list[tuple[str, str, int, int, str | None]] = []  # id, type, first token, last token, identity
    sentence_base = 0
    sentence_size = 0
    pending_break = ""
    sentence_text = ""
    cursor = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# meta::dateCreated"):
            date = raw.split("=", 1)[1].strip()[:10]
        elif raw.startswith("# meta::title"):
            title = raw.split("=", 1)[1].strip()
        elif raw.startswith("# newpar") and not raw.startswith("# newpar_block") and pieces:
            pending_break = "\n\n"
        elif raw.startswith("# sent_id"):
            sentence_base += sentence_size
            sentence_size = 0
            if pieces and not pending_break:
                pending_break = " "
        elif raw.startswith("# text = "):
            sentence_text, cursor = raw[len("# text = ") :], 0
        elif raw and not raw.startswith("#"):
            cols = raw.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            if pending_break:
                pieces.append(pending_break)
                offset += len(pending_break)
                pending_break = ""
            form, upos, head, misc = cols[1], cols[3], int(cols[6]), cols[9]
            # the sentence's own text decides the spacing (MISC SpaceAfter is incomplete in GUM)
            found = sentence_text.find(form, cursor)
            if found > cursor and sentence_text[cursor:found].isspace():
                pieces.append(sentence_text[cursor:found])
                offset += found - cursor
            if found >= 0:
                cursor = found + len(form)
            index = len(tokens)
            head_index = sentence_base + head - 1 if head else index
            tokens.append((offset, offset + len(form), upos, head_index, index))
            sentence_size += 1
            pieces.append(form)
            offset += len(form)
            entity = next((m[7:] for m in misc.split("|") if m.startswith("Entity=")), "")
            if entity:
                openings, closings = _parse_entity_field(entity)
                for ent_id, etype, identity in openings:
                    open_stack.setdefault(ent_id, []).append((index, etype, identity))
                for ent_id in closings:
                    if open_stack.get(ent_id):
                        first, etype, identity = open_stack[ent_id].pop()
                        spans.append((ent_id, etype, first, index, identity))
    text = "".join(pieces)
    mentions = []
    for ent_id, etype, first, last, identity in spans:
        inside = range(first, last + 1)
        heads = [t for t in inside if not (first <= tokens[t][3] <= last) or tokens[t][3] == t]
        head = heads[0] if heads else last
        mentions.append(
            GumMention(
                ent_id, etype, tokens[first][0], tokens[last][1], identity, tokens[head][2], first, last + 1,
                head_start=tokens[head][0], head_end=tokens[head][1],
            )
        )
    mentions.sort(key=lambda m: (m.start, -m.end))
    return GumDocument(doc_id, date, title, text, mentions, [(t[0], t[1]) for t in tokens])


def read_gum(settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> list[GumDocument]:
    files = sorted((eval_dir(settings) / "gum_news" / "conllu").glob("*.conllu"))
    return [read_gum_document(f) for f in select(files, lambda path: path.stem, split, limit)]


def named_gold(doc: GumDocument) -> list[GumMention]:
    """Named mentions of persons, organizations and places: a Wikipedia identity or a proper-noun head."""
    return [m for m in doc.mentions if m.etype in GUM_TYPES and (m.identity or m.head_upos == "PROPN")]


def head_match(gold: GumMention, start: int, end: int) -> bool:
    """Lenient match: the predicted span lies within the gold mention and covers its head word.

    GUM mentions include titles, determiners and possessive clitics ("President Trump 's"), which NER
    spans never do; exact match alone would measure that convention, not recognition."""
    return gold.start <= start and end <= gold.end and start <= gold.head_start and gold.head_end <= end


def evaluate_entities(nlp: Any, settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> dict[str, float]:
    """spaCy entity F1 per coarse type against GUM's named mentions (the record's ``entities[]``): exact
    spans and head match."""
    from ..coding import code_articles
    from ..records import Article

    documents = read_gum(settings, limit, split)
    types = ("person", "organization", "place")
    exact = {t: [0, 0, 0] for t in types}  # tp, predicted, gold
    lenient = {t: [0, 0, 0] for t in types}
    records = code_articles((Article(id=d.id, text=d.text, date=d.date) for d in documents), nlp, settings=settings)
    for document, record in zip(documents, records, strict=True):
        gold = named_gold(document)
        predicted = [
            (e["start"], e["end"], SPACY_TYPES[e["label"]]) for e in record["entities"] if SPACY_TYPES.get(e["label"])
        ]
        for etype in types:
            g = [m for m in gold if GUM_TYPES[m.etype] == etype]
            p = [x for x in predicted if x[2] == etype]
            gold_spans = {(m.start, m.end) for m in g}
            exact[etype][0] += sum((a, b) in gold_spans for a, b, _ in p)
            unused = list(g)
            for a, b, _ in p:
                hit = next((m for m in unused if head_match(m, a, b)), None)
                if hit is not None:
                    unused.remove(hit)
                    lenient[etype][0] += 1
            for bucket in (exact[etype], lenient[etype]):
                bucket[1] += len(p)
                bucket[2] += len(g)
    scores: dict[str, float] = {}
    for name, table in (("exact", exact), ("head", lenient)):
        for etype, (tp, npred, ngold) in table.items():
            scores[f"{etype}_{name}_f1"] = prf(tp, npred, ngold)[2]
        p, r, f = prf(*(sum(c[i] for c in table.values()) for i in range(3)))
        scores.update({f"all_{name}_precision": p, f"all_{name}_recall": r, f"all_{name}_f1": f})
    scores["documents"] = float(len(documents))
    return scores
