"""Check KeepAwake's Linux path against a real D-Bus: a private session bus
(dbus-run-session) with a fake org.freedesktop.ScreenSaver that, like the real
services, only accepts UnInhibit with a uint32 cookie.

    .venv/bin/python bench/keep_awake_dbus.py

Needs `dbus-run-session` (package dbus-daemon). Not part of the test run: it
starts processes and waits for them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
COOKIE = 7


def service() -> int:
    """The fake screensaver: prints each call it gets, quits after a few seconds."""
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QTimer, Slot
    from PySide6.QtDBus import QDBusConnection

    @ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
    class ScreenSaver(QObject):
        @Slot(str, str, result="uint")
        def Inhibit(self, app: str, reason: str) -> int:  # noqa: N802 - D-Bus name
            print(f"Inhibit {app!r} {reason!r}", flush=True)
            return COOKIE

        @Slot("uint")
        def UnInhibit(self, cookie: int) -> None:  # noqa: N802 - D-Bus name
            print(f"UnInhibit {cookie}", flush=True)

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    screensaver = ScreenSaver()
    bus.registerObject(
        "/org/freedesktop/ScreenSaver",
        screensaver,
        QDBusConnection.RegisterOption.ExportAllSlots,
    )
    if not bus.registerService("org.freedesktop.ScreenSaver"):
        print("could not register the service", flush=True)
        return 1
    print("ready", flush=True)
    QTimer.singleShot(5000, app.quit)
    app.exec()
    return 0


def client() -> int:
    """Inside the private bus: start the fake service, then acquire and release."""
    fake = subprocess.Popen(
        [sys.executable, __file__, "--service"], stdout=subprocess.PIPE, text=True
    )
    assert fake.stdout is not None
    if fake.stdout.readline().strip() != "ready":
        print("FAIL: the fake screensaver did not start")
        return 1
    from PySide6.QtCore import QCoreApplication

    from walkback_desktop.ui.keep_awake import KeepAwake

    app = QCoreApplication.instance() or QCoreApplication([])
    keep = KeepAwake()
    started = time.perf_counter()
    acquired = keep.acquire("Benchmark workout")
    acquire_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    keep.release()
    release_ms = (time.perf_counter() - started) * 1000
    del app
    fake.terminate()
    calls = fake.communicate(timeout=10)[0].splitlines()
    print(f"acquire: {acquired} in {acquire_ms:.1f} ms; release in {release_ms:.1f} ms")
    print("the service saw:", calls)
    ok = acquired and calls == [
        "Inhibit 'WalkBack' 'Benchmark workout'",
        f"UnInhibit {COOKIE}",
    ]
    print("OK: inhibited and released with the uint32 cookie" if ok else "FAIL")
    return 0 if ok else 1


def main() -> int:
    if shutil.which("dbus-run-session") is None:
        print("needs dbus-run-session (apt-get install dbus-daemon)")
        return 2
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, __file__, "--client"],
        env=env,
        check=False,
    )
    return done.returncode


if __name__ == "__main__":
    sys.path.insert(0, str(SRC))
    if "--service" in sys.argv:
        raise SystemExit(service())
    if "--client" in sys.argv:
        raise SystemExit(client())
    raise SystemExit(main())
