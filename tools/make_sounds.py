"""Generate WalkBack's cue sounds into resources/sounds/ (standard library only).

    python tools/make_sounds.py [OUT_DIR]

Every file is 44.1 kHz, 16-bit, mono PCM WAV. Each note has a short raised-cosine
fade in and out so it starts and stops without a click. The output is
deterministic: running the script again rewrites identical bytes (a test checks).
"""

from __future__ import annotations

import math
import sys
import wave
from collections.abc import Callable
from pathlib import Path

RATE_HZ = 44_100
FADE_S = 0.006
FULL_SCALE = 32_767

Samples = list[float]


def _silence(seconds: float) -> Samples:
    return [0.0] * round(seconds * RATE_HZ)


def _tone(
    freq_hz: float,
    seconds: float,
    amplitude: float,
    *,
    decay_per_s: float = 0.0,
    fade_s: float = FADE_S,
) -> Samples:
    """A sine note with a click-free fade in/out and an optional exponential decay."""
    n = round(seconds * RATE_HZ)
    fade_n = max(1, round(fade_s * RATE_HZ))
    out = []
    for i in range(n):
        t = i / RATE_HZ
        edge = min(i, n - 1 - i)
        envelope = 0.5 - 0.5 * math.cos(math.pi * edge / fade_n) if edge < fade_n else 1.0
        if decay_per_s:
            envelope *= math.exp(-decay_per_s * t)
        out.append(amplitude * envelope * math.sin(2.0 * math.pi * freq_hz * t))
    return out


def _mix(*tracks: tuple[float, Samples]) -> Samples:
    """Overlay tracks, each starting at its offset in seconds."""
    length = max(round(offset * RATE_HZ) + len(samples) for offset, samples in tracks)
    out = [0.0] * length
    for offset, samples in tracks:
        start = round(offset * RATE_HZ)
        for i, value in enumerate(samples):
            out[start + i] += value
    return out


def countdown() -> Samples:
    """The 3-2-1 beep: a clear 880 Hz (A5), 120 ms."""
    return _tone(880.0, 0.120, 0.55)


def segment() -> Samples:
    """A new segment: a rising double beep, B5 then E6."""
    return _tone(987.77, 0.100, 0.55) + _silence(0.045) + _tone(1318.51, 0.140, 0.55)


def finish() -> Samples:
    """Workout complete: a C-major arpeggio chime that rings out."""
    notes = (1046.50, 1318.51, 1567.98, 2093.00)
    return _mix(
        *(
            (0.13 * k, _tone(freq, 0.75 - 0.1 * k, 0.26, decay_per_s=4.0, fade_s=0.01))
            for k, freq in enumerate(notes)
        )
    )


def tick() -> Samples:
    """The cadence metronome: a soft, short woodblock-like tick."""
    return _mix(
        (0.0, _tone(1800.0, 0.035, 0.22, decay_per_s=90.0, fade_s=0.002)),
        (0.0, _tone(900.0, 0.035, 0.12, decay_per_s=70.0, fade_s=0.002)),
    )


SOUNDS: dict[str, Callable[[], Samples]] = {
    "countdown.wav": countdown,
    "segment.wav": segment,
    "finish.wav": finish,
    "tick.wav": tick,
}


def to_pcm16(samples: Samples) -> bytes:
    clipped = (max(-1.0, min(1.0, s)) for s in samples)
    return b"".join(round(s * FULL_SCALE).to_bytes(2, "little", signed=True) for s in clipped)


def write_wav(path: Path, samples: Samples) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE_HZ)
        out.writeframes(to_pcm16(samples))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = (
        Path(args[0]) if args else Path(__file__).resolve().parents[1] / "resources" / "sounds"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        write_wav(out_dir / name, make())
        print(out_dir / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
