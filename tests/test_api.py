"""The HTTP API against a real store built from the seed, the example, our own article and dev articles.

httpx through FastAPI's TestClient (the app's real ASGI stack: middleware, handlers, the store on a SQLite
file), one real ``eventwire serve`` on a free port, and the list, pagination and aggregations on a real
PostgreSQL server too (EVENTWIRE_TEST_PG).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import API_OWN_ARTICLE, ROOT, fill_store
from test_store import store_url  # noqa: F401  (the backend fixture: SQLite and PostgreSQL)

pytestmark = pytest.mark.model
# a second article of our own, on another subject (a story of its own)
OWN_SECOND = (
    "Harbour reopens after storm\n\n"
    "LISBON, June 1 (Staff) - Portugal's government reopened the harbour of Lisbon on Saturday after a storm "
    "closed it for three days, the port authority said."
)
ERROR = re.compile(r"E0\d\d")


def _settings(more: dict[str, Any] | None = None, **api: Any) -> dict[str, Any]:
    from eventwire.settings import load_settings

    return load_settings(overrides={"api": {"rate_limit_per_minute": 0, **api}, **(more or {})}, environ={})


def _client(db: str, token: str | None = None, more: dict[str, Any] | None = None, **api: Any) -> Any:
    from fastapi.testclient import TestClient

    from eventwire.api import create_app

    return TestClient(create_app(db, _settings(more, **api), token=token), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(api_db: str) -> Iterator[Any]:
    with _client(api_db) as test_client:
        yield test_client


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape: {"error": {"code": "E0xx", "message": "E0xx ..."}} and nothing else."""
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert ERROR.fullmatch(body["error"]["code"]), body
    assert body["error"]["message"].startswith(body["error"]["code"] + " ")
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def _all(client: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        rows += page.json()["data"]
        cursor = page.json()["next"]
        if cursor is None:
            return rows


def test_meta_counts_the_store(client: Any, api_records: list[Any]) -> None:
    meta = client.get("/api/meta").json()
    assert meta["backend"] == "sqlite" and meta["revision"]
    assert meta["counts"]["articles"] == len(api_records)
    assert meta["counts"]["events"] == sum(len(r.events) for r in api_records) > 0
    assert meta["writable"] is False
    assert meta["features"] == {"stories": True, "merged": True}


def test_events_carry_their_sentence_and_filters_apply(client: Any) -> None:
    events = _all(client, "/api/events", limit=1000)
    assert events and all(e["sentence_text"] and e["trigger_text"] in e["sentence_text"] for e in events)
    french = _all(client, "/api/events", actor="FRA")
    assert french and all("FRA" in ((e["source_code"] or "")[:3], (e["target_code"] or "")[:3]) for e in french)
    assert {e["id"] for e in french} == {
        e["id"] for e in events if (e["source_code"] or "").startswith("FRA") or (e["target_code"] or "").startswith("FRA")
    }
    dyad = _all(client, "/api/events", source="FRA", target="DEU")
    assert dyad and all(e["source_code"].startswith("FRA") and e["target_code"].startswith("DEU") for e in dyad)
    berlin = _all(client, "/api/events", place="Berlin")
    assert berlin and all(e["place_name"] == "Berlin" for e in berlin)
    assert all(e["root"] == "05" for e in _all(client, "/api/events", root="5"))
    quarter = _all(client, "/api/events", since="2024-05-01", until="2024-05-31")
    assert quarter and all("2024-05-01" <= e["date"][:10] <= "2024-05-31" for e in quarter)


def test_pages_are_disjoint_and_complete(client: Any) -> None:
    everything = _all(client, "/api/events", limit=1000)
    paged = _all(client, "/api/events", limit=3)
    assert [e["id"] for e in paged] == [e["id"] for e in everything]
    first = client.get("/api/events", params={"limit": 3}).json()
    assert len(first["data"]) == 3 and first["next"] and first["limit"] == 3


def test_cursor_is_stable_while_ingest_adds_rows(
    tmp_path: Path, api_records: list[Any], full_nlp: Any, settings: dict[str, Any]
) -> None:
    """Page through, store more articles between pages: no row seen twice or skipped, new rows at the end."""
    db = str(tmp_path / "growing.db")
    early, late = api_records[:-2], api_records[-2:]
    fill_store(db, early, full_nlp, settings)
    with _client(db) as growing:
        before = [e["id"] for e in _all(growing, "/api/events", limit=1000)]
        page = growing.get("/api/events", params={"limit": 4}).json()
        seen = [e["id"] for e in page["data"]]
        fill_store(db, late, full_nlp, settings)
        cursor = page["next"]
        while cursor:
            page = growing.get("/api/events", params={"limit": 4, "cursor": cursor}).json()
            seen += [e["id"] for e in page["data"]]
            cursor = page["next"]
    added = [e.id for record in late for e in record.events]
    assert seen == before + added


def test_articles_full_text_and_one_article_whole(client: Any) -> None:
    hits = _all(client, "/api/articles", q='"rail link"')
    assert [a["id"] for a in hits] == ["own-rail"]
    assert _all(client, "/api/articles", q="rail -Germany") == []
    article = client.get("/api/articles/own-rail").json()
    text = article["text"]
    assert text.startswith("France and Germany") and article["sentences"]
    for actor in article["actors"]:
        for mention in actor["mentions"]:
            assert text[mention["start_char"]:mention["end_char"]] == mention["text"]
    for kind in ("events", "quotes", "dates", "places"):
        assert article[kind], kind
    for event in article["events"]:
        assert text[event["trigger_start_char"]:event["trigger_end_char"]] == event["trigger_text"]
        assert event["sentence_start"] <= event["trigger_start_char"] < event["sentence_end"]
    for quote in article["quotes"]:
        assert text[quote["start_char"]:quote["end_char"]] == quote["text"]
    assert any(q["speaker_name"] and "minister" in q["speaker_name"] for q in article["quotes"])


def test_aggregations_agree_with_the_rows(client: Any) -> None:
    events = _all(client, "/api/events", limit=1000)
    dated = [e for e in events if re.fullmatch(r"\d{4}-\d{2}-\d{2}", (e["date"] or "")[:10])]
    by_day: dict[tuple[str, int], list[float]] = defaultdict(list)
    for e in dated:
        by_day[(e["date"][:10], e["quad"])].append(e["goldstein"])
    timeline = client.get("/api/stats/timeline").json()["data"]
    assert {(t["date"], t["quad"]): t["count"] for t in timeline} == {k: len(v) for k, v in by_day.items()}
    for t in timeline:
        values = by_day[(t["date"], t["quad"])]
        assert t["goldstein"] == pytest.approx(sum(values) / len(values), abs=1e-3)
    pairs = Counter((e["source_code"], e["target_code"]) for e in events if e["source_code"] and e["target_code"])
    dyads = client.get("/api/stats/dyads").json()["data"]
    assert {(d["source_code"], d["target_code"]): d["count"] for d in dyads} == dict(pairs)
    assert [d["count"] for d in dyads] == sorted((d["count"] for d in dyads), reverse=True)
    french = client.get("/api/stats/timeline", params={"actor": "FRA"}).json()["data"]
    assert 0 < sum(t["count"] for t in french) < sum(t["count"] for t in timeline)
    located = client.get("/api/stats/places").json()["data"]
    assert any(p["place_name"] == "Paris" and p["lat"] and p["lon"] for p in located)
    speakers = client.get("/api/stats/speakers").json()["data"]
    quotes = _all(client, "/api/quotes", limit=1000)
    assert sum(s["count"] for s in speakers) == sum(1 for q in quotes if q["speaker_name"])
    actors = client.get("/api/stats/actors", params={"actor": "FRA"}).json()["data"]
    assert actors and all(a["code"].startswith("FRA") for a in actors)


# parameters a client may get wrong, and what the API must say (status, code); each answered in the error shape
BAD = [
    ("/api/events?since=2022-02-30", 422, "E008"),
    ("/api/events?until=yesterday", 422, "E008"),
    ("/api/events?root=99", 422, "E032"),
    ("/api/events?root=ab", 422, "E032"),
    ("/api/events?code=999", 422, "E032"),
    ("/api/events?code=04%25", 422, "E032"),
    ("/api/events?quad=5", 422, "E032"),
    ("/api/events?quad=one", 422, "E032"),
    ("/api/events?limit=0", 422, "E032"),
    ("/api/events?limit=1000000000", 422, "E032"),
    ("/api/stats/dyads?limit=100000", 422, "E032"),
    ("/api/events?cursor=1.2.3", 422, "E032"),
    ("/api/articles?cursor=4.1", 422, "E032"),
    ("/api/events?speaker=Lavrov", 422, "E032"),
    ("/api/events?actr=RUS", 422, "E032"),
    ("/api/events?actor=" + "A" * 600, 422, "E032"),
    ("/api/events?q=" + "x" * 5000, 414, "E034"),
    ("/api/articles/" + "x" * 300, 422, "E032"),
    ("/api/articles/..%2F..%2Fetc%2Fpasswd", 404, "E033"),
    ("/api/no-such-thing", 404, "E033"),
    ("/api/events?actor=RUS%00", 422, "E032"),
    ("/api/articles?q=%00", 422, "E032"),
    ("/api/articles/own%00rail", 422, "E032"),
    ("/static/../pyproject.toml", 404, None),
    ("/api/stories?cursor=%27%20OR%201%3D1", 422, "E032"),
    ("/api/stories?min_articles=0", 422, "E032"),
    ("/api/events/merged/no-such-event", 404, "E033"),
]


@pytest.mark.parametrize(("path", "status", "code"), BAD)
def test_bad_parameters_get_the_error_shape(client: Any, path: str, status: int, code: str | None) -> None:
    assert_error(client.get(path), status, code)


@pytest.mark.parametrize("value", ["' OR 1=1 --", "\"; DROP TABLE events; --", "%", "_", "RUS%' OR '1'='1", "\\"])
def test_injection_strings_are_values_not_sql(client: Any, value: str) -> None:
    before = client.get("/api/meta").json()["counts"]
    for param in ("actor", "source", "place", "q", "article"):
        response = client.get("/api/events", params={param: value})
        assert response.status_code == 200, (param, response.text)
        assert response.json()["data"] == [], (param, value)
    assert client.get("/api/articles", params={"q": value}).status_code == 200
    assert client.get("/api/meta").json()["counts"] == before


def test_methods_and_bodies(client: Any) -> None:
    assert_error(client.post("/api/events"), 405, "E038")
    assert_error(client.delete("/api/articles/own-rail"), 405, "E038")
    assert_error(client.post("/api/code", content=b"x" * 2_000_000, headers={"content-type": "text/plain"}), 413, "E034")
    assert_error(client.post("/api/code", content=b"some text", headers={"content-type": "image/png"}), 415, "E038")
    assert_error(client.post("/api/code", content=b"{not json", headers={"content-type": "application/json"}), 422, "E005")
    assert_error(client.post("/api/code", json={"title": "no text"}), 422, "E006")
    assert_error(client.post("/api/code", content=b"   ", headers={"content-type": "text/plain"}), 422, "E004")


def test_an_article_over_the_input_limit_is_refused(api_db: str) -> None:
    with _client(api_db, more={"input": {"max_chars": 1000}}) as small:
        error = assert_error(small.post("/api/code", json={"text": "word " * 400}), 413, "E007")
    assert "input.max_chars" in error["message"]


def test_code_returns_the_record_and_stores_nothing(client: Any) -> None:
    coder = client.app.state.coder
    before = client.get("/api/meta").json()["counts"]
    record = client.post("/api/code", json={"text": API_OWN_ARTICLE, "date": "2024-05-07", "id": "posted"}).json()
    assert record["id"] == "posted" and record["events"] and record["provenance"]["eventwire"]
    nlp = coder._nlp
    plain = client.post("/api/code", content=API_OWN_ARTICLE.encode(), headers={"content-type": "text/plain"})
    assert plain.status_code == 200 and plain.json()["events"]
    assert coder._nlp is nlp  # loaded once, on the first request
    assert client.get("/api/meta").json()["counts"] == before
    assert_error(client.get("/api/articles/posted"), 404, "E033")


def test_storing_needs_the_server_token(tmp_path: Path, api_records: list[Any], full_nlp: Any, settings: dict[str, Any]) -> None:
    db = str(tmp_path / "write.db")
    with _client(db) as read_only:
        assert_error(read_only.post("/api/articles", json={"text": API_OWN_ARTICLE}), 403, "E037")
    with _client(db, token="s3cret") as writable:
        writable.app.state.coder._nlp = full_nlp  # the session's pipeline: the lazy load is tested above
        assert writable.get("/api/meta").json()["writable"] is True
        assert_error(writable.post("/api/articles", json={"text": API_OWN_ARTICLE}), 401, "E037")
        wrong = {"authorization": "Bearer nope"}
        assert_error(writable.post("/api/articles", json={"text": API_OWN_ARTICLE}, headers=wrong), 401, "E037")
        right = {"authorization": "Bearer s3cret"}
        stored = writable.post("/api/articles", json={"text": API_OWN_ARTICLE, "id": "via-api", "date": "2024-05-07"}, headers=right)
        assert stored.status_code == 201, stored.text
        assert stored.json()["stored"] == 1 and stored.json()["events"] > 0
        again = writable.post("/api/articles", json={"text": API_OWN_ARTICLE, "id": "via-api", "date": "2024-05-07"}, headers=right)
        assert again.json()["skipped"] == 1
        assert writable.get("/api/articles/via-api").status_code == 200
        assert len(writable.get("/api/events", params={"article": "via-api"}).json()["data"]) == stored.json()["events"]


def test_rate_limit_per_client(api_db: str) -> None:
    with _client(api_db, rate_limit_per_minute=1, rate_limit_burst=5) as limited:
        answers = [limited.get("/api/meta") for _ in range(7)]
    assert [a.status_code for a in answers[:5]] == [200] * 5
    error = assert_error(answers[5], 429, "E035")
    assert "rate_limit_per_minute" in error["message"] and int(answers[5].headers["retry-after"]) >= 1


def test_store_failure_and_server_bug_get_the_error_shape(tmp_path: Path, api_db: str) -> None:
    import sqlalchemy as sa

    db = tmp_path / "broken.db"
    with _client(str(db)) as broken:
        with broken.app.state.store.engine.begin() as connection:
            connection.execute(sa.text("DROP TABLE quotes"))
        assert_error(broken.get("/api/quotes"), 503, "E024")

        def fails() -> None:
            raise RuntimeError("a bug")

        broken.app.add_api_route("/api/fails", fails)
        assert_error(broken.get("/api/fails"), 500, "E036")


def test_security_headers_and_cors(client: Any, api_db: str) -> None:
    for path in ("/", "/api/meta", "/static/app.js", "/api/no-such-thing"):
        headers = client.get(path, headers={"origin": "http://elsewhere.example"}).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert "access-control-allow-origin" not in headers  # CORS off by default
    assert "script-src 'self';" in client.get("/docs").headers["content-security-policy"]
    with _client(api_db, cors_origins=["http://allowed.example"]) as shared:
        allowed = shared.get("/api/meta", headers={"origin": "http://allowed.example"})
        assert allowed.headers["access-control-allow-origin"] == "http://allowed.example"
        other = shared.get("/api/meta", headers={"origin": "http://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_openapi_lists_the_filters(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    events = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "source", "target", "root", "code", "quad", "since", "until", "place", "q", "limit", "cursor"} <= events
    assert "speaker" not in events
    assert "/api/stats/timeline" in schema["paths"] and "/api/code" in schema["paths"]
    page = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in page and "http" not in page.split("<body", 1)[1]


def test_backends_answer_alike(store_url: str, api_records: list[Any], full_nlp: Any, settings: dict[str, Any]) -> None:  # noqa: F811
    fill_store(store_url, api_records, full_nlp, settings)
    with _client(store_url) as backend:
        events = _all(backend, "/api/events", limit=5)
        assert [e["id"] for e in events] == [e.id for r in api_records for e in r.events]
        assert sum(t["count"] for t in backend.get("/api/stats/timeline").json()["data"]) > 0
        assert backend.get("/api/stats/dyads", params={"actor": "FRA"}).json()["data"]
        assert [a["id"] for a in _all(backend, "/api/articles", q="rail")] == ["own-rail"]
        assert_error(backend.get("/api/events", params={"root": "42"}), 422, "E032")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_eventwire_serve_answers_on_a_port(api_db: str) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", api_db, "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                meta = httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "eventwire serve did not answer"
                time.sleep(0.3)
        assert meta.status_code == 200 and meta.json()["counts"]["events"] > 0
        assert "server" not in meta.headers
        assert_error(httpx.post(f"http://127.0.0.1:{port}/api/articles", json={"text": "x"}), 403, "E037")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_library_errors_get_statuses_that_fit() -> None:
    from eventwire.api.app import status_of
    from eventwire.coding import CodingError
    from eventwire.errors import ErrorCode, InputError, StoreError, UsageError

    assert status_of(UsageError(ErrorCode.E008, value="x")) == 422
    assert status_of(InputError(ErrorCode.E006)) == 422
    assert status_of(InputError(ErrorCode.E007, size=2, limit=1)) == 413
    assert status_of(CodingError(ErrorCode.E016, article="a", component="c", reason="r")) == 500
    assert status_of(CodingError(ErrorCode.E019, article="a", seconds=1)) == 503
    assert status_of(StoreError(ErrorCode.E024, url="u", reason="r")) == 503


def test_stories_and_merged_events_of_the_story_layer(tmp_path: Path, full_nlp: Any, settings: dict[str, Any]) -> None:
    """Two outlets' copies of one article of ours and one other article, ingested (the story layer runs):
    one story of two articles from two sources, merged events reported by both, their mentions."""
    from eventwire.ingest.readers import read_text_article
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    copies = [read_text_article(API_OWN_ARTICLE, id=f"rail-{outlet}", settings=settings, date="2024-05-07",
                                date_source="user", metadata={"source": f"Wire {outlet}"}) for outlet in "AB"]
    other = read_text_article(OWN_SECOND, id="harbour", settings=settings, date="2024-06-01", date_source="user")
    db = str(tmp_path / "stories.db")
    with open_store(db, settings) as store:
        ingest([*copies, other], store, full_nlp, settings)
    with _client(db) as layered:
        assert layered.get("/api/meta").json()["features"] == {"stories": True, "merged": True}
        stories = _all(layered, "/api/stories", limit=1)
        assert len(stories) == len({s["story"] for s in stories}) == 2
        wire = layered.get("/api/stories", params={"min_articles": 2}).json()["data"]
        assert len(wire) == 1 and wire[0]["num_articles"] == 2 and wire[0]["num_sources"] == 2
        assert sorted(a["id"] for a in wire[0]["articles"]) == ["rail-A", "rail-B"]
        assert [s["story"] for s in _all(layered, "/api/stories", q="harbour")] == ["harbour"]
        merged = _all(layered, "/api/events/merged", limit=2, actor="FRA")
        assert merged and any(m["num_articles"] == 2 and m["num_sources"] == 2 for m in merged)
        assert all("FRA" in ((m["source_code"] or "")[:3], (m["target_code"] or "")[:3]) for m in merged)
        both = next(m for m in merged if m["num_articles"] == 2)
        mentions = layered.get(f"/api/events/merged/{both['id']}").json()["mentions"]
        assert sorted(m["article_id"] for m in mentions) == ["rail-A", "rail-B"] and all(m["sentence_text"] for m in mentions)
        assert_error(layered.get("/api/events/merged/nope"), 404, "E033")
        assert_error(layered.get("/api/stories", params={"cursor": "a b"}), 422, "E032")
        assert_error(layered.get("/api/events/merged", params={"root": "99"}), 422, "E032")
        assert_error(layered.get("/api/stories", params={"root": "01"}), 422, "E032")
