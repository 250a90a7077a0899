#!/usr/bin/env python3
"""Set up and run WalkBack from a checkout, on Linux, macOS and Windows.

    python3 dev.py run      create .venv if needed, install WalkBack, open the app
    python3 dev.py test     create .venv if needed, install WalkBack with its test
                            tools, then run ruff, the import contracts and pytest

Extra arguments after `run` go to the app (e.g. `--data-dir DIR`); after
`test` they go to pytest (e.g. `-k timeline`). On Debian/Ubuntu, the system
libraries Qt needs are installed with apt-get when they are missing.
Only the standard library is used here, so any Python 3.10+ can run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Shared libraries Qt loads on Linux, and the Debian packages that ship them.
LINUX_LIBS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libpulse.so.0": "libpulse0",
}
# Only needed for a real window (not for the offscreen tests).
LINUX_WINDOW_LIBS = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def run(cmd: list[str | os.PathLike[str]], **kwargs: object) -> None:
    say(" ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)  # type: ignore[call-overload]


def missing_linux_packages(libs: dict[str, str]) -> list[str]:
    try:
        known = subprocess.run(
            ["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return []
    return sorted({pkg for lib, pkg in libs.items() if lib not in known})


def ensure_system_libraries(window: bool) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("apt-get"):
        return
    libs = dict(LINUX_LIBS, **(LINUX_WINDOW_LIBS if window else {}))
    missing = missing_linux_packages(libs)
    if not missing:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            say("missing system libraries (install them as root): " + " ".join(missing))
            return
        prefix = ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run([*prefix, "apt-get", "update", "-qq"], env=env)
    run([*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def ensure_venv(extras: str) -> None:
    if not PYTHON.exists():
        say(f"creating {VENV}")
        venv.create(VENV, with_pip=True)
    stamp = VENV / f".installed-{extras or 'app'}"
    pyproject = ROOT / "pyproject.toml"
    if stamp.exists() and stamp.stat().st_mtime >= pyproject.stat().st_mtime:
        return
    run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    target = f".[{extras}]" if extras else "."
    run([PYTHON, "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT)
    stamp.touch()


def cmd_run(args: list[str]) -> int:
    ensure_system_libraries(window=True)
    ensure_venv("")
    return subprocess.call([str(PYTHON), "-m", "walkback_desktop", *args])


def cmd_test(args: list[str]) -> int:
    ensure_system_libraries(window=False)
    ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    tool = [str(PYTHON), "-m"]
    steps = [
        [*tool, "ruff", "check", "src", "tests", "bench", "tools", "packaging", "dev.py"],
        [
            *tool,
            "ruff",
            "format",
            "--check",
            "src",
            "tests",
            "bench",
            "tools",
            "packaging",
            "dev.py",
        ],
        [str(BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports"))],
        [*tool, "pytest", *args],
    ]
    for step in steps:
        say(" ".join(step))
        code = subprocess.call(step, cwd=ROOT, env=env)
        if code != 0:
            say(f"failed: {' '.join(step)} (exit {code})")
            return code
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    return cmd_run(rest) if command == "run" else cmd_test(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
