"""The one reader of marsad's data files: the packaged ones under ``marsad/data/``,
extended or overridden key by key by a user's folders.

A user's folders are ``MARSAD_DATA`` (several separated by ``os.pathsep``) or
``marsad --data DIR`` (which sets ``MARSAD_DATA`` for the command and its worker
processes).  A file there with a packaged file's name changes it row by row:

- ``word_classes.csv`` (``class,term,note``): a row adds a term to its class;
  ``-term`` removes it;
- ``triggers.csv`` (``category,strength,pattern``): a row with a known pattern
  replaces it (strength ``0`` drops it), a new pattern is added;
- ``geo_aliases.csv`` (``alias,place,country_code[,latitude,longitude]``): a row
  with a known alias and country replaces it, a new one is added;
- ``actors.csv`` and ``merge_rules.toml``: see ``marsad/data/README.md``;
- word lists (``*.txt``): a line adds a word, ``-word`` removes one;
- any other table (``date_phrases.csv``, ``toll_sides.csv`` ...): its rows come after
  the packaged ones (for a table read into a dictionary, a later row wins).

Files are read once per process and folder list (cached), never per article.

    >>> "January" in word_class("month")
    True
"""
from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.errors import ConfigError

ENV = "MARSAD_DATA"
WORD_CLASSES = "word_classes.csv"


def user_dirs() -> tuple[Path, ...]:
    """The user's data folders, in order (a later folder wins)."""
    return _dirs(os.environ.get(ENV, ""))


@lru_cache(maxsize=8)
def _dirs(value: str) -> tuple[Path, ...]:
    out = []
    for part in (p for p in value.split(os.pathsep) if p.strip()):
        path = Path(part).expanduser()
        if not path.is_dir():
            raise ConfigError(f"{ENV} names {part!r}, which is not a folder", source=ENV,
                              fix="give a folder holding your data files (actors.csv, word_classes.csv ...)")
        out.append(path.resolve())
    return tuple(out)


def use_dirs(dirs: Iterable[str | Path]) -> None:
    """Make ``dirs`` the user's data folders for this process and the processes it starts."""
    value = os.pathsep.join(str(Path(d).expanduser().resolve()) for d in dirs)
    if value:
        os.environ[ENV] = value
    else:
        os.environ.pop(ENV, None)
    _dirs(value)  # a folder that does not exist fails here, naming it


def packaged_text(name: str) -> str:
    """The text of the packaged data file ``name`` (``"actors.csv"``, ``"places/x.txt"``)."""
    return resources.files("marsad").joinpath(f"data/{name}").read_text(encoding="utf-8")


def user_files(name: str) -> list[Path]:
    """The user's files called ``name``, in order."""
    return [d / name for d in user_dirs() if (d / name).is_file()]


def texts(name: str) -> list[tuple[str, str]]:
    """(source, text) of the packaged file ``name`` and of each user file called so."""
    return [(f"marsad/data/{name}", packaged_text(name))] + [(str(p), _user_text(p)) for p in user_files(name)]


@lru_cache(maxsize=64)
def _lines(name: str, dirs: tuple[Path, ...]) -> tuple[str, ...]:
    del dirs
    out: dict[str, None] = {}
    for _, text in texts(name):
        for ln in _content_lines(text):
            w = ln.strip()
            if w.startswith("-") and len(w) > 1:
                out.pop(w[1:].strip(), None)
            else:
                out.setdefault(w, None)
    return tuple(out)


def lines(name: str) -> tuple[str, ...]:
    """The lines of a word-list file (``#`` comments and blanks left out), the user's
    added; a user line ``-word`` removes ``word`` (cached)."""
    return _lines(name, user_dirs())


