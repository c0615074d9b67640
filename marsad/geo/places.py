"""marsad's village-level places: 650,000 GeoNames places of 28 conflict countries.

The package ships `data/places/places.tsv.xz` (built by `scripts/build_places.py`
from Who's On First's GeoNames records).  This module turns it, once, into an
index of flat arrays cached under $MARSAD_CACHE_DIR (or ~/.cache/marsad) and
opened memory-mapped, so every process shares one copy through the page cache
and starts in milliseconds:

- one row per place: latitude, longitude, population, country, admin1 code,
  admin2, kind and name (names as one UTF-8 blob with offsets);
- one entry per (name key, place): a 64-bit hash of the `normalize.fold` key,
  sorted, beside its row, so `rows(key)` is a binary search;
- the keys of each country's towns and districts in a text file of their own, read
  only when a near-spelling search needs them.

    >>> idx = PlaceIndex.load()                              # doctest: +SKIP
    >>> [idx.name(r) for r in idx.rows(fold("Khan Shaykhun"))]  # doctest: +SKIP
    ['Khān Shaykhūn']
"""
from __future__ import annotations

import hashlib
import json
import logging
import lzma
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from marsad.errors import GazetteerError
from marsad.geo.index import cache_dir, data_path
from marsad.geo.normalize import fold, key_hash, rules_digest, skeleton

log = logging.getLogger(__name__)

FORMAT = 5                  # bump when the cached layout or the key rules change
KINDS = ("", "A1", "A2", "N", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLL", "PPLF", "PPLW", "PPLS",
         "PPLR", "STLMT", "PPLC", "PPLX", "PPLG")
_ARRAYS = ("lat", "lon", "pop", "cc", "a1", "a2", "kind", "name_off", "gid", "khash", "krow")


def places_file() -> Path:
    """The shipped places file ($MARSAD_PLACES_FILE overrides it, e.g. for a test slice)."""
    env = os.environ.get("MARSAD_PLACES_FILE")
    return Path(env) if env else data_path("places/places.tsv.xz")


