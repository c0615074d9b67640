"""The brief's charts read well: whole-number counts, dates that name their year,
a map framing its points with borders and a size legend."""
from __future__ import annotations

from datetime import date, timedelta

from marsad.report import MAP_SIZES, _count_date_axes, _map_frame, _marker_size, _plt


def _labels(fig, ax):
    fig.canvas.draw()
    ys = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    xs = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    offset = ax.xaxis.get_major_formatter().get_offset()
    return ys, xs, offset


def _weekly(weeks: int, start: date) -> tuple[list[date], list[int]]:
    days = [start + timedelta(weeks=i) for i in range(weeks)]
    return days, [(i * 7) % 4 for i in range(weeks)]           # small counts: 0..3


def test_counts_are_whole_numbers_and_dates_name_their_year():
    plt = _plt()
    for weeks, start in ((10, date(2023, 11, 6)), (200, date(2020, 1, 6))):
        fig, ax = plt.subplots()
        xs, ys = _weekly(weeks, start)
        ax.bar(xs, ys, width=6)
        _count_date_axes(ax)
        y_labels, x_labels, offset = _labels(fig, ax)
        plt.close(fig)
        assert y_labels and all(lab.lstrip("\u2212-").isdigit() for lab in y_labels), y_labels
        shown = " ".join(x_labels) + " " + offset
        assert any(str(y) in shown for y in range(start.year, start.year + 5)), shown


def test_map_frame_keeps_every_point_inside_with_a_margin():
    points = [(35.0, 40.0, "Battles", 3), (36.5, 41.2, "Battles", 12), (11.8, 13.1, "Battles", 0)]
    west, east, south, north = _map_frame(points)
    for lat, lon, _, _ in points:
        assert west + 0.9 <= lon <= east - 0.9 and south + 0.9 <= lat <= north - 0.9
    assert east - west >= 4 and north - south >= 4
    w, e, s, n = _map_frame([(35.0, 40.0, "Battles", 1)])
    assert (e - w, n - s) == (4.0, 4.0)


def test_map_has_a_size_legend(tmp_path, monkeypatch):
    import matplotlib.figure

    seen = {}
    real = matplotlib.figure.Figure.savefig

    def keep(fig, *a, **kw):
        seen["legends"] = [t.get_text() for ax in fig.axes for leg in ax.findobj(lambda o: hasattr(o, "get_title")
                                                                                    and o.__class__.__name__ == "Legend")
                           for t in [leg.get_title(), *leg.get_texts()]]
        return real(fig, *a, **kw)
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", keep)
    from marsad.report import chart_map

    chart_map([(35.0, 40.0, "Battles", 3), (36.0, 41.0, "Protests", 0)], tmp_path / "m.png")
    legends = seen["legends"]
    assert "fatalities" in legends and all(str(n) in legends for n in MAP_SIZES)
    assert "Battles" in legends and "Protests" in legends
    assert _marker_size(50) > _marker_size(10) > _marker_size(1)
