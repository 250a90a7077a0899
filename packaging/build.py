"""Build WalkBack's one-folder bundle for the OS this runs on.

    python packaging/build.py               icons if stale, then PyInstaller -> dist/walkback/
    python packaging/build.py --smoke       ... and run packaging/smoke_test.py on the result
    python packaging/build.py --appimage    Linux: also dist/WalkBack-<version>-x86_64.AppImage
                                            (needs appimagetool on PATH or $APPIMAGETOOL)

Run it with the Python of the environment WalkBack is installed in, with the
`packaging` extra (`pip install -e ".[packaging]"`): PyInstaller freezes what
that Python imports. It is slow (about a minute and a half on 2 cores), so
.ci/run does not call it; the release workflow does. It prints the build time
and the bundle size, and on Linux lists bundled libraries whose own
dependencies are neither in the bundle nor on this system.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pyinstaller" / "walkback.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "walkback"
APP_ID = "org.walkback.WalkBack"
# Libraries the bundle may legitimately not find on the build machine: they
# come from the user's system when the feature is used (speech-dispatcher for
# spoken cues; Wayland's client libraries on a Wayland desktop).
OPTIONAL_SYSTEM_LIBS = {"libspeechd.so.2", "libwayland-cursor.so.0", "libwayland-egl.so.1"}


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


def version() -> str:
    namespace: dict[str, str] = {}
    init = ROOT / "src" / "walkback_desktop" / "__init__.py"
    for line in init.read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            exec(line, namespace)
    return namespace["__version__"]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def make_icons() -> None:
    tool = [sys.executable, str(ROOT / "tools" / "make_icons.py")]
    if subprocess.run([*tool, "--check"], capture_output=True).returncode != 0:
        say("icons are missing or stale: regenerating them")
        subprocess.run(tool, check=True)


def run_pyinstaller() -> float:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )
    return time.monotonic() - started


def unresolved_libraries(bundle: Path) -> dict[str, set[str]]:
    """Linux: for each bundled ELF file, the libraries ldd cannot find (bundle first)."""
    internal = bundle / "_internal"
    search = sorted({str(p.parent) for p in internal.rglob("*.so*")} | {str(internal)})
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(search)}
    missing: dict[str, set[str]] = {}
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line:
                lib = line.split("=>")[0].strip()
                if lib not in OPTIONAL_SYSTEM_LIBS:
                    missing.setdefault(lib, set()).add(str(path.relative_to(bundle)))
    return missing


def build_appimage(bundle: Path, app_version: str) -> Path:
    """Linux: wrap the bundle in an AppDir (see packaging/linux/AppRun) and run appimagetool."""
    tool = os.environ.get("APPIMAGETOOL") or shutil.which("appimagetool")
    appdir = DIST / "WalkBack.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    shutil.copytree(bundle, appdir / "usr" / "lib" / "walkback", symlinks=True)
    linux = PACKAGING / "linux"
    icons = ROOT / "resources" / "icons"
    share = appdir / "usr" / "share"
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        dest = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons / f"walkback-{size}.png", dest)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(icons / "walkback.svg", scalable)
    for src, dest in (
        (linux / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop"),
        (linux / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml"),
        (linux / f"{APP_ID}.mime.xml", share / "mime" / "packages" / f"{APP_ID}.xml"),
    ):
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    # appimagetool wants the desktop file and icon at the top of the AppDir.
    shutil.copy2(linux / f"{APP_ID}.desktop", appdir / f"{APP_ID}.desktop")
    shutil.copy2(icons / "walkback-256.png", appdir / f"{APP_ID}.png")
    (appdir / ".DirIcon").symlink_to(f"{APP_ID}.png")
    shutil.copy2(linux / "AppRun", appdir / "AppRun")
    (appdir / "AppRun").chmod(0o755)
    target = DIST / f"WalkBack-{app_version}-x86_64.AppImage"
    if not tool:
        say(f"appimagetool not found: the AppDir is ready in {appdir}")
        say("  get it from https://github.com/AppImage/appimagetool/releases, then run")
        say(f"  ARCH=x86_64 appimagetool {appdir} {target}")
        return appdir
    subprocess.run(
        [tool, str(appdir), str(target)], check=True, env={**os.environ, "ARCH": "x86_64"}
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="run the smoke test afterwards")
    parser.add_argument("--appimage", action="store_true", help="Linux: also make an AppImage")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        say('PyInstaller is missing: pip install -e ".[packaging]" (or "pyinstaller>=6.10")')
        return 2
    make_icons()
    say(f"PyInstaller {SPEC.relative_to(ROOT)} -> {DIST.relative_to(ROOT)}/ (slow)")
    seconds = run_pyinstaller()
    size = folder_size(BUNDLE)
    files = sum(1 for f in BUNDLE.rglob("*") if f.is_file())
    say(f"built {BUNDLE} in {seconds:.0f} s: {size / 2**20:.0f} MiB in {files} files")
    if sys.platform == "darwin":
        app = DIST / "WalkBack.app"
        say(f"macOS app bundle: {app} ({folder_size(app) / 2**20:.0f} MiB)")
    if sys.platform.startswith("linux"):
        for lib, users in sorted(unresolved_libraries(BUNDLE).items()):
            say(f"warning: {lib} is neither bundled nor installed (needed by {sorted(users)[0]})")
        if args.appimage:
            say(f"AppImage: {build_appimage(BUNDLE, version())}")
    if args.smoke:
        return subprocess.call([sys.executable, str(PACKAGING / "smoke_test.py"), str(DIST)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
