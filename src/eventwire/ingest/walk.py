"""Walk an input directory: every file is read once or reported, never dropped in silence.

- A directory that cannot be listed is an E001 error naming it (the batch goes on, exit status 1).
- Symlinked directories and files are followed; a directory or file already read (a symlink loop, two links
  to one folder) is skipped with a W004 warning, so no article is coded twice.
- Files with an extension no reader takes (``.gz``, ``.pdf``), the output file itself, and things that are
  not regular files (sockets, broken links) are skipped with a W004 warning; the CLI counts them by reason
  in its end summary.
- An article's id (when its input gives none) is its path relative to the input root without the
  extension: ``a/index`` and ``b/index`` differ; a file directly in the root keeps its plain stem.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ErrorCode, InputError, InputWarning

FileKey = tuple[int, int]  # (st_dev, st_ino): the same file or directory whatever the path to it


@dataclass(frozen=True)
class Found:
    """A file to read, with the id its articles take when the input names none."""

    path: Path
    stem: str
    kind: str


def file_key(path: Path) -> FileKey | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def kind_of(path: Path, settings: dict[str, Any]) -> str | None:
    suffix = path.suffix.lower()
    for kind in ("text", "jsonl", "html"):
        if suffix in settings["input"][f"{kind}_extensions"]:
            return kind
    return None


def skipped(path: Path | str, reason: str) -> InputWarning:
    return InputWarning(ErrorCode.W004, path=str(path), reason=reason)


def walk(
    root: Path, settings: dict[str, Any], exclude: frozenset[FileKey], seen: set[FileKey]
) -> Iterator[Found | InputError | InputWarning]:
    """The files under ``root`` in path order; ``seen`` holds the files and directories read so far in this
    run (shared across input paths), ``exclude`` the output file."""
    found: list[tuple[str, Found | InputError | InputWarning]] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        key = file_key(folder)
        if key in seen:
            found.append((str(folder), skipped(folder, "directory already read (a symlink loop or a second link)")))
            continue
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            found.append((str(folder), InputError(ErrorCode.E001, path=str(folder), reason=f"cannot list directory: {exc.strerror or exc}")))
            continue
        if key:
            seen.add(key)
        folders = []
        for entry in listing:
            path = Path(entry.path)
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError as exc:
                found.append((str(path), InputError(ErrorCode.E001, path=str(path), reason=exc.strerror or str(exc))))
                continue
            if is_dir:
                folders.append(path)
                continue
            found.append((str(path), _file(path, root, is_file, settings, exclude, seen)))
        pending.extend(reversed(folders))  # depth first in name order: the first link to a folder is read
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def _file(
    path: Path, root: Path, is_file: bool, settings: dict[str, Any], exclude: frozenset[FileKey], seen: set[FileKey]
) -> Found | InputWarning:
    if not is_file:
        return skipped(path, "broken symbolic link" if path.is_symlink() else "not a regular file")
    kind = kind_of(path, settings)
    if kind is None:
        return skipped(path, f"unsupported extension {path.suffix.lower() or '(none)'}")
    key = file_key(path)
    if key in exclude:
        return skipped(path, "the output file (-o)")
    if key in seen:
        return skipped(path, "file already read (a second link to it)")
    if key:
        seen.add(key)
    relative = path.relative_to(root).with_suffix("")
    return Found(path, relative.as_posix(), kind)
