"""make bench's Train section runs what the page runs (ui.training.advance and the page's
charts, reused between refreshes): it must keep working as they change."""

from bench import live_training


def test_the_train_bench_trains_draws_and_reports(monkeypatch):
    monkeypatch.setattr(live_training, "DURATION", 0.5)
    lines = live_training.live_training()
    text = "\n".join(lines)
    assert "epochs per second while refreshing" in text and "× playground" in text
    assert "failed" not in text
