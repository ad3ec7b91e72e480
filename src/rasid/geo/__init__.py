"""Geography: the gazetteer (places, names, admin chain) and place resolution."""

from rasid.geo.place import Place
from rasid.geo.store import Gazetteer

__all__ = ["Gazetteer", "Place"]
