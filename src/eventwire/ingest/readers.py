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
from .decode import NUL, REPLACEMENT, decode
from .walk import FileKey, file_key, kind_of, walk

ReadResult = Article | InputError | InputWarning

_HEADLINE = re.compile(r"\A[ \t]*(?P<head>[^\n]+?)[ \t]*\r?\n[ \t]*\r?\n")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ENGLISH_FUNCTION_WORDS = word_set("ingest", "english_function_words")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_UNUSABLE = re.compile(f"[\ud800-\udfff{NUL}]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _clean(value: Any) -> Any:
    """Lone UTF-16 surrogates (valid JSON escapes, e.g. a truncated emoji) and NULs (``\\u0000``) become
    U+FFFD, one character for one so no offset moves: surrogates cannot be encoded as UTF-8 and would break
    tokenizing and hashing, and NULs get the same treatment as in files (eventwire.ingest.decode)."""
    if isinstance(value, str):
        return _UNUSABLE.sub(REPLACEMENT, value)
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


def _check_text(text: str, path: str, line: int | None, settings: dict[str, Any], lang: Any = None) -> None:
    if not text.strip():
        raise InputError(ErrorCode.E004, path=path, line=line)
    limit = settings["input"]["max_chars"]
    if len(text) > limit:
        raise InputError(ErrorCode.E007, path=path, line=line, size=len(text), limit=limit)
    if isinstance(lang, str) and lang.strip() and not lang.lower().startswith("en"):
        raise InputError(ErrorCode.E013, path=path, line=line, lang=lang)
    sniff = text[: settings["input"]["language_sniff_chars"]]
    words = _WORD.findall(sniff.lower())
    letters = sum(len(w) for w in words)
    # a script without spaces (Chinese, Japanese) is one "word" per sentence: count letters, not words
    if letters >= settings["input"]["language_min_words"]:
        latin = len(_ASCII_LETTER.findall(sniff)) / letters
        if latin < settings["input"]["ascii_letter_min_share"]:
            raise InputError(ErrorCode.E013, path=path, line=line, lang="unknown (mostly non-Latin letters)")
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
            parsed = json.loads(raw, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            yield InputError(ErrorCode.E005, path=path, line=number, reason=f"{exc.msg} at column {exc.colno}")
            continue
        except ValueError as exc:  # NaN, Infinity
            yield InputError(ErrorCode.E005, path=path, line=number, reason=str(exc))
            continue
        raw_text = parsed.get("text") if isinstance(parsed, dict) else None
        nul_warning = (InputWarning(ErrorCode.W003, path=path, line=number, count=raw_text.count(NUL), offset=raw_text.index(NUL))
                       if isinstance(raw_text, str) and NUL in raw_text else None)
        obj = _clean(parsed)
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
        yield from (w for w in (nul_warning, warning) if w)
        yield article


def _extract(page: str, path: str, settings: dict[str, Any]) -> Any:
    """trafilatura's extraction; None when it finds no article. A page nested deeper than libxml2 builds
    trees is read again flattened (eventwire.ingest.html)."""
    import trafilatura  # imported here: heavy, and only HTML input needs it

    from .html import flatten_if_deep

    def usable(extracted: Any) -> bool:
        text = getattr(extracted, "text", None) if extracted is not None else None
        # trafilatura falls back to navigation or boilerplate when a page has no article
        return bool(text) and len(_WORD.findall(text)) >= settings["input"]["html_min_words"]

    try:
        extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
        if usable(extracted):
            return extracted
        flat = flatten_if_deep(page, settings)
        if flat is None:
            raise InputError(ErrorCode.E014, path=path, detail="")
        extracted = trafilatura.bare_extraction(flat, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, RecursionError, LookupError) as exc:  # a page the parsers choke on
        raise InputError(ErrorCode.E014, path=path, detail=f" ({type(exc).__name__}: {exc})") from exc
    if usable(extracted):
        return extracted
    depth = settings["input"]["html_flatten_depth"]
    raise InputError(ErrorCode.E014, path=path, detail=f" (nested over {depth} levels; read again flattened)")


def _read_html(data: str, path: str, settings: dict[str, Any], stem: str | None) -> Iterator[ReadResult]:
    try:
        extracted = _extract(data, path, settings)
    except InputError as exc:
        yield exc
        return
    text = extracted.text
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


def _sniff_kind(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article")):
        return "html"
    return "text"


def _read_data(data: bytes, path: str, kind: str | None, stem: str | None, settings: dict[str, Any]) -> Iterator[ReadResult]:
    try:
        decoded = decode(data, path, settings)
    except InputError as exc:
        yield exc
        return
    text = decoded.text
    kind = kind or _sniff_kind(text)
    results: Iterator[ReadResult]
    if kind == "jsonl":
        results = _read_jsonl(text, path, settings)
    elif kind == "html":
        results = _read_html(text, path, settings, stem)
    else:
        try:
            results = iter([read_text_article(text, id=stem, path=path, settings=settings, metadata={"path": path})])
        except InputError as exc:
            results = iter([exc])
    yield from decoded.warnings
    yield from results


def read_bytes(data: bytes, path: str, kind: str | None, settings: dict[str, Any]) -> Iterator[ReadResult]:
    """Articles, errors and warnings of input given as bytes (``kind``: text, jsonl, html; None sniffs it),
    as a file of that kind would give them: the API reads a posted article with this."""
    yield from _read_data(data, path, kind, None, settings)


def _read_file(p: Path, kind: str | None, stem: str, settings: dict[str, Any]) -> Iterator[ReadResult]:
    try:
        data = p.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if p.is_dir():
            reason = f"cannot list directory: {reason}"
        yield InputError(ErrorCode.E001, path=str(p), reason=reason)
        return
    yield from _read_data(data, str(p), kind, stem, settings)


def _read_stdin(settings: dict[str, Any]) -> Iterator[ReadResult]:
    """Standard input as one file named ``<stdin>``: the same coded errors as a file (E001 when it cannot
    be read: closed, a directory, an I/O error; then E003, E004, W002 and the rest from its bytes)."""
    path = "<stdin>"
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield InputError(ErrorCode.E001, path=path, reason="standard input is closed")
        return
    try:
        data = stream.read()
    except (OSError, ValueError) as exc:  # ValueError: a closed file object
        reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        yield InputError(ErrorCode.E001, path=path, reason=reason)
        return
    yield from _read_data(data, path, None, None, settings)


def read_path(
    path: str | Path,
    settings: dict[str, Any],
    exclude: frozenset[FileKey] = frozenset(),
    seen: set[FileKey] | None = None,
) -> Iterator[ReadResult]:
    """One file, a directory (recursively, by extension, sorted; see eventwire.ingest.walk) or ``-`` for
    stdin. ``exclude`` holds files never read (the output file); ``seen`` the files already read in this
    run, so a file reached twice is coded once."""
    seen = set() if seen is None else seen
    if str(path) == "-":
        yield from _read_stdin(settings)
        return
    p = Path(path)
    if p.is_dir():
        for item in walk(p, settings, exclude, seen):
            if isinstance(item, InputError | InputWarning):
                yield item
            else:
                yield from _read_file(item.path, item.kind, item.stem, settings)
        return
    key = file_key(p)
    if key and key in seen:
        yield InputWarning(ErrorCode.W004, path=str(p), reason="file already read (given twice)")
        return
    if key:
        seen.add(key)
    yield from _read_file(p, kind_of(p, settings), p.stem, settings)


def iter_articles(
    paths: Iterable[str | Path],
    settings: dict[str, Any],
    date: str | None = None,
    exclude: Iterable[str | Path] = (),
) -> Iterator[ReadResult]:
    """All articles of all paths in order; ``date`` (from --date) overrides every other source, so an
    unreadable record date is then not worth a warning (it still stays in the metadata). Files in
    ``exclude`` (the output file) are never read from a directory."""
    keys = frozenset(k for k in (file_key(Path(e)) for e in exclude) if k)
    seen: set[FileKey] = set()
    for path in paths:
        for item in read_path(path, settings, keys, seen):
            if isinstance(item, InputWarning) and date and item.code is ErrorCode.W001:
                continue
            if isinstance(item, Article) and date:
                item.date, item.date_source = date, "user"
            yield item
