"""Attach `show`, `split` and `remerge` (defined in marsad/cli/analysis.py) to the `events`
group; marsad/cli/events.py imports this module once its group exists."""
from __future__ import annotations

from marsad.cli.analysis import events_remerge, events_show, events_split
from marsad.cli.events import events

events.add_command(events_show)
events.add_command(events_split)
events.add_command(events_remerge)
