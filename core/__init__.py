"""Backpropagation, layer by layer, in the notation of NOTATION.md. numpy only.

Layers are indexed by k: `a[0]` is the input, `weights[k]` is θ⁽ᵏ⁾, `delta[k]` is δ⁽ᵏ⁾.
"""

from .activations import ACTIVATIONS, Activation, get_activation
from .backward import BackwardTrace, backward
from .datasets import DATASETS, Dataset, make_dataset, train_test_split
from .errors import CoreError
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
from .layers import ByLayer
from .losses import LOSSES, Loss, check_pair, get_loss, valid_pairs
from .network import Network
from .presets import DEFAULT_PRESET, PRESET_TITLES, PRESETS, Preset, preset
from .serialize import Saved, from_dict, to_dict
from .train import OPTIMIZERS, History, sgd_step, train

__all__ = [
    "ACTIVATIONS", "Activation", "BackwardTrace", "ByLayer", "CoreError", "DATASETS",
    "DEFAULT_PRESET", "Dataset", "Explanation", "ForwardTrace", "GradientCheckReport", "History",
    "INITS", "LOSSES", "Loss", "MatrixForm", "Network", "OPTIMIZERS", "PRESETS", "PRESET_TITLES", "Preset", "Saved", "Term",
    "backward", "check_pair", "explain_bias_gradient", "explain_delta", "explain_weight_gradient",
    "forward", "from_dict", "get_activation", "get_loss", "gradient_check", "make_dataset", "matrix_form",
    "numeric_gradients", "preset", "sgd_step", "to_dict", "train", "train_test_split",
    "valid_pairs",
]
