"""A data set from a formula of the inputs, e.g. `x1**2 + x2**2 < 1` or `sin(3*x1)`.

The text is read with `ast.parse` and walked with an allow-list: every node is turned into a
small numpy function here, so nothing the user typed is ever compiled or run by Python. Anything
not on the list is refused with one `FormulaError` that says what is not allowed.
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .errors import CoreError
from .limits import MAX_EXAMPLES, MAX_INPUTS

MAX_CHARS = 200
MAX_NODES = 100
MAX_DEPTH = 20
MAX_LITERAL = 1e6
MAX_EXPONENT = 10
MAX_RANGE = 1e6  # |low|, |high| of the sampled box

# name -> (numpy function, number of arguments); looked up here, never on a module.
FUNCTIONS = {
    "sin": (np.sin, 1),
    "cos": (np.cos, 1),
    "tan": (np.tan, 1),
    "exp": (np.exp, 1),
    "log": (np.log, 1),
    "sqrt": (np.sqrt, 1),
    "abs": (np.abs, 1),
    "tanh": (np.tanh, 1),
    "minimum": (np.minimum, 2),
    "maximum": (np.maximum, 2),
    "where": (np.where, 3),
}
CONSTANTS = {"pi": math.pi, "e": math.e}
BINARY = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide}
COMPARE = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}
# What the user wrote, for the message that refuses it.
REFUSED = {
    ast.Attribute: "attribute access (a dot after a value) is not allowed",
    ast.Subscript: "indexing with [ ] is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "list comprehensions are not allowed",
    ast.SetComp: "set comprehensions are not allowed",
    ast.DictComp: "dict comprehensions are not allowed",
    ast.GeneratorExp: "generator expressions are not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.NamedExpr: "the walrus operator := is not allowed",
    ast.Starred: "starred expressions (*) are not allowed",
    ast.IfExp: "'a if condition else b' is not allowed; write where(condition, a, b)",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dicts are not allowed",
    ast.Slice: "slices are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
}
OPERATOR_SYMBOLS = {
    ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.Invert: "~",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
}  # fmt: skip


class FormulaError(CoreError):
    """A formula, or a sample of it, that cannot be used; the message says why, in one line."""

    def __init__(self, message: str):
        self.field = "formula"
        self.expected = message
        ValueError.__init__(self, message)


Fn = Callable[[np.ndarray], object]  # X (m × N) -> an array (m,) or a scalar


@dataclass(frozen=True)
class Formula:
    """A checked formula of x1..xN. `evaluate(X)` gives one value per row of X (m × N)."""

    text: str
    n_inputs: int
    is_classification: bool  # its value is true/false: a comparison, and, or, not
    _fn: Fn = field(repr=False, compare=False)

    def evaluate(self, X) -> np.ndarray:
        """The formula at each row of X (m × N), shape (m,); true/false become 1.0/0.0."""
        try:
            X = np.asarray(X, dtype=float)
        except (TypeError, ValueError):
            raise CoreError("X", f"a finite m × {self.n_inputs} array of numbers") from None
        if X.ndim != 2 or X.shape[1] != self.n_inputs or not np.isfinite(X).all():
            raise CoreError("X", f"a finite m × {self.n_inputs} array", X.shape)
        with np.errstate(all="ignore"):
            values = np.asarray(self._fn(X), dtype=float)
        return np.broadcast_to(values, (X.shape[0],)).copy()


def parse(text: str, n_inputs: int) -> Formula:
    """Check `text` against the allow-list and return it as a Formula of `n_inputs` inputs."""
    if isinstance(n_inputs, bool) or not isinstance(n_inputs, (int, np.integer)):
        raise CoreError("n_inputs", f"a whole number from 1 to {MAX_INPUTS}", n_inputs)
    if not 1 <= n_inputs <= MAX_INPUTS:
        raise CoreError("n_inputs", f"a whole number from 1 to {MAX_INPUTS}", n_inputs)
    if not isinstance(text, str):
        raise FormulaError(f"the formula must be text, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise FormulaError(f"the formula has {len(text):,} characters; at most {MAX_CHARS}")
    text = text.strip()
    if not text:
        raise FormulaError("the formula is empty: write one, e.g. x1**2 + x2**2 < 1")
    try:
        with warnings.catch_warnings():  # the parser warns on odd text ("1or"); checked below
            warnings.simplefilter("ignore")
            tree = ast.parse(text, mode="eval").body
    except SyntaxError as error:
        where = f" (at character {error.offset})" if error.offset else ""
        raise FormulaError(f"the formula cannot be read: {error.msg}{where}") from None
    except (ValueError, RecursionError, MemoryError):  # null bytes, absurd nesting
        raise FormulaError("the formula cannot be read") from None
    nodes = [node for node in ast.walk(tree) if isinstance(node, ast.expr)]
    if len(nodes) > MAX_NODES:
        raise FormulaError(f"the formula has {len(nodes)} parts; at most {MAX_NODES}")
    if _depth(tree) > MAX_DEPTH:
        raise FormulaError(f"the formula is nested more than {MAX_DEPTH} levels deep")
    fn, kind = _Builder(int(n_inputs)).build(tree)
    return Formula(text, int(n_inputs), kind == "bool", fn)


def _depth(tree: ast.expr) -> int:
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack += [(c, depth + 1) for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)]
    return deepest


class _Builder:
    """Turns each allowed node into (function of X, "num" or "bool"); refuses everything else."""

    def __init__(self, n_inputs: int):
        self.inputs = {f"x{i + 1}": i for i in range(n_inputs)}
        if n_inputs == 1:
            self.inputs["x"] = 0
        names = "x (or x1)" if n_inputs == 1 else ", ".join(f"x{i + 1}" for i in range(n_inputs))
        self.allowed = f"only {names}, pi, e and the functions {', '.join(FUNCTIONS)} may be used"

    def build(self, node: ast.expr) -> tuple[Fn, str]:
        method = {
            ast.Constant: self._constant,
            ast.Name: self._name,
            ast.UnaryOp: self._unary,
            ast.BinOp: self._binary,
            ast.Compare: self._compare,
            ast.BoolOp: self._boolop,
            ast.Call: self._call,
        }.get(type(node))
        if method is None:
            what = REFUSED.get(type(node), f"'{type(node).__name__}' is not allowed")
            raise FormulaError(f"{what} in a formula")
        return method(node)

    def number(self, node: ast.expr) -> Fn:
        return _as_number(*self.build(node))

    def boolean(self, node: ast.expr, use: str, example: str) -> Fn:
        fn, kind = self.build(node)
        if kind != "bool":
            raise FormulaError(f"{use} needs a comparison, e.g. {example}")
        return fn

    def _constant(self, node: ast.Constant):
        value = node.value
        if isinstance(value, (str, bytes)):
            raise FormulaError("strings are not allowed in a formula")
        if isinstance(value, complex):
            raise FormulaError("complex numbers are not allowed in a formula")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FormulaError(f"{value!r} is not allowed in a formula; only numbers")
        if not abs(value) <= MAX_LITERAL:  # also refuses inf (1e999) and nan
            raise FormulaError(f"numbers in a formula must lie within ±{MAX_LITERAL:,.0f}")
        return (lambda X, v=float(value): v), "num"

    def _name(self, node: ast.Name):
        if node.id in self.inputs:
            return (lambda X, i=self.inputs[node.id]: X[:, i]), "num"
        if node.id in CONSTANTS:
            return (lambda X, v=CONSTANTS[node.id]: v), "num"
        if node.id in FUNCTIONS:
            raise FormulaError(f"'{node.id}' is a function: call it, e.g. {node.id}(x1)")
        if node.id[:1] == "x" and node.id[1:].isdigit():
            raise FormulaError(f"'{node.id}' is not an input here; {self.allowed}")
        raise FormulaError(f"{self.allowed}; '{node.id}' is not one of them")

    def _unary(self, node: ast.UnaryOp):
        if isinstance(node.op, ast.Not):
            fn = self.boolean(node.operand, "'not'", "not (x1 > 0)")
            return (lambda X: np.logical_not(fn(X))), "bool"
        if isinstance(node.op, ast.Invert):
            raise FormulaError("the operator '~' is not allowed; use 'not'")
        fn = self.number(node.operand)
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        return (lambda X: sign * np.asarray(fn(X), dtype=float)), "num"

    def _binary(self, node: ast.BinOp):
        left = self.number(node.left)
        if isinstance(node.op, ast.Pow):
            power = _literal(node.right)
            if power is None or abs(power) > MAX_EXPONENT:
                raise FormulaError(
                    f"the exponent of ** must be a number from −{MAX_EXPONENT} to {MAX_EXPONENT},"
                    " e.g. x1**2 (use exp(...) for other powers)"
                )
            return (lambda X: np.power(np.asarray(left(X), dtype=float), power)), "num"
        if type(node.op) not in BINARY:
            symbol = OPERATOR_SYMBOLS.get(type(node.op), "?")
            raise FormulaError(f"the operator '{symbol}' is not allowed; only + − * / **")
        op, right = BINARY[type(node.op)], self.number(node.right)
        return (lambda X: op(left(X), right(X))), "num"

    def _compare(self, node: ast.Compare):
        for op in node.ops:
            if type(op) not in COMPARE:
                symbol = OPERATOR_SYMBOLS.get(type(op), "?")
                raise FormulaError(f"'{symbol}' is not allowed; only < <= > >= == !=")
        ops = [COMPARE[type(op)] for op in node.ops]
        parts = [self.number(part) for part in (node.left, *node.comparators)]

        def compare(X):  # a < b < c means (a < b) and (b < c), each part computed once
            values = [part(X) for part in parts]
            result = ops[0](values[0], values[1])
            for i in range(1, len(ops)):
                result = np.logical_and(result, ops[i](values[i], values[i + 1]))
            return result

        return compare, "bool"

    def _boolop(self, node: ast.BoolOp):
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = [
            self.boolean(value, f"'{word}'", f"(x1 > 0) {word} (x1 < 1)") for value in node.values
        ]
        combine = np.logical_and if word == "and" else np.logical_or

        def boolop(X):
            result = parts[0](X)
            for part in parts[1:]:
                result = combine(result, part(X))
            return result

        return boolop, "bool"

    def _call(self, node: ast.Call):
        if isinstance(node.func, ast.Attribute):
            raise FormulaError(f"{REFUSED[ast.Attribute]} in a formula")
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in FUNCTIONS:
            called = f"calls of '{name}'" if name else "calls of anything but a function name"
            raise FormulaError(f"{called} are not allowed; only {', '.join(FUNCTIONS)}")
        if node.keywords:
            raise FormulaError(f"keyword arguments (name=...) are not allowed in {name}(...)")
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            raise FormulaError(f"starred arguments (*) are not allowed in {name}(...)")
        function, arity = FUNCTIONS[name]
        if len(node.args) != arity:
            raise FormulaError(f"{name} takes {arity} argument{'s' * (arity > 1)}")
        if name == "where":
            condition = self.boolean(
                node.args[0], "the first argument of where", "where(x1 > 0, 1, -1)"
            )
            (a, a_kind), (b, b_kind) = self.build(node.args[1]), self.build(node.args[2])
            kind = "bool" if a_kind == b_kind == "bool" else "num"
            if kind == "num":  # true/false in one branch and numbers in the other: 1.0/0.0
                a, b = _as_number(a, a_kind), _as_number(b, b_kind)
            return (lambda X: np.where(condition(X), a(X), b(X))), kind
        args = [self.number(arg) for arg in node.args]
        return (lambda X: function(*(arg(X) for arg in args))), "num"


def _as_number(fn: Fn, kind: str) -> Fn:
    return (lambda X: np.asarray(fn(X), dtype=float)) if kind == "bool" else fn


def _literal(node: ast.expr) -> float | None:
    """The number an exponent is written as (2, 0.5, -1), or None when it is not one."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign, node = (-1.0 if isinstance(node.op, ast.USub) else 1.0), node.operand
    if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
        return None
    if not isinstance(node.value, (int, float)):
        return None
    return sign * float(node.value)  # an int has at most 200 digits here: float() is safe


