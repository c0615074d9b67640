"""How alike two reports of conflict events are: the vetoes and the score that
marsad.merge uses to decide that they tell one incident.

* vetoes, any one keeps them apart: dates further apart than the window of the
  coarser ``time_precision`` (1: 1 day, 2: 7, 3: 31); points further apart than
  the limit of the coarser ``geo_precision`` (1: 10 km, 2: 25 km; 3: the same
  admin1 is required); two precise places with unlike names more than 2 km apart
  (two villages); different countries; incompatible event types (Battles,
  Explosions/Remote violence and Violence against civilians may be one incident
  told differently; any other type only matches itself); two reports of the same
  article that the extractor kept apart (different type or place);
* otherwise a score in 0..1, the weighted sum of date closeness, place
  closeness, type agreement, shared actors and fatality closeness.

Thresholds and weights are in ``marsad/data/merge_rules.toml``, which an analyst
can copy, change and name in MARSAD_MERGE_RULES.

    >>> from datetime import date
    >>> a = Report(id=1, event_type="Battles", event_date=date(2024, 5, 17),
    ...            location="Hajin", latitude=34.69, longitude=40.83, geo_precision=1,
    ...            country="Syria", actor1="ISIS", actor2="SDF", fatalities=5)
    >>> b = Report(id=2, event_type="Battles", event_date=date(2024, 5, 17),
    ...            location="Hajeen", latitude=34.69, longitude=40.83, geo_precision=1,
    ...            country="Syria", actor1="ISIS", actor2="SDF", fatalities=7)
    >>> score_pair(a, b).score >= MergeRules.load().threshold
    True
"""

from __future__ import annotations

import math
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from marsad import datafiles
from marsad.errors import ConfigError
from marsad.store.stored import StoredReport

# --------------------------------------------------------------------------- rules


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(
            f"cannot read merge rules: {e}",
            source=str(path),
            fix="copy marsad/data/merge_rules.toml and edit it",
        ) from e


def _overlay(data: dict[str, Any], user: dict[str, Any]) -> None:
    """Key by key: a table updates the packaged table, any other value replaces it."""
    for key, value in user.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value


