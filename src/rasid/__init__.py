"""rasid (راصد, "observer"): Arabic conflict reports → structured, geolocated ACLED-style events.

The Python API is `extract_report(text, published=…, outlet=…)`, which returns an
`Extraction` (see `rasid.model` for the output contract).
"""

from rasid.errors import InputError
from rasid.extract.pipeline import extract_report
from rasid.model import Event, Extraction, Mention, json_schema

__all__ = ["Event", "Extraction", "InputError", "Mention", "extract_report", "json_schema"]
__version__ = "0.1.0"
