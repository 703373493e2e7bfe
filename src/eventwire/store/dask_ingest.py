"""Code on Dask workers, store through one writer: ``eventwire ingest PATH... --dask local:N|tcp://host:8786``.

The client reads the input and skips what is stored (the rules of :mod:`eventwire.store.ingest`), cuts the
rest into partitions (setting ``dask.partition_size``) and keeps a window of them in flight on the workers
(``dask.partitions_per_worker`` each), so memory stays flat on any corpus. Each worker loads the pipeline
once, when the plugin below is registered on it (a worker that joins later loads it on joining), and
codes a partition with one ``nlp.pipe``. Records come back in input order and are stored by the client,
one transaction per article: a kill loses at most the partitions in flight and a rerun goes on where it
stopped, exactly as with one process. docs/scaling.md says how to run it on a cluster.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

from ..coding import CodingError, code_articles
from ..errors import ClusterError, ErrorCode, EventwireError, InputError, InputWarning, UsageError
from ..nlp.pipeline import load_pipeline, provenance
from ..records import SCHEMA_VERSION, Article, ArticleRecord
from ..settings import component_settings
from .base import Store
from .ingest import IngestSummary, StoryBatch, update_stories
from .rows import content_hash, run_row, settings_hash

if TYPE_CHECKING:
    from distributed import Client, Future

LOCAL = "local:"
PLUGIN_PREFIX = "eventwire-pipeline-"
# what a failed partition's articles are reported as (E016 names the failing component)
WORKER_COMPONENT = "Dask worker"
# in each worker process: pipelines loaded and partitions coded (``client.run(worker_counts)``)
COUNTS = {"loads": 0, "partitions": 0}


@dataclass(frozen=True)
class DaskTarget:
    """Where to code: a LocalCluster of ``workers`` processes (``address`` None) or a running scheduler."""

    address: str | None
    workers: int = 0

    @property
    def label(self) -> str:
        return self.address or f"{LOCAL}{self.workers}"


def parse_target(value: str) -> DaskTarget:
    """``local:N`` or a scheduler address (``tcp://host:8786``, any scheme Dask knows); else E025."""
    text = value.strip()
    if text.startswith(LOCAL):
        count = text[len(LOCAL) :]
        if not count.isdigit() or int(count) < 1:
            raise UsageError(ErrorCode.E025, value=value, reason="local:N needs a whole number of workers N >= 1")
        return DaskTarget(None, int(count))
    scheme, separator, rest = text.partition("://")
    port = rest.rsplit("]", 1)[-1].rpartition(":")[2] if ":" in rest.rsplit("]", 1)[-1] else ""
    if not separator or not scheme or not rest.strip(":") or (port and not port.isdigit()):
        raise UsageError(
            ErrorCode.E025, value=value, reason="expected local:N or a scheduler address such as tcp://host:8786"
        )
    from distributed.comm.registry import get_backend

    try:
        get_backend(scheme)
    except (ValueError, ImportError) as exc:
        raise UsageError(ErrorCode.E025, value=value, reason=f"Dask knows no scheme {scheme!r} ({exc})") from exc
    return DaskTarget(text)


@contextmanager
def dask_client(target: DaskTarget, settings: dict[str, Any]) -> Iterator[Client]:
    """A client of a new LocalCluster (closed afterwards) or of the scheduler at ``target.address``."""
    from distributed import Client, LocalCluster

    options = component_settings("dask", settings.get("dask"))
    if target.address is None:
        cluster = LocalCluster(
            n_workers=target.workers,
            threads_per_worker=options.local_threads_per_worker,
            processes=True,
            dashboard_address=options.local_dashboard or None,
            silence_logs=logging.ERROR,
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(target.address, timeout=options.connect_timeout)
    except (OSError, TimeoutError) as exc:
        reason = f"{' '.join(str(exc).split()) or type(exc).__name__} (waited {options.connect_timeout} s: setting dask.connect_timeout)"
        raise ClusterError(ErrorCode.E026, address=target.address, reason=reason) from exc
    with client:
        yield client


def plugin_name() -> str:
    """One plugin (one loaded pipeline per worker) per ingest: two ingests can share a cluster, and the end of
    one (which unregisters its plugin to free the workers' memory) does not take the other's pipeline."""
    return PLUGIN_PREFIX + uuid.uuid4().hex


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc]
    """Loads the pipeline once per worker process (on registering, or when a worker joins later)."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.name = plugin_name()
        self.nlp: Any = None
        self.provenance: dict[str, Any] = {}

    def setup(self, worker: Any) -> None:
        self.lock = threading.Lock()  # a worker with several threads codes one partition at a time
        self.nlp = load_pipeline(self.settings)
        self.provenance = provenance(self.nlp)
        COUNTS["loads"] += 1

    def teardown(self, worker: Any) -> None:
        self.nlp = None


def _plugin(name: str, worker: Any = None) -> PipelinePlugin:
    if worker is None:
        from distributed import get_worker

        worker = get_worker()
    return worker.plugins[name]


@dataclass
class Partition:
    """What a worker sends back: the records of a partition, its failed articles, who coded it with what."""

    worker: str
    provenance: dict[str, Any]
    records: list[ArticleRecord]
    errors: list[CodingError]


def code_partition(name: str, articles: list[Article]) -> Partition:
    """On a worker: code ``articles`` with the pipeline its plugin loaded."""
    from distributed import get_worker

    worker = get_worker()
    plugin = _plugin(name, worker)
    errors: list[CodingError] = []
    with plugin.lock:
        records = list(code_articles(articles, plugin.nlp, settings=plugin.settings, on_error=errors.append))
        COUNTS["partitions"] += 1
    return Partition(worker.address, plugin.provenance, records, errors)


def worker_provenance(name: str, dask_worker: Any = None) -> dict[str, Any]:
    """On a worker (``client.run``): the provenance of the pipeline its plugin loaded."""
    return _plugin(name, dask_worker).provenance


def worker_counts() -> dict[str, int]:
    """On a worker (``client.run``): pipelines loaded and partitions coded by this worker process."""
    return dict(COUNTS)


def _difference(first: dict[str, Any], other: dict[str, Any]) -> str:
    keys = sorted(k for k in set(first) | set(other) if first.get(k) != other.get(k))
    return ", ".join(f"{k} {other.get(k)!r} (not {first.get(k)!r})" for k in keys) or "provenance differs"


def check_workers(client: Client, name: str) -> dict[str, Any]:
    """The provenance every worker codes with; E027 when two workers differ."""
    found = client.run(worker_provenance, name)
    (first, expected), *rest = sorted(found.items())
    for address, other in rest:
        if other != expected:
            raise ClusterError(ErrorCode.E027, worker=address, first=first, reason=_difference(expected, other))
    return expected


def ingest_dask(
    items: Iterable[Article | InputError | InputWarning],
    store: Store,
    settings: dict[str, Any],
    client: Client,
    *,
    address: str = "the cluster",
    on_error: Callable[[EventwireError], None] | None = None,
    on_warning: Callable[[InputWarning], None] | None = None,
    tick: Callable[[], None] | None = None,
) -> IngestSummary:
    """:func:`eventwire.store.ingest.ingest` with the coding on the workers of ``client``."""
    options = component_settings("dask", settings.get("dask"))
    try:
        client.wait_for_workers(1, timeout=options.connect_timeout)
    except TimeoutError as exc:
        reason = f"no worker joined within {options.connect_timeout} s (setting dask.connect_timeout)"
        raise ClusterError(ErrorCode.E026, address=address, reason=reason) from exc
    plugin = PipelinePlugin(settings)
    client.register_plugin(plugin)
    try:
        expected = check_workers(client, plugin.name)
        writer = _Writer(store, settings, expected, on_error, tick)
        store.add_run(writer.run)
        writer.run_all(client, plugin.name, _to_code(items, writer, on_warning), options)
        update_stories(store)  # as one process does: what a killed run left, then the touched merges
        return writer.summary
    finally:
        with suppress(Exception):  # frees the workers' memory on a long-lived cluster
            client.unregister_worker_plugin(plugin.name)


class _Writer:
    """The one writer: counts what is read, skipped and failed, stores each record in its own transaction."""

    def __init__(
        self,
        store: Store,
        settings: dict[str, Any],
        expected: dict[str, Any],
        on_error: Callable[[EventwireError], None] | None,
        tick: Callable[[], None] | None,
    ) -> None:
        self.store, self.expected, self.on_error = store, expected, on_error
        self.advance = tick or (lambda: None)
        self.ignore = store.options.content_hash_ignore_metadata
        self.run = run_row(expected, settings_hash(settings, store.options.settings_hash_ignore), SCHEMA_VERSION)
        self.summary = IngestSummary(run_id=self.run["id"])
        self.unstoried = StoryBatch(store)

    def failed(self, error: EventwireError) -> None:
        self.summary.failed += 1
        self.summary.errors.append(error.message)
        if self.on_error:
            self.on_error(error)
        self.advance()

    def is_stored(self, article: Article) -> bool:
        return self.store.stored(article.id) == (content_hash(article, self.ignore), self.run["id"])

    def run_all(self, client: Client, name: str, articles: Iterator[Article], options: Any) -> None:
        in_flight: deque[tuple[Future, list[Article]]] = deque()
        try:
            while True:
                batch = list(islice(articles, options.partition_size))
                if batch:
                    in_flight.append((client.submit(code_partition, name, batch, pure=False), batch))
                workers = max(1, len(client.nthreads()))
                while in_flight and (not batch or len(in_flight) >= workers * options.partitions_per_worker):
                    self.write(*in_flight.popleft())
                if not batch and not in_flight:
                    return
        finally:
            if in_flight:
                client.cancel([future for future, _ in in_flight])

    def write(self, future: Future, batch: list[Article]) -> None:
        try:
            done: Partition = future.result()
        except Exception as exc:  # the partition's workers died (KilledWorker) or the task itself failed
            reason = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
            for article in batch:
                self.failed(_lost(article, reason))
            return
        if done.provenance != self.expected:  # a worker that joined later with other versions
            reason = _difference(self.expected, done.provenance)
            error = ClusterError(ErrorCode.E027, worker=done.worker, first="the first workers", reason=reason)
            for article in batch:
                self.failed(_lost(article, error.message))
            return
        for error in done.errors:
            self.failed(error)
        for record in done.records:
            self.store.put(record, self.run["id"], content_hash(record, self.ignore))
            self.unstoried.add(record.id)
            self.summary.stored += 1
            self.summary.events += len(record.events)
            self.summary.quotes += len(record.quotes)
            self.advance()


def _lost(article: Article, reason: str) -> CodingError:
    return CodingError(
        ErrorCode.E016, path=article.path, line=article.line, article=article.id, component=WORKER_COMPONENT, reason=reason
    )


def _to_code(
    items: Iterable[Article | InputError | InputWarning],
    writer: _Writer,
    on_warning: Callable[[InputWarning], None] | None,
) -> Iterator[Article]:
    """The articles to code: input errors reported, warnings passed on, stored articles skipped."""
    for item in items:
        if isinstance(item, InputWarning):
            if on_warning:
                on_warning(item)
            continue
        writer.summary.read += 1
        if isinstance(item, InputError):
            writer.failed(item)
        elif writer.is_stored(item):
            writer.summary.skipped += 1
            writer.advance()
        else:
            yield item
