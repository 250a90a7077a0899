"""kill -9 at a random time during a workout: how much walked time is lost?

Each run starts the whole app offscreen in a subprocess (`walkback start
ROUTINE --data-dir DIR`, the safety checklist already acknowledged), kills it
with SIGKILL (its process group: the speech process too) at a random time,
then opens the store and compares the checkpoint with the time walked: the
loss is the time between the last checkpoint and the kill (the whole time
since the start when there is none). `--pulse` runs a PulseAudio null-sink
sound server for the runs (then the speech engine is really started).

    python bench/bench_kill.py --runs 20 [--pulse]

Prints one line: runs, recovered, worst/median loss in seconds, sound server.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def start_pulse(runtime: str) -> bool:
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime)
    done = subprocess.run(
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
        capture_output=True,
    )
    return done.returncode == 0


def stop_pulse(runtime: str) -> None:
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime)
    subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True)


def one_run(routine: str, kill_after: float, env: dict[str, str]) -> tuple[float, float, bool]:
    """(loss s, recovered active s, nothing lost: a checkpoint, or no workout yet)."""
    from walkback_desktop.storage.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        cli = [sys.executable, "-m", "walkback_desktop", "--data-dir", str(data)]
        subprocess.run(
            [*cli, "settings", "set", "safety_acknowledged", "true"],
            env=env,
            capture_output=True,
            check=True,
        )
        app = subprocess.Popen(
            [*cli, "start", routine],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(kill_after)
        killed = time.time()
        os.killpg(app.pid, signal.SIGKILL)
        app.wait()
        store = open_store(data, backup=False, recover=False)
        try:
            checkpoint = store.checkpoints.load()
        finally:
            store.close()
        walk_started = _workout_started(data)
    if checkpoint is None:
        # Nothing saved: everything walked since the workout started is lost.
        return (killed - walk_started if walk_started else 0.0), 0.0, walk_started is None
    last = checkpoint.updated_at
    if last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    loss = datetime.fromtimestamp(killed, timezone.utc) - last
    return loss.total_seconds(), checkpoint.active_seconds, True


def _workout_started(data: Path) -> float | None:
    """When the app logged "workout started" (epoch seconds), if it did."""
    for log in data.rglob("walkback.log*"):
        for line in log.read_text(errors="replace").splitlines():
            if "workout started:" in line:
                stamp = line[:23]  # "2026-11-25 23:18:36,123"
                return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").timestamp()
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--routine", default="first-steps-12")
    parser.add_argument("--min", type=float, default=8.0, help="earliest kill (s)")
    parser.add_argument("--max", type=float, default=20.0, help="latest kill (s)")
    parser.add_argument("--pulse", action="store_true", help="run a null-sink sound server")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    runtime = tempfile.mkdtemp(prefix="bench-kill-pulse-")
    if args.pulse:
        env["XDG_RUNTIME_DIR"] = runtime
        if not start_pulse(runtime):
            print("bench_kill: could not start pulseaudio", file=sys.stderr)
            return 1
    losses: list[float] = []
    found = 0
    try:
        for _ in range(args.runs):
            loss, _active, ok = one_run(args.routine, rng.uniform(args.min, args.max), env)
            losses.append(loss)
            found += ok
    finally:
        if args.pulse:
            stop_pulse(runtime)
    speechd = "yes" if Path("/usr/bin/speech-dispatcher").exists() else "no"
    print(
        f"bench_kill runs={args.runs} checkpointed_or_not_started={found}/{args.runs} "
        f"worst_loss_s={max(losses):.2f} median_loss_s={statistics.median(losses):.2f} "
        f"sound_server={'null-sink' if args.pulse else 'none'} speech_dispatcher={speechd} "
        f"target_worst_s=5 {'OK' if max(losses) <= 5 else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
