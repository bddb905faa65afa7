"""The sizes the app offers, in one place: the Build widgets, the Train page, links and core's
loader (`serialize.from_dict`) read them.

core's own constructors accept larger networks (validate.py bounds memory, not speed); these are
what a page can draw and step at a speed that feels instant, so a saved file beyond them is
refused when it is loaded, with one message naming every limit.
"""

from .errors import CoreError

MAX_INPUTS = 8  # n⁽⁰⁾
MAX_HIDDEN_LAYERS = 8  # L − 1
MAX_NEURONS = 32  # n⁽ᵏ⁾ of a hidden layer
MAX_OUTPUTS = 10  # n⁽ᴸ⁾
MAX_EXAMPLES = 2000  # m of a generated data set (Train page); the Build page offers up to 500

LIMITS_TEXT = (
    f"at most {MAX_INPUTS} inputs, {MAX_HIDDEN_LAYERS} hidden layers of at most "
    f"{MAX_NEURONS} neurons and {MAX_OUTPUTS} outputs"
)


def beyond(sizes) -> bool:
    """Whether a network of `sizes` (n⁽⁰⁾..n⁽ᴸ⁾) is larger than the app's pages edit."""
    hidden = sizes[1:-1]
    return (
        sizes[0] > MAX_INPUTS
        or sizes[-1] > MAX_OUTPUTS
        or len(hidden) > MAX_HIDDEN_LAYERS
        or any(n > MAX_NEURONS for n in hidden)
    )


def check_app_sizes(sizes, field: str = "sizes") -> None:
    """CoreError (one message, all the limits) when `sizes` is beyond what the app offers."""
    if beyond(sizes):
        got = "-".join(str(n) for n in sizes)
        raise CoreError(field, f"a network this app can show ({LIMITS_TEXT})", got)
