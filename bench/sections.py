"""The benchmark sections: each returns the lines it prints."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import numpy as np

import core
from bench.timing import median_seconds, row

ROOT = Path(__file__).resolve().parents[1]
LARGEST_SIZES = [2] + [32] * 8 + [3]  # the largest network the Build page allows


def largest():
    net = core.Network.random(LARGEST_SIZES, ["relu"] * 8 + ["softmax"], "cross_entropy", "he")
    data = core.make_dataset("spiral", n=500, noise=0.05, classes=3)
    return net, data.X, data.Y


def cases():
    out = [(name, *_preset(name)) for name in core.PRESETS]
    out.append(("largest (2-32×8-3, m=500)", *largest()))
    return out


def _preset(name):
    p = core.preset(name)
    return p.network, p.X, p.Y


def core_speed() -> list[str]:
    lines = ["core: forward + backward (median per call)"]
    for name, net, X, Y in cases():

        def step(net=net, X=X, Y=Y):
            core.backward(net, core.forward(net, X, Y), Y)

        repeats = 100 if "largest" in name else 2000
        t = median_seconds(step, repeats=repeats)
        goal, ok = "", None
        if name == "worked-2-2-2":
            goal, ok = "goal ≤ 50 µs", t <= 50e-6
        elif "largest" in name:
            goal, ok = "goal ≤ 2 ms", t <= 2e-3
        lines.append(row(name, f"{t * 1e6:,.1f} µs", goal, ok))
    lines.append("core: train, full batch (epochs per second)")
    for name, net, X, Y in cases():
        epochs = 20 if "largest" in name else 200
        started = time.perf_counter()
        core.train(net, X, Y, epochs=epochs, learning_rate=0.01, optimizer="adam")
        rate = epochs / (time.perf_counter() - started)
        goal, ok = ("goal ≥ 200 /s", rate >= 200) if name == "spiral" else ("", None)
        lines.append(row(name, f"{rate:,.0f} /s", goal, ok))
    return lines


def live_training() -> list[str]:
    """The Train page's loop: chunks of training, the charts rebuilt after each chunk."""
    import figures

    p = core.preset("spiral")
    net, X, Y = p.network, p.X, p.Y
    state, epochs, refreshes = None, 0, 0
    loss, d_norm, g_norm = [], [], []
    per_chunk = 50
    started = time.perf_counter()
    while time.perf_counter() - started < 3.0:
        t0 = time.perf_counter()
        net, history = core.train(
            net, X, Y, per_chunk, 0.01, batch_size=500, optimizer="adam", resume=state
        )
        rate = history.epochs / (time.perf_counter() - t0)
        per_chunk = int(np.clip(rate * 0.15, 1, 2000))  # as ui/training.py: ~0.15 s a chunk
        state = history.state
        epochs += history.epochs
        loss += history.loss
        d_norm += history.delta_norm
        g_norm += history.grad_norm
        xr, yr = core.data_range(X)
        xs, ys, out = core.predict_grid(net, xr, yr, 50)
        for fig in (
            figures.loss_curves(loss),
            figures.gradient_norms(d_norm, g_norm),
            figures.decision_boundary(xs, ys, out, X, Y.argmax(axis=1)),
        ):
            fig.to_json()
        refreshes += 1
    elapsed = time.perf_counter() - started
    return [
        "train page loop: spiral 2-16-16-3, batch 500, charts rebuilt after each chunk",
        row(
            "epochs per second while refreshing",
            f"{epochs / elapsed:,.0f} /s",
            "goal ≥ 200 /s",
            epochs / elapsed >= 200,
        ),
        row(
            "chart refreshes per second",
            f"{refreshes / elapsed:,.1f} /s",
            "several a second",
            refreshes / elapsed >= 2,
        ),
    ]


def animation_json() -> list[str]:
    import figures

    lines = ["backward animation: figure JSON size"]
    for name, net, X, Y in (cases()[0], cases()[-1]):
        fwd = core.forward(net, X, Y)
        size = len(figures.backward_animation(net, fwd, core.backward(net, fwd, Y)).to_json())
        lines.append(row(name, f"{size / 1e3:,.0f} kB", "goal ≤ 1 MB", size <= 1e6))
    return lines


PAGES = [
    "home",
    "build",
    "forward",
    "backward",
    "gradient_check",
    "output_lab",
    "train",
    "input_gradient",
]


def page_reruns() -> list[str]:
    """Server-side rerun time of each page under AppTest (first run excluded, median of 5)."""
    from streamlit.testing.v1 import AppTest

    lines = ["pages: server-side rerun time under AppTest (median of 5 reruns)"]
    net, X, Y = largest()
    for label, state, goal in (
        ("default preset", {}, 0.150),
        ("largest net", {"network": net, "X": X, "Y": Y}, 0.600),
    ):
        for page in PAGES:
            at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
            for key, value in state.items():
                at.session_state[key] = value
            at.run()
            if page != "home":
                at.switch_page(f"app_pages/{page}.py").run()
            if at.exception:
                lines.append(row(f"{page} ({label})", "ERROR", at.exception[0].value[:60]))
                continue
            samples = []
            for _ in range(5):
                started = time.perf_counter()
                at.run()
                samples.append(time.perf_counter() - started)
            t = statistics.median(samples)
            ms = f"{t * 1e3:,.0f} ms"
            lines.append(row(f"{page} ({label})", ms, f"goal ≤ {goal * 1e3:.0f} ms", t <= goal))
    return lines


def e2e_timings() -> list[str]:
    path = ROOT / "tests" / "screenshots" / "e2e-timings.json"
    if not path.exists():
        return ["browser timings: none recorded yet (run make test first)"]
    lines = ["browser timings recorded by the last end-to-end run (median)"]
    for name, values in json.loads(path.read_text()).items():
        lines.append(row(name, f"{statistics.median(values) * 1e3:,.0f} ms", f"n = {len(values)}"))
    return lines


SECTIONS = [core_speed, live_training, animation_json, page_reruns, e2e_timings]
