"""Errors rasid reports to users as messages, not tracebacks."""


class InputError(ValueError):
    """A report cannot be read: empty, binary, not Arabic, or too large."""
