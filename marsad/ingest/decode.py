"""Bytes to text: refuse binary; the encoding given (--encoding), else a BOM, the
declared charset, UTF-8; else, for text mostly of non-ASCII bytes (Arabic, Cyrillic,
Greek... in a one-byte code page), the encoding charset-normalizer detects; else
Windows-1252/Latin-1 (Western text with a few accented letters or curly quotes, which
detection gets wrong on short texts).

>>> decode_bytes("Raqqa – 3 killed".encode("cp1252"), "a.txt")
'Raqqa – 3 killed'
>>> decode_bytes("قتل شخصان في قصف على إدلب".encode("cp1256"), "a.txt")
'قتل شخصان في قصف على إدلب'
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
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"MZ",
    b"\xd0\xcf\x11\xe0",
    b"SQLite format 3",
)


_DETECT = "detect"     # marks where detection comes in the order of guesses


def megabytes(n: int) -> str:
    """A size for messages: "50.0 MB", "0.1 MB".

    >>> megabytes(50_000_000), megabytes(100_000)
    ('50.0 MB', '0.1 MB')
    """
    return f"{n / 1e6:.1f} MB" if n < 1e9 else f"{n / 1e9:.1f} GB"


def looks_binary(data: bytes, nul_share: float = 0.0) -> bool:
    """A known binary signature, or NUL bytes in the first 8 KB (more than `nul_share` of it).

    >>> looks_binary(b"%PDF-1.4"), looks_binary(b'{"a": 1}\\n\\x00\\n', nul_share=0.1)
    (True, False)
    """
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC):
        return True
    return head.count(b"\x00") > nul_share * len(head)


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag (first 4 KB), if any.

    >>> html_charset(b'<html><head><meta charset="windows-1256">')
    'windows-1256'
    """
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _clean(text: str) -> bool:
    """No C1 controls, and C0 controls at most one per thousand characters (stray bytes)."""
    return not _C1.search(text) and len(_CONTROL.findall(text)) <= len(text) // 1000


def _detected(data: bytes) -> str | None:
    """charset-normalizer's encoding for `data`, when most of its bytes are not ASCII."""
    head = data[:65536]
    if sum(1 for b in head if b >= 0x80) < 0.2 * len(head):
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    return best.encoding if best is not None else None


def _forced(data: bytes, source: str, encoding: str) -> str:
    try:
        return _CONTROL.sub(" ", data.decode(encoding))
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", source,
                         fix="give a Python codec name, e.g. --encoding windows-1256") from None
    except UnicodeDecodeError as e:
        raise InputError(f"not valid {encoding} (byte {e.start})", source,
                         fix="check the encoding, or leave --encoding out to detect it") from None


def decode_bytes(data: bytes, source: str, declared: str | None = None, encoding: str | None = None) -> str:
    """Decode an input's bytes; InputError for empty, binary or undecodable data.

    `encoding` (--encoding) is used as given.  Otherwise tried in order: a BOM
    (UTF-8/UTF-16), the `declared` charset (HTTP header, HTML <meta>), UTF-8, the
    detected encoding of mostly non-ASCII bytes, then Windows-1252 and Latin-1.  A
    decoding is kept only if the result has no control characters (a sign the guess
    was wrong).
    """
    if not data.strip():
        raise InputError("empty input", source, fix="check that the file has the article text")
    if encoding:
        return _forced(data, source, encoding)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise InputError(
            "binary data, not text", source, fix="convert it to .txt, .html or .jsonl (UTF-8) first"
        )
    tried = [declared] if declared else []
    for candidate in [*tried, "utf-8-sig", _DETECT, "cp1252", "latin-1"]:
        guess = _detected(data) if candidate == _DETECT else candidate
        if guess is None:
            continue
        try:
            text = data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            continue
        if _clean(text):
            return _CONTROL.sub(" ", text)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            "not valid UTF-8, Windows-1252 or Latin-1 text", source, fix="save it as UTF-8"
        ) from None
    raise InputError("binary data, not text", source, fix="convert it to .txt, .html or .jsonl (UTF-8) first")


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refused above `max_bytes` before anything is read."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file or folder", source, fix="check the path") from None
    except OSError as e:
        raise InputError(
            f"cannot read ({e.strerror})", source, fix="check the path and permissions"
        ) from None
    if size > max_bytes:
        raise InputError(
            f"file is {megabytes(size)}, above the {megabytes(max_bytes)} limit",
            source,
            fix="split it into articles, or pass --max-mb if it really is one article",
        )
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(
            f"cannot read ({e.strerror})", source, fix="check the path and permissions"
        ) from None
