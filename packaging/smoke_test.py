"""Check that a built WalkBack bundle starts: the command line, the resources, the GUI.

    python packaging/smoke_test.py dist            (the folder build.py wrote into)

1. `walkback --version` prints "WalkBack <version>".
2. `walkback routines list --json` reads at least 8 built-in routines: the
   resources and the Alembic migrations made it into the bundle.
3. The GUI starts offscreen with WALKBACK_SMOKE_TEST=1 (a hook in the frozen
   entry point, packaging/pyinstaller/walkback_entry.py): the main window
   opens, reads the routines, the Qt plugins load (SVG, speech, multimedia),
   and the app quits by itself.

Only the standard library is used, so any Python 3.10+ can run it. Exit 0
when every check passes, 1 otherwise (each failure is printed).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIN_ROUTINES = 8
SMOKE_PREFIX = "walkback-smoke:"
TIMEOUT_S = 180


def expected_version() -> str | None:
    init = ROOT / "src" / "walkback_desktop" / "__init__.py"
    if not init.is_file():
        return None
    match = re.search(r'__version__ = "([^"]+)"', init.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def find_executable(dist: Path) -> Path:
    """The executable whose stdout we can read: on Windows the console one."""
    if sys.platform == "win32":
        candidates = [dist / "walkback" / "walkback-cli.exe"]
    elif sys.platform == "darwin":
        candidates = [dist / "WalkBack.app" / "Contents" / "MacOS" / "walkback"]
        candidates.append(dist / "walkback" / "walkback")
    else:
        candidates = [dist / "walkback" / "walkback"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SystemExit(f"smoke test: no WalkBack executable in {dist} (looked for {candidates})")


def run(exe: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    full_env.pop("WALKBACK_DATA_DIR", None)
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT_S,
        env=full_env,
    )


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail else ""), flush=True)
        if not ok:
            self.failures.append(what)
        return ok


def check_version(checks: Checks, exe: Path) -> None:
    result = run(exe, "--version")
    out = result.stdout.strip()
    want = expected_version()
    ok = result.returncode == 0 and (
        out == f"WalkBack {want}" if want else re.fullmatch(r"WalkBack \S+", out) is not None
    )
    checks.check(ok, "--version", out or result.stderr.strip())


def check_routines(checks: Checks, exe: Path, data_dir: Path) -> None:
    result = run(exe, "routines", "list", "--json", "--data-dir", str(data_dir))
    try:
        routines = json.loads(result.stdout)
    except json.JSONDecodeError:
        checks.check(False, "routines list --json", result.stderr.strip()[-500:])
        return
    builtin = [r for r in routines if r.get("builtin")]
    checks.check(
        result.returncode == 0 and len(builtin) >= MIN_ROUTINES,
        "routines list --json",
        f"{len(builtin)} built-in routines",
    )
    checks.check((data_dir / "walkback.db").is_file(), "database created and migrated")


def check_gui(checks: Checks, exe: Path, data_dir: Path) -> None:
    result = run(exe, "--data-dir", str(data_dir), env={"WALKBACK_SMOKE_TEST": "1"})
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(SMOKE_PREFIX)]
    facts = json.loads(lines[-1][len(SMOKE_PREFIX) :]) if lines else {}
    detail = f"exit {result.returncode}"
    if "error" in facts or not lines:
        detail += f"; {facts.get('error', 'no report')}; stderr: {result.stderr[-1500:]}"
    if not checks.check(
        result.returncode == 0 and bool(facts) and "error" not in facts,
        "GUI opens offscreen and quits",
        detail,
    ):
        return
    print(f"     {json.dumps(facts)}")
    checks.check("WalkBack" in facts.get("window_title", ""), "main window title")
    checks.check(facts.get("routines", 0) >= MIN_ROUTINES, "window reads the built-in routines")
    checks.check(bool(facts.get("first_routine")), "a built-in routine loads by id")
    checks.check("svg" in facts.get("image_formats", []), "SVG image plugin (window icon)")
    checks.check(bool(facts.get("speech_engines")), "text-to-speech plugins")
    checks.check(facts.get("media_decoders", 0) > 0, "multimedia backend plugin")
    checks.check(facts.get("utf8_mode") == 1, "Python UTF-8 mode")
    log = data_dir / "walkback.log"
    checks.check(log.is_file(), "walkback.log written beside the data")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dist = Path(args[0] if args else ROOT / "dist").resolve()
    exe = find_executable(dist)
    print(f"smoke test of {exe}")
    checks = Checks()
    if sys.platform == "win32":
        checks.check((dist / "walkback" / "WalkBack.exe").is_file(), "WalkBack.exe present")
    with tempfile.TemporaryDirectory(prefix="walkback-smoke-", ignore_cleanup_errors=True) as tmp:
        check_version(checks, exe)
        check_routines(checks, exe, Path(tmp) / "cli")
        check_gui(checks, exe, Path(tmp) / "gui")
    if checks.failures:
        print(f"smoke test FAILED: {', '.join(checks.failures)}")
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
