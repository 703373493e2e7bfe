"""Typed settings of each component: one Struct per settings table, its defaults from settings.toml.

A component's factory gets its table of the layered settings (shipped defaults, user file, environment)
and turns it into one of these types: a mistyped value or an unknown key (a typo in a user file) is a
coded error naming the key (E010), not a setting silently ignored. Field meanings are documented beside
each key in settings.toml; the defaults live there only, so these types declare no defaults.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

Positive = Annotated[int, Meta(ge=1)]
NonNegative = Annotated[int, Meta(ge=0)]


class ComponentSettings(Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """Base: also reads like the TOML table (``settings["key"]``) for code written against it."""

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)


class ActorsSettings(ComponentSettings):
    extra_dictionaries: list[str]
    pronoun_max_sentences: NonNegative
    title_max_tokens: NonNegative
    metonymy_place_verbs: list[str]
    metonymy_deps: list[str]
    metonymy_object_verbs: list[str]
    located_preps: list[str]
    group_pronouns: bool
    group_pronoun_max_sentences: NonNegative
    group_pronoun_non_agentive_verbs: list[str]
    description_verbs: dict[str, str]
    doer_act_nouns: list[str]


class DatesSettings(ComponentSettings):
    spacy_labels: list[str]
    max_span_tokens: Positive
    match_reference_words: list[str]
    near_future_days: NonNegative
    near_future_months: NonNegative


class PlacesSettings(ComponentSettings):
    entity_labels: list[str]
    primary_name_bonus: float
    capital_bonus: float
    country_bonus: float
    context_country_bonus: float
    context_admin1_bonus: float
    proximity_bonus: float
    proximity_km: Annotated[float, Meta(gt=0)]
    dateline_country_bonus: float
    qualifier_bonus: float
    hint_country_bonus: float
    hint_admin1_bonus: float
    namesake_city_bonus: float
    list_division_bonus: float
    consensus_min_names: Positive
    place_hint: str
    unambiguous_margin: float
    rescue_labels: list[str]
    locative_preps: list[str]
    not_place_next_words: list[str]
    acronym_max_letters: NonNegative
    scan_min_population: NonNegative
    scan_max_words: Positive
    scan_skip_labels: list[str]
    locate_unresolved: bool
    focus_labels: list[str]
    focus_radius_km: Annotated[float, Meta(gt=0)]
    keep_unresolved: bool
    max_candidates: NonNegative
    default_population: dict[str, NonNegative]


class ReportingSettings(ComponentSettings):
    """The shared reporting-verb lexicon (quotes and events read it)."""

    cues: str


class QuotesSettings(ComponentSettings):
    cue_categories: list[str]
    direct_max_unquoted_words: NonNegative
    direct_min_words: NonNegative
    indirect_min_words: NonNegative
    inherit_speaker_max_paragraphs: NonNegative
    signature_max_words: Positive
    object_content: bool
    line_source_max_words: NonNegative


class EventsSettings(ComponentSettings):
    require_source: bool
    uncoded_sources: Literal["none", "actors"]
    unattributed_harm: bool
    party_target_roots: list[str]
    discard_historical: bool
    speech_events: bool
    uncoded_targets: bool
    statements: bool
    bare_verb_target_roots: list[str]
    bare_verb_party_roots: list[str]
    bare_verb_party_codes: list[str]
    bare_verb_verbal_codes: dict[str, str]
    bare_verb_harm_roots: list[str]
    bare_verb_threat_roots: list[str]
    bare_verb_thing_target_roots: list[str]


class StoreSettings(ComponentSettings):
    default_db: str
    settings_hash_ignore: list[str]
    content_hash_ignore_metadata: list[str]
    sqlite_journal_mode: str
    sqlite_synchronous: str
    table_limit: Positive
    fetch_rows: Positive
    story_batch: Positive


class StoriesSettings(ComponentSettings):
    shingle_words: Positive
    num_perm: Annotated[int, Meta(ge=2)]
    seed: NonNegative
    threshold: Annotated[float, Meta(gt=0, le=1)]
    false_positive_weight: Annotated[float, Meta(ge=0, le=1)]
    false_negative_weight: Annotated[float, Meta(ge=0, le=1)]


class MergeSettings(ComponentSettings):
    place_tolerance_km: Annotated[float, Meta(ge=0)]
    outlet_from_url: bool
    generic_actors_within_story: bool


class DaskSettings(ComponentSettings):
    partition_size: Positive
    partitions_per_worker: Positive
    connect_timeout: Annotated[float, Meta(gt=0)]
    local_threads_per_worker: Positive
    local_dashboard: str


class ApiSettings(ComponentSettings):
    """``eventwire serve`` and :func:`eventwire.api.create_app` (docs/api.md)."""

    host: str
    port: Annotated[int, Meta(ge=0, le=65535)]
    default_limit: Positive
    max_limit: Positive
    max_groups: Positive
    max_body_bytes: Positive
    max_query_chars: Positive
    max_param_chars: Positive
    rate_limit_per_minute: NonNegative
    rate_limit_burst: Positive
    rate_limit_clients: Positive
    cors_origins: list[str]
    code_concurrency: Positive


TABLES: dict[str, type[ComponentSettings]] = {
    "actors": ActorsSettings,
    "dates": DatesSettings,
    "places": PlacesSettings,
    "quotes": QuotesSettings,
    "reporting": ReportingSettings,
    "events": EventsSettings,
    "store": StoreSettings,
    "stories": StoriesSettings,
    "merge": MergeSettings,
    "dask": DaskSettings,
    "api": ApiSettings,
}


def typed(table: str, values: dict[str, Any]) -> ComponentSettings:
    """``values`` (a complete table) as its typed settings; raises ``msgspec.ValidationError``."""
    return msgspec.convert(values, TABLES[table], strict=False)