@dataclass(slots=True)
class MergeRules:
    """Thresholds and weights of the merge decision (see merge_rules.toml)."""

    threshold: float = 0.65
    ambiguity_margin: float = 0.1
    region_score: float = 0.1
    weights: dict[str, float] = field(default_factory=dict)
    date_window_days: dict[int, int] = field(default_factory=dict)
    distance_km: dict[int, float] = field(default_factory=dict)
    same_place_km: float = 2.0
    name_similarity: float = 80.0
    compatible_types: list[frozenset[str]] = field(default_factory=list)
    generic_actors: frozenset[str] = frozenset()
    reprint_shingle: int = 3
    reprint_containment: float = 0.6
    reprint_evidence: float = 0.5
    reprint_min_shingles: int = 40

    @classmethod
    def load(cls, path: str | Path | None = None) -> MergeRules:
        """The packaged rules, overridden key by key by the user's merge_rules.toml
        (``marsad --data DIR``, ``MARSAD_DATA``) and then by the TOML file at `path`."""
        data = tomllib.loads(datafiles.packaged_text("merge_rules.toml"))
        for user in [*datafiles.user_files("merge_rules.toml"), *([Path(path)] if path is not None else [])]:
            _overlay(data, _read_toml(user))
        try:
            return cls(
                threshold=float(data["threshold"]),
                ambiguity_margin=float(data.get("ambiguity_margin", 0.0)),
                weights={k: float(v) for k, v in data["weights"].items()},
                date_window_days={int(k): int(v) for k, v in data["date_window_days"].items()},
                distance_km={int(k): float(v) for k, v in data["distance_km"].items()},
                same_place_km=float(data["place"]["same_place_km"]),
                name_similarity=float(data["place"]["name_similarity"]),
                region_score=float(data["place"].get("region_score", 0.1)),
                compatible_types=[frozenset(g) for g in data["types"]["compatible"]],
                generic_actors=frozenset(norm_actor(a) for a in data["actors"]["generic"]),
                reprint_shingle=int(data.get("reprints", {}).get("shingle_words", 3)),
                reprint_containment=float(data.get("reprints", {}).get("containment", 0.6)),
                reprint_evidence=float(data.get("reprints", {}).get("evidence", 0.5)),
                reprint_min_shingles=int(data.get("reprints", {}).get("min_shingles", 40)),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise ConfigError(
                f"merge rules incomplete or malformed: {e}",
                source=str(path or "merge_rules.toml"),
                fix="compare with marsad/data/merge_rules.toml",
            ) from e

    def window(self, time_precision: int | None) -> int:
        tp = time_precision or 1
        return self.date_window_days.get(tp, max(self.date_window_days.values()))

    def types_compatible(self, a: str, b: str) -> bool:
        return a == b or any(a in g and b in g for g in self.compatible_types)


_DEFAULT_RULES: MergeRules | None = None


def default_rules() -> MergeRules:
    """The packaged rules, or the file named by MARSAD_MERGE_RULES (read once)."""
    global _DEFAULT_RULES
    if _DEFAULT_RULES is None:
        _DEFAULT_RULES = MergeRules.load(os.environ.get("MARSAD_MERGE_RULES") or None)
    return _DEFAULT_RULES


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class Report:
    """The fields of a stored report that merging compares."""

    id: int
    event_type: str = ""
    sub_event_type: str = ""
    event_date: date | None = None
    time_precision: int = 1
    canonical_id: int | None = None
    document_id: int | None = None
    actor1: str = ""
    assoc_actor_1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    country: str = ""
    admin1: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None
    fatalities: int | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Report:
        return cls(**{f.name: row[f.name] for f in fields(cls) if f.name in row})

    @classmethod
    def from_stored(cls, stored: StoredReport) -> Report:
        """The fields of a stored report (marsad.store.stored) that merging compares."""
        return cls(**{f.name: getattr(stored, f.name) for f in fields(cls)})

    @property
    def has_place(self) -> bool:
        return bool(self.location) or self.latitude is not None


@dataclass(slots=True)
class PairScore:
    """How alike two reports are: a score in 0..1, or a veto that keeps them apart."""

    score: float
    reasons: list[str]
    veto: str | None = None


# --------------------------------------------------------------------------- comparison

_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|adh|an|ath)[-\s']+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def norm_actor(name: str) -> str:
    name = re.sub(r"\s*\([^)]*\)\s*$", "", _fold(name))
    return re.sub(r"\s+", " ", name).strip()


def norm_place(name: str) -> str:
    """A place name folded for comparison: 'Al-Shuhayl' -> 'shuhayl'."""
    words = [_ARTICLE.sub("", w) for w in re.split(r"[\s,]+", _fold(name).replace("'", "")) if w]
    return "".join(re.sub(r"[^a-z0-9\u0600-\u06ff]", "", w) for w in words)


def names_alike(a: str, b: str, rules: MergeRules | None = None) -> bool:
    """Two spellings of one place?  Compares the folded names and their consonants.

    >>> names_alike("Al-Shuhayl", "Shheil"), names_alike("Hajin", "Al-Bahra")
    (True, False)
    """
    rules = rules or default_rules()
    na, nb = norm_place(a), norm_place(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    ca, cb = re.sub(r"[aeiouyw]", "", na), re.sub(r"[aeiouyw]", "", nb)
    ca, cb = re.sub(r"(.)\1+", r"\1", ca), re.sub(r"(.)\1+", r"\1", cb)
    return (
        max(fuzz.ratio(na, nb), fuzz.ratio(ca, cb) if len(ca) > 2 and len(cb) > 2 else 0)
        >= rules.name_similarity
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _actors(r: Report, rules: MergeRules) -> set[str]:
    out = set()
    for value in (r.actor1, r.actor2, r.assoc_actor_1, r.assoc_actor_2):
        for name in (value or "").split(";"):
            n = norm_actor(name)
            if n and n not in rules.generic_actors:
                out.add(n)
    return out


def _same_place(a: Report, b: Report, rules: MergeRules) -> tuple[bool, float | None]:
    dist = None
    if (
        a.latitude is not None
        and b.latitude is not None
        and a.longitude is not None
        and b.longitude is not None
    ):
        dist = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        return True, dist
    if dist is not None and dist <= rules.same_place_km:
        return True, dist
    near = dist is None or dist <= rules.distance_km.get(1, 10.0)
    return near and names_alike(a.location, b.location, rules), dist


def _place_score(a: Report, b: Report, same_doc: bool, rules: MergeRules) -> tuple[float, str, str | None]:
    """(score, reason, veto)."""
    if a.country and b.country and a.country != b.country:
        return 0.0, "", f"different countries: {a.country} / {b.country}"
    if same_doc:
        if a.has_place and b.has_place:
            same, _ = _same_place(a, b, rules)
            if not same and not (
                a.admin1 and a.admin1 == b.admin1 and max(a.geo_precision or 3, b.geo_precision or 3) >= 3
            ):
                return 0.0, "", f"same article, kept apart for different places: {a.location} / {b.location}"
        return 1.0, "same article, same place", None
    if not (a.has_place and b.has_place):
        return 0.0, "", "no place to compare"
    gp = max(a.geo_precision or 3, b.geo_precision or 3)
    same, dist = _same_place(a, b, rules)
    if gp >= 3:
        if not a.admin1 or a.admin1 != b.admin1:
            return 0.0, "", f"different regions: {a.admin1 or '?'} / {b.admin1 or '?'}"
        # the same region is not the same place, whatever the names
        return rules.region_score, f"same admin1 {a.admin1} (a place is only region-level)", None
    limit = rules.distance_km.get(gp, 25.0)
    if dist is None:
        if same:
            return 1.0, f"same place name: {a.location} / {b.location}", None
        return 0.0, "", f"no coordinates and unlike names: {a.location} / {b.location}"
    if dist > limit:
        return 0.0, "", f"{a.location} and {b.location} are {dist:.1f} km apart (limit {limit:g} km)"
    if same:
        return 1.0, f"same place: {a.location} / {b.location} ({dist:.1f} km)", None
    if (a.geo_precision or 3) == 1 and (b.geo_precision or 3) == 1:
        return 0.0, "", f"two places: {a.location} / {b.location}, {dist:.1f} km apart"
    return 1.0 - dist / limit, f"{a.location} / {b.location}: {dist:.1f} km apart (limit {limit:g} km)", None


def score_pair(a: Report, b: Report, rules: MergeRules | None = None) -> PairScore:
    """Compare two reports: a score in 0..1 with reasons, or a veto.

    >>> from datetime import date
    >>> a = Report(id=1, event_type="Protests", event_date=date(2024, 5, 1))
    >>> score_pair(a, Report(id=2, event_type="Battles", event_date=date(2024, 5, 1))).veto
    'types cannot be one incident: Protests / Battles'
    """
    rules = rules or default_rules()
    w = rules.weights
    same_doc = a.document_id is not None and a.document_id == b.document_id
    reasons: list[str] = ["same article"] if same_doc else []

    # type
    if a.event_type == b.event_type:
        type_s = 1.0 if a.sub_event_type == b.sub_event_type else 0.85
        reasons.append(
            f"same type: {a.event_type}"
            + (f" / {a.sub_event_type}" if type_s == 1.0 else f" ({a.sub_event_type} / {b.sub_event_type})")
        )
    elif same_doc:
        return PairScore(
            0.0, reasons, f"same article, kept apart for different types: {a.event_type} / {b.event_type}"
        )
    elif rules.types_compatible(a.event_type, b.event_type):
        type_s = 0.5
        reasons.append(f"compatible types: {a.event_type} / {b.event_type}")
    else:
        return PairScore(0.0, reasons, f"types cannot be one incident: {a.event_type} / {b.event_type}")

    # date
    if a.event_date is None or b.event_date is None:
        if not same_doc:
            return PairScore(0.0, reasons, "no date to compare")
        date_s = 0.5
    else:
        gap = abs((a.event_date - b.event_date).days)
        win = max(rules.window(a.time_precision), rules.window(b.time_precision))
        if gap > win:
            return PairScore(0.0, reasons, f"dates {gap} days apart (window {win} days)")
        date_s = 1.0 - gap / (win + 0.5)
        reasons.append(
            "same date" if gap == 0 else f"dates {gap} day{'s' if gap > 1 else ''} apart (window {win})"
        )

    # place
    place_s, why, veto = _place_score(a, b, same_doc, rules)
    if veto:
        return PairScore(0.0, reasons, veto)
    if why and not same_doc:
        reasons.append(why)

    # actors
    aa, ab = _actors(a, rules), _actors(b, rules)
    if aa and ab:
        shared = {x for x in aa if x in ab or any(fuzz.token_set_ratio(x, y) >= 90 for y in ab)}
        actor_s = len(shared) / min(len(aa), len(ab))
        reasons.append(
            f"shared actors: {', '.join(sorted(shared))}"
            if shared
            else f"no shared actor: {', '.join(sorted(aa))} / {', '.join(sorted(ab))}"
        )
    else:
        actor_s = 0.5
        reasons.append("actors not named by both")

    # fatalities
    fa, fb = a.fatalities or 0, b.fatalities or 0
    if fa and fb:
        fat_s = min(fa, fb) / max(fa, fb)
        reasons.append(f"fatalities {fa} / {fb}")
    else:
        fat_s = 0.5
        reasons.append("fatalities given by one report only" if fa or fb else "no fatalities given")

    score = (
        w["date"] * date_s
        + w["place"] * place_s
        + w["type"] * type_s
        + w["actors"] * actor_s
        + w["fatalities"] * fat_s
    )
    return PairScore(round(score, 4), reasons)
