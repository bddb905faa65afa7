"""Backpropagation, layer by layer, in the notation of docs/NOTATION.md. numpy only.

Layers are indexed by k: `a[0]` is the input, `weights[k]` is θ⁽ᵏ⁾, `delta[k]` is δ⁽ᵏ⁾.

Reading order for a newcomer, each file short:
1. network.py   — `Network`: θ⁽ᵏ⁾, b⁽ᵏ⁾, g⁽ᵏ⁾ and the loss; immutable (activations.py, losses.py
                  hold each g with its g′ and each E with its ∂E/∂a).
2. forward.py   — `forward`: z⁽ᵏ⁾ = θ⁽ᵏ⁾a⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾, a⁽ᵏ⁾ = g(z⁽ᵏ⁾), and E.
3. backward.py  — `backward`: equations (1), (2), (3): δ⁽ᵏ⁾ and ∂E/∂θ⁽ᵏ⁾, ∂E/∂b⁽ᵏ⁾.
4. explain.py   — `explain_delta`, …: one number of a trace as its chain-rule sum, term by term
                  (notation.py: how each g, E and δ⁽ᴸ⁾ is written).
5. train.py     — `sgd_step`, `train`: gradient descent (sgd, momentum, adam) on those gradients.
Then the labs: gradcheck.py (finite differences), planted_bugs.py (classic mistakes),
output_lab.py (δ⁽ᴸ⁾ for each output/loss pair), input_gradient.py (∂E/∂x), questions.py and
mistakes.py (grade a student's prediction of one cell, naming the classic mistake it matches).
Around them: validate.py and errors.py (one `CoreError` naming the bad field), limits.py (the
sizes the app offers), datasets.py, presets.py, serialize.py (JSON).
"""

from .activations import ACTIVATIONS, Activation, get_activation
from .backward import BackwardTrace, backward, backward_from, delta_L
from .datasets import DATASETS, Dataset, make_dataset, train_test_split
from .errors import CoreError
from .evaluate import accuracy, data_range, grid, predict, predict_grid
from .explain import (
    Explanation,
    MatrixForm,
    Term,
    explain_bias_gradient,
    explain_delta,
    explain_weight_gradient,
    matrix_form,
)
from .forward import ForwardTrace, forward
from .gradcheck import GradientCheckReport, gradient_check, numeric_gradients
from .init import INITS
from .input_gradient import (
    AscentPath,
    ascend_input,
    error_gradient,
    gradient_field,
    output_gradient,
)
from .layers import ByLayer
from .losses import LOSSES, Loss, check_pair, get_loss, valid_pairs
from .mistakes import MISTAKES, SLIPS, Mistake
from .network import Network
from .notation import (
    ACTIVATION_LABELS,
    ACTIVATION_TEX,
    LOSS_LABELS,
    OutputForm,
    output_form,
    output_forms,
)
from .output_lab import OutputStep, delta_curve, output_step
from .planted_bugs import BUGS, Bug, broken_backward
from .presets import DEFAULT_PRESET, PRESET_TITLES, PRESETS, Preset, preset
from .questions import (
    Cell,
    Grade,
    cell_value,
    first_order_change,
    grade,
    quiz,
    tolerance_text,
)
from .serialize import Saved, from_dict, to_dict
from .train import OPTIMIZERS, History, TrainState, sgd_step, train

__all__ = [
    "ACTIVATIONS",
    "ACTIVATION_LABELS",
    "ACTIVATION_TEX",
    "BUGS",
    "DATASETS",
    "DEFAULT_PRESET",
    "INITS",
    "LOSSES",
    "LOSS_LABELS",
    "MISTAKES",
    "OPTIMIZERS",
    "PRESETS",
    "PRESET_TITLES",
    "SLIPS",
    "Activation",
    "AscentPath",
    "BackwardTrace",
    "Bug",
    "ByLayer",
    "Cell",
    "CoreError",
    "Dataset",
    "Explanation",
    "ForwardTrace",
    "Grade",
    "GradientCheckReport",
    "History",
    "Loss",
    "MatrixForm",
    "Mistake",
    "Network",
    "OutputForm",
    "OutputStep",
    "Preset",
    "Saved",
    "Term",
    "TrainState",
    "accuracy",
    "ascend_input",
    "backward",
    "backward_from",
    "broken_backward",
    "cell_value",
    "check_pair",
    "data_range",
    "delta_L",
    "delta_curve",
    "error_gradient",
    "explain_bias_gradient",
    "explain_delta",
    "explain_weight_gradient",
    "first_order_change",
    "forward",
    "from_dict",
    "get_activation",
    "get_loss",
    "grade",
    "gradient_check",
    "gradient_field",
    "grid",
    "make_dataset",
    "matrix_form",
    "numeric_gradients",
    "output_form",
    "output_forms",
    "output_gradient",
    "output_step",
    "predict",
    "predict_grid",
    "preset",
    "quiz",
    "sgd_step",
    "to_dict",
    "tolerance_text",
    "train",
    "train_test_split",
    "valid_pairs",
]
