"""The FastAPI app: JSON endpoints under /api/, the dashboard at /, OpenAPI docs at /docs (docs/api.md).

A thin layer over the store's library functions (:class:`eventwire.store.Store`): every route validates
its parameters, calls one store function and encodes the result. Every failure, whatever raised it,
leaves as ``{"error": {"code": "E0xx", "message": ...}}`` with an HTTP status that fits it.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..component_settings import ApiSettings
from ..errors import ApiError, ErrorCode, EventwireError, InputError, StoreError, UsageError
from ..settings import component_settings, load_settings
from .guard import RateLimit, SecurityHeaders, SizeLimits, error_body
from .respond import JSON

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("eventwire.api")


def status_of(error: EventwireError) -> int:
    """The HTTP status of a library error: the caller's fault (4xx) or the server's (5xx)."""
    if isinstance(error, ApiError):
        return error.status
    if error.code is ErrorCode.E007:
        return 413
    if error.code is ErrorCode.E016:  # a component failed: a bug, not the request's fault
        return 500
    if isinstance(error, StoreError) or error.code in (ErrorCode.E009, ErrorCode.E019):
        return 503
    if isinstance(error, UsageError | InputError):
        return 422
    return 500


def _error(error: EventwireError, status: int | None = None) -> Response:
    return Response(error_body(error), status_code=status or status_of(error), media_type="application/json")


def _validation_message(exc: RequestValidationError) -> ApiError:
    first = exc.errors()[0] if exc.errors() else {}
    where = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    value = first.get("input")
    return ApiError(ErrorCode.E032, 422, param=".".join(where) or "request",
                    value=value if isinstance(value, str | int | float) else str(value)[:80],
                    reason=str(first.get("msg", "invalid")).lower())


def _http_error(request: Request, exc: StarletteHTTPException) -> ApiError:
    path = request.url.path
    if exc.status_code == 404:
        return ApiError(ErrorCode.E033, 404, what=f"route {path}", detail="")
    if exc.status_code == 405:
        return ApiError(ErrorCode.E038, 405, method=request.method, path=path, reason="method not allowed")
    return ApiError(ErrorCode.E038, exc.status_code, method=request.method, path=path, reason=str(exc.detail).lower())


def create_app(store_url: str | None = None, settings: dict[str, Any] | None = None, token: str | None = None) -> FastAPI:
    """The app over the store at ``store_url`` (a SQLite path or a URL; None: as ``eventwire query``
    finds it). ``token``: POST /api/articles stores articles for requests that carry it; without one
    the API is read-only."""
    from ..store import open_store
    from .routes import router
    from .write import Coder

    settings = settings or load_settings()
    store = open_store(store_url, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    options: ApiSettings = component_settings("api", settings.get("api"))  # type: ignore[assignment]
    app = FastAPI(
        title="eventwire", version=__version__, docs_url=None, redoc_url=None, default_response_class=JSON,
        lifespan=lifespan,
        description="Events, actors, quotes and articles of an eventwire store (docs/api.md).",
    )
    app.state.store = store
    app.state.options = options
    app.state.settings = settings
    app.state.token = token or None
    app.state.coder = Coder(settings, options.code_concurrency)
    app.include_router(router)

    @app.exception_handler(EventwireError)
    async def library_error(request: Request, exc: EventwireError) -> Response:
        return _error(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(_validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(_http_error(request, exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("request %s %s failed", request.method, request.url.path)
        return _error(ApiError(ErrorCode.E036, 500, reason=type(exc).__name__))

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Swagger UI from a package (fastapi-offline ships its files): /docs works with no internet
    swagger = resources.files("fastapi_offline") / "static"
    app.mount("/docs-assets", StaticFiles(directory=str(swagger)), name="docs-assets")

    if options.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(options.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["authorization", "content-type"])
    # outermost last: headers on every answer, then the rate limit, then the size limits
    app.add_middleware(SizeLimits, options=options)
    app.add_middleware(RateLimit, options=options)
    app.add_middleware(SecurityHeaders)
    return app
