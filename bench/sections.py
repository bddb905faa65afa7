"""The benchmark sections, in print order. A section is a function returning its lines;
add one by writing it in a small module and appending it here."""

from bench.app_reruns import page_reruns
from bench.browser_timings import browser_timings
from bench.click_latency import click_latency
from bench.core_speed import forward_backward, training
from bench.figures_json import animation_json
from bench.live_training import live_training

SECTIONS = [
    forward_backward,
    training,
    live_training,
    animation_json,
    page_reruns,
    click_latency,
    browser_timings,
]
