"""JSON Lines batches: one article per line.

Fields: ``text`` or ``html`` (one is required), and optionally ``doc_id``,
``published`` (YYYY-MM-DD or ISO date-time), ``url``, ``outlet``, ``title``,
``language``.  Common other names are accepted too (``id``, ``body``/``content``,
``date``/``published_at``, ``link``, ``source``/``site``, ``headline``).
A bad line is reported with its line number and skipped; the
rest of the file is read.

    {"doc_id": "a1", "published": "2024-05-19", "outlet": "Example Monitor", "text": "..."}
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from marsad.errors import InputError
from marsad.ingest.clean import strip_chrome
from marsad.ingest.decode import decode_bytes, looks_binary, megabytes
from marsad.ingest.meta import file_doc_id, parse_date, url_doc_id
from marsad.ingest.page import read_html
from marsad.records import Article, text_hash

_FIELDS = ("doc_id", "text", "html", "published", "url", "outlet", "title", "language")
# Other names for the same fields, as found in scraped datasets; the first present wins.
ALIASES = {
    "doc_id": ("id",),
    "text": ("body", "content"),
    "published": ("date", "published_at", "publish_date"),
    "url": ("link",),
    "outlet": ("source", "site", "sitename"),
    "title": ("headline",),
}
_FIX = "fix or remove this line (one JSON object per line)"


def _string_field(record: dict[str, object], name: str, source: str) -> str | None:
    """The field `name` (or, if absent, its first alias holding a string) as stripped text."""
    value = record.get(name)
    if value is None:
        for alias in ALIASES.get(name, ()):
            if isinstance(record.get(alias), (str, int)) and not isinstance(record.get(alias), bool):
                value = record[alias]
                break
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and name == "doc_id":
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"field '{name}' must be a string, not {type(value).__name__}", source, fix=_FIX)
    return value.strip() or None


def article_from_record(record: object, source: str, id_path: str | Path) -> Article:
    """One Article from a decoded JSON object (a JSONL line or an API body).

    `id_path` names the batch when the record has neither doc_id nor url.
    """
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", source, fix=_FIX)
    fields = {name: _string_field(record, name, source) for name in _FIELDS}
    url = fields["url"]
    if fields["html"]:
        article = read_html(fields["html"] or "", url=url, source=source)
    elif fields["text"]:
        article = Article(doc_id="", text=strip_chrome(fields["text"] or ""), url=url, origin=source)
        if not article.text:
            raise InputError("field 'text' holds no article text", source, fix=_FIX)
    else:
        raise InputError("no 'text' or 'html' field", source, fix="give the article in a 'text' field")
    try:
        published = parse_date(fields["published"])
    except ValueError:
        raise InputError(
            f"field 'published' is not a date: {fields['published']!r}", source, fix="write it as YYYY-MM-DD"
        ) from None
    article.published = published or article.published
    article.outlet = fields["outlet"] or article.outlet
    article.title = fields["title"] or article.title
    article.url = url or article.url
    article.language = fields["language"] or article.language
    article.origin = source
    if fields["doc_id"]:
        article.doc_id = fields["doc_id"] or ""
    elif article.url:
        article.doc_id = url_doc_id(article.url)
    else:
        article.doc_id = file_doc_id(id_path, text_hash(article.text))
    return article


def _lines(path: Path, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; bytes None for a line above max_bytes."""
    with path.open("rb") as f:
        lineno = 0
        while True:
            line = f.readline(max_bytes + 1)
            if not line:
                return
            lineno += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = f.readline(1 << 20)
                yield lineno, None
                continue
            yield lineno, line


def read_jsonl(path: str | Path, max_bytes: int = 20_000_000,
               encoding: str | None = None) -> Iterator[Article | InputError]:
    """Articles from a JSONL file; each bad line is yielded as an InputError naming it.

    Raises InputError (nothing yielded) if the file is missing or binary.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(8192)
    except FileNotFoundError:
        raise InputError("no such file or folder", str(path), fix="check the path") from None
    except OSError as e:
        raise InputError(
            f"cannot read ({e.strerror})", str(path), fix="check the path and permissions"
        ) from None
    if looks_binary(head, nul_share=0.1):      # a stray NUL is one bad line, not a binary file
        raise InputError("binary data, not JSON Lines", str(path), fix="give a UTF-8 .jsonl file")
    if not head.strip():
        raise InputError("empty input", str(path), fix="put one JSON object per line")
    for lineno, raw in _lines(path, max_bytes):
        source = f"{path}:{lineno}"
        if raw is None:
            yield InputError(f"line is longer than {megabytes(max_bytes)}", source, fix=_FIX)
        elif raw.strip():
            try:
                yield article_from_line(raw, source, path, encoding)
            except InputError as e:
                yield e


def article_from_line(raw: bytes, source: str, id_path: str | Path, encoding: str | None = None) -> Article:
    """One Article from one JSONL line (bytes); InputError naming `source` if it is bad."""
    import json

    if b"\x00" in raw:
        raise InputError("the line holds a NUL byte (0x00), which JSON text cannot", source,
                         fix="remove the byte, or write it as \\u0000 inside a string")
    try:
        record = json.loads(decode_bytes(raw, source, encoding=encoding))
    except json.JSONDecodeError as e:
        reason = e.msg.removesuffix(" at")
        raise InputError(f"malformed JSON ({reason}, column {e.colno})", source, fix=_FIX) from None
    return article_from_record(record, source, id_path)
