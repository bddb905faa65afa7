"""How the screen names and writes each activation, each loss, and δ⁽ᴸ⁾ of each pairing.

The one registry of notation: cards, figures and pages read labels and TeX from here, and
`output_form(activation, loss)` says which form of equation (1) of docs/NOTATION.md applies to
an output layer. Pure data and small functions, numpy-free.

`core.activations` and `core.losses` take their labels and plain formulas from this module, so
it imports nothing from them at load time; the table of pairs is built on first use from
`core.valid_pairs()`, so no valid pair can be missing from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from .errors import CoreError


@dataclass(frozen=True, kw_only=True)
class ActivationNotation:
    label: str  # plain words for menus and tables: "leaky ReLU"
    symbol: str  # plain-text symbol in formulas: "σ" in a = σ(z)
    tex: str  # the same symbol in LaTeX: r"\sigma"
    g_prime: str  # g′ in plain text
    g_prime_tex: str  # g′ in LaTeX, right-hand side of g'(z) = …
    factor_tex: str  # g′ as a factor of neuron j in the product δⱼ = ∂E/∂aⱼ · g′(zⱼ)


@dataclass(frozen=True, kw_only=True)
class LossNotation:
    label: str  # plain words: "squared error"
    formula: str  # E(x, y) of one example, plain text
    formula_tex: str
    grad: str  # ∂E/∂aⱼ, plain text
    grad_tex: str  # ∂E/∂aⱼ, right-hand side in LaTeX
    factor_tex: str  # ∂E/∂aⱼ as a factor of neuron j ("_j" is renamed for a softmax sum)


ACTIVATION_NOTATION: dict[str, ActivationNotation] = {
    "sigmoid": ActivationNotation(
        label="sigmoid",
        symbol="σ",
        tex=r"\sigma",
        g_prime="σ(z)(1 − σ(z))",
        g_prime_tex=r"\sigma(z)\,(1-\sigma(z)) = a(1-a)",
        factor_tex=r"a_j(1-a_j)",
    ),
    "tanh": ActivationNotation(
        label="tanh",
        symbol="tanh",
        tex=r"\tanh",
        g_prime="1 − tanh²(z)",
        g_prime_tex=r"1-\tanh^2(z) = 1-a^2",
        factor_tex=r"(1-a_j^2)",
    ),
    "relu": ActivationNotation(
        label="ReLU",
        symbol="ReLU",
        tex=r"\mathrm{ReLU}",
        g_prime="1 if z > 0 else 0",
        g_prime_tex=r"1 \text{ if } z>0 \text{ else } 0",
        factor_tex=r"[z_j>0]",
    ),
    "leaky_relu": ActivationNotation(
        label="leaky ReLU",
        symbol="leaky ReLU",
        tex=r"\mathrm{leakyReLU}",
        g_prime="1 if z > 0 else 0.01",  # 0.01 is core.activations.LEAKY_SLOPE (tested)
        g_prime_tex=r"1 \text{ if } z>0 \text{ else } 0.01",
        factor_tex=r"\left(1 \text{ if } z_j>0 \text{ else } 0.01\right)",
    ),
    "linear": ActivationNotation(
        label="linear",
        symbol="id",
        tex=r"\mathrm{id}",
        g_prime="1",
        g_prime_tex="1",
        factor_tex="1",
    ),
    "softmax": ActivationNotation(
        label="softmax",
        symbol="softmax",
        tex=r"\mathrm{softmax}",
        g_prime="J = diag(a) − a aᵀ",
        g_prime_tex=r"J_{pq} = \frac{\partial a_p}{\partial z_q} = a_p(\delta_{pq} - a_q)",
        factor_tex=r"J_{pq}",
    ),
}

LOSS_NOTATION: dict[str, LossNotation] = {
    "squared_error": LossNotation(
        label="squared error",
        formula="E = Σⱼ (yⱼ − aⱼ)²",
        formula_tex=r"E = \sum_j (y_j - a_j)^2",
        grad="∂E/∂aⱼ = 2(aⱼ − yⱼ)",
        grad_tex=r"2(a_j - y_j)",
        factor_tex=r"2(a_j-y_j)",
    ),
    "half_squared_error": LossNotation(
        label="half squared error",
        formula="E = ½ Σⱼ (yⱼ − aⱼ)²",
        formula_tex=r"E = \tfrac{1}{2} \sum_j (y_j - a_j)^2",
        grad="∂E/∂aⱼ = aⱼ − yⱼ",
        grad_tex=r"a_j - y_j",
        factor_tex=r"(a_j-y_j)",
    ),
    "binary_cross_entropy": LossNotation(
        label="binary cross-entropy",
        formula="E = −Σⱼ [yⱼ log aⱼ + (1 − yⱼ) log(1 − aⱼ)]",
        formula_tex=r"E = -\sum_j \left[y_j \log a_j + (1-y_j)\log(1-a_j)\right]",
        grad="∂E/∂aⱼ = (aⱼ − yⱼ) / (aⱼ(1 − aⱼ))",
        grad_tex=r"\frac{a_j - y_j}{a_j(1-a_j)}",
        factor_tex=r"\frac{a_j-y_j}{a_j(1-a_j)}",
    ),
    "cross_entropy": LossNotation(
        label="cross-entropy",
        formula="E = −Σⱼ yⱼ log aⱼ",
        formula_tex=r"E = -\sum_j y_j \log a_j",
        grad="∂E/∂aⱼ = −yⱼ / aⱼ",
        grad_tex=r"-\frac{y_j}{a_j}",
        factor_tex=r"\left(-\frac{y_j}{a_j}\right)",
    ),
}

ACTIVATION_LABELS = {name: n.label for name, n in ACTIVATION_NOTATION.items()}
ACTIVATION_TEX = {name: n.tex for name, n in ACTIVATION_NOTATION.items()}
LOSS_LABELS = {name: n.label for name, n in LOSS_NOTATION.items()}

# The pairs whose factors cancel to δ⁽ᴸ⁾ = a − y (docs/NOTATION.md, "where equation (1) needs
# care"). core.losses computes these pairs from z in a stable form, reading this set.
A_MINUS_Y = frozenset({("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")})

EQ1_TEX = r"\delta^{(L)} = \nabla_a E \odot g'(z^{(L)})"
EQ1_SOFTMAX_TEX = r"\delta^{(L)} = J_{\mathrm{softmax}}(z^{(L)})^{\mathsf T}\,\nabla_a E"
EQ1_TEXT = "δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾)"
EQ1_SOFTMAX_TEXT = "δ⁽ᴸ⁾ = J_softmax(z⁽ᴸ⁾)ᵀ ∇ₐE"
# Equations (2) and (3), the same for every network: TeX for cards, text for figure titles.
EQ2_TEX = r"\delta^{(k)} = \left(\theta^{(k+1)\mathsf T} \delta^{(k+1)}\right) \odot g'(z^{(k)})"
EQ2_TEXT = "δ⁽ᵏ⁾ = (θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾)"
EQ3_TEX = (
    r"\frac{\partial E}{\partial \theta_{ij}^{(k)}} = a_j^{(k-1)} \delta_i^{(k)}, \quad "
    r"\frac{\partial E}{\partial b_i^{(k)}} = \delta_i^{(k)}"
)
EQ3_TEXT = "∂E/∂θᵢⱼ⁽ᵏ⁾ = aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾,  ∂E/∂bᵢ⁽ᵏ⁾ = δᵢ⁽ᵏ⁾"


@dataclass(frozen=True, kw_only=True)
class OutputForm:
    """Which form of equation (1) gives δ⁽ᴸ⁾ for one (output activation, loss) pair.

    equation_tex / equation_text: equation (1), or its Jacobian form for softmax, with a
    literal L (a caller writes the layer number in). product_tex: δ of one output neuron
    written out for this pair. summary: the short form for a table ("a − y", "Jᵀ ∇ₐE", …).
    note: markdown saying why δ⁽ᴸ⁾ looks the way it does.
    """

    activation: str
    loss: str
    elementwise: bool  # False for softmax: a Jacobian instead of ⊙ g′
    simplifies_to_a_minus_y: bool
    vanishes_when_saturated: bool  # δ keeps a g′ factor that is ≈ 0 where the output saturates
    equation_tex: str
    equation_text: str
    product_tex: str
    summary: str
    note: str


_SPECIAL_PRODUCTS = {
    ("sigmoid", "binary_cross_entropy"): (
        r"\delta_j = \frac{a_j-y_j}{a_j(1-a_j)}\,a_j(1-a_j) = a_j - y_j"
    ),
    ("softmax", "cross_entropy"): (
        r"\delta_q = \sum_p a_p(\delta_{pq}-a_q)\left(-\frac{y_p}{a_p}\right)"
        r" = -y_q + a_q\sum_p y_p = a_q - y_q"
    ),
}


def _product_tex(activation: str, loss: str) -> str:
    if (activation, loss) in _SPECIAL_PRODUCTS:
        return _SPECIAL_PRODUCTS[(activation, loss)]
    dE = LOSS_NOTATION[loss].factor_tex
    if activation == "softmax":  # δ_q = Σ_p J_pq ∂E/∂a_p
        return r"\delta_q = \sum_p J_{pq}\," + dE.replace("_j", "_p")
    g = ACTIVATION_NOTATION[activation].factor_tex
    return rf"\delta_j = {dE}" if g == "1" else rf"\delta_j = {dE}\,{g}"


# Bounded outputs: g′ in terms of a, and where it vanishes.
_SATURATING = {"sigmoid": "a(1 − a) (≈ 0 near a = 0 or 1)", "tanh": "1 − a² (≈ 0 near a = ±1)"}


def _note(activation: str, loss: str) -> str:
    act, err = ACTIVATION_NOTATION[activation], LOSS_NOTATION[loss]
    if (activation, loss) == ("softmax", "cross_entropy"):
        return (
            "**Softmax is not applied neuron by neuron**: every aₚ depends on every zᵢ, so ⊙ g′ "
            "becomes the Jacobian J = diag(a) − a aᵀ and δ⁽ᴸ⁾ = Jᵀ ∇ₐE. With cross-entropy, "
            "∂E/∂aₚ = −yₚ/aₚ, and the sum Σₚ (δₚᵢ aᵢ − aₚaᵢ)(−yₚ/aₚ) = −yᵢ + aᵢ Σₚ yₚ = aᵢ − yᵢ "
            "because the targets sum to 1. The simple a − y is the *result* of this derivation."
        )
    if activation == "softmax":
        return (
            "**Softmax is not applied neuron by neuron**, so ⊙ g′ becomes the Jacobian "
            f"J = diag(a) − a aᵀ: δᵢ⁽ᴸ⁾ = Σₚ (∂aₚ/∂zᵢ)(∂E/∂aₚ), one term per output p, "
            f"with {err.label}'s {err.grad.replace('ⱼ', 'ₚ')}."
        )
    if (activation, loss) == ("sigmoid", "binary_cross_entropy"):
        return (
            "With a sigmoid output and binary cross-entropy, ∂E/∂a = (a − y)/(a(1 − a)) and "
            "g′(z) = a(1 − a): the factors cancel and δ⁽ᴸ⁾ = a − y. The cancellation is why this "
            "pair learns fast even when the output saturates."
        )
    if activation in _SATURATING:
        return (
            f"With {err.label} and a {act.label} output, δ⁽ᴸ⁾ keeps the factor "
            f"g′(z) = {_SATURATING[activation]}, which vanishes when the output saturates, even "
            "when the answer is badly wrong: learning can stall there."
        )
    return (
        f"Equation (1): δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾), neuron by neuron, with {err.label}'s "
        f"{err.grad} and the {act.label} output's g′(z) = {act.g_prime}."
    )


def _form(activation: str, loss: str, elementwise: bool) -> OutputForm:
    simple = (activation, loss) in A_MINUS_Y
    summary = "a − y" if simple else ("∇ₐE ⊙ g′(z)" if elementwise else "Jᵀ ∇ₐE")
    return OutputForm(
        activation=activation,
        loss=loss,
        elementwise=elementwise,
        simplifies_to_a_minus_y=simple,
        vanishes_when_saturated=activation in _SATURATING and not simple,
        equation_tex=EQ1_TEX if elementwise else EQ1_SOFTMAX_TEX,
        equation_text=EQ1_TEXT if elementwise else EQ1_SOFTMAX_TEXT,
        product_tex=_product_tex(activation, loss),
        summary=summary,
        note=_note(activation, loss),
    )


@cache
def output_forms() -> MappingProxyType[tuple[str, str], OutputForm]:
    """The form of δ⁽ᴸ⁾ for every pair of `core.valid_pairs()`, keyed by (activation, loss)."""
    # late imports: core.activations and core.losses read their notation from this module
    from .activations import ACTIVATIONS
    from .losses import valid_pairs

    return MappingProxyType(
        {(g, loss): _form(g, loss, ACTIVATIONS[g].elementwise) for g, loss in valid_pairs()}
    )


def output_form(activation: str, loss: str) -> OutputForm:
    """The form of δ⁽ᴸ⁾ for this output activation and loss; CoreError for an invalid pair."""
    form = output_forms().get((activation, loss))
    if form is None:
        from .losses import check_pair

        if activation not in ACTIVATION_NOTATION:
            raise CoreError("activation", f"one of {sorted(ACTIVATION_NOTATION)}", activation)
        check_pair(activation, loss)  # raises with the reason: unknown loss, wrong output
    return form
