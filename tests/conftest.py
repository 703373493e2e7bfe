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
