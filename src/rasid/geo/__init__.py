"""Geography: the gazetteer (places, names, admin chain) and place resolution.

- `place`: the `Place` record every source becomes.
- `embedded`: the default that ships with rasid (region model, admin units, curated places, towns derived from open data by `build`).
- `store`: the SQLite index under RASID_HOME and the in-memory `Gazetteer` (`default()`).
- `importers`: `rasid gazetteer import` (GeoNames, Who's On First, OCHA P-codes, ../shared TSVs).
- `resolve`: ranking a name's candidates in a report's context; ACLED geo-precision.

Recognising place names in a report is `rasid.extract.places` (it uses this package; this
package never imports the extraction layers).
"""

from rasid.geo.place import Place
from rasid.geo.store import Gazetteer

__all__ = ["Gazetteer", "Place"]
