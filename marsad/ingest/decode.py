"""Bytes to text: refuse binary, try UTF-8, then Windows-1252/Latin-1.

>>> decode_bytes("Raqqa – 3 killed".encode("cp1252"), "a.txt")
'Raqqa – 3 killed'
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from marsad.errors import InputError

# C0 controls other than tab/newline/carriage return/form feed: never in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# C1 controls: what Latin-1 makes of bytes that were not Latin-1 text.
_C1 = re.compile(r"[\x80-\x9f]")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"BZh",
                 b"\x7fELF", b"MZ", b"\xd0\xcf\x11\xe0", b"SQLite format 3")


def megabytes(n: int) -> str:
    """A size for messages: "50.0 MB", "0.1 MB".

    >>> megabytes(50_000_000), megabytes(100_000)
    ('50.0 MB', '0.1 MB')
    """
    return f"{n / 1e6:.1f} MB" if n < 1e9 else f"{n / 1e9:.1f} GB"


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC):
        return True
    return b"\x00" in head


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an input's bytes; InputError for empty, binary or undecodable data.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; other
    bytes as Windows-1252, then Latin-1, if the result contains no control
    characters (a sign that the guess was wrong).
    """
    if not data.strip():
        raise InputError("empty input", source, fix="check that the file has the article text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise InputError("binary data, not text", source,
                         fix="convert it to .txt, .html or .jsonl (UTF-8) first")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
        for encoding in ("cp1252", "latin-1"):
            try:
                candidate = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _CONTROL.search(candidate) and not _C1.search(candidate):
                text = candidate
                break
        if not text:
            raise InputError("not valid UTF-8, Windows-1252 or Latin-1 text", source,
                             fix="save it as UTF-8")
    if _CONTROL.search(text[:8192]):
        raise InputError("binary data, not text", source,
                         fix="convert it to .txt, .html or .jsonl (UTF-8) first")
    return text


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refused above `max_bytes` before anything is read."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file or folder", source, fix="check the path") from None
    except OSError as e:
        raise InputError(f"cannot read ({e.strerror})", source, fix="check the path and permissions") from None
    if size > max_bytes:
        raise InputError(
            f"file is {megabytes(size)}, above the {megabytes(max_bytes)} limit", source,
            fix="split it into articles, or pass --max-mb if it really is one article",
        )
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read ({e.strerror})", source, fix="check the path and permissions") from None
