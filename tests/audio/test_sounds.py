"""The shipped cue sounds: present, valid, short, and reproducible by the script."""

from __future__ import annotations

import importlib.util
import itertools
import math
import wave
from array import array
from pathlib import Path

import pytest

from walkback_desktop.audio.base import Beep
from walkback_desktop.audio.sounds import SOUND_FILES, sound_path

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "make_sounds.py"
MAX_SECONDS = {Beep.COUNTDOWN: 0.2, Beep.SEGMENT: 0.4, Beep.TICK: 0.06, Beep.FINISH: 1.2}


def _load_script():
    spec = importlib.util.spec_from_file_location("make_sounds", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> tuple[wave._wave_params, array]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        samples = array("h", wav.readframes(params.nframes))
    return params, samples


@pytest.mark.parametrize("beep", list(Beep))
def test_sound_is_short_mono_16_bit_44k1_and_click_free(beep: Beep):
    params, samples = _read(sound_path(beep))
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44_100)
    seconds = params.nframes / params.framerate
    assert 0.02 < seconds <= MAX_SECONDS[beep]
    peak = max(abs(s) for s in samples)
    assert 3000 < peak < 32_000  # audible, never clipped
    # Fades: the first and last samples are (near) silent, so no click.
    assert abs(samples[0]) < 200
    assert abs(samples[-1]) < 200


def test_countdown_beep_is_880_hz():
    params, samples = _read(sound_path(Beep.COUNTDOWN))
    # Count zero crossings: two per cycle.
    crossings = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    freq = crossings / 2 / (params.nframes / params.framerate)
    assert freq == pytest.approx(880, rel=0.03)


def test_every_beep_has_a_file():
    assert set(SOUND_FILES) == set(Beep)
    assert len(set(SOUND_FILES.values())) == len(Beep)


def test_script_regenerates_identical_bytes(tmp_path: Path):
    make_sounds = _load_script()
    assert make_sounds.main([str(tmp_path)]) == 0
    for beep in Beep:
        name = SOUND_FILES[beep]
        assert (tmp_path / name).read_bytes() == sound_path(beep).read_bytes(), name


def test_script_tone_has_no_dc_jump():
    make_sounds = _load_script()
    tone = make_sounds._tone(440.0, 0.05, 0.5)
    assert tone[0] == 0.0
    assert math.isclose(tone[-1], 0.0, abs_tol=1e-9)
