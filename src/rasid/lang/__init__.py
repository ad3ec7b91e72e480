"""Language packages: everything rasid knows about a language's words, as data.

One sub-package per language (only `ar` today), in the spirit of spaCy's `spacy/lang/…`:
the rest of rasid reads grammar words, clitics, numbers and calendars from here and never
spells a word of the language in its own code.
"""
