"""The figure memo and the live training run belong to one session: two AppTest sessions (two
browser tabs, in the same process, sharing every module) never see each other's. The memo
also keys on the network version, so a new network never gets an old figure."""

from streamlit.testing.v1 import AppTest


def _memo_script():
    import streamlit as st

    import core
    from ui import memo, state

    def new_network():
        state.set_network(core.preset("xor").network)

    st.button("New network", key="new", on_click=new_network)
    built = st.session_state.setdefault("built", [])

    def build():
        built.append(object())  # a fresh "figure" per build, told apart by identity
        return built[-1]

    st.session_state["shown"] = memo.figure(("diagram",), build)
    st.session_state["other_view"] = memo.figure(("other",), build)


def _memo_app() -> AppTest:
    return AppTest.from_function(_memo_script, default_timeout=30).run()


def test_a_rerun_reuses_the_figure_and_a_new_network_rebuilds_it():
    at = _memo_app()
    first = at.session_state["shown"]
    assert len(at.session_state["built"]) == 2  # two views, two figures
    assert at.session_state["other_view"] is not first
    at.run()
    assert at.session_state["shown"] is first and len(at.session_state["built"]) == 2
    at.button(key="new").click().run()
    assert at.session_state["shown"] is not first  # same view, new network version
    assert len(at.session_state["built"]) == 4


def test_two_sessions_never_share_a_figure():
    one = _memo_app()
    two = _memo_app()  # the same network version and view as `one`
    assert len(two.session_state["built"]) == 2  # built its own, did not find `one`'s
    assert two.session_state["shown"] is not one.session_state["shown"]
    one.run()
    assert one.session_state["shown"] is one.session_state["built"][0]


def _training_script():
    import streamlit as st

    from ui import state, training

    if "loaded" not in st.session_state:
        state.load_preset("xor")
        st.session_state["loaded"] = True
    settings = training.Settings(
        optimizer="sgd",
        learning_rate=0.5,
        batch_size=4,
        l2=0.0,
        max_epochs=100,
        target_loss=None,
    )
    st.button("Step", key="step", on_click=training.run_chunk, args=(settings, 1))
    run = training.run()
    st.session_state["seen"] = (run, run.epochs, state.network())


def _training_app() -> AppTest:
    return AppTest.from_function(_training_script, default_timeout=30).run()


def test_two_sessions_never_share_a_training_run():
    one = _training_app()
    run_one, epochs, untrained = one.session_state["seen"]
    assert epochs == 0
    for _ in range(3):
        one.button(key="step").click().run()
    two = _training_app()
    run_two, epochs_two, net_two = two.session_state["seen"]
    assert run_two is not run_one and epochs_two == 0
    assert net_two is not one.session_state["seen"][2]  # `two` still has its own network
    assert one.session_state["seen"][1] == 3
    two.button(key="step").click().run()
    one.run()
    assert one.session_state["seen"][1] == 3 and two.session_state["seen"][1] == 1
    assert one.session_state["seen"][2] is not untrained


def _many_views(views):
    import streamlit as st

    from ui import memo

    built = st.session_state.setdefault("built_views", [])

    def build(view):
        built.append(view)
        return view

    for view in views:
        memo.figure((view,), lambda view=view: build(view))


def test_the_memo_keeps_the_most_recently_used_figures_only():
    from ui.memo import KEEP

    # view 0 first, then KEEP − 1 others, view 0 again (now the newest), then one more
    views = [0, *range(1, KEEP), 0, KEEP]
    at = AppTest.from_function(_many_views, args=(views,), default_timeout=30).run()
    assert at.session_state["built_views"] == [0, *range(1, KEEP), KEEP]  # view 0 reused
    # KEEP + 1 figures were built: the least recently used (view 1) went, view 0 stayed
    at = AppTest.from_function(_many_views, args=(views + [0, 1],), default_timeout=30).run()
    assert at.session_state["built_views"] == [0, *range(1, KEEP), KEEP, 1]


def _chart_script():
    import plotly.graph_objects as go
    import streamlit as st

    from ui import memo, widgets

    def build():
        return go.Figure(go.Heatmap(z=[[1.0, 2.0], [3.0, 4.0]]), layout={"title": "δ⁽²⁾"})

    fig = memo.figure(("heatmap",), build)
    st.session_state["dict"] = fig.to_dict()
    widgets.chart(fig, key="memo_chart")
    widgets.chart(build(), key="fresh_chart")
    widgets.chart(fig, key="hidden_chart", hidden=frozenset({"δ⁽²⁾"}))


def test_a_memo_figure_draws_as_the_same_figure_built_fresh_every_rerun():
    at = AppTest.from_function(_chart_script, default_timeout=30).run()
    for _ in range(2):  # the first run builds it, the next reuse its dict
        assert not at.exception
        specs = {c.proto.id.rsplit("-", 1)[-1]: c.proto.spec for c in at.get("plotly_chart")}
        assert specs["memo_chart"] == specs["fresh_chart"]
        assert at.session_state["dict"]["data"][0]["z"] is not None
        at.run()
    # drawing a copy with hidden panels did not change the memo's own figure
    assert specs["memo_chart"] == specs["fresh_chart"]
