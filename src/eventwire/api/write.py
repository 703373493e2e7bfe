"""POST /api/code (code a posted article, store nothing) and POST /api/articles (code and store, token only).

The pipeline is loaded once, on the first request that needs it (a server that only reads never loads
spaCy), under a lock; at most ``api.code_concurrency`` codings run at a time. A body is one article: plain
text (``text/plain``), an HTML page (``text/html``) or the JSONL record shape as JSON
(``application/json``: ``{"text": ..., "title"?, "date"?, "id"?, ...metadata}``), read by the same readers
as ``eventwire code``, so the same coded errors come back (E004 empty, E006 no text, E007 too long, ...).
"""

from __future__ import annotations

import hmac
import json
import threading
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..errors import ApiError, ErrorCode, InputError
from ..records import Article, ArticleRecord, encode
from .respond import JSON

router = APIRouter()
KINDS = {"text/plain": "text", "text/html": "html", "application/json": "jsonl", "application/x-ndjson": "jsonl"}
REQUEST_PATH = "<request>"


class Coder:
    """The lazily loaded pipeline and the codings in flight."""

    def __init__(self, settings: dict[str, Any], concurrency: int) -> None:
        self.settings = settings
        self._nlp: Any = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(concurrency)

    def nlp(self) -> Any:
        with self._lock:
            if self._nlp is None:
                from ..coding import load

                self._nlp = load(self.settings)
        return self._nlp

    def article(self, body: bytes, content_type: str) -> Article:
        """The one article a request body holds (an InputError as the readers raise it otherwise)."""
        from ..ingest.readers import read_bytes

        kind = KINDS.get(content_type.split(";", 1)[0].strip().lower())
        if kind is None:
            raise ApiError(ErrorCode.E038, 415, method="POST", path="this endpoint",
                           reason=f"content type {content_type or 'none'!r}: send one of {', '.join(KINDS)}")
        if kind == "jsonl":
            body = _one_line(body)
        found = [item for item in read_bytes(body, REQUEST_PATH, kind, self.settings) if not _is_warning(item)]
        if len(found) != 1:
            raise ApiError(ErrorCode.E032, 422, param="body", value=f"{len(found)} articles", reason="send one article per request")
        if isinstance(found[0], InputError):
            raise found[0]
        return found[0]

    def code(self, article: Article) -> ArticleRecord:
        from ..coding import code_articles

        nlp = self.nlp()
        with self._slots:
            return next(code_articles([article], nlp, settings=self.settings))

    def store(self, article: Article, store: Any) -> dict[str, Any]:
        from ..store.ingest import ingest

        nlp = self.nlp()
        errors: list[Any] = []
        with self._slots:
            summary = ingest([article], store, nlp, self.settings, on_error=errors.append)
        if errors:
            raise errors[0]
        return {"id": article.id, **summary.as_dict()}


def _is_warning(item: Any) -> bool:
    from ..errors import InputWarning

    return isinstance(item, InputWarning)


def _one_line(body: bytes) -> bytes:
    """A JSON object on one line, as the JSONL reader takes it (a pretty-printed body is fine)."""
    try:
        parsed = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(ErrorCode.E005, path=REQUEST_PATH, reason=str(exc)) from exc
    if not isinstance(parsed, dict):
        raise InputError(ErrorCode.E005, path=REQUEST_PATH, reason="the body must be a JSON object")
    return json.dumps(parsed, ensure_ascii=False).encode("utf-8")


def _authorised(request: Request) -> None:
    token = request.app.state.token
    if token is None:
        raise ApiError(ErrorCode.E037, 403, reason="the server is read-only (start it with --token to allow storing)")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise ApiError(ErrorCode.E037, 401, reason="send the server's token as 'Authorization: Bearer TOKEN'")


@router.post("/code", summary="Code a posted article and return its record (nothing is stored)")
async def code(request: Request) -> Response:
    coder: Coder = request.app.state.coder
    article = coder.article(await request.body(), request.headers.get("content-type", ""))
    record = await run_in_threadpool(coder.code, article)
    return Response(encode(record), media_type="application/json")


@router.post("/articles", status_code=201, response_model=None, summary="Code and store a posted article (needs the server's token)")
async def store_article(request: Request) -> Response:
    _authorised(request)
    coder: Coder = request.app.state.coder
    article = coder.article(await request.body(), request.headers.get("content-type", ""))
    return JSON(await run_in_threadpool(coder.store, article, request.app.state.store), status_code=201)
