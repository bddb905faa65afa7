"""The one exception type that `core` raises for bad input."""


class CoreError(ValueError):
    """Invalid input to `core`: the message names the field and what was expected.

    A subclass of ValueError, so callers that catch ValueError still work.
    """

    def __init__(self, field: str, expected: str, got: object = None):
        self.field = field
        self.expected = expected
        message = f"{field}: expected {expected}"
        if got is not None:
            message += f", got {_short(got)}"
        super().__init__(message)


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
