"""Play a countdown beep through QtCuePlayer into a PulseAudio null sink, record
it back, and check it is the 880 Hz beep. Reports the player's start-up costs.

    .venv/bin/python bench/audio_loopback.py

Needs `pulseaudio pulseaudio-utils` (apt). Starts a private PulseAudio daemon
(own XDG_RUNTIME_DIR, so nothing else on the machine sees it), records
`nullsink.monitor` with parecord, and stops the daemon afterwards. Not part of
the test run: it needs a sound server and takes real time.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

EXPECTED_HZ = 880.0


def start_pulseaudio(runtime_dir: Path) -> int:
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir)}
    subprocess.run(
        [
            "pulseaudio",
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "-n",
            "--load=module-null-sink sink_name=nullsink",
            "--load=module-native-protocol-unix",
        ],
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    pid_file = runtime_dir / "pulse" / "pid"
    for _ in range(50):
        if pid_file.is_file() and (runtime_dir / "pulse" / "native").exists():
            return int(pid_file.read_text().strip())
        time.sleep(0.1)
    raise RuntimeError("PulseAudio did not start")


def stop_pid(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def analyse(path: Path) -> tuple[float, list[tuple[float, float, int, int]]]:
    """Dominant frequency of the first beep; (start s, length s, peak, clipped) per sound."""
    import numpy as np

    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        channels = wav.getnchannels()
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(int)
    if channels > 1:
        data = data.reshape(-1, channels)[:, 0]
    loud = np.flatnonzero(np.abs(data) > 1000)
    if loud.size == 0:
        return 0.0, []
    breaks = np.flatnonzero(np.diff(loud) > rate // 20)
    starts = [loud[0], *loud[breaks + 1]]
    ends = [*loud[breaks], loud[-1]]
    sounds = []
    for start, end in zip(starts, ends, strict=True):
        part = np.abs(data[start : end + 1])
        sounds.append(
            (start / rate, (end - start + 1) / rate, int(part.max()), int((part >= 32767).sum()))
        )
    first = data[starts[0] : ends[0] + 1].astype(float)
    spectrum = np.abs(np.fft.rfft(first * np.hanning(first.size), n=1 << 16))
    freqs = np.fft.rfftfreq(1 << 16, 1.0 / rate)
    return float(freqs[int(spectrum.argmax())]), sounds


def run(runtime_dir: Path, out_wav: Path) -> int:
    os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    recorder = subprocess.Popen(
        [
            "parecord",
            "-d",
            "nullsink.monitor",
            "--file-format=wav",
            "--rate=44100",
            "--channels=1",
            "--format=s16le",
            str(out_wav),
        ],
        env=os.environ.copy(),
    )
    try:
        time.sleep(0.5)  # let parecord connect before anything plays
        t0 = time.perf_counter()
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        t_app = time.perf_counter()
        from walkback_desktop.audio.qt_player import QtCuePlayer
        from walkback_desktop.core.timeline import Cue, CueKind

        t_import = time.perf_counter()
        player = QtCuePlayer()
        t_built = time.perf_counter()
        player.prepare()
        while not (player.is_prepared and player.sounds_settled()):
            app.processEvents()
        t_ready = time.perf_counter()
        calls_ms = []
        for n in (3, 2, 1):
            cue = Cue(at=-n, kind=CueKind.COUNTDOWN, text=str(n), segment_index=0, seq=0, count=n)
            before = time.perf_counter()
            player.play(cue, 0.0)
            calls_ms.append((time.perf_counter() - before) * 1000)
            if n == 3:
                t_played = time.perf_counter()
            end = time.perf_counter() + 1.0
            while time.perf_counter() < end:
                app.processEvents()
        before = time.perf_counter()
        player.tick()
        calls_ms.append((time.perf_counter() - before) * 1000)
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end:
            app.processEvents()
        status = player.status()
    finally:
        time.sleep(1.0)  # parecord's buffer reaches the file before it stops
        recorder.send_signal(signal.SIGINT)
        recorder.wait(timeout=10)

    freq, sounds = analyse(out_wav)
    ms = lambda a, b: (b - a) * 1000  # noqa: E731
    print(f"QApplication:                 {ms(t0, t_app):7.1f} ms")
    print(f"import qt_player:             {ms(t_app, t_import):7.1f} ms")
    print(f"QtCuePlayer() construction:   {ms(t_import, t_built):7.2f} ms")
    print(
        f"prepare() -> sounds ready:    {ms(t_built, t_ready):7.1f} ms (event loop, not blocking)"
    )
    print(f"play(countdown) x3, tick():   {', '.join(f'{c:.2f}' for c in calls_ms)} ms per call")
    print(
        f"cold start to first beep:     {ms(t_import, t_played):7.1f} ms (construct+prepare+play)"
    )
    print(f"status: {status}")
    print(f"recorded {len(sounds)} sounds; first beep's dominant frequency {freq:.1f} Hz")
    for at, seconds, peak, clipped in sounds:
        print(
            f"  at {at:5.2f} s: {seconds * 1000:4.0f} ms above -30 dBFS, "
            f"peak {peak}, clipped {clipped}"
        )
    ok = abs(freq - EXPECTED_HZ) < EXPECTED_HZ * 0.02 and not any(s[3] for s in sounds)
    print("OK: clean ~880 Hz countdown beeps" if ok else "FAIL: no clean 880 Hz beep recorded")
    return 0 if ok else 1


def main() -> int:
    missing = [tool for tool in ("pulseaudio", "parecord") if shutil.which(tool) is None]
    if missing:
        print(f"needs {', '.join(missing)} (apt-get install pulseaudio pulseaudio-utils)")
        return 2
    runtime_dir = Path(tempfile.mkdtemp(prefix="walkback-pulse-"))
    pid = start_pulseaudio(runtime_dir)
    try:
        return run(runtime_dir, runtime_dir / "beep.wav")
    finally:
        stop_pid(pid)
        shutil.rmtree(runtime_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    raise SystemExit(main())
