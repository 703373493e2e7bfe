"""The per-article time budget (setting ``nlp.article_time_budget``): an article whose record takes longer
is given up (E019) and the batch goes on.

Two clocks with one interface, chosen by :func:`article_budget` for the thread that codes:

- :class:`SignalBudget` in the main thread of a process: a SIGALRM interval timer. The alarm interrupts
  anything, C code included (spaCy's parser returns to the interpreter between sentences).
- :class:`ThreadBudget` in any other thread (Dask workers run tasks in threads; so does the HTTP API): a
  watchdog thread raises :class:`OverBudget` in the coding thread with ``PyThreadState_SetAsyncExc``. The
  exception lands at the coding thread's next Python instruction, so a single long C call finishes first;
  our components and spaCy's pipe loop are Python, so in practice it lands within one sentence's parse.

Both are armed while the coder waits for the next record (repeating: every stalled article is cut), paused
while the input is read, and with worker processes they stop the workers forked meanwhile first: a
parent waiting on a blocked worker would otherwise outlast the budget.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any


class OverBudget(Exception):
    """Raised by the time budget: an Exception, so spaCy's error handler reports the article when it lands
    inside one of our components and the stream goes on."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"over the time budget of {seconds} s")
        self.seconds = seconds


def stop_children(before: set[Any]) -> None:
    """Terminate the child processes started since ``before`` (a set of ``active_children()``)."""
    for child in set(multiprocessing.active_children()) - before:
        child.terminate()


class Budget:
    """The interface of both clocks; ``seconds`` 0 (or a clock that cannot run here) does nothing."""

    def __init__(self, seconds: float, workers: bool) -> None:
        self.seconds = seconds
        self.active = bool(seconds)
        self.workers = workers
        self.children: set[Any] = set()

    def __enter__(self) -> Budget:
        if self.active:
            self.children = set(multiprocessing.active_children())
            self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.active:
            self._disarm()
            self._stop()

    def _start(self) -> None:
        raise NotImplementedError

    def _stop(self) -> None:
        raise NotImplementedError

    def _arm(self, seconds: float | None = None) -> None:
        raise NotImplementedError

    def _disarm(self) -> float:
        """Stop the clock; the seconds that were left (0 when it was not armed)."""
        raise NotImplementedError

    def _rung(self) -> None:
        if self.workers:
            stop_children(self.children)

    def timed(self, stream: Iterable[Any]) -> Iterator[Any]:
        """``stream``'s items, each under the budget."""
        items = iter(stream)
        while True:
            self._arm()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                self._disarm()
            yield item

    @contextmanager
    def running(self) -> Iterator[None]:
        """Armed while one article is coded outside the stream (a long one, in pieces): the budget then stops
        only the processes forked meanwhile (that article's piece workers), not the stream's workers."""
        saved = self.workers, self.children
        if self.active:
            self.workers, self.children = True, set(multiprocessing.active_children())
        self._arm()
        try:
            yield
        finally:
            self._disarm()
            self.workers, self.children = saved

    @contextmanager
    def paused(self) -> Iterator[None]:
        remaining = self._disarm()
        try:
            yield
        finally:
            if remaining:
                self._arm(remaining)


class SignalBudget(Budget):
    """SIGALRM, for the main thread of a process."""

    def __init__(self, seconds: float, workers: bool) -> None:
        super().__init__(seconds, workers)
        self.active = self.active and hasattr(signal, "setitimer")
        self.previous: Any = None

    def _start(self) -> None:
        self.previous = signal.signal(signal.SIGALRM, self._ring)

    def _stop(self) -> None:
        signal.signal(signal.SIGALRM, self.previous)

    def _ring(self, signum: int, frame: Any) -> None:
        self._rung()
        raise OverBudget(self.seconds)

    def _arm(self, seconds: float | None = None) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, seconds or self.seconds, self.seconds)

    def _disarm(self) -> float:
        return signal.setitimer(signal.ITIMER_REAL, 0)[0] if self.active else 0.0


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
_set_async_exc.restype = ctypes.c_int


class ThreadBudget(Budget):
    """A watchdog thread, for any thread but the main one (see the module's docstring)."""

    def __init__(self, seconds: float, workers: bool) -> None:
        super().__init__(seconds, workers)
        self.condition = threading.Condition()
        self.deadline: float | None = None
        self.pending = False  # an exception was sent and may not have landed yet
        self.closed = False
        self.target = 0
        self.watchdog: threading.Thread | None = None
        seconds_ = seconds

        class Rung(OverBudget):  # PyThreadState_SetAsyncExc raises a class, called with no arguments
            def __init__(self) -> None:
                super().__init__(seconds_)

        self.exception = Rung

    def _start(self) -> None:
        self.target, self.closed = threading.get_ident(), False
        self.watchdog = threading.Thread(target=self._watch, name="eventwire-time-budget", daemon=True)
        self.watchdog.start()

    def _stop(self) -> None:
        with self.condition:
            self.closed = True
            self.condition.notify()
        if self.watchdog is not None:
            self.watchdog.join()

    def _watch(self) -> None:
        with self.condition:
            while not self.closed:
                if self.deadline is None:
                    self.condition.wait()
                    continue
                left = self.deadline - time.monotonic()
                if left > 0:
                    self.condition.wait(left)
                    continue
                self._rung()
                _set_async_exc(self.target, self.exception)
                self.pending = True
                self.deadline = time.monotonic() + self.seconds  # repeating, as the interval timer does

    def _arm(self, seconds: float | None = None) -> None:
        if self.active:
            with self.condition:
                self.deadline = time.monotonic() + (seconds or self.seconds)
                self.condition.notify()

    def _disarm(self) -> float:
        if not self.active:
            return 0.0
        with self.condition:
            left = 0.0 if self.deadline is None else max(self.deadline - time.monotonic(), 0.0)
            self.deadline = None
            if self.pending:  # the clock stopped before the exception landed: take it back
                _set_async_exc(self.target, ctypes.py_object())  # NULL clears it
                self.pending = False
        return left


def article_budget(seconds: float, workers: bool) -> Budget:
    """The clock for the calling thread: SIGALRM in the main thread, a watchdog elsewhere."""
    if threading.current_thread() is threading.main_thread():
        return SignalBudget(seconds, workers)
    return ThreadBudget(seconds, workers)