@dataclass(slots=True)
class PlaceIndex:
    """The arrays of one built index (memory-mapped when loaded from the cache)."""

    folder: Path
    arrays: dict[str, Any] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)
    admin1s: list[str] = field(default_factory=list)
    admin2s: list[str] = field(default_factory=list)
    names_blob: Any = None              # uint8 array (memory-mapped) of the UTF-8 names
    _country_keys: dict[str, list[str]] = field(default_factory=dict)
    # first-level areas (cc, admin1 code, name, lat, lon), read without touching the arrays
    regions: list[tuple[Any, ...]] = field(default_factory=list)
    _memo: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _skel: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    # -- reading rows -------------------------------------------------------
    def __len__(self) -> int:
        return int(self.arrays["lat"].shape[0])

    def rows(self, key: str) -> tuple[int, ...]:
        return _rows(self, key)

    def has(self, key: str) -> bool:
        return bool(_rows(self, key))

    def name(self, r: int) -> str:
        off = self.arrays["name_off"]
        return self.names_blob[int(off[r]):int(off[r + 1])].tobytes().decode("utf-8")

    def lat(self, r: int) -> float:
        return float(self.arrays["lat"][r])

    def lon(self, r: int) -> float:
        return float(self.arrays["lon"][r])

    def pop(self, r: int) -> int:
        return int(self.arrays["pop"][r])

    def cc(self, r: int) -> str:
        return self.countries[int(self.arrays["cc"][r])]

    def admin1(self, r: int) -> str:
        return self.admin1s[int(self.arrays["a1"][r])]

    def admin2(self, r: int) -> str:
        return self.admin2s[int(self.arrays["a2"][r])]

    def kind(self, r: int) -> str:
        return KINDS[int(self.arrays["kind"][r])]

    def gid(self, r: int) -> str:
        g = int(self.arrays["gid"][r])
        return f"geonames:{g}" if g > 0 else f"wof:{-g}"

    def geonames_id(self, r: int) -> int:
        return int(self.arrays["gid"][r])

    def keys_of_country(self, cc: str) -> list[str]:
        """Every key of a country's places (for near-spelling search), read on first use."""
        keys = self._country_keys.get(cc)
        if keys is None:
            path = self.folder / f"keys-{cc}.txt"
            keys = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
            self._country_keys[cc] = keys
        return keys

    def same_skeleton(self, cc: str, skel: str) -> list[str]:
        """The keys of a country's places whose consonant skeleton is `skel`."""
        arrs = self._skel.get(cc)
        if arrs is None:
            path = self.folder / f"skh-{cc}.npy"
            arrs = tuple(np.load(self.folder / f"{n}-{cc}.npy", mmap_mode="r")
                         for n in ("skh", "sko", "skb")) if path.exists() else ()
            self._skel[cc] = arrs
        if not arrs:
            return []
        skh, sko, skb = arrs
        h = np.uint64(key_hash(skel))
        lo, hi = int(np.searchsorted(skh, h, side="left")), int(np.searchsorted(skh, h, side="right"))
        return [skb[int(sko[i]):int(sko[i + 1])].tobytes().decode("utf-8") for i in range(lo, hi)]

    # -- building and caching -------------------------------------------------
    @classmethod
    def load(cls, source: Path | None = None, rebuild: bool = False) -> PlaceIndex:
        """The index of `source` (default: the shipped file), built and cached on first use."""
        source = source or places_file()
        if not source.exists():
            raise GazetteerError("the built-in places file is missing", source=str(source),
                                 fix="reinstall marsad, or build it: python scripts/build_places.py "
                                     "../shared/staging/places/places.tsv.gz")
        st = source.stat()
        tag = hashlib.blake2b(f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode(),
                              digest_size=6).hexdigest()
        folder = cache_dir() / f"places-f{FORMAT}-{rules_digest()}-{tag}"
        if rebuild and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        if not rebuild and (folder / "meta.json").exists():
            try:
                return cls._open(folder)
            except (OSError, ValueError, KeyError) as e:
                log.warning("ignoring unreadable places cache %s (%s)", folder, e)
        return cls._build(source, folder)

    @classmethod
    def _open(cls, folder: Path) -> PlaceIndex:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        arrays = {n: np.load(folder / f"{n}.npy", mmap_mode="r") for n in _ARRAYS}
        return cls(folder, arrays, meta["countries"], meta["admin1s"], meta["admin2s"],
                   np.load(folder / "names.npy", mmap_mode="r"),
                   regions=[tuple(r) for r in meta["regions"]])

    @classmethod
    def _build(cls, source: Path, folder: Path) -> PlaceIndex:
        t0 = time.perf_counter()
        print(f"marsad: building the places index from {source.name} (once; cached in {folder.parent})...",
              file=sys.stderr, flush=True)
        b = _Builder()
        with lzma.open(source, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                if line.startswith(("#", "id\t")):
                    continue
                b.add(line.rstrip("\n").split("\t"))
                if n and n % 100_000 == 0:
                    print(f"marsad: ... {n:,} places", file=sys.stderr, flush=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".places-"))
        try:
            b.save(tmp)
            os.replace(tmp, folder)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            if not (folder / "meta.json").exists():    # not another process's build finishing first
                raise GazetteerError(f"could not write the places index ({e})", source=str(folder),
                                     fix="set MARSAD_CACHE_DIR to a writable folder") from e
        for old in folder.parent.glob("places-f*"):
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)     # built from another file or rules
        idx = cls._open(folder)
        print(f"marsad: places index ready: {len(idx):,} places in {time.perf_counter() - t0:.0f} s",
              file=sys.stderr, flush=True)
        return idx


def _rows(idx: PlaceIndex, key: str) -> tuple[int, ...]:
    """The rows whose keys include `key` (a binary search over the sorted hashes, memoised)."""
    hit = idx._memo.get(key)
    if hit is not None:
        return hit
    out: tuple[int, ...] = ()
    if key:
        kh, kr = idx.arrays["khash"], idx.arrays["krow"]
        h = np.uint64(key_hash(key))
        lo = int(np.searchsorted(kh, h, side="left"))
        if lo < kh.shape[0] and kh[lo] == h:
            hi = int(np.searchsorted(kh, h, side="right"))
            out = tuple(int(r) for r in kr[lo:hi])
    if len(idx._memo) > 20_000:
        idx._memo.clear()
    idx._memo[key] = out
    return out


