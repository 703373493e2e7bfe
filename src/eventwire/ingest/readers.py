"""Read articles from plain text, JSONL, HTML, directories and stdin.

Each reader yields :class:`Article` objects or :class:`InputError` exceptions (not raised): a batch
reports the bad item and goes on with the next one. An :class:`InputWarning` (not raised either) comes just
before the article it is about: the article is coded, something in its input was not used.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import ErrorCode, InputError, InputWarning
from ..records import Article, content_id
from ..words import word_set
from .dateline import find_dateline
from .dates import is_absent, read_publication_date

ReadResult = Article | InputError | InputWarning

_HEADLINE = re.compile(r"\A[ \t]*(?P<head>[^\n]+?)[ \t]*\r?\n[ \t]*\r?\n")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ENGLISH_FUNCTION_WORDS = word_set("ingest", "english_function_words")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: Any) -> Any:
    """Lone UTF-16 surrogates (valid JSON escapes, e.g. a truncated emoji) become U+FFFD, one character for
    one so no offset moves; they cannot be encoded as UTF-8 and would break tokenizing and hashing."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def normalize_date(value: Any) -> str | None:
    """``2022-01-12``, ``2022-01-12T08:00:00Z`` and similar to ``2022-01-12``; anything else to None.

    The strict check for a date a person types (``--date``, ``code_text(date=...)``): ISO only, so no
    "03/04/2022" is read in an order its writer did not mean. Input records are read by
    :func:`publication_date`."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def publication_date(
    value: Any, metadata: dict[str, Any], settings: dict[str, Any], path: str, line: int | None = None
) -> tuple[str | None, InputWarning | None]:
    """A record's or page's date as ``YYYY-MM-DD`` (see :mod:`eventwire.ingest.dates`). One that cannot be
    read is never dropped in silence: it stays in ``metadata["date_raw"]`` and a W001 warning names it."""
    if is_absent(value):
        return None, None
    date = read_publication_date(value, settings["input"]["date_day_first"])
    if date:
        return date, None
    metadata.setdefault("date_raw", value)
    return None, InputWarning(ErrorCode.W001, path=path, line=line, value=value)


def _decode(data: bytes, path: str, settings: dict[str, Any]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(ErrorCode.E002, path=path, reason=str(exc)) from exc
    sniff = data[: settings["input"]["sniff_bytes"]]
    controls = sum(1 for b in sniff if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sniff or (sniff and controls / len(sniff) > settings["input"]["binary_control_ratio"]):
        raise InputError(ErrorCode.E003, path=path)
    errors = []
    for encoding in settings["input"]["encodings"]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            errors.append(f"{encoding}: {exc.reason} at byte {exc.start}")
    raise InputError(ErrorCode.E002, path=path, reason="; ".join(errors))


def _check_text(text: str, path: str, line: int | None, settings: dict[str, Any], lang: Any = None) -> None:
    if not text.strip():
        raise InputError(ErrorCode.E004, path=path, line=line)
    limit = settings["input"]["max_chars"]
    if len(text) > limit:
        raise InputError(ErrorCode.E007, path=path, line=line, size=len(text), limit=limit)
    if isinstance(lang, str) and lang.strip() and not lang.lower().startswith("en"):
        raise InputError(ErrorCode.E013, path=path, line=line, lang=lang)
    words = _WORD.findall(text[: settings["input"]["language_sniff_chars"]].lower())
    if len(words) >= settings["input"]["language_min_words"]:
        share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
        if share < settings["input"]["english_function_word_share"]:
            raise InputError(ErrorCode.E013, path=path, line=line, lang="unknown")


def _fill_layout(article: Article, settings: dict[str, Any], detect_headline: bool) -> Article:
    """Headline (first line + blank line) and dateline, both left in ``text``."""
    text = article.text
    body_start = 0
    if detect_headline:
        match = _HEADLINE.match(text)
        if match and len(match.group("head")) <= settings["input"]["headline_max_chars"]:
            article.headline = match.group("head")
            article.headline_span = (match.start("head"), match.end("head"))
            body_start = match.end()
    elif article.headline is None:
        article.headline = None
    dateline = find_dateline(text, body_start, settings["input"]["dateline_max_chars"])
    if dateline:
        article.dateline = dateline.to_dict()
        if article.date is None and dateline.date:
            article.date, article.date_source = dateline.date, "dateline"
    return article


def read_text_article(
    text: str,
    *,
    id: str | None = None,
    path: str = "<input>",
    line: int | None = None,
    settings: dict[str, Any],
    headline: str | None = None,
    date: str | None = None,
    date_source: str | None = None,
    metadata: dict[str, Any] | None = None,
    lang: Any = None,
) -> Article:
    """Build one Article from text; raises InputError for unusable text."""
    text, id, headline, metadata = _clean(text), _clean(id), _clean(headline), _clean(metadata)
    _check_text(text, path, line, settings, lang)
    article = Article(
        id=id or content_id(text),
        text=text,
        headline=headline,
        date=date,
        date_source=date_source if date else None,
        metadata=metadata or {},
        path=path,
        line=line,
    )
    return _fill_layout(article, settings, detect_headline=headline is None)


def _read_jsonl(data: str, path: str, settings: dict[str, Any]) -> Iterator[ReadResult]:
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = _clean(json.loads(raw, parse_constant=_refuse_constant))
        except json.JSONDecodeError as exc:
            yield InputError(ErrorCode.E005, path=path, line=number, reason=f"{exc.msg} at column {exc.colno}")
            continue
        except ValueError as exc:  # NaN, Infinity
            yield InputError(ErrorCode.E005, path=path, line=number, reason=str(exc))
            continue
        if not isinstance(obj, dict):
            yield InputError(ErrorCode.E005, path=path, line=number, reason="a line must be a JSON object")
            continue
        record_id = obj.get("id")
        if record_id is not None and (isinstance(record_id, bool) or not isinstance(record_id, str | int)):
            yield InputError(ErrorCode.E005, path=path, line=number, reason="'id' must be a string or an integer")
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            yield InputError(ErrorCode.E006, path=path, line=number)
            continue
        known = {"id", "text", "title", "date"}
        metadata = {k: v for k, v in obj.items() if k not in known}
        date, warning = publication_date(obj.get("date"), metadata, settings, path, number)
        try:
            article = read_text_article(
                text,
                id=str(record_id) if record_id not in (None, "") else None,
                path=path,
                line=number,
                settings=settings,
                headline=obj["title"] if isinstance(obj.get("title"), str) else None,
                date=date,
                date_source="record" if date else None,
                metadata=metadata,
                lang=obj.get("language", obj.get("lang")),
            )
        except InputError as exc:
            yield exc
            continue
        if warning:
            yield warning
        yield article


def _read_html(data: str, path: str, settings: dict[str, Any], stem: str | None) -> Iterator[ReadResult]:
    import trafilatura  # imported here: heavy, and only HTML input needs it

    extracted = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(_WORD.findall(text)) < settings["input"]["html_min_words"]:
        # trafilatura falls back to navigation or boilerplate when a page has no article
        yield InputError(ErrorCode.E014, path=path)
        return
    title = getattr(extracted, "title", None)
    metadata = {
        key: getattr(extracted, key)
        for key in ("url", "sitename", "author", "language")
        if getattr(extracted, key, None)
    }
    date, warning = publication_date(getattr(extracted, "date", None), metadata, settings, path)
    try:
        article = read_text_article(
            text,
            id=stem,
            path=path,
            settings=settings,
            headline=title,
            date=date,
            date_source="html" if date else None,
            metadata=metadata,
            lang=metadata.get("language"),
        )
    except InputError as exc:
        yield exc
        return
    if warning:
        yield warning
    yield article


def _kind(path: Path, settings: dict[str, Any]) -> str | None:
    suffix = path.suffix.lower()
    for kind in ("text", "jsonl", "html"):
        if suffix in settings["input"][f"{kind}_extensions"]:
            return kind
    return None


def _sniff_kind(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article")):
        return "html"
    return "text"


def _read_data(data: bytes, path: str, kind: str | None, stem: str | None, settings: dict[str, Any]) -> Iterator[ReadResult]:
    try:
        text = _decode(data, path, settings)
    except InputError as exc:
        yield exc
        return
    kind = kind or _sniff_kind(text)
    if kind == "jsonl":
        yield from _read_jsonl(text, path, settings)
    elif kind == "html":
        yield from _read_html(text, path, settings, stem)
    else:
        try:
            yield read_text_article(text, id=stem, path=path, settings=settings, metadata={"path": path})
        except InputError as exc:
            yield exc


def read_path(path: str | Path, settings: dict[str, Any]) -> Iterator[ReadResult]:
    """One file, a directory (recursively, by extension, sorted) or ``-`` for stdin."""
    if str(path) == "-":
        yield from _read_data(sys.stdin.buffer.read(), "<stdin>", None, None, settings)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and _kind(f, settings))
        for file in files:
            yield from read_path(file, settings)
        return
    try:
        data = p.read_bytes()
    except OSError as exc:
        yield InputError(ErrorCode.E001, path=str(p), reason=exc.strerror or str(exc))
        return
    yield from _read_data(data, str(p), _kind(p, settings), p.stem, settings)


def iter_articles(paths: Iterable[str | Path], settings: dict[str, Any], date: str | None = None) -> Iterator[ReadResult]:
    """All articles of all paths in order; ``date`` (from --date) overrides every other source, so an
    unreadable record date is then not worth a warning (it still stays in the metadata)."""
    for path in paths:
        for item in read_path(path, settings):
            if isinstance(item, InputWarning) and date and item.code is ErrorCode.W001:
                continue
            if isinstance(item, Article) and date:
                item.date, item.date_source = date, "user"
            yield item
