"""Text utilities that more than one stage reads: a leaf of marsad's import graph.

Nothing here imports another part of marsad, so ingest (before extraction) and
extract (after it) can both use it.

    dates.py   the calendar words (months, weekdays), the patterns of a day written
               in full, and the dateline of an article (`find_dateline`)
"""
