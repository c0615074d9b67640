"""marsad: news reports of armed conflict in, a geocoded ACLED-style event database out."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("marsad")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
