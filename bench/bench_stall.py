"""The longest GUI-thread stall during start-up and the first workout start.

A 10 ms watchdog QTimer records the gap between its ticks; the longest gap
minus 10 ms is the stall. Phases: `startup` (as `walkback` starts: the shell
window shown, then, with the watchdog running, the store's code imported, the
store opened and the pages built step by step, then 3 s more with the app
warming the cue player, importing the chart modules and drawing the hidden
Progress page as it does at idle), `workout` (the first workout start
and the 6 s after it, get-ready cue included). The shell's own construction
(before the loop turns) is printed apart as build_ms. On a loaded machine a
gap also counts time the process waited for a core, so the GUI thread's own
CPU time within the worst gap is printed too (*_gui_cpu_ms). Uses the real QtCuePlayer, as the app does; `--pulse` runs a
PulseAudio null-sink sound server so the speech engine really starts;
`--no-audio` puts a recording player in its place (what is left is not audio).

    python bench/bench_stall.py [--pulse] [--no-audio]

Prints one line; target: longest stall < 50 ms in both phases.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


class Watchdog:
    """The longest gap between ticks (wall clock), and the most CPU time the GUI
    thread spent within one gap: on a loaded machine the first also counts time
    the process waited for a core; the second is the GUI thread's own work."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.worst = 0.0
        self.worst_cpu = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.worst = 0.0
        self.worst_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst = max(self.worst, now - self.last)
        self.worst_cpu = max(self.worst_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu

    def stall_ms(self) -> float:
        return max(0.0, self.worst * 1000 - 10)

    def cpu_ms(self) -> float:
        return self.worst_cpu * 1000


def run_for(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pulse", action="store_true")
    parser.add_argument("--routine", default="first-steps-12")
    parser.add_argument(
        "--no-audio", action="store_true", help="a recording player: the stall without audio"
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    runtime = tempfile.mkdtemp(prefix="bench-stall-pulse-")
    if args.pulse:
        os.environ["XDG_RUNTIME_DIR"] = runtime
        subprocess.run(
            [
                "pulseaudio",
                "--daemonize=yes",
                "--exit-idle-time=-1",
                "-n",
                "--load=module-null-sink sink_name=nullsink",
                "--load=module-native-protocol-unix",
            ],
            check=True,
        )
    try:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from PySide6.QtCore import QTimer

        from walkback_desktop.app import build_shell
        from walkback_desktop.audio.speech import shutdown_all
        from walkback_desktop.ui.after_start import schedule_speech_warm_up
        from walkback_desktop.ui.loading import load_data_stepwise, warm_up_imports

        data = Path(tempfile.mkdtemp(prefix="bench-stall-"))
        # An existing database, made in another process: this one imports the
        # store's code only as the app does, after the first paint.
        make = (
            "import sys; from pathlib import Path; "
            "from walkback_desktop.storage.store import open_store; "
            "s = open_store(Path(sys.argv[1])); s.settings.update(safety_acknowledged=True); "
            "s.close()"
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        subprocess.run([sys.executable, "-c", make, str(data)], check=True, env=env)
        dog = Watchdog()
        t0 = time.perf_counter()
        factory = None
        if args.no_audio:
            from walkback_desktop.audio.base import RecordingCuePlayer

            factory = lambda ctx: RecordingCuePlayer()  # noqa: E731
        # As `walkback` starts: the shell is shown, then the data loads step by step.
        window = build_shell(data)
        window.show()
        build_ms = (time.perf_counter() - t0) * 1000
        dog.start()
        loaded: list[float] = []

        def done() -> None:
            loaded.append((time.perf_counter() - t0) * 1000)
            store = window.ctx.store  # what the app does once the data is in
            schedule_speech_warm_up(window.ctx, store.settings, store.library)
            # and 200 ms later the idle imports (numpy, pyqtgraph, the charts), then
            # the hidden Progress page's warm-up (app._run_gui)
            QTimer.singleShot(200, lambda: warm_up_imports(window))

        def failed(exc: BaseException) -> None:
            raise SystemExit(f"the data did not load: {exc}")

        extra = {"cue_player_factory": factory} if factory else {}
        load_data_stepwise(window, data, done, failed, **extra)
        run_for(app, 1.0)
        while not loaded:
            run_for(app, 0.1)
        run_for(app, 3.0)
        startup_ms, startup_cpu_ms = dog.stall_ms(), dog.cpu_ms()
        player = window.ctx.cue_player
        ready_at_start = player.ready()
        dog.reset()
        window.ctx.events.start_requested.emit(args.routine)
        run_for(app, 6.0)
        workout_ms, workout_cpu_ms = dog.stall_ms(), dog.cpu_ms()
        status = player.status()
        window.ctx.store.checkpoints.clear()
        shutdown_all()
    finally:
        if args.pulse:
            subprocess.run(["pulseaudio", "--kill"], capture_output=True)
    worst = max(startup_ms, workout_ms)
    print(
        f"bench_stall build_ms={build_ms:.0f} data_ready_ms={loaded[0]:.0f} "
        f"startup_stall_ms={startup_ms:.1f} workout_stall_ms={workout_ms:.1f} "
        f"startup_gui_cpu_ms={startup_cpu_ms:.1f} workout_gui_cpu_ms={workout_cpu_ms:.1f} "
        f"player_ready_before_workout={ready_at_start} "
        f"speech={status.speech_available} "
        f"sound_server={'null-sink' if args.pulse else 'none'} audio={not args.no_audio} "
        f"target_ms=50 {'OK' if worst < 50 else 'OVER'}"
    )
    sys.stdout.flush()
    os._exit(0)  # a workout is running: skip the "stop the workout?" question on close


if __name__ == "__main__":
    sys.exit(main())
