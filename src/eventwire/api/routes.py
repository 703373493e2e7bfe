"""The read endpoints under /api/: lists with keyset cursors, aggregations, one article whole.

Filters are those of ``eventwire query`` (``eventwire.store.query.FILTERS``), the full-text one named
``q``; each list takes the filters that apply to its rows and lists them in its OpenAPI schema.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from .. import __version__
from ..errors import ApiError, ErrorCode
from ..events.cameo import code_table
from ..store import query as queries
from .respond import JSON
from .write import router as write_router

router = APIRouter(prefix="/api")

# the API's name of a store filter (the full-text query is ``q``, as in most search APIs)
API_NAMES = {"search": "q"}
DESCRIPTIONS = {
    "actor": "Actor: a CAMEO code prefix (RUS, RUSGOV) or part of a name; either side of an event.",
    "source": "Event source: code prefix or name.",
    "target": "Event target: code prefix or name.",
    "root": "CAMEO root code, 01-20.",
    "code": "CAMEO event code or its prefix (04, 046).",
    "quad": "QuadClass 1-4 (verbal/material cooperation, verbal/material conflict).",
    "since": "On or after this ISO date (the event's date, else the article's).",
    "until": "On or before this ISO date.",
    "place": "Place name, or an ISO3 country code.",
    "speaker": "Quote speaker: code prefix or name.",
    "search": 'Full-text query over article title and text: words (all), "a phrase", or, -word.',
    "article": "Only this article id.",
}


def filters_of(kind: str, extra: tuple[str, ...] = ()) -> Callable[..., dict[str, Any]]:
    """A dependency taking the query parameters of ``kind``'s filters: ``{store name: value}``. A query
    parameter that is neither one of them nor in ``extra`` (the endpoint's own) is refused (E032): a typo
    must not list every row."""
    names = sorted(queries.FILTERS[kind])
    allowed = {API_NAMES.get(name, name) for name in names} | set(extra)
    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for name in names:
        annotation = int | None if name == "quad" else str | None
        parameters.append(inspect.Parameter(
            API_NAMES.get(name, name), inspect.Parameter.KEYWORD_ONLY, annotation=annotation,
            default=Query(None, description=DESCRIPTIONS[name]),
        ))

    async def dependency(request: Request, **values: Any) -> dict[str, Any]:
        longest = request.app.state.options.max_param_chars
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ApiError(ErrorCode.E032, 422, param="parameter", value=unknown[0],
                           reason=f"not taken here; this endpoint takes {', '.join(sorted(allowed))}")
        given: dict[str, Any] = {}
        for name in names:
            value = values.get(API_NAMES.get(name, name))
            if isinstance(value, str):
                if len(value) > longest:
                    raise ApiError(ErrorCode.E032, 422, param=API_NAMES.get(name, name), value=value[:40] + "...",
                                   reason=f"longer than {longest} characters (setting api.max_param_chars)")
                _printable(API_NAMES.get(name, name), value)
                value = value.strip() or None
            if value is not None:
                given[name] = value
        return given

    dependency.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dependency


# a control character (NUL ends a string in SQLite's LIKE, PostgreSQL refuses it) is never a filter value
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(param: str, value: str) -> None:
    if _CONTROL.search(value):
        raise ApiError(ErrorCode.E032, 422, param=param, value=value[:40], reason="contains a control character")


def _limit(request: Request, limit: int | None, setting: str = "max_limit") -> int:
    options = request.app.state.options
    if limit is None:
        return int(options.default_limit if setting == "max_limit" else getattr(options, setting))
    most = int(getattr(options, setting))
    if limit > most:
        raise ApiError(ErrorCode.E032, 422, param="limit", value=limit, reason=f"at most {most} (setting api.{setting})")
    return limit


Limit = Annotated[int | None, Query(ge=1, description="Rows per page (setting api.default_limit; at most api.max_limit).")]
Groups = Annotated[int | None, Query(ge=1, description="Groups at most (setting api.max_groups).")]
Cursor = Annotated[str | None, Query(max_length=64, description="The `next` of the previous page.")]
PAGED, GROUPED = ("limit", "cursor"), ("limit",)
EventFilters = Annotated[dict[str, Any], Depends(filters_of("events", PAGED))]
QuoteFilters = Annotated[dict[str, Any], Depends(filters_of("quotes", PAGED))]
ActorFilters = Annotated[dict[str, Any], Depends(filters_of("actors", PAGED))]
ArticleFilters = Annotated[dict[str, Any], Depends(filters_of("articles", PAGED))]
StoryFilters = Annotated[dict[str, Any], Depends(filters_of("articles", (*PAGED, "min_articles")))]
TimelineFilters = Annotated[dict[str, Any], Depends(filters_of("events"))]
EventGroupFilters = Annotated[dict[str, Any], Depends(filters_of("events", GROUPED))]
QuoteGroupFilters = Annotated[dict[str, Any], Depends(filters_of("quotes", GROUPED))]
ActorGroupFilters = Annotated[dict[str, Any], Depends(filters_of("actors", GROUPED))]


def _page(request: Request, kind: str, filters: dict[str, Any], limit: int | None, cursor: str | None) -> JSON:
    size = _limit(request, limit)
    page = request.app.state.store.page(kind, size, after=cursor, **filters)
    return JSON({"data": page.rows, "next": page.next, "limit": size})


@router.get("/meta", response_model=None, summary="Version, schema revision, row counts, optional layers, limits")
def meta(request: Request) -> JSON:
    store, options = request.app.state.store, request.app.state.options
    return JSON({
        "eventwire": __version__, "revision": store.revision(), "backend": store.dialect, "counts": store.counts(),
        "features": store.features(), "writable": request.app.state.token is not None,
        "limits": {"default_limit": options.default_limit, "max_limit": options.max_limit, "max_groups": options.max_groups},
        "filters": {kind: sorted(API_NAMES.get(f, f) for f in names) for kind, names in queries.FILTERS.items()},
        "roots": {code: entry.get("name") for code, entry in sorted(code_table()["codes"].items()) if len(code) == 2},
    })


@router.get("/events", response_model=None, summary="Events with their evidence sentence, in ingest order")
def list_events(request: Request, filters: EventFilters, limit: Limit = None, cursor: Cursor = None) -> JSON:
    return _page(request, "events", filters, limit, cursor)


@router.get("/events/merged", response_model=None,
            summary="Merged events: one per real-world event, with num_mentions, num_sources, num_articles")
def list_merged(request: Request, filters: EventFilters, limit: Limit = None, cursor: Cursor = None) -> JSON:
    return _optional(request, "merged", filters, limit, cursor)


@router.get("/events/merged/{merged_id}", response_model=None,
            summary="The mentions behind one merged event, each with its evidence sentence and article")
def get_merged(request: Request, merged_id: Annotated[str, Path(max_length=64)]) -> JSON:
    _printable("merged event id", merged_id)
    store = request.app.state.store
    mentions = store.merged_mentions(merged_id) if store.features()["merged"] else []
    if not mentions:
        raise ApiError(ErrorCode.E033, 404, what="merged event", detail=f" with id {merged_id!r}")
    return JSON({"id": merged_id, "mentions": mentions})


@router.get("/quotes", response_model=None, summary="Quotes with speaker and sentence")
def list_quotes(request: Request, filters: QuoteFilters, limit: Limit = None, cursor: Cursor = None) -> JSON:
    return _page(request, "quotes", filters, limit, cursor)


@router.get("/actors", response_model=None, summary="Actors per article")
def list_actors(request: Request, filters: ActorFilters, limit: Limit = None, cursor: Cursor = None) -> JSON:
    return _page(request, "actors", filters, limit, cursor)


@router.get("/articles", response_model=None, summary="Articles (full-text `q`)")
def list_articles(request: Request, filters: ArticleFilters, limit: Limit = None, cursor: Cursor = None) -> JSON:
    return _page(request, "articles", filters, limit, cursor)


@router.get("/articles/{article_id}", response_model=None, summary="One article with every annotation and its offsets")
def get_article(request: Request, article_id: Annotated[str, Path(max_length=256)]) -> JSON:
    _printable("article id", article_id)
    found = request.app.state.store.article(article_id)
    if found is None:
        raise ApiError(ErrorCode.E033, 404, what="article", detail=f" with id {article_id!r}")
    return JSON(found)


@router.get("/stories", response_model=None,
            summary="Stories (near-duplicate articles) with their articles and num_sources; article filters")
def list_stories(request: Request, filters: StoryFilters, limit: Limit = None, cursor: Cursor = None,
                 min_articles: Annotated[int | None, Query(ge=1, description="Only stories of at least N articles.")] = None) -> JSON:
    if min_articles is not None:
        filters = {**filters, "min_articles": min_articles}
    return _optional(request, "stories", filters, limit, cursor)


def _optional(request: Request, layer: str, filters: dict[str, Any], limit: int | None, cursor: str | None) -> JSON:
    from ..store.view import merged_page, stories_page

    size = _limit(request, limit)
    reader = stories_page if layer == "stories" else merged_page
    page = reader(request.app.state.store, filters, cursor, size)
    if page is None:
        raise ApiError(ErrorCode.E033, 404, what=layer, detail=" in this store (the story layer has not been run on it)")
    return JSON({"data": page.rows, "next": page.next, "limit": size})


@router.get("/stats/timeline", response_model=None, summary="Events per day and QuadClass with mean Goldstein")
def timeline(request: Request, filters: TimelineFilters) -> JSON:
    return JSON({"data": request.app.state.store.timeline(**filters)})


@router.get("/stats/dyads", response_model=None, summary="Events per source-target pair with mean Goldstein, most first")
def dyads(request: Request, filters: EventGroupFilters, limit: Groups = None) -> JSON:
    return JSON({"data": request.app.state.store.dyads(_limit(request, limit, "max_groups"), **filters)})


@router.get("/stats/places", response_model=None, summary="Events per located place with mean Goldstein")
def places(request: Request, filters: EventGroupFilters, limit: Groups = None) -> JSON:
    return JSON({"data": request.app.state.store.place_counts(_limit(request, limit, "max_groups"), **filters)})


@router.get("/stats/speakers", response_model=None, summary="Quotes per speaker, most first")
def speakers(request: Request, filters: QuoteGroupFilters, limit: Groups = None) -> JSON:
    return JSON({"data": request.app.state.store.speakers(_limit(request, limit, "max_groups"), **filters)})


@router.get("/stats/actors", response_model=None, summary="Actors by the number of articles naming them")
def actor_counts(request: Request, filters: ActorGroupFilters, limit: Groups = None) -> JSON:
    return JSON({"data": request.app.state.store.actor_counts(_limit(request, limit, "max_groups"), **filters)})


router.include_router(write_router)
