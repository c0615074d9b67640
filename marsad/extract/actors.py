"""Find named armed actors in text, using the alias table in marsad/data/actors.csv.

    >>> m = ActorMatcher.load()
    >>> [(a.text, a.name) for a in m.find("Daesh cells attacked SDF positions.")]
    [('Daesh cells', 'ISIS'), ('SDF', 'SDF')]

Matching works on tokens, not on raw characters: the text is cut into words and
punctuation, hyphens are ignored (so "al-Hashd al-Shaabi" matches "al Hashd al
Shaabi"), quotes are normalised and case is folded, except for aliases written
all in capitals ("IS", "SDF"), which must appear in capitals.  At each token the
longest alias wins and matches never overlap.  "ISIS's", "SDF'" and
"ISIS-affiliated" match; "anti-ISIS" and "counter-ISIS" do not.

An alias may belong to several actors (e.g. "ISF": Iraqi security forces and the
Asayish of north-east Syria).  ``find(..., country="IQ")`` prefers the actor of
that country or fighting there (its ``theatres``: "coalition" in Yemen is the
Saudi-led coalition); the others are listed in ``ActorMention.alternatives``.

Generic words ("government forces", "rebels", "border guards", "Kurdish
forces") default to their Syrian or Iraqi owner; ``ActorMention.country`` says
which, so a caller coding an event elsewhere can drop or remap them.
"Syrian Democratic Forces (SDF)" is returned as one mention.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad import datafiles
from marsad.errors import ConfigError
from marsad.records import ActorMention

KINDS = frozenset(
    {
        "state",
        "rebel",
        "militia",
        "identity",
        "external",
        "civilians",
        "unidentified",
        "political",
        "protesters",
        "rioters",
    }
)
COLUMNS = ("name", "kind", "country", "aliases", "parent", "source_only", "theatres", "acled")
FORCES = frozenset({"military", "police", "none"})

_TOKEN = re.compile(r"\w+|[^\w\s]")
_HYPHENS = frozenset("-\u2010\u2011")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
# "anti-ISIS", "counter-ISIS": the actor is the target of the word, not present.
_NEGATING_PREFIXES = frozenset({"anti", "counter", "non", "post"})


@dataclass(slots=True, frozen=True)
class Actor:
    """One row of actors.csv: a canonical actor and the words that name it."""

    name: str
    kind: str
    country: str = ""
    aliases: tuple[str, ...] = ()
    parent: str = ""
    source_only: bool = False  # a news agency of the group (Amaq): a source, not an actor
    theatres: tuple[str, ...] = ()  # countries (ISO2) it fights in, besides its own
    acled: str = ""  # ACLED's name: "Al Shabaab", "Civilians ({country})", "A|2021-05-24=B" (see marsad.acled)

    def operates_in(self, country: str) -> bool:
        return country == self.country or country in self.theatres


def _norm(token: str) -> str:
    return token.translate(_QUOTES).lower()


def _is_caps(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(t.translate(_QUOTES) for t in _TOKEN.findall(alias) if t not in _HYPHENS)


@dataclass(slots=True)
class _Entry:
    actor: Actor
    exact: tuple[str, ...] | None  # original tokens when the alias is case-sensitive


class ActorMatcher:
    """Longest-match lookup of actor aliases over word tokens."""

    __slots__ = ("_first", "_generic", "_index", "_maxlen", "_state", "actors")

    def __init__(self, actors: Iterable[Actor], generic: Iterable[tuple[str, str]] | None = None,
                 state_forces: dict[tuple[str, str], str] | None = None):
        """`generic`: (words, force) pairs that name a country's state forces ("the army",
        "police"); `state_forces`: (country, force) -> actor name.  Both default to the
        packaged state_force_words.csv and state_forces.csv."""
        self.actors: dict[str, Actor] = {}
        self._index: dict[tuple[str, ...], list[_Entry]] = {}
        self._maxlen: dict[str, int] = {}
        self._generic: dict[tuple[str, ...], tuple[str, tuple[str, ...] | None]] = {}
        self._state = dict(_packaged_state_forces() if state_forces is None else state_forces)
        for actor in actors:
            self.actors[actor.name] = actor
        for actor in self.actors.values():
            for alias in actor.aliases:  # the name only if listed: "Turkey" is a place
                self._add(alias, actor)
        for words, force in _packaged_generic() if generic is None else generic:
            toks = _alias_tokens(words)
            if toks:
                key = tuple(t.lower() for t in toks)
                self._generic[key] = (force, toks if _is_caps(words) else None)
                self._maxlen[key[0]] = max(self._maxlen.get(key[0], 0), len(key))

    def _add(self, alias: str, actor: Actor) -> None:
        toks = _alias_tokens(alias)
        if not toks:
            return
        caps = _is_caps(alias)
        keys = [tuple(t.lower() for t in toks)]
        last = keys[0][-1]
        variants = not caps and last.isalpha() and keys[0][0] != "the"
        if variants and len(last) >= 3 and not last.endswith("s"):
            keys.append((*keys[0][:-1], last + "s"))  # plural: "ISIS fighter" -> "fighters"
        elif variants and len(keys[0]) > 1 and len(last) >= 5 and last[-2:] not in {"ss", "us", "is", "as"}:
            keys.append((*keys[0][:-1], last[:-1]))  # singular: "ISIS fighters" -> "ISIS fighter";
            #                                                 not for one word: "rebel commander" is no actor
        for key in keys:
            entries = self._index.setdefault(key, [])
            same = [e for e in entries if e.actor.name == actor.name]
            if same:
                if not caps:
                    same[0].exact = None  # "Isis" widens the case-sensitive "ISIS"
                continue
            entries.append(_Entry(actor, toks if caps else None))
            if len(key) > self._maxlen.get(key[0], 0):
                self._maxlen[key[0]] = len(key)

    # -- loading ---------------------------------------------------------
    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> ActorMatcher:
        """The packaged actors.csv, then the user's (``marsad --data DIR``,
        ``MARSAD_DATA``), then each extra file (same columns) on top.

        A row in an extra file whose name already exists updates that actor: its
        non-blank kind/country/parent replace the old ones and its aliases are
        added; an alias written "-alias" removes that alias.
        """
        extra = tuple(str(p) for p in (*datafiles.user_files("actors.csv"), *extra_files))
        if not extra:
            return _packaged_matcher()
        return _matcher_with(extra)

    def get(self, name: str) -> Actor:
        """The canonical record of an actor; KeyError if unknown."""
        return self.actors[name]

    # -- matching --------------------------------------------------------
    def find(
        self, text: str, start: int = 0, end: int | None = None, country: str | None = None
    ) -> list[ActorMention]:
        """Actors named in ``text[start:end]``, left to right, longest match first.

        >>> m = ActorMatcher.load()
        >>> [(a.text, a.name) for a in m.find("anti-ISIS raids by the Syrian Arab Army")]
        [('Syrian Arab Army', 'Syrian regime forces')]
        """
        end = len(text) if end is None else end
        raw, hyphen_before = _tokens(text, start, end)
        lows = [_norm(m.group()) for m in raw]
        out: list[ActorMention] = []
        i, n = 0, len(raw)
        while i < n:
            hit = self._longest(i, raw, lows)
            if hit is None or self._negated(i, raw, lows, hyphen_before) or _polity(i, hit[0], raw, lows):
                i += 1
                continue
            size, entries, force = hit
            if country and len(entries) > 1:
                entries = sorted(entries, key=lambda e: not e.actor.operates_in(country))
            a = self._choose(entries, force, country)
            if a is not None:        # else a generic word that names nobody here ("rebels" far from their war)
                s, e = raw[i].start(), raw[i + size - 1].end()
                out.append(ActorMention(s, e, text[s:e], a.name, a.kind, a.country, a.parent, a.source_only,
                                        tuple(x.actor.name for x in entries if x.actor.name != a.name)))
            i += size
        return _merge_abbreviations(text, out, end)

    def _longest(self, i: int, raw: list[re.Match[str]], lows: list[str]) -> tuple[int, list[_Entry], str] | None:
        """The longest alias (or generic state-force words) starting at token i: (size, entries, force)."""
        maxlen = self._maxlen.get(lows[i])
        if not maxlen:
            return None
        for size in range(min(maxlen, len(raw) - i), 0, -1):
            key = tuple(lows[i : i + size])
            words = tuple(m.group().translate(_QUOTES) for m in raw[i : i + size])
            ok = [e for e in self._index.get(key, ()) if e.exact is None or e.exact == words]
            force, exact = self._generic.get(key, ("", None))
            if force and exact is not None and exact != words:
                force = ""
            if ok or force:
                return size, ok, force
        return None

    def _choose(self, entries: list[_Entry], force: str, country: str | None) -> Actor | None:
        """The actor that words name in `country`: an actor of the table that fights there;
        else, for generic words, that country's state forces; else the first row (a
        named foreign actor stays what it is).  With no country, generic words that are
        no alias of the table name nobody."""
        if country:
            if entries and entries[0].actor.operates_in(country):
                return entries[0].actor
            if force:
                return self.state_force(country, force)
        return entries[0].actor if entries else None

    def state_force(self, country: str, force: str) -> Actor | None:
        """A country's military or police (state_forces.csv), else ACLED's name for it.

        >>> ActorMatcher.load().state_force("ML", "military").name
        'Military Forces of Mali'
        >>> ActorMatcher.load().state_force("BJ", "police").name
        'Police Forces of Benin'
        """
        if force not in ("military", "police"):
            return None
        name = self._state.get((country, force))
        if name == "-":
            return None
        if name in self.actors:
            return self.actors[name]
        from marsad.countries import country_name

        cname = country_name(country)
        if not cname:
            return None
        return Actor(f"{'Military' if force == 'military' else 'Police'} Forces of {cname}", "state", country)

    def localise(self, mentions: Iterable[ActorMention], country: str | None) -> list[ActorMention]:
        """The mentions as they read for an event in `country`: "government forces" found
        while reading a Kenyan article are the Somali army in an event in Somalia, and
        "rebels" name nobody outside their war.

        >>> m = ActorMatcher.load()
        >>> [a.name for a in m.localise(m.find("Government forces shelled the town."), "YE")]
        ['Military Forces of Yemen']
        """
        if not country:
            return list(mentions)
        out = []
        for m in mentions:
            found = self.find(m.text, country=country)
            if not found:
                continue
            f = found[0]
            if len(found) == 1 and f.start == 0 and f.end == len(m.text):
                m = ActorMention(m.start, m.end, m.text, f.name, f.kind, f.country, f.parent, f.source_only,
                                 f.alternatives)
            out.append(m)
        return out

    @staticmethod
    def _negated(i: int, raw: list[re.Match[str]], lows: list[str], hyphen_before: list[bool]) -> bool:
        return i > 0 and hyphen_before[i] and lows[i - 1] in _NEGATING_PREFIXES


def _polity(i: int, size: int, raw: list[re.Match[str]], lows: list[str]) -> bool:
    """"to establish an Islamic state", "a Kurdish state": a state to be, not the group."""
    return i > 0 and lows[i - 1] in ("a", "an") and raw[i + size - 1].group() == "state"


_ABBR_GAP = re.compile(r"\s*[(\[]\s*$")
_ABBR_CLOSE = re.compile(r"\s*[)\]]")


def _tokens(text: str, start: int, end: int) -> tuple[list[re.Match[str]], list[bool]]:
    """Word and punctuation tokens without hyphens, and whether each was glued to the word
    before by a hyphen ("anti-ISIS")."""
    raw: list[re.Match[str]] = []
    hyphen_before: list[bool] = []
    last_word_end = hyphen_end = -1
    for mt in _TOKEN.finditer(text, start, end):
        if mt.group() in _HYPHENS:
            hyphen_end = mt.end() if mt.start() == last_word_end else -1
            continue
        hyphen_before.append(mt.start() == hyphen_end)
        raw.append(mt)
        last_word_end = mt.end()
        hyphen_end = -1
    return raw, hyphen_before


def _merge_abbreviations(text: str, found: list[ActorMention], end: int) -> list[ActorMention]:
    """ "Syrian Democratic Forces (SDF)" is one mention, not two."""
    out: list[ActorMention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and prev.name == m.name and _ABBR_GAP.fullmatch(text, prev.end, m.start):
            close = _ABBR_CLOSE.match(text, m.end, end)
            if close:
                out[-1] = ActorMention(
                    prev.start,
                    close.end(),
                    text[prev.start : close.end()],
                    prev.name,
                    prev.kind,
                    prev.country,
                    prev.parent,
                    prev.source_only,
                    prev.alternatives,
                )
                continue
        out.append(m)
    return out


# -- the data file -------------------------------------------------------
def _parse(stream: io.TextIOBase | Iterable[str], source: str) -> list[dict[str, str]]:
    lines = [ln for ln in stream if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or "name" not in reader.fieldnames:
        raise ConfigError(
            "actor file needs a header line naming its columns",
            source=source,
            fix=f"start it with: {','.join(COLUMNS)}",
        )
    rows = []
    for lineno, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        if not row.get("name"):
            raise ConfigError(f"row {lineno} has no name", source=source, fix="fill the name column")
        kind = row.get("kind", "")
        if kind and kind not in KINDS:
            raise ConfigError(
                f"row {lineno} ({row['name']}): unknown kind {kind!r}",
                source=source,
                fix="use one of " + ", ".join(sorted(KINDS)),
            )
        rows.append(row)
    return rows


def _read_file(path: str) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return _parse(fh, path)
    except OSError as exc:
        raise ConfigError(
            f"cannot read actor file: {exc.strerror}",
            source=path,
            fix="check the path given as an extra actor file",
        ) from exc


def _packaged_rows() -> list[dict[str, str]]:
    return _parse(io.StringIO(datafiles.packaged_text("actors.csv")), "marsad/data/actors.csv")


@dataclass(slots=True)
class _Draft:
    kind: str = ""
    country: str = ""
    parent: str = ""
    source_only: bool = False
    theatres: str = ""
    acled: str = ""
    aliases: list[str] = field(default_factory=list)


def _merge_rows(rows: list[dict[str, str]]) -> list[Actor]:
    merged: dict[str, _Draft] = {}
    for row in rows:
        cur = merged.setdefault(row["name"], _Draft())
        cur.kind = row.get("kind") or cur.kind
        cur.country = row.get("country") or cur.country
        cur.parent = row.get("parent") or cur.parent
        cur.theatres = row.get("theatres") or cur.theatres
        cur.acled = row.get("acled") or cur.acled
        if row.get("source_only"):
            cur.source_only = row["source_only"].lower() in {"1", "yes", "true", "y"}
        for alias in (a.strip() for a in row.get("aliases", "").split("|")):
            if alias.startswith("-"):
                drop = alias[1:].strip()
                cur.aliases = [a for a in cur.aliases if a != drop]
            elif alias and alias not in cur.aliases:
                cur.aliases.append(alias)
    return [
        Actor(
            name,
            d.kind or "unidentified",
            d.country,
            tuple(d.aliases),
            d.parent,
            d.source_only,
            tuple(d.theatres.split()),
            d.acled,
        )
        for name, d in merged.items()
    ]


@lru_cache(maxsize=1)
def _packaged_generic() -> tuple[tuple[str, str], ...]:
    rows = datafiles.rows("state_force_words.csv")
    for r in rows:
        if r.get("force") not in FORCES:
            raise ConfigError(f"{r.get('alias')!r}: unknown force {r.get('force')!r}",
                              source="marsad/data/state_force_words.csv", fix="use military, police or none")
    return tuple((r["alias"], r["force"]) for r in rows)


@lru_cache(maxsize=1)
def _packaged_state_forces() -> dict[tuple[str, str], str]:
    return {(r["country"], r["force"]): r["actor"] for r in datafiles.rows("state_forces.csv")}


@lru_cache(maxsize=1)
def _packaged_matcher() -> ActorMatcher:
    return ActorMatcher(_merge_rows(_packaged_rows()))


@lru_cache(maxsize=8)
def _matcher_with(extra: tuple[str, ...]) -> ActorMatcher:
    """The packaged actors with these files on top (built once per process)."""
    return ActorMatcher(_merge_rows(_packaged_rows() + [r for p in extra for r in _read_file(p)]))
