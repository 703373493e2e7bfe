"""A representative point for an area known only by the places inside it (build scripts use this).

GeoNames puts a division's point near its geographic middle, not at its largest city: a population-weighted
mean lands in the big city's corner (Ontario at Toronto, some 700 km from the province's middle). The middle
of the trimmed bounding box of the area's places is near the geographic middle for most shapes, and the
trimming keeps one far-off island or a mis-coded town from stretching the box.
"""

from __future__ import annotations

from collections.abc import Sequence


def _trimmed_mid(values: Sequence[float], trim: float) -> float:
    ordered = sorted(values)
    last = len(ordered) - 1
    low = ordered[int(round(last * trim))]
    high = ordered[int(round(last * (1.0 - trim)))]
    return (low + high) / 2.0


def area_point(points: Sequence[tuple[float, float]], trim: float) -> tuple[float, float]:
    """Middle of the bounding box of ``(lat, lon)`` points after dropping the ``trim`` share at each end
    of each axis. Longitudes are taken on whichever of [-180, 180) or [0, 360) gives the narrower box, so
    an area across the 180th meridian (Chukotka, Fiji) gets a point inside it."""
    if not points:
        raise ValueError("an area needs at least one place")
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    shifted = [lon % 360.0 for lon in lons]
    lon = _trimmed_mid(lons, trim)
    if max(shifted) - min(shifted) < max(lons) - min(lons):
        lon = _trimmed_mid(shifted, trim)
        lon = lon - 360.0 if lon >= 180.0 else lon
    return _trimmed_mid(lats, trim), lon


__all__ = ["area_point"]