def sample(formula: Formula, *, n: int, low: float, high: float, noise: float, seed: int):
    """(X, Y, task): X (n × N) uniform in [low, high]ᴺ, Y (n × 1) the formula at each row.

    A true/false formula gives task "binary" and exactly round(noise · n) labels, chosen at
    random, are flipped (noise from 0 to 0.5); otherwise task "regression" and `noise` is the
    standard deviation of Gaussian noise added to Y. The same arguments give the same data,
    bit for bit.
    """
    if not isinstance(formula, Formula):
        raise CoreError("formula", "a Formula from parse(...)", type(formula).__name__)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 2 <= n <= MAX_EXAMPLES:
        raise CoreError("n", f"a whole number of examples from 2 to {MAX_EXAMPLES:,}", n)
    for name, value in (("low", low), ("high", high)):
        if not _real(value) or not abs(value) <= MAX_RANGE:
            raise CoreError(name, f"a number from −{MAX_RANGE:,.0f} to {MAX_RANGE:,.0f}", value)
    if not low < high:
        raise CoreError("high", f"a number above low ({low!r})", high)
    top = 0.5 if formula.is_classification else 10
    meaning = "fraction of labels flipped" if formula.is_classification else "noise std"
    if not _real(noise) or not 0 <= noise <= top:
        raise CoreError("noise", f"a {meaning} from 0 to {top}", noise)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise CoreError("seed", "a whole number ≥ 0", seed)

    rng = np.random.default_rng(int(seed))
    X = rng.uniform(float(low), float(high), (int(n), formula.n_inputs))
    y = formula.evaluate(X)
    _refuse_non_finite(y)
    if not formula.is_classification:
        with np.errstate(all="ignore"):
            y = y + rng.normal(0.0, float(noise), y.shape)
        _refuse_non_finite(y)
        return X, y[:, None], "regression"
    _refuse_one_class(y, "the formula gives only class {} on this range; widen or move it")
    flipped = rng.choice(int(n), size=int(round(noise * n)), replace=False)
    y[flipped] = 1.0 - y[flipped]
    _refuse_one_class(y, "after flipping labels only class {} is left; lower the noise")
    return X, y[:, None], "binary"


def _real(value) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float, np.integer, np.floating))
        and math.isfinite(value)
    )


def _refuse_non_finite(y: np.ndarray) -> None:
    for bad, what, why in (
        (np.isnan(y), "no number (nan)", "log or sqrt of a negative number, 0/0?"),
        (np.isinf(y), "an infinite value", "a division by zero or an overflow?"),
    ):
        if bad.any():
            raise FormulaError(
                f"the formula gives {what} at {int(bad.sum()):,} of the {y.size:,} points on "
                f"this range ({why}); change the formula or the range"
            )


def _refuse_one_class(y: np.ndarray, message: str) -> None:
    if np.all(y == y[0]):
        raise FormulaError(message.format(int(y[0])))
