"""Build the spaCy Language once: the configured pipeline plus eventwire's components."""

from __future__ import annotations

import importlib
from typing import Any

import spacy
from spacy.language import Language

from .. import __version__
from ..errors import ConfigError, ErrorCode
from ..words import words
from .extensions import register_extensions

# Our components: the module that registers each factory and the settings table it is configured from. Which
# of them run is a setting (nlp.components); their order follows from what each factory declares it
# requires and assigns (see :func:`pipeline_order`), so a component that reads another's output runs after it.
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("eventwire_actors", "eventwire.actors.component", "actors"),
    ("eventwire_dates", "eventwire.timex.component", "dates"),
    ("eventwire_places", "eventwire.geo.component", "places"),
    ("eventwire_quotes", "eventwire.quotes.component", "quotes"),
    ("eventwire_events", "eventwire.events.component", "events"),
)
# settings tables of shared services, passed to the components that use them as a factory argument of that name
SHARED_TABLES: dict[str, tuple[str, ...]] = {
    "eventwire_quotes": ("reporting",),
    "eventwire_events": ("reporting", "places"),
}


# packages whose data/<package>/words.json the pipeline's code reads
WORD_LIST_PACKAGES: tuple[str, ...] = ("actors", "geo", "ingest", "quotes", "timex")


def pipeline_order(names: list[str]) -> list[str]:
    """``names`` ordered so that every component comes after those assigning what it requires (a stable
    topological sort on the factories' declarations; ties keep the order of :data:`COMPONENTS`)."""
    rank = {name: i for i, (name, _, _) in enumerate(COMPONENTS)}
    metas = {name: Language.get_factory_meta(name) for name in names}
    pending = sorted(names, key=lambda n: rank.get(n, len(rank)))
    ordered: list[str] = []
    while pending:
        assigned = {attr for done in ordered for attr in metas[done].assigns}
        wanted = {attr for name in pending for attr in metas[name].assigns}
        ready = next((n for n in pending if not (set(metas[n].requires) & wanted - assigned - set(metas[n].assigns))), None)
        if ready is None:
            raise ConfigError(ErrorCode.E009, name=", ".join(pending), reason="components require each other's output")
        ordered.append(ready)
        pending.remove(ready)
    return ordered


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
    known = {name: (module, table) for name, module, table in COMPONENTS}
    for name in enabled:
        if name not in known:
            raise ConfigError(ErrorCode.E009, name=name, reason=f"unknown component; known: {', '.join(known)}")
        importlib.import_module(known[name][0])
    for name in pipeline_order([n for n in known if n in enabled]):
        # the component's table of the layered settings (defaults, user file, environment)
        config = {"settings": settings.get(known[name][1])}
        config.update({table: settings.get(table) for table in SHARED_TABLES.get(name, ())})
        nlp.add_pipe(name, config=config)
    return nlp


def provenance(nlp: Language) -> dict[str, Any]:
    """Versions of everything that shaped a record: eventwire, the pipeline, each dictionary."""
    dictionaries: dict[str, str] = {}
    for _, component in nlp.pipeline:
        versions = getattr(component, "versions", None)
        if isinstance(versions, dict):
            dictionaries.update(versions)
    # the word lists the code reads (data/<package>/words.json) shape records too
    for package in WORD_LIST_PACKAGES:
        dictionaries[f"words_{package}"] = words(package)["version"]
    return {
        "eventwire": __version__,
        "pipeline": {"name": f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '')}", "version": nlp.meta.get("version")},
        "components": [name for name in nlp.pipe_names],
        "dictionaries": dict(sorted(dictionaries.items())),
    }
