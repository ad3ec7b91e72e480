"""rasid (راصد, "observer"): Arabic conflict reports → structured, geolocated ACLED-style events."""

from rasid.model import Event, Extraction, Mention

__all__ = ["Event", "Extraction", "Mention"]
__version__ = "0.1.0"
