"""The error catalogue: every user-facing failure has a code, a message template and an exit status.

Library code raises :class:`EventwireError` subclasses; the CLI and the API turn them into one-line
messages (CLI) or one JSON error shape (API) at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    E001 = "E001"  # file cannot be read (missing, permission, is a directory we cannot walk)
    E002 = "E002"  # file is not valid text in any supported encoding
    E003 = "E003"  # file looks binary
    E004 = "E004"  # article is empty after reading
    E005 = "E005"  # malformed JSONL line
    E006 = "E006"  # JSONL record without a usable text field
    E007 = "E007"  # article exceeds the configured size limit
    E008 = "E008"  # invalid date given by the user
    E009 = "E009"  # spaCy pipeline cannot be loaded
    E010 = "E010"  # settings file invalid
    E011 = "E011"  # unknown evaluation set, or its gold data is missing
    E012 = "E012"  # dictionary data file invalid
    E013 = "E013"  # article language is not supported
    E014 = "E014"  # HTML could not be turned into text
    E015 = "E015"  # unsupported input format
    E016 = "E016"  # a pipeline component failed on one article (a bug: please report it with the article)
    W001 = "W001"  # a warning, the article is still coded: its record or page date cannot be read
    E017 = "E017"  # the output cannot be written (missing folder, a directory, permissions, disk full)
    E018 = "E018"  # the run was interrupted (Ctrl-C, SIGTERM)
    E019 = "E019"  # an article took longer than its time budget (setting nlp.article_time_budget)
    E020 = "E020"  # --resume cannot tell two articles with one id apart
    E021 = "E021"  # an input path is the output file
    W002 = "W002"  # a warning: bytes that are not UTF-8 in a UTF-8 file were replaced by U+FFFD
    W003 = "W003"  # a warning: NUL characters were replaced by U+FFFD
    W004 = "W004"  # a warning: a file in an input directory was skipped (counted in the end summary)
    E022 = "E022"  # the store cannot be opened (bad URL, server down, not a database)
    E023 = "E023"  # the store's schema revision is unknown to this eventwire (made by a newer one)
    E024 = "E024"  # a store operation failed (disk full, connection lost)
    W005 = "W005"  # a warning: an article's id repeats the id of an earlier one (both are coded)
    E025 = "E025"  # an invalid --dask value (not local:N or a scheduler address)
    E026 = "E026"  # the Dask scheduler cannot be reached, or it has no worker
    E027 = "E027"  # the Dask workers run other versions than each other (another eventwire, pipeline or data)
    E032 = "E032"  # a query or request parameter is invalid (unknown CAMEO code, bad cursor, limit too large)
    E033 = "E033"  # the API has no such resource (unknown article id, route, or stories without the story layer)
    E034 = "E034"  # an API request is too large (body over api.max_body_bytes, query over api.max_query_chars)
    E035 = "E035"  # an API client sent too many requests (api.rate_limit_per_minute)
    E036 = "E036"  # an API request failed inside the server (a bug: please report it with the request)
    E037 = "E037"  # storing through the API is refused (no server token, or a wrong one)
    E038 = "E038"  # an API request is not allowed as sent (method, content type)


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.E001: "cannot read {path}: {reason}",
    ErrorCode.E002: "{path}: cannot decode text ({reason})",
    ErrorCode.E003: "{path}: looks like a binary file, not text ({reason})",
    ErrorCode.E004: "{path}{line}: empty article (no text)",
    ErrorCode.E005: "{path}{line}: malformed JSON ({reason})",
    ErrorCode.E006: "{path}{line}: record has no 'text' string",
    ErrorCode.E007: "{path}{line}: article is {size} characters, over the limit of {limit} (settings: input.max_chars)",
    ErrorCode.E008: "invalid date {value!r}: expected YYYY-MM-DD",
    ErrorCode.E009: "cannot load spaCy pipeline {name!r}: {reason}",
    ErrorCode.E010: "invalid settings in {path}: {reason}",
    ErrorCode.E011: "{reason}",
    ErrorCode.E012: "invalid dictionary file {path}{line}: {reason}",
    ErrorCode.E013: "{path}{line}: language {lang!r} is not supported (English only)",
    ErrorCode.E014: "{path}: no article text could be extracted from the HTML{detail}",
    ErrorCode.E015: "{path}: unsupported input format {fmt!r}",
    ErrorCode.E016: "{path}{line}: article {article!r} could not be coded: component {component} failed ({reason})",
    ErrorCode.W001: "{path}{line}: date {value!r} cannot be read as a publication date; kept as metadata.date_raw",
    ErrorCode.E017: "cannot write {path}: {reason}",
    ErrorCode.E018: "interrupted ({reason}); {written} records written{where}; {hint}",
    ErrorCode.E019: "{path}{line}: article {article!r} took over {seconds} s (setting nlp.article_time_budget): not coded",
    ErrorCode.E020: "{path}{line}: id {article!r} repeats the id of {first}; --resume cannot tell whether it was written: "
    "give the articles distinct ids",
    ErrorCode.E021: "{path} is the output file (-o); it cannot also be an input",
    ErrorCode.W002: "{path}: {count} bytes are not UTF-8 (at byte {offsets}); read as UTF-8 with U+FFFD in their place",
    ErrorCode.W003: "{path}{line}: {count} NUL characters (first at character {offset}) replaced by U+FFFD",
    ErrorCode.W004: "{path}: skipped: {reason}",
    ErrorCode.E022: "cannot open the store {url}: {reason}",
    ErrorCode.E023: "the store {url} has schema revision {revision!r}, unknown to this eventwire (made by a newer one?)",
    ErrorCode.E024: "store error on {url}: {reason}",
    ErrorCode.W005: "{path}{line}: id {article!r} repeats the id of {first}; both are coded, but --resume will refuse the "
    "repeat: give the articles distinct ids",
    ErrorCode.E025: "invalid --dask value {value!r}: {reason}",
    ErrorCode.E026: "cannot use the Dask scheduler {address}: {reason}",
    ErrorCode.E027: "Dask worker {worker} codes with other versions than {first}: {reason}; "
    "install the same eventwire, pipeline and data on every worker",
    ErrorCode.E032: "invalid {param} {value!r}: {reason}",
    ErrorCode.E033: "{what} not found{detail}",
    ErrorCode.E034: "request too large: {size} over the limit of {limit} (setting api.{setting})",
    ErrorCode.E035: "too many requests from {client}: over {limit} a minute (setting api.rate_limit_per_minute); retry in {retry} s",
    ErrorCode.E036: "internal server error ({reason}); please report it with the request",
    ErrorCode.E037: "storing is refused: {reason}",
    ErrorCode.E038: "{method} {path} is not allowed: {reason}",
}


class EventwireError(Exception):
    """Base class: carries a catalogue code and the fields of its message."""

    code: ErrorCode = ErrorCode.E001

    def __init__(self, code: ErrorCode, **fields: object) -> None:
        self.code = code
        self._given = dict(fields)
        self.path = str(fields.get("path", "<input>"))
        raw_line = fields.get("line")
        self.line = raw_line if isinstance(raw_line, int) else None
        fields["path"] = self.path
        fields["line"] = f":{raw_line}" if raw_line else ""
        self.fields = fields
        super().__init__(self.message)

    @property
    def message(self) -> str:
        try:
            text = MESSAGES[self.code].format(**self.fields)
        except (KeyError, IndexError):
            text = f"{MESSAGES[self.code]} {self.fields}"
        return f"{self.code.value} {text}"

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt from its code and fields (the default would call __init__ with the message): a coded
        # error crosses process boundaries whole, e.g. from a Dask worker to the writer
        return (_rebuild, (type(self), self.code, self._given))

    def to_dict(self) -> dict[str, object]:
        """The one JSON error shape shared by the CLI's --json output and the API."""
        return {"error": {"code": self.code.value, "message": self.message}}