class _Builder:
    """Accumulates rows and keys, then writes the arrays."""

    def __init__(self) -> None:
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.cc: list[int] = []
        self.a1: list[int] = []
        self.a2: list[int] = []
        self.kind: list[int] = []
        self.gid: list[int] = []
        self.names: list[bytes] = []
        self.khash: list[int] = []
        self.krow: list[int] = []
        self.codes: dict[str, dict[str, int]] = {"cc": {}, "a1": {}, "a2": {"": 0}}
        self.country_keys: dict[str, set[str]] = {}
        self.skeleton_keys: dict[str, set[str]] = {}
        self.regions: list[tuple[str, str, str, float, float]] = []

    def _code(self, table: str, value: str) -> int:
        t = self.codes[table]
        return t.setdefault(value, len(t))

    def add(self, cols: list[str]) -> None:
        if len(cols) < 10:
            cols = cols + [""] * (10 - len(cols))
        pid, cc, kind, lat, lon, pop, a1, a2, name, alts = cols[:10]
        row = len(self.lat)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.pop.append(int(pop or 0))
        self.cc.append(self._code("cc", cc))
        self.a1.append(self._code("a1", a1))
        self.a2.append(self._code("a2", a2))
        self.kind.append(KINDS.index(kind) if kind in KINDS else 0)
        self.gid.append(int(pid) if pid.isdigit() else -int(pid.lstrip("w") or 0))
        self.names.append(name.encode("utf-8"))
        if kind == "A1":
            self.regions.append((cc, a1, name, float(lat), float(lon)))
        seen: set[str] = set()
        # rapidfuzz look-alikes cover towns (a known population, a district seat) and districts,
        # not the 600,000 hamlets; the consonant-skeleton index covers every place
        town = int(pop or 0) > 0 or kind.startswith(("A2", "PPLA", "PPLC"))
        ckeys = self.country_keys.setdefault(cc, set()) if town else set()
        skeys = self.skeleton_keys.setdefault(cc, set())
        for i, nm in enumerate([name, *(a for a in alts.split("|") if a)]):
            key = fold(nm)
            if len(key) < (2 if i == 0 else 3) or key in seen:
                continue
            seen.add(key)
            ckeys.add(key)
            skeys.add(key)
            self.khash.append(key_hash(key))
            self.krow.append(row)

    def save(self, folder: Path) -> None:
        offs = np.zeros(len(self.names) + 1, dtype=np.uint32)
        np.cumsum([len(n) for n in self.names], out=offs[1:])
        kh = np.array(self.khash, dtype=np.uint64)
        order = np.argsort(kh, kind="stable")
        arrays: dict[str, np.ndarray[Any, Any]] = {
            "lat": np.array(self.lat, dtype=np.float32), "lon": np.array(self.lon, dtype=np.float32),
            "pop": np.array(self.pop, dtype=np.uint32), "cc": np.array(self.cc, dtype=np.uint8),
            "a1": np.array(self.a1, dtype=np.uint16), "a2": np.array(self.a2, dtype=np.uint16),
            "kind": np.array(self.kind, dtype=np.uint8), "name_off": offs,
            "gid": np.array(self.gid, dtype=np.int64),
            "khash": kh[order], "krow": np.array(self.krow, dtype=np.uint32)[order],
        }
        for n, a in arrays.items():
            np.save(folder / f"{n}.npy", a)
        np.save(folder / "names.npy", np.frombuffer(b"".join(self.names), dtype=np.uint8))
        for cc, keys in self.country_keys.items():
            (folder / f"keys-{cc}.txt").write_text("\n".join(sorted(keys)), encoding="utf-8")
        for cc, keys in self.skeleton_keys.items():
            pairs = sorted((key_hash(skeleton(k)), k) for k in keys)
            blob = [k.encode("utf-8") for _, k in pairs]
            off = np.zeros(len(blob) + 1, dtype=np.uint32)
            np.cumsum([len(b) for b in blob], out=off[1:])
            np.save(folder / f"skh-{cc}.npy", np.array([h for h, _ in pairs], dtype=np.uint64))
            np.save(folder / f"sko-{cc}.npy", off)
            np.save(folder / f"skb-{cc}.npy", np.frombuffer(b"".join(blob), dtype=np.uint8))
        inv = {t: [k for k, _ in sorted(v.items(), key=lambda kv: kv[1])] for t, v in self.codes.items()}
        (folder / "meta.json").write_text(json.dumps({
            "countries": inv["cc"], "admin1s": inv["a1"], "admin2s": inv["a2"],
            "places": len(self.lat), "regions": self.regions}),
            encoding="utf-8")


__all__ = ["PlaceIndex", "key_hash", "places_file"]
