"""Find the places an article names and resolve them, ACLED style.

    >>> geo = Geocoder(Gazetteer.load())                                  # doctest: +SKIP
    >>> text = "Shelling hit the western countryside of Daraa."
    >>> ctx = geo.context(text)                                            # doctest: +SKIP
    >>> [(p.location, p.geo_precision) for p in geo.places_in(text, 0, len(text), ctx)]  # doctest: +SKIP
    [("Dar'a", 2)]

How a mention becomes a `Place`:

- capitalised word runs (with their Al-/Ar-/ez- articles) are looked up, the
  longest first, in the gazetteer (`normalize.fold` keys);
- namesakes are ranked by the article's context (`GeoContext`: its countries
  and governorates), the governorate named right after the mention ("X, east of
  Deir Ezzor"), an article written in the mention and the name ("Al-Busayrah" /
  "Al Busayrah", not "Busayra"), population and the words around the mention
  ("city of", "X province");
- a name that is also an ordinary word ("Police", "Sunday") or a small foreign
  namesake is dropped unless the context or a cue ("the village of X") supports it;
- a place name inside a longer capitalised name is no place: "Mazlum Qamislo"
  (a nom de guerre), "Badiya Al-Sham" (outside Title Case headlines);
- "near / east of / countryside of / outskirts of X", "X countryside", "on the
  road to X" give precision 2 at X; "between X and Y" one place at the midpoint,
  precision 2; a governorate precision 3 at its centre; a country precision 3 at
  its capital;
- a village the gazetteer does not know, named with a cue ("the village/town of
  X", "X village", "the X area", "X countryside"), keeps its whole name and takes
  the point of the enclosing place named next to it (precision 2), else of the
  article's governorate (precision 3);
- where nothing matches exactly, a place with the same consonant skeleton
  ("Dejail" / "Ad Dujayl") is taken if a governorate the article names holds it,
  then a near spelling (rapidfuzz) inside the article's countries after a place cue.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import class_regex, word_class
from marsad.geo.context import GeoContext, read_context
from marsad.geo.gazetteer import Candidate, Gazetteer, km
from marsad.geo.normalize import WORD_RE, ascii_fold, fold, fold_word
from marsad.geo.words import NAME_HEADS, PERSON_WORDS, STOPWORDS
from marsad.records import Place
from marsad.text.dates import MONTHS, WEEKDAYS

MAX_WORDS = 6
CONNECTORS = frozenset(["bin", "ibn", "bani", "beni", "abu", "abou", "um", "umm", "de", "du", "des", "di", "da"])


def _cls(name: str) -> str:
    """A word class of marsad/data/word_classes.csv as an alternation, words one space apart."""
    return class_regex(name, " ")


_OF = r"(?:\s+of)?\s+(?:the\s+)?(?:(?:city|town|village|area|areas|neighbou?rhoods?)\s+of\s+)?$"
_NEAR_BEFORE = re.compile(rf"\b({_cls('near_area')})" + _OF)
_NEAR_WORD = re.compile(
    rf"\b({_cls('near_word')}|(?:road|way|highway|route|entrance|gates?|entrances)\s+(?:to|of|from))\s+(?:the\s+)?"
    r"(?:(?:city|town|village)\s+of\s+)?$")
_AFTER_NEAR = re.compile(rf"^(?:'s|’s)?\s+({_cls('near_area_after')})\b")
# what other countries call a district ("Lamu County", "Maru LGA", "Beni territory")
_DISTRICT_WORDS = frozenset(word_class("district_word"))
_ADMIN_AFTER = re.compile(rf"^\s+({_cls('admin_after')})\b")
_ADMIN_BEFORE = re.compile(rf"\b({_cls('admin_before')})\s+of\s+(?:the\s+)?$")
# ", Mali", ", in Yatenga province", ", a village in the Tillaberi area": the area that holds a name
_COMMA_AREA = re.compile(
    rf",\s+(?:(?:in|near)\s+)?(?:(?:a|the)\s+(?:small\s+|remote\s+)?(?:{_cls('settlement')})\s+(?:in|near|of)\s+)?"
    r"(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_CITY_OF = re.compile(r"\bcity\s+of\s+$")
_CITY_BEFORE = re.compile(r"\b(city|town)\s+of\s+$")
_VILLAGE_BEFORE = re.compile(rf"\b({_cls('village_before')})\s+of\s+(?:the\s+)?$")
_VILLAGE_AFTER = re.compile(rf"^\s+({_cls('village_after')})\b")
# prepositions that put an event somewhere ("in X", "near X"), unlike "of X", "to X", "by X"
_LOCATIVE_PREP = re.compile(
    rf"\b({_cls('locative')}|"
    r"(?:attacks?|strikes?|airstrikes?|raids?|assaults?|offensive|shelling|bombardment|advance)\s+(?:on|against)|"
    # what fell on a place: "shells fell on X", "barrel bombs on X", "the fall of shells on X"
    rf"(?:{_cls('fell_on')})\s+on)"
    r"\s+(?:the\s+)?$")
# a small place of the village-level file needs a place cue, not just a capitalised word
SMALL_PLACE = 1000
_PLACE_PREP = re.compile(rf"\b({_cls('place_prep')})\s+(?:the\s+)?$")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|villages?|cities|city|areas?)\s+(?:of\s+)?)?$")
_AND_GAP = re.compile(r"^\s*,?\s*(?:and|&)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$")
_IN_GAP = re.compile(r"^\s*,?\s*(?:in|of|near|within|at)\s+(?:the\s+)?(?:(?:city|town|district|area|"
                     r"countryside|region|province|governorate)\s+of\s+)?(?:the\s+)?"
                     r"(?:(?:north|south|east|west)(?:ern)?\s+)?$")
# "X, in Yatenga province", "X village, in Nangade district": a district named after a name
_DISTRICT_NAMED = re.compile(
    rf"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})\s+(?:{_cls('district_after')})\b")


def named_districts(text: str) -> list[str]:
    """The names written before a district word: "X, in Yatenga province" -> ["Yatenga"]."""
    return [m.group(1) for m in _DISTRICT_NAMED.finditer(text)]


_CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)
_CAP_RUN = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_DISTANCE = re.compile(r"(?i)\b(?:km|kilomet|miles?\b)")
FAR_FROM_TAIL_KM = 50   # "X camp in Borno's Damboa area": a namesake farther than this from Damboa is not X
_CLAUSE_END = re.compile(r"[.;!?\n]|\b(?:and|while|but|after|before|as)\b")


_ANCHOR_AFTER = re.compile(
    r"\W{0,3}(?:\d+\s*(?:km|kilometers|kilometres|miles)\s+)?(?:north|south|east|west|northeast|northwest|"
    r"southeast|southwest)(?:ern)?(?:\s+of)?\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?"
    r"([A-Z][\w'’]+(?:[\s-][A-Z][\w'’]+)?)")


def _conflicts(c: Candidate, near_a1: set[tuple[str, str]]) -> bool:
    """Governorates of c's country are named right after the name, and not c's."""
    local = [code for cc, code in near_a1 if cc == c.country_code]
    return bool(local) and c.admin1_code not in local


def _elsewhere(c: Candidate, cands: list[Candidate], ctx: GeoContext, near_a1: set[tuple[str, str]]) -> bool:
    """A candidate outside the governorate named next to the name, or outside every one the
    article names while another candidate lies inside one: the text points elsewhere."""
    if not c.admin1_code:
        return False
    if _conflicts(c, near_a1):
        return True
    named = {code for cc, code in ctx.admin1 if cc == c.country_code}
    return bool(named) and c.admin1_code not in named and any(
        x is not c and x.country_code == c.country_code and x.admin1_code in named for x in cands)


LOTTERY_KM = 25     # namesakes closer than this are one choice: either is near where it happened


def _lottery(c: Candidate, cands: list[Candidate]) -> bool:
    """Several villages of one name in c's governorate, as likely as c, and nothing in the text
    (a district named next to it) that picks one: any choice would be a guess ("Sabon Gari", Borno)."""
    if "named next to it" in c.why and "district" in c.why:
        return False
    same = [x for x in cands if x.feature == "village" and x.country_code == c.country_code
            and x.admin1_code == c.admin1_code and x.population < 15000
            and km(x.latitude, x.longitude, c.latitude, c.longitude) > LOTTERY_KM
            and x.score >= c.score - 0.5]      # as likely: the spelling or an article does not decide
    return len(same) >= 1 and c.population < 15000


def _clause_tail(text: str, e: int, seg_end: int) -> str:     # the rest of a name's clause, 60 chars at most
    return _CLAUSE_END.split(text[e:min(seg_end, e + 60)], maxsplit=1)[0]


def _far_from(c: Candidate, near_pts: list[tuple[str, float, float]]) -> bool:
    """c lies far from every town of its country named right after it ("X camp in Borno's Damboa area")."""
    local = [(la, lo) for cc, la, lo in near_pts if cc == c.country_code]
    return bool(local) and all(km(c.latitude, c.longitude, la, lo) > FAR_FROM_TAIL_KM for la, lo in local)


def _hamlet(c: Candidate) -> bool:
    """A small place known only to the village-level file (no population, not in cities500)."""
    return c.source == "places" and c.feature == "village" and c.population < SMALL_PLACE


_PLACE_WORDS = frozenset(fold(w) for w in word_class("place_word"))
# place words after an unknown name that make it a place: "the Kabajib area"
_UNKNOWN_AFTER = frozenset(word_class("unknown_place_after"))
_ARTICLE_NAME = re.compile(r"(?i)(?:al|el|ar|as|ash|at|ad|an|az|ath|adh)[\s\-]")
_GAP_OK = re.compile(r"[ \t\-–]{1,3}")
_SENTENCE_END = re.compile(r"[.!?;\n]")


@lru_cache(maxsize=50_000)
def _word_key(raw: str) -> str:
    return " ".join(k for k in (fold_word(w) for w in ascii_fold(raw).split()) if k)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    key: str            # folded word, '' for an article
    cap: bool           # may begin or end a name


@dataclass(slots=True)
class _Hit:
    i: int              # first token
    j: int              # last token
    place: Place
    cand: Candidate | None
    unknown: bool = False


class Geocoder:
    """Resolves place mentions in articles against a `Gazetteer`."""

    def __init__(self, gaz: Gazetteer, countries: tuple[str, ...] | list[str] = ()) -> None:
        """`countries`: priors for every article (e.g. the outlet's country).  Without
        them, the countries of the user's own places (if any) act as weak priors."""
        self.gaz = gaz
        self.priors = tuple(c.upper() for c in countries)
        self._home = gaz.home_countries()

    # -- context ----------------------------------------------------------
    def context(self, text: str, countries: tuple[str, ...] | list[str] = ()) -> GeoContext:
        """The countries and governorates `text` names (`countries`: priors such as
        the outlet's country)."""
        return read_context(self.gaz, text, tuple(countries) or self.priors)

    # -- one name ---------------------------------------------------------
    def resolve(self, name: str, ctx: GeoContext | None = None) -> Place | None:
        """One name known to be a place (a dateline such as "QAMISHLI"), or None."""
        ctx = ctx or GeoContext()
        key = fold(name)
        if not key or key in STOPWORDS:
            return None
        cands = self.gaz.candidates_for_key(key)
        if not cands and ctx.fuzzy_countries():
            cands = self.gaz.fuzzy(key, ctx.fuzzy_countries())
        if not cands:
            return None
        best = self._rank(cands, ctx, "")[0]
        if ctx.countries and best.country_code not in ctx.countries and best.population < 15000 \
                and best.feature in ("village", "city"):
            return None
        return self._place(best, name, None, None, "")

    # -- every place in a span ----------------------------------------------
    def places_in(self, text: str, start: int, end: int, ctx: GeoContext,
                  ents: list[tuple[int, int, str]] | None = None) -> list[Place]:
        """Every place named in text[start:end], in order, resolved with `ctx`.

        `ents` (spaCy GPE/LOC/FAC spans) let a lower-case or unknown name count as
        a name."""
        toks = self._tokens(text, start, end, ents)
        idx_keys, ent_keys = self.gaz.cities.keys, self.gaz.keys
        words = [t for t in toks[1:] if len(t.key) > 3 and t.key not in idx_keys and t.key not in ent_keys]
        seg = text[start:end]
        # a Title Case headline (or ALL CAPS, or lower-case text) capitalises every word
        # or none: capitalised runs say nothing about names there
        titled = seg == seg.upper() or seg == seg.lower() or (
            len(words) >= 2 and sum(t.cap for t in words) > 0.6 * len(words))
        hits: list[_Hit] = []
        n = len(toks)
        i = 0
        while i < n:
            hit = self._match_at(text, toks, i, ctx, start, end,
                                 titled or (bool(hits) and hits[-1].j == i - 1))
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.j + 1
        self._place_unknown(text, toks, hits, ctx)
        for h in hits:
            if h.cand is not None and h.cand.feature in ("city", "village") and len(ctx.points) < 50:
                ctx.points.append((h.cand.latitude, h.cand.longitude))
        return self._merge_between(text, hits)

    # -- internals ------------------------------------------------------------
    def _tokens(self, text: str, start: int, end: int,
                ents: list[tuple[int, int, str]] | None) -> list[_Tok]:
        seg = text[start:end]
        cased = seg != seg.upper() and seg != seg.lower()      # neither ALL CAPS nor a url slug
        ent_starts = {s for s, e, lab in ents or () if lab in ("GPE", "LOC", "FAC")}
        toks = []
        for m in WORD_RE.finditer(seg):
            raw = m.group()
            if raw[-2:] in ("'s", "’s") and len(raw) > 3:
                raw = raw[:-2]                       # "Aleppo’s neighborhoods"
            key = _word_key(raw)
            s = start + m.start()
            if cased:
                cap = raw[0].isupper() and not (raw.isupper() and len(raw) <= 5 and len(raw) > 1)
                cap = cap or s in ent_starts
            else:
                cap = key not in STOPWORDS
            toks.append(_Tok(s, s + len(raw), raw, key, cap))
        return toks

    def _match_at(self, text: str, toks: list[_Tok], i: int, ctx: GeoContext,
                  seg_start: int, seg_end: int, titled: bool = False) -> _Hit | None:
        t = toks[i]
        if not t.cap and t.key:
            return None
        if t.text.lower() == "the":
            return None
        # a lower-case Arabic article may open a name: "al-Bab"
        if not t.cap and not (t.key == "" and i + 1 < len(toks) and toks[i + 1].cap
                              and _GAP_OK.fullmatch(text[t.end:toks[i + 1].start])):
            return None
        if not titled and self._inside_name(text, toks, i):
            return None         # "Mazlum Qamislo", "Badiya Al-Sham": the tail of a longer name
        gaz = self.gaz
        jlim = self._run_limit(text, toks, i)
        jmax = -1
        for j in range(jlim, i - 1, -1):
            if not toks[j].cap or not toks[j].key:
                continue
            key = " ".join(toks[k].key for k in range(i, j + 1) if toks[k].key)
            if not key or not gaz.known(key):
                continue
            s, e = toks[i].start, toks[j].end
            before = text[max(seg_start, s - 80):s].lower().replace("-", " ")
            after = text[e:min(seg_end, e + 40)].lower().replace("-", " ")
            cues = self._cues(before, after)
            if cues in ("village", "city"):
                if jmax < 0:
                    jmax = self._run_end(text, toks, i, keep_stopwords=True)
                if j < jmax:
                    continue    # "the village of Ali Al-Sadoun": not the place "Ali"
            goes_on = j < jlim and not titled and self._name_goes_on(text, toks, j)
            if goes_on and self._run_is_place(text, toks, i, seg_end):
                continue        # "the Bir Ahmed area": the whole run names the place, not "Bir"
            if goes_on and not cues:
                continue        # "Mazlum Qamislo said": a person named after a place
            cands = gaz.candidates_for_key(key)
            near_a1: set[tuple[str, str]] = set()
            near_pts: list[tuple[str, float, float]] = []
            if len({(c.country_code, c.admin1_code) for c in cands
                    if c.country_code in ctx.countries and c.feature != "admin1"}) > 1 \
                    or any((c.source == "places" or c.feature == "village") and c.country_code in ctx.countries
                           for c in cands):
                clause = _clause_tail(text, e, seg_end)
                near_a1, near_pts = self._near_admin1(clause, ctx), self._near_towns(clause, ctx)
                tail = f" {fold(text[e:min(seg_end, e + 80)])} "
                for c in cands:
                    if (c.country_code, c.admin1_code) in near_a1:
                        c.score += 1.5      # "Al-Qouriya countryside, east of Deir Ezzor"
                        c.why += "; in the governorate named next to it"
                    a2 = fold(c.admin2) if c.admin2 and c.feature == "village" else ""
                    if a2 == fold(c.admin1):
                        a2 = ""             # "Deir-ez-Zor" district: the governorate's name says no more
                    if a2 and f" {a2} " in tail:
                        c.score += 1.5      # "Ungwan Dogo in the Kajuru area of Kaduna State"
                        c.why += f"; in the district {c.admin2} named next to it"
            cands = self._rank(cands, ctx, cues, article=toks[i].key == "")
            locative = (bool(cues) and cues != "prep") or bool(_LOCATIVE_PREP.search(before))
            best = self._accept(cands, key, ctx, cues, single=(" " not in key),
                                locative=locative and not (goes_on and cues not in ("village", "city")),
                                near_a1=near_a1, city=bool(_CITY_OF.search(before)), near_pts=near_pts)
            if best is None:
                continue
            rel = cues.split(":", 1)[1] if cues.startswith("near:") else ""
            return _Hit(i, j, self._place(best, text[s:e], s, e, rel), best)
        return self._unknown_or_fuzzy(text, toks, i, ctx, seg_start, seg_end)

    @staticmethod
    def _run_limit(text: str, toks: list[_Tok], i: int) -> int:
        """The last token that may belong to a name starting at i: words joined by
        spaces or hyphens, capitalised or articles/connectors, at most MAX_WORDS."""
        j = i
        n = len(toks)
        while j + 1 < n and j + 1 - i < MAX_WORDS \
                and _GAP_OK.fullmatch(text, toks[j].end, toks[j + 1].start):
            t = toks[j + 1]
            if t.key == "" and t.text.lower() == "the":
                break
            if not t.cap and t.key and t.text.lower() not in CONNECTORS:
                break
            if t.text in _CALENDAR_WORDS:
                break           # "in Ahwar Tuesday night", "near Kismayo Monday": a day is no part of a name
            j += 1
        return j

    def _run_end(self, text: str, toks: list[_Tok], i: int, keep_stopwords: bool = False) -> int:
        """The last token of the longest capitalised run from i, without trailing
        articles or (unless `keep_stopwords`: after "the village of") stopwords."""
        j = self._run_limit(text, toks, i)
        while j > i and ((toks[j].key in STOPWORDS and (not keep_stopwords or toks[j].key in _PLACE_WORDS))
                         or not toks[j].key or not toks[j].cap):
            j -= 1
        return j

    def _plain_word(self, t: _Tok) -> bool:
        """A capitalised word that may be part of a person's or a unit's name: not a
        stopword ("Eastern", "Sheikh"), not a demonym ("Syrian"), not an article."""
        return t.cap and bool(t.key) and t.key not in STOPWORDS and t.key not in self.gaz.demonyms

    def _inside_name(self, text: str, toks: list[_Tok], i: int) -> bool:
        """Token i continues a capitalised name begun by a plain word before it
        ("Mazlum Qamislo", "Badiya Al-Sham"), outside a Title Case headline and not
        at a sentence start (where every word is capitalised)."""
        k = i - 1
        while k >= 0 and not toks[k].key and toks[k].cap \
                and _GAP_OK.fullmatch(text, toks[k].end, toks[k + 1].start):
            k -= 1                                  # articles between: "Badiya Al-Sham"
        if k >= 0 and toks[k].cap and toks[k].key in NAME_HEADS \
                and _GAP_OK.fullmatch(text, toks[k].end, toks[k + 1].start):
            return True                             # "Abu Hamam": not Egypt's Al Hammam
        if k < 0 or not self._plain_word(toks[k]) or text[toks[k].end:toks[k + 1].start] != " ":
            return False                            # "Damascus – Homs highway": two names
        if k == 0:
            return False                            # a sentence's first word
        lead = text[toks[k - 1].end:toks[k].start]
        return not (_SENTENCE_END.search(lead) or lead.strip() in ('"', "'", "“", "(", ":"))

    def _run_is_place(self, text: str, toks: list[_Tok], i: int, seg_end: int) -> bool:
        """The whole capitalised run from i is followed by a place word ("X Y area", "X Y village")."""
        j = self._run_end(text, toks, i)
        after = text[toks[j].end:min(seg_end, toks[j].end + 30)].lower().replace("-", " ")
        m = _AFTER_NEAR.match(after)
        return bool(_VILLAGE_AFTER.match(after) or (m and m.group(1) in _UNKNOWN_AFTER))

    def _name_goes_on(self, text: str, toks: list[_Tok], j: int) -> bool:
        """The capitalised run goes on after token j with a plain word joined by a space:
        'Mazlum' in "Mazlum Qamislo" (but not "Tabqa Dam", "Homs Military Hospital")."""
        if j + 1 >= len(toks):
            return False
        nxt = toks[j + 1]
        return text[toks[j].end:nxt.start] == " " and self._plain_word(nxt)

    @staticmethod
    def _cues(before: str, after: str) -> str:
        """What the words around a name say: 'admin', 'city', 'village', 'near:<relation>', 'prep'."""
        if _ADMIN_AFTER.match(after) or _ADMIN_BEFORE.search(before):
            return "admin"
        if _BETWEEN_BEFORE.search(before):
            return "near:between"
        m = _NEAR_BEFORE.search(before) or _NEAR_WORD.search(before)
        if m:
            return "near:" + re.sub(r"\s+(?:the\s+)?(?:(?:city|town|village|area|areas|neighbou?rhoods?)\s+of\s+)?$",
                                    "", m.group(0).strip())
        m = _AFTER_NEAR.match(after)
        if m:
            return "near:" + ("district" if m.group(1) in _DISTRICT_WORDS else m.group(1))
        if _CITY_BEFORE.search(before):
            return "city"
        if _VILLAGE_BEFORE.search(before) or _VILLAGE_AFTER.match(after):
            return "village"
        if _PLACE_PREP.search(before):
            return "prep"
        return ""

    def _rank(self, cands: list[Candidate], ctx: GeoContext, cues: str,
              article: bool = False) -> list[Candidate]:
        """Best first.  `article`: the mention opens with Al-/Ar-/...: a namesake whose
        name has the article too ("Al Busayrah", not "Busayra") is likelier."""
        home = self._home if not ctx.named else {}
        for c in cands:
            if article and _ARTICLE_NAME.match(c.name):
                c.score += 1.0
            cw = ctx.country_weight(c.country_code)
            if cw:
                c.score += 4.0 * cw
            elif home and c.country_code in home:
                c.score += 1.5 * home[c.country_code]
            if c.admin1_code:
                aw = ctx.admin1_weight(c.country_code, c.admin1_code)
                if aw:
                    c.score += 1.5 * aw
            if cues == "admin" and c.feature == "admin1":
                c.score += 3.0
            if ctx.points and c.feature == "village" and len(cands) > 1 and c.country_code in ctx.countries:
                d = min(km(c.latitude, c.longitude, la, lo) for la, lo in ctx.points)
                if d < 40:      # the article's other places are near this namesake
                    c.score += 1.0
                    c.why += f"; {d:.0f} km from a place named before"
            if c.feature == "admin2":
                # "Obe district": the district; a bare name is its town, if it has one
                # (by its own name: "Maru LGA" is the town's district, not one Maru is an alias of)
                c.score += 2.5 if "district" in cues and "alternate" not in c.why else -0.5
            elif cues in ("city", "village") and c.feature not in ("admin1", "country"):
                c.score += 2.0
        cands.sort(key=lambda c: -c.score)
        if cands and cands[0].feature in ("admin1", "admin2") and cues != "admin" and "district" not in cues:
            # a governorate and its capital share the name: the bare name is the city
            top = cands[0]
            for c in cands[1:]:
                if c.feature in ("city", "village", "user") and c.country_code == top.country_code \
                        and km(c.latitude, c.longitude, top.latitude, top.longitude) < 15:
                    c.score = top.score + 0.01
                    cands.remove(c)
                    cands.insert(0, c)
                    break
        return cands

    def _accept(self, cands: list[Candidate], key: str, ctx: GeoContext, cues: str,
                single: bool, locative: bool = True,
                near_a1: set[tuple[str, str]] | None = None, city: bool = False,
                near_pts: list[tuple[str, float, float]] | None = None) -> Candidate | None:
        strong = cues in ("village", "city", "admin")
        for c in cands[:3]:
            if c.feature == "country":
                return c
            if not self._small_place_ok(c, key, cues, locative, ctx, near_a1 or set(), city):
                continue
            if c.feature == "village" and (_conflicts(c, near_a1 or set()) or _lottery(c, cands)
                                           or _far_from(c, near_pts or [])):
                continue
            if c.feature == "user" and _elsewhere(c, cands, ctx, near_a1 or set()):
                continue        # a user's namesake in one governorate, the article in another
            if cues == "village" and ctx.named and c.country_code not in ctx.countries \
                    and c.population < 15000:
                continue        # never a namesake village abroad
            if key in STOPWORDS and not (cues in ("village", "city") or
                                         (cues == "admin" and c.feature == "admin1")):
                continue        # "the badiya al-Sham region" is no Damascus
            cw = ctx.country_weight_without(c.country_code, key)
            if not ctx.named and c.country_code in self._home:
                cw = 0.3 * self._home[c.country_code]
            others = [x for x in ctx.named if x != c.country_code]
            if not cw and not others and c.country_code in ctx.named:
                cw = ctx.country_weight(c.country_code)     # its own name is all there is, unopposed
            if c.feature == "admin1":
                # Iran's "Kurdistan" in an article about Iraq is not Iran
                if cw > 0 or not others:
                    return c
                continue
            if c.feature in ("user", "admin2") and (cw > 0 or not ctx.named or not c.country_code):
                return c
            if cw > 0:
                if cw >= 0.3 or c.population >= 15000 or strong or ((cues or locative) and c is cands[0]):
                    return c    # a demonym ("the Syrian army ... near Al-Sukhnah") and a cue
                continue
            alternate = "alternate" in c.why
            if others:
                # the article names other countries: a foreign place needs to be a
                # metropolis known by this very name ("Kuriya" is no name of Korla)
                if not alternate and c.population >= 250_000:
                    return c
                continue
            if alternate:
                # "More" is an alternate name of Bilimora: foreign alternates need a metropolis
                if c.population >= 500_000:
                    return c
                continue
            if c.population >= 15000:
                return c
            if cues and len(key) >= 5 and not self._home and not ctx.named \
                    and not any(x.country_code in ctx.countries for x in cands):
                return c        # no context at all: a distinctive name after "in", "near", ...
        return None

    @staticmethod
    def _small_place_ok(c: Candidate, key: str, cues: str, locative: bool, ctx: GeoContext,
                        near_a1: set[tuple[str, str]], city: bool = False) -> bool:
        """A village known only to the village-level file is a place only where the text
        puts something in it ("in X", "near X", "the village of X"), not in an area named
        next to it or by the article that is not its own ("X, in Deir Ezzor" is no X of
        Hasakah), and not as an area ("X region"); one named only with given names and
        titles ("Khalil Ibrahim", "Shaykh Ibrahim") needs a place cue."""
        if not _hamlet(c):
            return True
        if not locative or cues == "admin" or city or _conflicts(c, near_a1):
            return False        # "X region", "the city of X" are no hamlet
        if not ctx.country_weight(c.country_code):
            return False        # a hamlet in a country the article gives no sign of: a namesake lottery
        named = [code for cc, code in ctx.admin1 if cc == c.country_code]
        if named and c.admin1_code not in named and not near_a1:
            return False        # the article's governorates are elsewhere: a namesake or a look-alike
        if all(w in PERSON_WORDS for w in key.split()):
            return cues in ("village", "city") or cues.startswith("near:")
        return True

    def _unknown_or_fuzzy(self, text: str, toks: list[_Tok], i: int, ctx: GeoContext,
                          seg_start: int, seg_end: int) -> _Hit | None:
        s = toks[i].start
        if not toks[i].key:     # an article opening the name: "Al-Qouriya", "l-Sha'afa"
            if i + 1 >= len(toks) or not _GAP_OK.fullmatch(text, toks[i].end, toks[i + 1].start):
                return None
            i += 1
        t = toks[i]
        if not t.cap or not t.key or not text[t.start].isupper():
            return None
        j = self._run_end(text, toks, i)
        before = text[max(seg_start, s - 80):s].lower().replace("-", " ")
        if _VILLAGE_BEFORE.search(before) or _CITY_BEFORE.search(before):
            j = self._run_end(text, toks, i, keep_stopwords=True)   # "the village of Ein Ali"
        if j == i and (t.key in STOPWORDS or t.key in self.gaz.demonyms):
            return None
        e = toks[j].end
        after = text[e:min(seg_end, e + 40)].lower().replace("-", " ")
        cues = self._cues(before, after)
        key = " ".join(toks[k].key for k in range(i, j + 1) if toks[k].key)
        if cues == "admin" or (not cues and (j == i or len(key) < 6)):
            return None
        rel = cues.split(":", 1)[1] if cues.startswith("near:") else ""
        best = self._near_spelling(key, ctx, cues, self._near_admin1(_clause_tail(text, e, seg_end), ctx),
                                   lambda: self._anchor_countries(text, e, seg_end))
        if best is not None:
            return _Hit(i, j, self._place(best, text[s:e], s, e, rel), best)
        m = _AFTER_NEAR.match(after)
        if m and m.group(1) in _UNKNOWN_AFTER:
            cues = "near:" + m.group(1)         # "near al-Dashisha area": the place word decides
        anchored = (cues.startswith("near:") or bool(_LOCATIVE_PREP.search(before))) \
            and (self._area_follows(text, e, seg_end) or bool(self._anchor_countries(text, e, seg_end))) \
            and not all(w in PERSON_WORDS or w in STOPWORDS for w in key.split())
        if not anchored and not self._unknown_ok(toks, i, j, cues):
            return None
        name = text[s:e]
        p = Place(location=name, mention=name, start=s, end=e, geo_precision=2,
                  why=f"'{name}' is not in the gazetteer")
        return _Hit(i, j, p, None, unknown=True)

    def _area_follows(self, text: str, e: int, seg_end: int) -> bool:
        """", <area>" follows the name: "in Tindikoro, Mali", "in Kurfaya, Mopti region" - the
        unknown name is a place inside that known country, region, district or town."""
        m = _COMMA_AREA.match(text, e, min(seg_end, e + 60))
        if not m:
            return False
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            for c in self.gaz.candidates_for_key(fold(" ".join(words[:n]))):
                if c.feature in ("country", "admin1", "admin2", "city") or c.population >= SMALL_PLACE:
                    return True
        return False

    def _anchor_countries(self, text: str, e: int, seg_end: int) -> set[str]:
        """The countries of the town a name is placed by ("X, south of Jarabulus"): X is
        there too, not in a look-alike abroad."""
        m = _ANCHOR_AFTER.match(text, e, min(seg_end, e + 80))
        if not m:
            return set()
        cands = self.gaz.candidates_for_key(fold(m.group(1)))
        return {c.country_code for c in cands if c.population >= 5000 or c.feature in ("admin1", "admin2")}

    def _near_spelling(self, key: str, ctx: GeoContext, cues: str,
                       near_a1: set[tuple[str, str]],
                       anchor: Callable[[], set[str]] | None = None) -> Candidate | None:
        """A place spelt differently ("Dejail" / "Ad Dujayl", "Qouriya" / "Quriyah")
        that the article's context supports: the same consonant skeleton inside a
        governorate the article or sentence names (or the only such place in the
        article's country), else a near spelling (rapidfuzz) after a place cue."""
        main = ctx.fuzzy_countries()
        cc_pool = list(dict.fromkeys([*main, *(cc for cc, _ in near_a1), *(cc for cc, _ in ctx.admin1)]))

        def support(c: Candidate) -> float:
            """1: in the governorate named next to the name, 0.5: in one the article names."""
            if not c.admin1_code:
                return 0.0
            if (c.country_code, c.admin1_code) in near_a1:
                return 1.0
            return 0.5 if ctx.admin1_weight(c.country_code, c.admin1_code) else 0.0

        found: list[Candidate] = []
        for c in self.gaz.by_skeleton(key, cc_pool) if cc_pool else ():
            if _conflicts(c, near_a1):
                continue        # the governorate named next to the name beats the article's others
            sup = support(c)
            if sup:
                c.score += 1.5 * (sup == 1.0)       # _rank weighs the article's governorates
                found.append(c)
            elif cues and c.country_code in main and not _conflicts(c, near_a1) and not _hamlet(c):
                found.append(c)     # a hamlet of the village-level file needs a governorate's support
        if found:
            found = self._rank(found, ctx, cues)
            top = found[0]
            if support(top) or all(
                    km(c.latitude, c.longitude, top.latitude, top.longitude) < 10 for c in found):
                return top      # supported by a governorate, or the only place so spelt
        if cues and main and len(key) >= 5:
            top_cc = max(main, key=ctx.country_weight)      # a look-alike only in the main country
            anchor_cc = anchor() if anchor is not None else set()
            fz = [c for c in self.gaz.fuzzy(key, [top_cc]) if not _conflicts(c, near_a1)
                  and (not anchor_cc or c.country_code in anchor_cc)]
            if fz:
                top = self._rank(fz, ctx, cues)[0]
                named = set(ctx.admin1) | near_a1
                if named and (top.country_code, top.admin1_code) not in named:
                    return None     # a look-alike in a governorate the article never names: not the place
                if not named and _hamlet(top):
                    return None     # a look-alike hamlet anywhere in the country: too many to guess
                return top
        return None

    def _near_admin1(self, tail: str, ctx: GeoContext) -> set[tuple[str, str]]:
        """The governorates named in the clause after a name (`_clause_tail`: "X, east of Deir
        Ezzor", "X in Salahuddin province"), or whose district is ("X, in Yatenga province")."""
        if not tail.strip():
            return set()
        near = set(read_context(self.gaz, tail).admin1)
        for name in named_districts(tail):      # "X, in Nangade district": Cabo Delgado
            near |= {(c.country_code, c.admin1_code) for c in self.gaz.candidates_for_key(_word_key(name))
                     if c.feature == "admin2" and c.admin1_code and c.country_code in ctx.countries}
        return near

    def _near_towns(self, tail: str, ctx: GeoContext) -> list[tuple[str, float, float]]:
        """Towns and districts (of the article's countries) named in the clause after a name."""
        if not tail.strip() or _DISTANCE.search(tail):
            return []
        pts = []
        tail = re.sub(r"['’]s\b", " ·", tail)           # "Borno State's Damboa area": two names
        last = -1
        for m in _CAP_RUN.finditer(tail):
            if last >= 0 and "," in tail[last:m.start()]:
                break           # "Obe in Herat, Saghar in Ghor": the next item of a list
            last = m.end()
            cands = self.gaz.candidates_for_key(_word_key(m.group(1)))
            if any(c.feature == "admin1" for c in cands):
                continue        # "X in Herat", "X, Deir Ezzor": the province, not its capital
            pts += [(c.country_code, c.latitude, c.longitude) for c in cands
                    if c.country_code in ctx.countries
                    and (c.feature == "admin2" or (c.feature == "city" and c.population >= SMALL_PLACE))]
        return pts

    def _unknown_ok(self, toks: list[_Tok], i: int, j: int, cues: str) -> bool:
        """An unknown name kept as a place: after "the village/town of", or with a
        place word after it ("the Kabajib area", "Al-Qouriya countryside"), made of
        words that are no stopwords or demonyms."""
        if cues not in ("village", "city") and not (cues.startswith("near:") and cues[5:] in _UNKNOWN_AFTER):
            return False
        words = [toks[k].key for k in range(i, j + 1) if toks[k].key]
        if any(w in self.gaz.demonyms for w in words) or sum(len(w) for w in words) < 4:
            return False
        if cues.startswith("near:"):
            return not any(w in STOPWORDS for w in words)
        return len(words) > 1 or words[0] not in STOPWORDS      # "the village of Ein Ali"

    def _place(self, c: Candidate, mention: str, s: int | None, e: int | None, rel: str) -> Place:
        gaz = self.gaz
        country = gaz.countries.get(c.country_code)
        if c.feature in ("admin1", "country"):
            prec = 3
        elif rel or c.feature == "admin2":
            prec = 2
        else:
            prec = 1
        why = c.why + (f"; '{rel}' it: precision 2" if rel else "")
        return Place(
            location=gaz.location_name(c), latitude=round(c.latitude, 5), longitude=round(c.longitude, 5),
            country=country.name if country else "", iso=country.iso if country else None,
            country_code=c.country_code, admin1=c.admin1, admin2=c.admin2, geo_precision=prec,
            gazetteer_id=c.gazetteer_id, mention=mention, start=s, end=e, why=why)

    def _place_unknown(self, text: str, toks: list[_Tok], hits: list[_Hit], ctx: GeoContext) -> None:
        """Give each unknown village the point of the place that encloses it."""
        for k, h in enumerate(hits):
            if not h.unknown:
                continue
            hosts: list[_Hit] = []
            # "the village of X in the Y district" / "X village, near Y"
            for nxt in hits[k + 1:k + 3]:
                gap = text[h.place.end:nxt.place.start]
                if nxt.cand is not None and (_IN_GAP.match(gap.lower()) or
                                             (len(gap) < 60 and not _SENTENCE_END.search(gap))):
                    hosts.append(nxt)
                    if nxt.cand.feature not in ("country", "admin1"):
                        break           # "X in Borno State's Damboa area": look on past the state
            for prev in reversed(hits[:k]):
                if prev.cand is not None and not _SENTENCE_END.search(text[prev.place.end:h.place.start]):
                    hosts.append(prev)
                    break
            # a country is a host only if nothing narrower is ("X area close to the border
            # with Iraq, in Deir Ezzor" is not at Baghdad)
            inner = [x for x in hosts if x.cand is not None and x.cand.feature != "country"]
            # "the X camp in Borno State's Damboa area": the narrowest area named with it
            host = min(inner, key=lambda x: x.place.geo_precision) if inner else None
            if host is None and hosts and not ctx.admin1:
                host = hosts[0]
            p = h.place
            if host is not None:
                hp = host.place
                p.latitude, p.longitude = hp.latitude, hp.longitude
                p.country, p.iso, p.country_code = hp.country, hp.iso, hp.country_code
                p.admin1, p.admin2 = hp.admin1, hp.admin2
                p.geo_precision = 3 if hp.geo_precision == 3 else 2
                p.gazetteer_id = hp.gazetteer_id
                p.why += f"; placed at {hp.location}, named with it"
                p.placed_at = hp.location
                continue
            key = ctx.main_admin1(hosts[0].place.country_code if hosts else ctx.main_country) \
                or ctx.main_admin1()
            a = self.gaz.admin1s.get(key) if key else None
            if a is not None:
                country = self.gaz.countries.get(a.country_code)
                p.latitude, p.longitude = a.latitude, a.longitude
                p.country_code, p.admin1 = a.country_code, a.name
                p.country, p.iso = (country.name, country.iso) if country else ("", None)
                p.geo_precision = 3
                p.gazetteer_id = f"admin1:{a.country_code}.{a.code}"
                p.why += f"; placed at the article's governorate {a.name}"
            else:
                p.why += "; no enclosing place known"

    def _merge_between(self, text: str, hits: list[_Hit]) -> list[Place]:
        out: list[Place] = []
        k = 0
        while k < len(hits):
            h = hits[k]
            p = h.place
            if k + 1 < len(hits) and p.start is not None and p.latitude is not None \
                    and p.longitude is not None:
                nxt = hits[k + 1].place
                before = text[max(0, p.start - 40):p.start].lower()
                if nxt.latitude is not None and nxt.longitude is not None and _BETWEEN_BEFORE.search(before) \
                        and _AND_GAP.match(text[p.end:nxt.start].lower()) \
                        and km(p.latitude, p.longitude, nxt.latitude, nxt.longitude) < 150:
                    p.latitude = round((p.latitude + nxt.latitude) / 2, 5)
                    p.longitude = round((p.longitude + nxt.longitude) / 2, 5)
                    p.geo_precision = 2
                    p.why = f"between {p.location} and {nxt.location}: the midpoint"
                    p.mention = text[p.start:nxt.end]
                    p.end = nxt.end
                    out.append(p)
                    k += 2
                    continue
            if p.latitude is not None:
                out.append(p)
            k += 1
        return out
