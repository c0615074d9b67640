"""marsad's offline geocoder.

    from marsad.geo import Gazetteer, Geocoder, GeoContext
    gaz = Gazetteer.load(user_places)     # built-in GeoNames index + the places users added
    geo = Geocoder(gaz)
    ctx = geo.context(article_text)
    places = geo.places_in(article_text, start, end, ctx)

See gazetteer.py (lookup), resolve.py (mentions in text), sources.py (reading the files of
places users add; marsad.store.places stores them and reads them back as `UserPlaces`).
"""
from marsad.geo.context import GeoContext
from marsad.geo.gazetteer import Candidate, Gazetteer
from marsad.geo.resolve import Geocoder

__all__ = ["Candidate", "Gazetteer", "GeoContext", "Geocoder"]