def _rebuild(cls: type[EventwireError], code: ErrorCode, fields: dict[str, object]) -> EventwireError:
    return cls(code, **fields)


class InputError(EventwireError):
    """A single article or input file is unusable; a batch skips it and goes on."""


class UsageError(EventwireError):
    """The user asked for something impossible (bad flag value, missing gold set): exit status 2."""


class ConfigError(EventwireError):
    """Settings, pipeline or dictionary cannot be loaded."""


@dataclass(frozen=True)
class ReportedError:
    """An input error recorded during a batch (the batch goes on)."""

    path: str
    line: int | None
    code: str
    message: str


class InputWarning(EventwireError):
    """Something in an article's input was not used (an unreadable date); the article is still coded."""


class OutputError(EventwireError):
    """The output cannot be written (disk full, permissions, a missing folder): exit status 3."""


class ExitStatus:
    """The exit statuses of ``eventwire code`` (README "Use"; docs/reliability.md), kept across versions."""

    OK = 0  # every article coded
    FAILED = 1  # some articles failed (each reported on stderr); the others are written
    USAGE = 2  # the command cannot run as asked: a bad option, settings file or pipeline name
    OUTPUT = 3  # the output or the environment failed (disk full, permissions, missing folder)
    INTERRUPTED = 130  # Ctrl-C (SIGINT); 143 for SIGTERM: 128 + the signal number, as shells report it


class ClusterError(EventwireError):
    """The Dask cluster of ``eventwire ingest --dask`` cannot be used: exit status 3, like the store."""


class ApiError(EventwireError):
    """A failed API request: carries its HTTP status beside the catalogue code (eventwire.api)."""

    def __init__(self, code: ErrorCode, status: int, **fields: object) -> None:
        self.status = status
        super().__init__(code, **fields)


class StoreError(EventwireError):
    """The store cannot be opened or written: ``eventwire ingest/query/export`` exit with status 3."""
