"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright) against a
real uvicorn serving a real store. Screenshots go to build/screenshots/.

No browser: the tests skip, except in CI (EVENTWIRE_REQUIRE_BROWSER=1, set by .ci/run, which installs
Debian's chromium) where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.model, pytest.mark.browser]
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
TIMEOUT_MS = 15_000


def _missing(reason: str) -> None:
    if os.environ.get("EVENTWIRE_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (.ci/run installs Debian's chromium and the dev dependencies)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(api_db: str) -> Iterator[str]:
    """The app on a free loopback port, served by uvicorn in a thread of this process."""
    import uvicorn

    from eventwire.api import create_app
    from eventwire.settings import load_settings

    settings = load_settings(overrides={"api": {"rate_limit_per_minute": 0}}, environ={})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(api_db, settings), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        _missing(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Watched:
    """A page and what went wrong on it: console errors, script errors, requests to another origin."""

    def __init__(self, browser: Any, origin: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.set_default_timeout(TIMEOUT_MS)
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"script: {e}"))
        self.page.on("request", lambda r: r.url.startswith((origin, "data:")) or self.problems.append(f"outside: {r.url}"))

    def ready(self) -> Any:
        self.page.wait_for_selector("#view[data-ready=true]")
        return self.page

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser: Any, server: str) -> Iterator[Watched]:
    page = Watched(browser, server)
    yield page
    page.page.close()
    assert page.problems == []


def _query(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_every_view_draws_from_the_package_alone(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/")
    watched.ready()
    assert page.locator("[data-testid=timeline] rect.bar").count() > 0
    assert page.locator("[data-testid=goldstein-line]").count() == 1
    assert "articles" in page.inner_text("[data-testid=store-info]")
    assert page.locator("#views a[data-view=stories]").is_visible()  # the store has the story layer
    watched.shot("timeline")
    for view, drawn in (("network", "[data-testid=network] line.edge"), ("map", "[data-testid=map] circle.place"),
                        ("quotes", "[data-testid=speakers] li"), ("events", "tr.event"), ("articles", "tr.article-row"),
                        ("stories", "tr.story-row"), ("merged", "tr.merged-row")):
        page.click(f"#views a[data-view={view}]")
        watched.ready()
        assert _query(page)["view"] == view
        assert page.locator(drawn).count() > 0, view
        if view == "map":
            assert page.locator("[data-testid=map] path.land").get_attribute("d").count("M") > 100
        watched.shot(view)


def test_filter_by_an_actor_is_kept_in_the_url(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/?view=events")
    watched.ready()
    everything = page.locator("tr.event").count()
    page.fill("input[name=actor]", "FRA")
    page.click("#filters button[type=submit]")
    watched.ready()
    assert _query(page) == {"view": "events", "actor": "FRA"}
    rows = page.locator("tr.event")
    assert 0 < rows.count() < everything
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert "FRA" in (cells.nth(1).inner_text()[:3], cells.nth(3).inner_text()[:3])
    watched.shot("events-actor-FRA")
    page.click("#views a[data-view=timeline]")
    watched.ready()
    assert _query(page) == {"view": "timeline", "actor": "FRA"}
    # a bookmark: the same URL in a fresh load shows the same filter
    page.goto(page.url)
    watched.ready()
    assert page.input_value("input[name=actor]") == "FRA"
    assert page.locator("[data-testid=timeline] rect.bar").count() > 0


def test_an_article_shows_its_highlights_and_each_event_its_sentence(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/?view=events&actor=FRA&q=%22rail+link%22")
    watched.ready()
    page.locator("tr.event a.open").first.click()
    watched.ready()
    query = _query(page)
    assert query["view"] == "article" and query["id"] == "own-rail" and query["event"]
    text = page.locator("[data-testid=article-text]")
    for layer in ("actor", "event", "quote", "date", "place"):
        assert text.locator(f".hl-{layer}").count() > 0, layer
    focused = text.locator(".sentence.focus")
    trigger = re.search(r': "([^"]+)"', page.inner_text("[data-testid=article-events] li.focus"))
    assert focused.count() == 1 and trigger and trigger.group(1) in focused.inner_text()
    watched.shot("article")
    # follow another event to its evidence sentence: the one holding its trigger, marked and in the URL
    item = page.locator("[data-testid=article-events] li").filter(has_text="arrested").first
    item.locator("a").click()
    assert "police arrested" in text.locator(".sentence.focus").inner_text()
    assert _query(page)["event"] == item.get_attribute("data-event")
    assert item.get_attribute("class") == "focus"
    watched.shot("article-event-sentence")
    page.uncheck("input[data-layer=event]")
    assert "off-event" in (text.get_attribute("class") or "")


def test_clicks_in_the_views_set_the_shared_filters(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/?view=network")
    watched.ready()
    edge = page.locator("line.edge[data-source=FRA][data-target=DEU]").first
    edge.dispatch_event("click")
    watched.ready()
    assert _query(page) == {"view": "events", "source": "FRA", "target": "DEU"}
    assert page.input_value("input[name=source]") == "FRA" and page.locator("tr.event").count() > 0
    page.goto(server + "/?view=map")
    watched.ready()
    page.locator("circle.place[data-place=Berlin]").dispatch_event("click")
    watched.ready()
    assert _query(page) == {"view": "events", "place": "Berlin"}
    assert all(cell == "Berlin" for cell in page.locator("tr.event td:nth-child(5)").all_inner_texts())
    page.goto(server + "/?view=quotes")
    watched.ready()
    speaker = page.locator("[data-testid=speakers] li").first
    name = speaker.get_attribute("data-speaker")
    speaker.click()
    watched.ready()
    assert _query(page)["speaker"] == name
    assert all(name in meta for meta in page.locator("blockquote.quote .muted").all_inner_texts())
    watched.shot("quotes-speaker")
    page.goto(server + "/?view=merged&actor=FRA")
    watched.ready()
    page.locator("tr.merged-row button.reports").first.click()
    page.wait_for_selector("[data-testid=merged-mentions] blockquote.mention")
    page.locator("[data-testid=merged-mentions] a").first.click()
    watched.ready()
    assert _query(page)["view"] == "article" and page.locator(".sentence.focus").count() == 1
    watched.shot("merged-event-to-article")
    page.goto(server + "/?view=events&root=99")
    watched.ready()
    assert "E032" in page.inner_text("[data-testid=status]")
    watched.problems = [p for p in watched.problems if "422" not in p]  # the refused request itself
