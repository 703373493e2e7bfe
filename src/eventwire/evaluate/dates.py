"""Temporal expressions against gold: TempEval-3 TBAQ-cleaned (TimeML) and GUM news ``<date>`` spans.

``evaluate`` (TempEval-3): gold TIMEX3 of type DATE and TIME against our DATE and TIME expressions,
relaxed span match (any character overlap, one to one); value accuracy over the matched pairs, each
document normalized against its creation time (DCT). Also the span F1 over all four types and the
type accuracy of the matched pairs.

``evaluate_gum`` (GUM news): ``<date when=...>`` spans, plus ``from/to`` spans that are exactly one ISO
week or weekend, against our DATE/TIME expressions, with ``# meta::dateCreated`` as the publication date.
"""

from __future__ import annotations

import html
import re
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..coding import code_articles
from ..records import Article
from . import eval_dir
from .metrics import prf, ratio
from .splits import select

COMPONENT = "eventwire_dates"
SCORED_TYPES = ("DATE", "TIME")

Gold = tuple[int, int, str, str | None]  # start, end, type, value


# ---------------------------------------------------------------------------------------------- readers


def read_timeml(path: Path) -> tuple[str, str, list[Gold]]:
    """(DCT value, plain text of <TEXT>, in-text TIMEX3 as (start, end, type, value)) of a .tml file."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not dct_match or not body_match:
        raise ValueError(f"{path}: no DCT or TEXT")
    body = body_match.group(1)
    pieces: list[str] = []
    length = 0
    gold: list[Gold] = []
    opened: tuple[int, dict[str, str]] | None = None
    position = 0
    for tag in re.finditer(r"<(/?)(\w+)([^>]*)>", body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            opened = (length, dict(re.findall(r"(\w+)=\"([^\"]*)\"", tag.group(3))))
        elif opened is not None:
            start, attrs = opened
            gold.append((start, length, attrs.get("type", ""), attrs.get("value")))
            opened = None
    pieces.append(html.unescape(body[position:]))
    return dct_match.group(1), "".join(pieces), gold


def read_gum(conllu: Path, xml: Path) -> tuple[str | None, str, list[Gold]]:
    """(dateCreated, text rebuilt from the CoNLL-U words, gold dates as (start, end, "DATE", value))."""
    created: str | None = None
    text_parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    skip_until = 0
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::dateCreated"):
            created = line.split("=", 1)[1].strip()
            continue
        if line.startswith("# newpar") and text_parts:
            text_parts.append("\n")
            length += 1
            continue
        if not line or line.startswith("#"):
            if not line and text_parts and not text_parts[-1].endswith("\n"):
                text_parts.append("\n")
                length += 1
            continue
        fields = line.split("\t")
        token_id = fields[0]
        if "." in token_id:
            continue
        if "-" in token_id:
            first, last = (int(x) for x in token_id.split("-"))
            skip_until = last
            form = fields[1]
            start = length
            text_parts.append(form)
            length += len(form)
            offsets.extend([(start, length)] * (last - first + 1))
            if "SpaceAfter=No" not in fields[9]:
                text_parts.append(" ")
                length += 1
            continue
        if skip_until and int(token_id) <= skip_until:
            continue
        skip_until = 0
        form = fields[1]
        offsets.append((length, length + len(form)))
        text_parts.append(form)
        length += len(form)
        if "SpaceAfter=No" not in fields[9]:
            text_parts.append(" ")
            length += 1
    gold: list[Gold] = []
    open_dates: list[tuple[int, str | None]] = []
    token_index = 0
    for line in xml.read_text(encoding="utf-8").splitlines():
        if line.startswith("<date"):
            attrs = dict(re.findall(r"(\w+)=\"([^\"]*)\"", line))
            open_dates.append((token_index, _gum_value(attrs)))
        elif line.startswith("</date"):
            if open_dates:
                first, value = open_dates.pop()
                if value is not None and token_index > first and token_index <= len(offsets):
                    gold.append((offsets[first][0], offsets[token_index - 1][1], "DATE", value))
        elif not line.startswith("<") and "\t" in line:
            token_index += 1
    return created, "".join(text_parts), gold


def _gum_value(attrs: dict[str, str]) -> str | None:
    """TimeML value of a GUM <date>: ``when``, or a from/to range that is an ISO week or its weekend."""
    if "when" in attrs:
        return attrs["when"][:16] if "T" in attrs["when"] else attrs["when"]
    start_raw, end_raw = attrs.get("from"), attrs.get("to")
    if not start_raw or not end_raw or len(start_raw) != 10 or len(end_raw) != 10:
        return None
    start, end = date.fromisoformat(start_raw), date.fromisoformat(end_raw)
    year, week, _ = start.isocalendar()
    if start.weekday() == 0 and end == start + timedelta(days=6):
        return f"{year}-W{week:02d}"
    if start.weekday() == 5 and end == start + timedelta(days=1):
        return f"{year}-W{week:02d}-WE"
    return None


# ---------------------------------------------------------------------------------------------- scoring


def _match(gold: list[Gold], predicted: list[Gold]) -> list[tuple[Gold, Gold]]:
    """One-to-one relaxed matching: each gold takes the first free prediction it overlaps."""
    used: set[int] = set()
    pairs: list[tuple[Gold, Gold]] = []
    for item in gold:
        for index, guess in enumerate(predicted):
            if index not in used and guess[0] < item[1] and item[0] < guess[1]:
                used.add(index)
                pairs.append((item, guess))
                break
    return pairs


def _canonical(value: str) -> str:
    """TimeML spellings that mean the same: '1948-XX' = '1948', '196X' = '196', '2000-W6' = '2000-W06'."""
    value = re.sub(r"(?:-XX)+$", "", value)
    value = re.sub(r"^(\d{2,3})X+$", r"\1", value)
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    return value


def value_matches(gold: str | None, predicted: str | None) -> bool:
    """Equal values, or a gold value left underspecified by TimeML ('1989-WXX') that ours fills in."""
    if gold is None or predicted is None:
        return False
    gold, predicted = _canonical(gold), _canonical(predicted)
    if gold == predicted:
        return True
    if predicted.startswith(gold + "T") and len(gold) == 10:
        return True  # the gold gives the day only (GUM has no times): our time of day on that day
    if "X" in gold and not gold.startswith(("P", "XXXX")):
        return re.fullmatch(re.escape(gold).replace("X", r"\d"), predicted) is not None
    return False


def _date_pipeline(nlp: Language | None, settings: dict[str, Any]) -> Language:
    if nlp is not None and COMPONENT in nlp.pipe_names:
        return nlp
    from ..nlp.pipeline import load_pipeline

    return load_pipeline(settings, components=[COMPONENT])


def _run(nlp: Language, items: list[tuple[str, str, str | None]], settings: dict[str, Any]) -> list[list[Gold]]:
    """The dates of the records coded from (id, text, publication date) triples by the pipeline up to and
    including the dates component (later components switched off: they cannot change the dates)."""
    later = [name for name in nlp.pipe_names if name.startswith("eventwire_") and _after_dates(nlp, name)]
    articles = [Article(id=item_id, text=text, date=published) for item_id, text, published in items]
    with nlp.select_pipes(disable=later) if later else nullcontext():
        return [_predictions(record) for record in code_articles(articles, nlp, settings=settings)]


def _after_dates(nlp: Language, name: str) -> bool:
    names = nlp.pipe_names
    return COMPONENT in names and names.index(name) > names.index(COMPONENT)


def _predictions(record: dict[str, Any]) -> list[Gold]:
    return [(d["start"], d["end"], d["type"], d["value"]) for d in record["dates"]]


def score(documents: list[tuple[list[Gold], list[Gold]]]) -> dict[str, float]:
    """Span P/R/F1 and value accuracy over DATE/TIME; span F1 and type accuracy over all types."""
    n_gold = n_predicted = n_matched = n_value = 0
    n_gold_all = n_predicted_all = n_matched_all = n_type = 0
    for gold, predicted in documents:
        scored_gold = [g for g in gold if g[2] in SCORED_TYPES]
        scored_predicted = [p for p in predicted if p[2] in SCORED_TYPES]
        pairs = _match(scored_gold, scored_predicted)
        n_gold += len(scored_gold)
        n_predicted += len(scored_predicted)
        n_matched += len(pairs)
        n_value += sum(1 for g, p in pairs if value_matches(g[3], p[3]))
        all_pairs = _match(gold, predicted)
        n_gold_all += len(gold)
        n_predicted_all += len(predicted)
        n_matched_all += len(all_pairs)
        n_type += sum(1 for g, p in all_pairs if g[2] == p[2])
    precision, recall, f1 = prf(n_matched, n_predicted, n_gold)
    _, _, f1_all = prf(n_matched_all, n_predicted_all, n_gold_all)
    return {
        "span_precision": precision,
        "span_recall": recall,
        "span_f1": f1,
        "value_accuracy": ratio(n_value, n_matched),
        "span_f1_all_types": f1_all,
        "type_accuracy": ratio(n_type, n_matched_all),
        "gold": float(n_gold),
        "predicted": float(n_predicted),
    }


def tempeval_documents(
    settings: dict[str, Any], limit: int | None = None, split: str | None = None
) -> list[tuple[str, str, str, list[Gold]]]:
    """(file stem, DCT, text, gold) of the TempEval-3 TBAQ-cleaned files of one split."""
    folder = eval_dir(settings) / "tempeval3_tbaq_cleaned"
    paths = select(sorted(folder.glob("*/*.tml")), lambda path: path.stem, split, limit)
    return [(path.stem, *read_timeml(path)) for path in paths]


def gum_documents(
    settings: dict[str, Any], limit: int | None = None, split: str | None = None
) -> list[tuple[str, str | None, str, list[Gold]]]:
    """(document id, dateCreated, text, gold) of the GUM news documents of one split."""
    folder = eval_dir(settings) / "gum_news"
    paths = select(sorted((folder / "conllu").glob("*.conllu")), lambda path: path.stem, split, limit)
    out = []
    for conllu in paths:
        xml = folder / "xml" / (conllu.stem + ".xml")
        if xml.is_file():
            out.append((conllu.stem, *read_gum(conllu, xml)))
    return out


def evaluate(nlp: Language | None, settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> dict[str, float]:
    """TempEval-3 TBAQ-cleaned: relaxed span P/R/F1 and value accuracy on DATE and TIME expressions."""
    documents = tempeval_documents(settings, limit, split)
    items = [(stem, text, dct[:10]) for stem, dct, text, _ in documents]
    predicted = _run(_date_pipeline(nlp, settings), items, settings)
    return score([(gold, guess) for (*_, gold), guess in zip(documents, predicted, strict=True)])


def evaluate_gum(nlp: Language | None, settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> dict[str, float]:
    """GUM news <date> spans: relaxed span P/R/F1 and value accuracy against dateCreated."""
    documents = gum_documents(settings, limit, split)
    items = [(stem, text, created) for stem, created, text, _ in documents]
    predicted = _run(_date_pipeline(nlp, settings), items, settings)
    return score([(gold, guess) for (*_, gold), guess in zip(documents, predicted, strict=True)])
