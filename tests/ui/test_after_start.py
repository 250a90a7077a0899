"""Once the data is in: the first-run set-up (once) and the speech engine warmed."""

from __future__ import annotations

import pytest

from walkback_desktop.app import build_main_window
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.ui import after_start
from walkback_desktop.ui.first_run import FirstRunWizard


@pytest.fixture
def window(qtbot, data_dir):
    player = RecordingCuePlayer()
    win = build_main_window(data_dir, cue_player_factory=lambda _ctx: player)
    qtbot.addWidget(win)
    win.player = player
    return win


def test_first_run_answers_are_stored_and_it_is_shown_once(window, monkeypatch):
    shown: list[FirstRunWizard] = []

    def finish(wizard: FirstRunWizard) -> int:
        shown.append(wizard)
        wizard.profile.weight.setValue(82.0)
        return FirstRunWizard.DialogCode.Accepted

    monkeypatch.setattr(FirstRunWizard, "exec", finish)
    assert after_start.run_first_run_setup(window, window.ctx, window.ctx.store.settings)
    settings = window.ctx.store.settings.snapshot()
    assert settings.weight_kg == 82.0
    assert settings.setup_done
    assert not after_start.run_first_run_setup(window, window.ctx, window.ctx.store.settings)
    assert len(shown) == 1


def test_closing_the_set_up_keeps_the_defaults_and_does_not_ask_again(window, monkeypatch):
    monkeypatch.setattr(FirstRunWizard, "exec", lambda _w: FirstRunWizard.DialogCode.Rejected)
    assert after_start.run_first_run_setup(window, window.ctx, window.ctx.store.settings)
    settings = window.ctx.store.settings.snapshot()
    assert settings.weight_kg == 70.0
    assert settings.setup_done


def test_speech_is_warmed_with_the_stored_voice_setting(window):
    window.ctx.store.settings.update(voice_enabled=False, volume=40)
    after_start.warm_speech(window.ctx, window.ctx.store.settings)
    assert window.player.options["voice_enabled"] is False
    assert window.player.options["volume"] == pytest.approx(0.4)
    assert window.player.prepares == 1
