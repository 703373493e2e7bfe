"""Build the spaCy Language once: the configured pipeline plus eventwire's components."""

from __future__ import annotations

import importlib
from typing import Any

import spacy
from spacy.language import Language

from .. import __version__
from ..errors import ConfigError, ErrorCode
from .extensions import register_extensions

# Our components in pipeline order, each with the module that registers its factory and the settings
# table it is configured from. Which of them run is a setting (nlp.components); the order is fixed here
# because each reads what the earlier ones wrote.
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("eventwire_actors", "eventwire.actors.component", "actors"),
    ("eventwire_dates", "eventwire.timex.component", "dates"),
    ("eventwire_places", "eventwire.geo.component", "places"),
    ("eventwire_quotes", "eventwire.quotes.component", "quotes"),
    ("eventwire_events", "eventwire.events.component", "events"),
)


def load_pipeline(settings: dict[str, Any], components: list[str] | None = None) -> Language:
    """The configured spaCy pipeline with the layout sentencizer and the enabled eventwire components."""
    register_extensions()
    name = settings["nlp"]["pipeline"]
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ConfigError(ErrorCode.E009, name=name, reason=str(exc).splitlines()[0]) from exc
    nlp.max_length = max(nlp.max_length, settings["input"]["max_chars"])
    if settings["nlp"].get("numpy_matmul"):
        from .fastops import install_numpy_matmul

        install_numpy_matmul(nlp)
    importlib.import_module("eventwire.nlp.layout")
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("eventwire_layout", before=before) if before else nlp.add_pipe("eventwire_layout", first=True)
    enabled = settings["nlp"]["components"] if components is None else components
    for component, module, table in COMPONENTS:
        if component in enabled:
            importlib.import_module(module)
            # the component's table of the layered settings (defaults, user file, environment)
            nlp.add_pipe(component, config={"settings": settings.get(table)})
    return nlp


def provenance(nlp: Language) -> dict[str, Any]:
    """Versions of everything that shaped a record: eventwire, the pipeline, each dictionary."""
    dictionaries: dict[str, str] = {}
    for _, component in nlp.pipeline:
        versions = getattr(component, "versions", None)
        if isinstance(versions, dict):
            dictionaries.update(versions)
    return {
        "eventwire": __version__,
        "pipeline": {"name": f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '')}", "version": nlp.meta.get("version")},
        "components": [name for name in nlp.pipe_names],
        "dictionaries": dict(sorted(dictionaries.items())),
    }
