"""Shared fixtures: settings, the full pipeline (built once per session), gold-data location."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_716e416b2848e74f.txt"
EXAMPLE = ROOT / "examples" / "geneva_talks.txt"


@pytest.fixture(scope="session")
def settings() -> dict[str, Any]:
    from eventwire.settings import load_settings

    return load_settings(overrides={"eval": {"shared_dir": str(SHARED / "eval")}}, environ={})


@pytest.fixture(scope="session")
def full_nlp(settings: dict[str, Any]) -> Any:
    from eventwire.nlp.pipeline import load_pipeline

    return load_pipeline(settings)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record(full_nlp: Any, settings: dict[str, Any], seed_text: str) -> dict[str, Any]:
    from eventwire import code_text

    return code_text(seed_text, date="2022-01-12", id="seed", nlp=full_nlp, settings=settings)


# -- a real store for the API and dashboard tests: the seed, the bundled example, an article of our own
# and a few dev articles (read from ../shared/eval at run time, when present), coded and ingested once
POLNEAR_TEXTS = SHARED / "eval" / "polnear" / "dev" / "text"
API_DEV_ARTICLES = 5
# an article of our own: a dyad with a place, a quote with a speaker, an arrest in another city
API_OWN_ARTICLE = (
    "France and Germany agree on rail link\n\n"
    "PARIS, May 5 (Staff) - France's transport minister met his German counterpart in Paris on Tuesday and "
    "signed an agreement with Germany to build a high-speed rail link. \"This line will bring our peoples closer,\" "
    "the French minister said.\n\n"
    "Protesters in Berlin later accused the German government of wasting money, and police arrested twelve "
    "demonstrators outside the chancellery."
)


def api_articles(settings: dict[str, Any]) -> list[Any]:
    import re

    from eventwire.ingest import iter_articles
    from eventwire.ingest.readers import read_text_article
    from eventwire.records import Article

    found = [a for a in iter_articles([str(EXAMPLE)], settings) if isinstance(a, Article)]
    found.append(read_text_article(API_OWN_ARTICLE, id="own-rail", settings=settings, date="2024-05-07", date_source="user"))
    if SEED.exists():
        found.append(read_text_article(SEED.read_text(encoding="utf-8"), id="seed", settings=settings,
                                       date="2022-01-12", date_source="user", metadata={"source": "AP"}))
    if POLNEAR_TEXTS.is_dir():
        for path in sorted(POLNEAR_TEXTS.glob("*.txt"))[:API_DEV_ARTICLES]:
            day = re.search(r"_(\d{4}-\d{2}-\d{2})_", path.name)
            found.append(read_text_article(path.read_text(encoding="utf-8"), id=f"dev-{path.stem[:40]}",
                                           settings=settings, date=day.group(1) if day else None,
                                           date_source="user" if day else None))
    return found


@pytest.fixture(scope="session")
def api_records(full_nlp: Any, settings: dict[str, Any]) -> list[Any]:
    from eventwire import code_articles

    return list(code_articles(api_articles(settings), full_nlp, settings=settings))


def fill_store(url: str, records: list[Any], nlp: Any, settings: dict[str, Any]) -> None:
    from eventwire.store import open_store
    from eventwire.store.ingest import run_identity
    from eventwire.store.rows import content_hash

    with open_store(url, settings) as store:
        run = run_identity(nlp, settings, store)
        store.add_run(run)
        for record in records:
            store.put(record, run["id"], content_hash(record))
        store.update_corpus()  # the story layer, as ingest runs it: stories and merged events


@pytest.fixture(scope="session")
def api_db(tmp_path_factory: pytest.TempPathFactory, api_records: list[Any], full_nlp: Any, settings: dict[str, Any]) -> str:
    """A SQLite store of the API test articles (read-only for the tests that share it)."""
    path = str(tmp_path_factory.mktemp("api") / "api.db")
    fill_store(path, api_records, full_nlp, settings)
    return path
