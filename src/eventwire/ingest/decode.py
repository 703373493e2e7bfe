"""Bytes to text: byte order marks, UTF-16 without one, binary files, UTF-8 with a few bad bytes, legacy
encodings, NUL characters.

One rule for NUL everywhere: a NUL is never a reason to refuse a file (a binary file is one with many
control bytes, wherever they are) and every NUL of the text becomes U+FFFD, one character for one so no
offset moves; a warning (W003) counts them. The readers apply the same to JSON strings (``\\u0000``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ErrorCode, InputError, InputWarning

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# one well-formed multi-byte UTF-8 sequence (RFC 3629 table), or one ASCII run, or any other byte (a bad one)
_UTF8_UNIT = re.compile(
    rb"(?P<ascii>[\x00-\x7f]+)"
    rb"|(?P<good>[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})"
    rb"|(?P<bad>.)",
    re.DOTALL,
)
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r")
NUL = "\x00"
REPLACEMENT = "\ufffd"


@dataclass
class Decoded:
    """The text of a file and the warnings about how it was read (the article is still coded)."""

    text: str
    warnings: list[InputWarning]


def _control_share(sniff: bytes) -> float:
    return sum(1 for b in sniff if b < 32 and b not in _TEXT_CONTROLS) / len(sniff) if sniff else 0.0


def _utf16_without_bom(sniff: bytes, settings: dict[str, Any]) -> str | None:
    """"utf-16-le" or "utf-16-be" when one half of the bytes is mostly NUL and the other has (almost) none:
    ASCII-range text in UTF-16 looks like that; a binary file's NULs fall on both halves."""
    if len(sniff) < 2:
        return None
    even, odd = sniff[0::2], sniff[1::2]
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    least, other = settings["input"]["utf16_min_nul_share"], settings["input"]["binary_control_ratio"]
    if share_odd >= least and share_even < other:
        return "utf-16-le"
    if share_even >= least and share_odd < other:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes, settings: dict[str, Any]) -> list[int] | None:
    """Offsets of the bad bytes when the non-ASCII part of ``data`` is mostly well-formed UTF-8 (a UTF-8
    file with a stray byte from elsewhere), else None (a file in another encoding)."""
    good, bad = 0, []
    for match in _UTF8_UNIT.finditer(data):
        if match.lastgroup == "good":
            good += 1
        elif match.lastgroup == "bad":
            bad.append(match.start())
    if good and good / (good + len(bad)) >= settings["input"]["utf8_min_valid_share"]:
        return bad
    return None


def _bad_bytes_warning(path: str, offsets: list[int], settings: dict[str, Any]) -> InputWarning:
    shown = offsets[: settings["input"]["warning_max_offsets"]]
    more = f" and {len(offsets) - len(shown)} more" if len(offsets) > len(shown) else ""
    return InputWarning(ErrorCode.W002, path=path, offsets=", ".join(map(str, shown)) + more, count=len(offsets))


def _strict(data: bytes, path: str, settings: dict[str, Any]) -> tuple[str, list[InputWarning]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise InputError(ErrorCode.E002, path=path, reason=f"{encoding}: {exc.reason} at byte {exc.start}") from exc
    sniff = data[: settings["input"]["sniff_bytes"]]
    wide = _utf16_without_bom(sniff, settings)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(ErrorCode.E002, path=path, reason=f"looks like {wide} without a byte order mark, "
                             f"but {exc.reason} at byte {exc.start}") from exc
        return text, []
    share = _control_share(sniff)
    if share > settings["input"]["binary_control_ratio"]:
        reason = f"{share:.0%} of the first {len(sniff)} bytes are control bytes"
        raise InputError(ErrorCode.E003, path=path, reason=reason)
    errors = []
    for encoding in settings["input"]["encodings"]:
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError as exc:
            if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
                offsets = _mostly_utf8(data, settings)
                if offsets is not None:
                    return data.decode(encoding, errors="replace"), [_bad_bytes_warning(path, offsets, settings)]
            errors.append(f"{encoding}: {exc.reason} at byte {exc.start}")
    raise InputError(ErrorCode.E002, path=path, reason="; ".join(errors))


def decode(data: bytes, path: str, settings: dict[str, Any]) -> Decoded:
    """The text of a file's bytes; raises InputError (E002 undecodable, E003 binary)."""
    text, warnings = _strict(data, path, settings)
    nuls = text.count(NUL)
    if nuls:
        warnings.append(InputWarning(ErrorCode.W003, path=path, count=nuls, offset=text.index(NUL)))
        text = text.replace(NUL, REPLACEMENT)
    return Decoded(text, warnings)
