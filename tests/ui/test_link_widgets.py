"""Each page's own settings in a link (`set`): written as key~value pairs, only what differs
from a widget's default, read back exactly; an unknown key, a bad value or one out of the
widget's bounds gets one LinkError. The bounds here are copied from the widgets by hand (a second
reading of app_pages/ and panels/); tests/app/test_links_pages.py checks them on the real pages."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core
from ui import link_widgets
from ui.link_codec import LinkError, ViewState, decode, encode

XOR = core.preset("xor")  # 2-3-1, tanh then sigmoid, binary cross-entropy, m = 4
BLOBS = core.Network.random([2, 4, 3], ["tanh", "softmax"], "cross_entropy", seed=0)


def link(page: str, **values) -> dict:
    return encode(XOR.network, XOR.X, XOR.Y, ViewState(page=page, settings=values))


def opened(page: str, text: str) -> dict:
    params = {**encode(XOR.network, XOR.X, XOR.Y, ViewState(page=page)), "set": text}
    return decode(params).view.settings


def test_the_parameter_alternates_keys_and_values():
    params = link("gradient_check", gc_eps=1e-5, gc_bug_flip_sign=True)
    assert params["set"] == "gc_eps~1e-05~gc_bug_flip_sign~1"
    params = link("train", tr_opt="sgd", tr_eta=0.5, tr_batch=32)
    assert params["set"] == "tr_opt~sgd~tr_eta~0.5~tr_batch~32"
    params = link("output_lab", lab_pair="sigmoid + squared error", lab_target=0.0)
    assert params["set"] == "lab_pair~sigmoid-squared_error~lab_target~0.0"
    params = link("input_gradient", ig_what="∂aᶜ/∂x of one output", ig_rate=0.25)
    assert params["set"] == "ig_what~output~ig_rate~0.25"


def test_no_settings_no_parameter():
    assert "set" not in link("gradient_check")


def test_hand_written_settings_open_with_the_widgets_values():
    assert opened("gradient_check", "gc_tol~1e-06~gc_bug_skip_mean~1") == {
        "gc_tol": 1e-6,
        "gc_bug_skip_mean": True,
    }
    assert opened("train", "tr_epochs~300~tr_target~0.02~tr_l2~0.001") == {
        "tr_epochs": 300,
        "tr_target": 0.02,
        "tr_l2": 0.001,
    }
    got = opened("output_lab", "lab_pair~softmax-cross_entropy~lab_span~4.5~lab_example~3")
    assert got == {"lab_pair": "softmax + cross-entropy", "lab_span": 4.5, "lab_example": 3}
    got = opened("input_gradient", "ig_what~error~ig_yval~-2.5~ig_steps~7~ig_neuron~0")
    assert got == {"ig_what": "∂E/∂x for a target", "ig_yval": -2.5, "ig_steps": 7, "ig_neuron": 0}
    assert type(got["ig_steps"]) is int and type(got["ig_yval"]) is float


# (page, key, value) within each widget's bounds, read from the widgets.
EDGES = [
    ("gradient_check", "gc_eps", 0.1),
    ("gradient_check", "gc_eps", 1e-10),
    ("gradient_check", "gc_tol", 1e-8),
    ("gradient_check", "gc_tol", 0.01),
    ("train", "tr_eta", 1e-5),
    ("train", "tr_eta", 10.0),
    ("train", "tr_batch", 1),
    ("train", "tr_batch", 5000),
    ("train", "tr_epochs", 50_000),  # a run stops there (issue 10), so does a link
    ("train", "tr_target", 100.0),
    ("train", "tr_opt", "momentum"),
    ("output_lab", "lab_span", 2.0),
    ("output_lab", "lab_span", 20.0),
    ("output_lab", "lab_example", 3),  # m − 1
    ("input_gradient", "ig_yval", -10.0),
    ("input_gradient", "ig_steps", 500),
    ("input_gradient", "ig_rate", 0.001),
    ("input_gradient", "ig_rate", 10.0),
    ("input_gradient", "ig_y01", 0.0),
]


@pytest.mark.parametrize(("page", "key", "value"), EDGES)
def test_values_at_the_widgets_bounds_round_trip(page, key, value):
    assert decode(link(page, **{key: value})).view.settings == {key: value}


# (page, set text, the sentence after "Cannot open this link: ")
BAD_VALUE = "the setting {} has a value this app does not use here."
HOSTILE = [
    ("gradient_check", "gc_eps~1e-11", BAD_VALUE.format("gc_eps")),  # not a slider stop
    ("gradient_check", "gc_eps~2e-06", BAD_VALUE.format("gc_eps")),
    ("gradient_check", "gc_tol~0.5", BAD_VALUE.format("gc_tol")),
    ("gradient_check", "gc_bug_flip_sign~2", "the setting gc_bug_flip_sign must be 0 or 1."),
    ("gradient_check", "gc_bug_flip_sign~true", "the setting gc_bug_flip_sign must be 0 or 1."),
    ("train", "tr_eta~11.0", "the setting tr_eta must be a number from 1e-05 to 10."),
    ("train", "tr_eta~0.0", "the setting tr_eta must be a number from 1e-05 to 10."),
    ("train", "tr_eta~1e309", "the setting tr_eta must be a number from 1e-05 to 10."),
    ("train", "tr_eta~nan", "the setting tr_eta is not a number."),
    ("train", "tr_eta~inf", "the setting tr_eta is not a number."),
    ("train", "tr_batch~0", "the setting tr_batch must be 1..5000 (it is 0)."),
    ("train", "tr_batch~5001", "the setting tr_batch must be 1..5000 (it is 5001)."),
    ("train", "tr_batch~2.5", "the setting tr_batch is not a whole number."),
    ("train", "tr_epochs~50001", "the setting tr_epochs must be 1..50000 (it is 50001)."),
    ("train", "tr_epochs~1000000", "the setting tr_epochs must be 1..50000 (it is 1000000)."),
    ("train", "tr_opt~lbfgs", BAD_VALUE.format("tr_opt")),
    ("train", "tr_target~-1.0", "the setting tr_target must be a number from 0 to 100."),
    ("output_lab", "lab_example~4", BAD_VALUE.format("lab_example")),  # m = 4
    ("output_lab", "lab_span~1.5", "the setting lab_span must be a number from 2 to 20."),
    ("output_lab", "lab_pair~sigmoid-cross_entropy", BAD_VALUE.format("lab_pair")),
    ("output_lab", "lab_target~0.5", BAD_VALUE.format("lab_target")),
    ("input_gradient", "ig_neuron~1", BAD_VALUE.format("ig_neuron")),  # one output
    ("input_gradient", "ig_class~1", BAD_VALUE.format("ig_class")),
    ("input_gradient", "ig_steps~501", "the setting ig_steps must be 1..500 (it is 501)."),
    ("input_gradient", "ig_rate~0.0009", "the setting ig_rate must be a number from 0.001 to 10."),
    ("input_gradient", "ig_what~both", BAD_VALUE.format("ig_what")),
    (
        "train",
        "gc_eps~1e-05",
        "unknown setting; the train page has tr_opt, tr_eta, tr_batch, "
        "tr_l2, tr_epochs, tr_target.",
    ),
    (
        "train",
        "tr_secret~1",
        "unknown setting; the train page has tr_opt, tr_eta, tr_batch, "
        "tr_l2, tr_epochs, tr_target.",
    ),
    ("train", "tr_eta~0.5~tr_eta~0.6", "the setting tr_eta is given twice."),
    ("train", "tr_eta", "set must be written key~value~key~value, each key once."),
    ("train", "tr_eta~0.5~", "set must be written key~value~key~value, each key once."),
    ("train", "", "set must be written key~value~key~value, each key once."),
    ("train", "~" * 20, "set must be written key~value~key~value, each key once."),
    ("forward", "gc_eps~1e-05", "this page has no settings a link carries."),
    ("home", "tr_eta~0.5", "this page has no settings a link carries."),
    ("<script>", "tr_eta~0.5", "this page has no settings a link carries."),
]


@pytest.mark.parametrize(("page", "text", "message"), HOSTILE)
def test_hostile_settings_get_one_exact_message(page, text, message):
    params = {**encode(XOR.network, XOR.X, XOR.Y, ViewState(page="train")), "page": page}
    with pytest.raises(LinkError) as info:
        decode({**params, "set": text})
    assert str(info.value) == "Cannot open this link: " + message


@pytest.mark.parametrize("text", ["<script>~1", "tr_eta~<script>", "tr_opt~<b>x</b>"])
def test_script_in_settings_does_not_come_back(text):
    params = {**encode(XOR.network, XOR.X, XOR.Y, ViewState(page="train")), "set": text}
    with pytest.raises(LinkError) as info:
        decode(params)
    assert not set("<>") & set(str(info.value))


def test_neuron_bounds_follow_the_network():
    """ig_class 2 exists for three outputs (0..2), not 3."""
    X, Y = XOR.X, [[1, 0, 0]] * 4
    ok = encode(BLOBS, X, Y, ViewState(page="input_gradient", settings={"ig_class": 2}))
    assert decode(ok).view.settings == {"ig_class": 2}
    with pytest.raises(LinkError, match="ig_class"):
        encode(BLOBS, X, Y, ViewState(page="input_gradient", settings={"ig_class": 3}))


def test_the_table_lists_what_the_pages_offer():
    table = link_widgets.table()
    settings_of = {page: {s.key: s for s in rows} for page, rows in table.items()}
    assert set(settings_of["train"]["tr_opt"].kind.values()) == {"sgd", "momentum", "adam"}
    bugs = {k for k in settings_of["gradient_check"] if k.startswith("gc_bug_")}
    assert bugs == {f"gc_bug_{name}" for name in core.BUGS}
    assert len(settings_of["output_lab"]["lab_pair"].kind) == len(core.valid_pairs())
    eps = sorted(settings_of["gradient_check"]["gc_eps"].kind.values())
    assert eps == [10.0**-p for p in range(10, 0, -1)]


# ---------------------------------------------------------------- the widgets' side


def test_current_leaves_out_defaults_and_values_this_state_cannot_show():
    session = {
        "tr_opt": "adam",  # the default
        "tr_eta": 0.01,  # the default
        "tr_batch": 64,
        "gc_eps": 1e-3,  # another page's widget
    }
    assert link_widgets.current("train", session, XOR.network, 4) == {"tr_batch": 64}
    left_over = {"lab_example": 9, "lab_span": 3.0}  # example 9 of a former data set
    assert link_widgets.current("output_lab", left_over, XOR.network, 4) == {"lab_span": 3.0}
    assert link_widgets.current("forward", session, XOR.network, 4) == {}


def test_the_lab_pairs_default_is_the_networks_own_pair():
    own = "sigmoid + binary cross-entropy"  # XOR's output layer
    session = {"lab_pair": own}
    assert link_widgets.current("output_lab", session, XOR.network, 4) == {}
    session = {"lab_pair": "sigmoid + squared error"}
    assert link_widgets.current("output_lab", session, XOR.network, 4) == session


def test_apply_sets_the_links_values_and_removes_the_rest():
    session = {"tr_opt": "sgd", "tr_eta": 0.3, "tr_batch": 7, "gc_eps": 1e-3, "fwd_k": 2}
    link_widgets.apply("train", {"tr_eta": 0.5, "tr_epochs": 40}, session, XOR.network)
    # tr_opt and tr_batch back at their defaults (removed); other pages' keys untouched
    assert session == {"tr_eta": 0.5, "tr_epochs": 40, "gc_eps": 1e-3, "fwd_k": 2}
    session = {"lab_pair": "sigmoid + squared error"}
    link_widgets.apply("output_lab", {}, session, XOR.network)
    assert session == {}


SETTING_VALUES = {
    "gc_eps": st.sampled_from([10.0**-p for p in range(1, 11)]),
    "gc_tol": st.sampled_from([1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2]),
    "gc_bug_no_transpose": st.booleans(),
    "tr_eta": st.floats(1e-5, 10.0),
    "tr_batch": st.integers(1, 5000),
    "tr_epochs": st.integers(1, 50_000),
    "tr_target": st.floats(0.0, 100.0),
    "tr_l2": st.floats(0.0, 1.0),
    "lab_span": st.floats(2.0, 20.0),
    "lab_example": st.integers(0, 3),
    "ig_yval": st.floats(-10.0, 10.0),
    "ig_rate": st.floats(0.001, 10.0),
    "ig_steps": st.integers(1, 500),
}
PAGE_OF = {"gc": "gradient_check", "tr": "train", "lab": "output_lab", "ig": "input_gradient"}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(list(PAGE_OF)), st.data())
def test_random_settings_round_trip_exactly(prefix, data):
    keys = [k for k in SETTING_VALUES if k.startswith(prefix + "_")]
    chosen = data.draw(st.lists(st.sampled_from(keys), unique=True))
    values = {k: data.draw(SETTING_VALUES[k]) for k in chosen}
    got = decode(link(PAGE_OF[prefix], **values)).view.settings
    assert got == values
    assert all(type(got[k]) is type(values[k]) for k in values)  # 1.0 stays a float, 5 an int


def test_a_links_epochs_are_capped_where_a_run_stops():
    """One limit: the most epochs a link may ask for is the Train page's cap on one run
    (ui/training.py), not a second number of its own."""
    from ui import training

    cap = training.EPOCH_CAP
    assert link_widgets.settings_of("train")["tr_epochs"].high == cap
    assert opened("train", f"tr_epochs~{cap}") == {"tr_epochs": cap}
    with pytest.raises(LinkError, match=f"must be 1..{cap} "):
        opened("train", f"tr_epochs~{cap + 1}")
    with pytest.raises(LinkError):
        link("train", tr_epochs=cap + 1)  # nor written into one
