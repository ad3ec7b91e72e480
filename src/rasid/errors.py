"""Errors rasid reports to users as messages, not tracebacks."""


class InputError(ValueError):
    """A report cannot be read: empty, binary, not Arabic, or too large."""


class MissingExtraError(RuntimeError):
    """A feature needs an optional part of rasid that is not installed (`pip install 'rasid[X]'`)."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the optional '{extra}' dependencies: pip install 'rasid[{extra}]'")
