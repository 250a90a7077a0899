#!/usr/bin/env python3
"""Set up and run WalkBack from a checkout, on Linux, macOS and Windows.

    python3 dev.py run       create .venv if needed, install WalkBack, open the app
    python3 dev.py test      create .venv if needed, install WalkBack with its test
                             tools, then run ruff, the import contracts, mypy and pytest
    python3 dev.py test --oldest
                             the import contracts and pytest in .venv-oldest, with the
                             oldest versions pyproject.toml allows (requirements/oldest.txt)
    python3 dev.py deps [--print] [run|test|bundle]
                             install (or print) the Debian/Ubuntu packages needed
    python3 dev.py lock      refresh requirements/*.txt from pyproject.toml (uses uv)

Extra arguments after `run` go to the app (e.g. `--data-dir DIR`); after
`test` they go to pytest (e.g. `-k timeline`). Python packages are installed
at the versions pinned in requirements/constraints.txt. On Debian/Ubuntu the
system packages are installed with apt-get (as root, or with sudo) when they
are missing; elsewhere the command says what to install. This file is the one
list of system packages: CI and the release workflow ask it (`deps --print`).
Only the standard library is used here, so any Python 3.10+ can run it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REQUIREMENTS = ROOT / "requirements"
LOCK = REQUIREMENTS / "constraints.txt"
OLDEST = REQUIREMENTS / "oldest.txt"
LOCK_PYTHON = "3.10"  # the oldest Python pyproject.toml allows; the lock covers it and newer
UV = "uv==0.13.9"

# Debian/Ubuntu packages, each with what shows it is installed: a shared
# library (found by ldconfig), an absolute path, or a command on PATH.
QT_LIBRARIES = {  # Qt itself, offscreen (tests) or on screen
    "libglib2.0-0": "libglib-2.0.so.0",
    "libgl1": "libGL.so.1",
    "libegl1": "libEGL.so.1",
    "libxkbcommon0": "libxkbcommon.so.0",
    "libfontconfig1": "libfontconfig.so.1",
    "libdbus-1-3": "libdbus-1.so.3",
    "libpulse0": "libpulse.so.0",  # QtMultimedia
    "libxrandr2": "libXrandr.so.2",  # QtMultimedia's FFmpeg plug-in links it
    "libspeechd2": "libspeechd.so.2",  # QtTextToSpeech's speech-dispatcher plug-in
}
TEST_TOOLS = {
    "poppler-utils": "pdftotext",  # report PDFs to text and PNG
    "desktop-file-utils": "desktop-file-validate",  # the Linux packaging files
    "appstream": "appstreamcli",
    "shared-mime-info": "update-mime-database",
}
WINDOW_LIBRARIES = {  # a real window (X11 or Wayland), not needed offscreen
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
    "libwayland-cursor0": "libwayland-cursor.so.0",
    "libwayland-egl1": "libwayland-egl.so.1",
}
VOICE = {  # the spoken cues: speech-dispatcher with the eSpeak NG voices
    "speech-dispatcher": "speech-dispatcher",
    "espeak-ng": "espeak-ng",
    "speech-dispatcher-espeak-ng": "/usr/lib/speech-dispatcher-modules/sd_espeak-ng",
}
PURPOSES = {
    "test": {**QT_LIBRARIES, **TEST_TOOLS},
    "run": {**QT_LIBRARIES, **WINDOW_LIBRARIES, **VOICE},
    # Building the bundles (release workflow): the window libraries and the validators.
    "bundle": {**QT_LIBRARIES, **WINDOW_LIBRARIES, **TEST_TOOLS},
}
# What to install where there is no apt-get.
ELSEWHERE = {
    "darwin": "brew install poppler  (Qt and its libraries come with the PySide6 wheels; "
    "speech uses the system voices)",
    "win32": "poppler (pdftotext) on PATH is optional: report tests that need it say so "
    "when skipped (Qt comes with the PySide6 wheels; speech uses the system voices)",
}


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def run(cmd: list[str | os.PathLike[str]], **kwargs: object) -> None:
    say(" ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)  # type: ignore[call-overload]


def is_present(probe: str, known_libraries: str) -> bool:
    if ".so" in probe and "/" not in probe:
        return probe in known_libraries
    if probe.startswith("/"):
        return Path(probe).exists()
    return shutil.which(probe) is not None


def missing_packages(purpose: str) -> list[str]:
    try:
        known = subprocess.run(
            ["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        known = ""
    return sorted(pkg for pkg, probe in PURPOSES[purpose].items() if not is_present(probe, known))


def apt_install(packages: list[str], why: str) -> bool:
    """Install Debian packages with apt-get; False (and a message) when that cannot be done."""
    if not shutil.which("apt-get"):
        return False
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            say(f"{why}, install as root: apt-get install {' '.join(packages)}")
            return False
        prefix = ["sudo"]
    say(f"{why}: installing {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        run([*prefix, "apt-get", "update", "-qq"], env=env)
        run(
            [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
            env=env,
            stdout=subprocess.DEVNULL,
        )
    except subprocess.CalledProcessError as error:
        say(
            f"apt-get failed (exit {error.returncode}); install these yourself: {' '.join(packages)}"
        )
        return False
    return True


def ensure_system_packages(purpose: str) -> None:
    """Install what `purpose` needs on Debian/Ubuntu; elsewhere say what to install."""
    if sys.platform in ELSEWHERE:
        if purpose == "test" and not shutil.which("pdftotext"):
            say(f"optional for the tests: {ELSEWHERE[sys.platform]}")
        return
    if not sys.platform.startswith("linux"):
        return
    missing = missing_packages(purpose)
    if not missing:
        return
    if not shutil.which("apt-get"):
        say(
            "this machine has no apt-get: install the equivalents of these Debian packages "
            f"with your package manager (e.g. dnf, pacman, zypper): {' '.join(missing)}"
        )
        return
    apt_install(missing, f"WalkBack needs these system packages to {purpose}")


def create_venv(path: Path) -> None:
    say(f"creating {path}")
    # Debian and Ubuntu ship venv's pip (ensurepip) separately, in python3.X-venv;
    # without it their venv prints advice and exits.
    package = f"python3.{sys.version_info.minor}-venv"
    if importlib.util.find_spec("ensurepip") is None and sys.platform.startswith("linux"):
        apt_install([package], "this Python cannot make a virtual environment with pip")
    try:
        venv.create(path, with_pip=True)
        return
    except (subprocess.CalledProcessError, OSError, SystemExit) as error:
        shutil.rmtree(path, ignore_errors=True)
        failure = error
    if sys.platform.startswith("linux") and apt_install(
        [package], "this Python cannot make a virtual environment with pip"
    ):
        venv.create(path, with_pip=True)
        return
    raise SystemExit(
        f"[dev] could not create {path} ({failure!r}). On Debian/Ubuntu install {package}; "
        "elsewhere use a Python from python.org."
    )


def _has_pip(python: Path) -> bool:
    if not python.exists():
        return False
    check = [str(python), "-m", "pip", "--version"]
    return subprocess.run(check, capture_output=True, check=False).returncode == 0


def venv_python(path: Path) -> Path:
    return path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(path: Path, extras: str, constraints: Path) -> Path:
    """The venv at `path` with WalkBack (and `extras`) installed at `constraints`' versions.

    Re-installs when pyproject.toml or the constraints file changed since the last time.
    """
    python = venv_python(path)
    stamp = path / f".installed-{extras or 'app'}-{constraints.stem}"
    inputs = (ROOT / "pyproject.toml", constraints)
    if stamp.exists() and all(stamp.stat().st_mtime >= p.stat().st_mtime for p in inputs):
        return python
    if not _has_pip(python):  # none yet, or left half-made by an earlier failure
        shutil.rmtree(path, ignore_errors=True)
        create_venv(path)
    target = f".[{extras}]" if extras else "."
    run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run(
        [python, "-m", "pip", "install", "--quiet", "-c", constraints, "-e", target],
        cwd=ROOT,
    )
    stamp.touch()
    return python


def cmd_run(args: list[str]) -> int:
    ensure_system_packages("run")
    python = ensure_venv(ROOT / ".venv", "", LOCK)
    return subprocess.call([str(python), "-m", "walkback_desktop", *args])


LINT_PATHS = ["src", "tests", "bench", "tools", "packaging", "dev.py"]


def cmd_test(args: list[str]) -> int:
    oldest = "--oldest" in args
    args = [a for a in args if a != "--oldest"]
    ensure_system_packages("test")
    if oldest:
        python = ensure_venv(ROOT / ".venv-oldest", "test", OLDEST)
    else:
        python = ensure_venv(ROOT / ".venv", "test", LOCK)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    tool = [str(python), "-m"]
    lint_imports = python.with_name("lint-imports.exe" if os.name == "nt" else "lint-imports")
    steps = [
        [*tool, "ruff", "check", *LINT_PATHS],
        [*tool, "ruff", "format", "--check", *LINT_PATHS],
        [str(lint_imports)],
        [*tool, "mypy"],
        [*tool, "pytest", *args],
    ]
    if oldest:
        # ruff and mypy judge the code with the locked versions (older PySide6
        # stubs are less complete); --oldest checks that it runs on the minimums.
        steps = [step for step in steps if step[2:3] not in (["ruff"], ["mypy"])]
    for step in steps:
        say(" ".join(step))
        code = subprocess.call(step, cwd=ROOT, env=env)
        if code != 0:
            say(f"failed: {' '.join(step)} (exit {code})")
            return code
    return 0


def cmd_deps(args: list[str]) -> int:
    printing = "--print" in args
    purposes = [a for a in args if a != "--print"] or ["test", "run"]
    unknown = [p for p in purposes if p not in PURPOSES]
    if unknown:
        say(f"unknown purpose {' '.join(unknown)}; choose from {' '.join(PURPOSES)}")
        return 2
    if printing:
        print(" ".join(sorted({pkg for p in purposes for pkg in PURPOSES[p]})))
        return 0
    for purpose in purposes:
        ensure_system_packages(purpose)
    return 0


def cmd_lock(args: list[str]) -> int:
    """Refresh both constraints files with uv (see docs/dependencies.md)."""
    python = ensure_venv(ROOT / ".venv", "test", LOCK)
    run([python, "-m", "pip", "install", "--quiet", UV])
    uv = [python, "-m", "uv", "pip", "compile", "--quiet", "pyproject.toml"]
    common = ["--universal", "--python-version", LOCK_PYTHON, "--no-header", *args]
    run([*uv, "--all-extras", *common, "-o", LOCK], cwd=ROOT)
    run(
        [*uv, "--extra", "test", "--resolution", "lowest-direct", *common, "-o", OLDEST],
        cwd=ROOT,
    )
    return 0


COMMANDS = {"run": cmd_run, "test": cmd_test, "deps": cmd_deps, "lock": cmd_lock}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
