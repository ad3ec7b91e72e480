"""Arabic: the language data every other part of rasid reads (see README.md here).

`load(name)` returns the data file `data/<name>.yaml`, checked against its schema
(`schema.py`) and folded the way the text layer folds report text; each file is read
once per process. `orthography` holds the script itself (which marks drop, which letters
fold together, digits).
"""

from rasid.lang.ar.loader import LanguageDataError, load

__all__ = ["LanguageDataError", "load"]