def _content_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def parse_rows(text: str, source: str, required: tuple[str, ...] = (),
               numeric: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """CSV rows of ``text`` (``#`` lines are comments), cells stripped; a header without
    a ``required`` column, or a ``numeric`` cell that is no number, fails naming ``source``."""
    reader = csv.DictReader(_content_lines(text))
    header = reader.fieldnames or []
    missing = [c for c in required if c not in header]
    if missing:
        raise ConfigError(f"the header line lacks the column(s) {', '.join(missing)}", source=source,
                          fix="start the file with a header line such as: " + ",".join(required))
    out = [{k: (v or "").strip() for k, v in r.items() if k} for r in reader]
    for n, r in enumerate(out, 1):
        for col in numeric:
            try:
                float(r.get(col) or 0)
            except ValueError:
                raise ConfigError(f"row {n}: {col} {r[col]!r} is not a number", source=source,
                                  fix=f"write {col} as a decimal number (36.2) or leave it blank") from None
    return out


def _user_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read it: {e}", source=str(path), fix="save it as UTF-8 text") from e


@lru_cache(maxsize=64)
def _rows(name: str, required: tuple[str, ...], numeric: tuple[str, ...],
          dirs: tuple[Path, ...]) -> tuple[tuple[dict[str, str], ...], ...]:
    del dirs  # part of the cache key only
    return tuple(tuple(parse_rows(text, source, required, numeric)) for source, text in texts(name))


def layers(name: str, required: tuple[str, ...] = (),
           numeric: tuple[str, ...] = ()) -> tuple[tuple[dict[str, str], ...], ...]:
    """The rows of the packaged ``name``, then of each user file called so (cached)."""
    return _rows(name, required, numeric, user_dirs())


def rows(name: str, required: tuple[str, ...] = (), numeric: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Every row of the packaged file and the user's files, in order."""
    return [dict(r) for layer in layers(name, required, numeric) for r in layer]


def sourced_rows(name: str, required: tuple[str, ...] = ()) -> list[tuple[str, int, dict[str, str]]]:
    """(source, row number, row) of every row of the packaged file and the user's."""
    return [(source, n, dict(r)) for source, layer in zip((s for s, _ in texts(name)), layers(name, required))
            for n, r in enumerate(layer, 1)]


def keyed_rows(name: str, key: Callable[[dict[str, str]], object], required: tuple[str, ...] = (),
               numeric: tuple[str, ...] = (),
               drop: Callable[[dict[str, str]], bool] | None = None) -> list[dict[str, str]]:
    """The packaged rows with the user's on top, key by key: a user row replaces the
    row with its key (keeping its place) or is added; ``drop(row)`` removes it."""
    merged: dict[object, dict[str, str]] = {}
    for layer in layers(name, required, numeric):
        for r in layer:
            k = key(r)
            merged.pop(k, None) if drop is not None and drop(r) else merged.__setitem__(k, dict(r))
    return list(merged.values())


def choices(name: str, key: str, value: str, allowed: tuple[str, ...]) -> dict[str, str]:
    """``key`` (lower case) -> ``value`` from the rows of ``name``, each value one of ``allowed``
    (a table such as toll_sides.csv: word -> attacked | attackers); a bad row fails here."""
    out: dict[str, str] = {}
    for r in rows(name):
        k, v = (r.get(key) or "").strip().lower(), (r.get(value) or "").strip()
        if not k or v not in allowed:
            raise ValueError(f"{name}: bad row {r!r}: {key} and {value} ({'|'.join(allowed)}) are required")
        out[k] = v
    return out


# -- word classes -------------------------------------------------------------
@lru_cache(maxsize=8)
def _classes(dirs: tuple[Path, ...]) -> dict[str, tuple[str, ...]]:
    del dirs
    out: dict[str, list[str]] = {}
    for n, layer in enumerate(layers(WORD_CLASSES, ("class", "term"))):
        source = f"marsad/data/{WORD_CLASSES}" if n == 0 else str(user_files(WORD_CLASSES)[n - 1])
        for r in layer:
            cls, term = r["class"], r["term"]
            if not cls or not term:
                raise ConfigError(f"a row without a class or a term: {r}", source=source,
                                  fix="write class,term[,note] on every line")
            terms = out.setdefault(cls, [])
            if term.startswith("-") and len(term) > 1:
                terms[:] = [t for t in terms if t != term[1:]]
            elif term not in terms:
                _check_term(term, source)
                terms.append(term)
    return {k: tuple(v) for k, v in out.items()}


def word_classes() -> dict[str, tuple[str, ...]]:
    """Every named word class: ``{"month": ("January", ...), ...}``."""
    return _classes(user_dirs())


def word_class(name: str) -> tuple[str, ...]:
    """The terms of one class, in file order; an unknown class fails."""
    try:
        return word_classes()[name]
    except KeyError:
        raise ConfigError(f"no word class {name!r}", source=f"marsad/data/{WORD_CLASSES}",
                          fix="restore the packaged rows of that class") from None


_TERM_OK = re.compile(r"[\w'\u2019.\- ()|?+&/<>]+")
_CLASS_REF = re.compile(r"<(\w+)>")


def _check_term(term: str, source: str) -> None:
    if not _TERM_OK.fullmatch(term) or term.count("(") != term.count(")"):
        raise ConfigError(f"term {term!r}: use letters, spaces, (a|b) for alternatives and ? for optional",
                          source=source, fix="write the term as plain words, e.g. kill(ed|ing|s)?")
    try:
        re.compile(term_regex(_CLASS_REF.sub(r"\1", term)))
    except re.error as e:
        raise ConfigError(f"term {term!r}: {e}", source=source, fix="balance its brackets") from None


def term_regex(term: str, sep: str = r"\s+") -> str:
    """A term as a regular expression: a space is ``sep``, ``(a|b)`` a group of
    alternatives, ``?`` makes the letter or group before it optional, ``<name>`` stands
    for the word class ``name``; every other character stands for itself.

    >>> term_regex("kill(ed|ing|s)? and wound(ed|s)?")
    '(?:kill(?:ed|ing|s)?\\\\s+and\\\\s+wound(?:ed|s)?)'
    """
    out = []
    for part in re.split(r"(<\w+>)", term):
        if _CLASS_REF.fullmatch(part):
            out.append(f"(?:{class_regex(part[1:-1], sep)})")
        else:
            out.extend(_plain_regex(part, sep))
    return "(?:" + "".join(out) + ")"


def _plain_regex(term: str, sep: str) -> list[str]:
    out = []
    for ch in term:
        if ch == " ":
            out.append(sep)
        elif ch == "(":
            out.append("(?:")
        elif ch in ")|?":
            out.append(ch)
        else:
            out.append(re.escape(ch))
    return out


def required_words(term: str) -> list[list[str]]:
    """The forms of each word a term cannot match without (its words outside the
    optional groups that stand alone): ``(earlier |later )?this week`` ->
    ``[["this"], ["week"]]``."""
    kept, i = [], 0
    while i < len(term):
        if term[i] == "(":
            depth, j = 0, i
            while True:
                depth += {"(": 1, ")": -1}.get(term[j], 0)
                if depth == 0:
                    break
                j += 1
            alone = i == 0 or term[i - 1] == " " or term[i + 1] == " "
            if alone and j + 1 < len(term) and term[j + 1] == "?":
                i = j + 2                    # an optional word or words: not required
                continue
            kept.append(term[i:j + 1])
            i = j + 1
            continue
        kept.append(term[i])
        i += 1
    return [word_forms(w) for w in "".join(kept).split() if not _CLASS_REF.fullmatch(w)]


def class_regex(name: str, sep: str = r"\s+") -> str:
    """The alternation of a class's terms in file order (the first that fits wins)."""
    return "|".join(term_regex(t, sep) for t in word_class(name))


def word_forms(word: str) -> list[str]:
    """Every literal form of one word of a term: ``kill(ed|s)?`` -> kill, killed, kills.

    >>> sorted(word_forms("(claim|took)(s)?"))
    ['claim', 'claims', 'took', 'tooks']
    """
    forms, _ = _forms(word.lower(), 0)
    return list(dict.fromkeys(forms))


def _forms(s: str, i: int) -> tuple[list[str], int]:
    """Forms of ``s[i:]`` up to an unmatched ``)`` or ``|``; returns them and where it stopped."""
    out = [""]
    while i < len(s) and s[i] not in ")|":
        if s[i] == "(":
            alts: list[str] = []
            i += 1
            while True:
                sub, i = _forms(s, i)
                alts += sub
                if i >= len(s) or s[i] == ")":
                    break
                i += 1                       # past "|"
            i += 1                           # past ")"
            unit = alts
        else:
            unit, i = [s[i]], i + 1
        if i < len(s) and s[i] == "?":
            unit, i = unit + [""], i + 1
        out = [a + b for a in out for b in unit]
    return out, i


def class_word_forms(*names: str, word: int = 0, after: str | None = None) -> frozenset[str]:
    """The forms of word number ``word`` of these classes' terms (lower case): the
    words a prefilter looks for.  ``after``: only terms whose first word is it."""
    out: set[str] = set()
    for name in names:
        for t in word_class(name):
            words = t.lower().split(" ")
            if (after is None or words[0] == after) and len(words) > word:
                out.update(word_forms(words[word]))
    return frozenset(out)


def class_words(name: str) -> frozenset[str]:
    """A class of plain words as a set of lower-case words."""
    return frozenset(t.lower() for t in word_class(name))


def clear_cache() -> None:
    """Forget every file read (tests that change ``MARSAD_DATA`` call it)."""
    for f in (_dirs, _rows, _classes, _lines):
        f.cache_clear()


__all__ = [
    "ENV",
    "class_regex",
    "class_word_forms",
    "class_words",
    "clear_cache",
    "keyed_rows",
    "layers",
    "lines",
    "packaged_text",
    "parse_rows",
    "required_words",
    "rows",
    "sourced_rows",
    "term_regex",
    "texts",
    "use_dirs",
    "user_dirs",
    "user_files",
    "word_class",
    "word_classes",
    "word_forms",
]
