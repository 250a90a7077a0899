"""Fast checks of the packaging files (the slow bundle build is packaging/build.py).

The Linux desktop entry and AppStream metainfo are validated with the
freedesktop tools (`python3 dev.py test` installs them on Debian/Ubuntu); the
PyInstaller spec is executed with stand-ins for PyInstaller's classes, so it
is checked on every OS without building anything.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from walkback_desktop import APP_ID, APP_NAME, __version__
from walkback_desktop.storage import database

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "resources" / "icons"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
MIME_FILE = LINUX / f"{APP_ID}.mime.xml"
SPEC = PACKAGING / "pyinstaller" / "walkback.spec"
MIME_TYPE = "application/x-walkback-routine+json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _load_tool(name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_icons = _load_tool("make_icons")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {_APT[name]})")
    return path


_APT = {
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
    "update-mime-database": "shared-mime-info",
}


# --- Linux desktop integration ----------------------------------------------


def test_desktop_file_validates():
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [ln for ln in result.stdout.splitlines() if "error:" in ln or "warning:" in ln]
    assert problems == []


def test_mime_type_file_is_accepted_by_update_mime_database(tmp_path: Path):
    tool = _tool("update-mime-database")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy2(MIME_FILE, packages / f"{APP_ID}.xml")
    result = subprocess.run([tool, str(tmp_path / "mime")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
    assert f"{MIME_TYPE}:*.walkback.json" in globs


def test_metainfo_validates():
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO_FILE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_one_app_id_names_the_desktop_file_metainfo_icon_and_mime_type():
    entry = _desktop_entry()
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "walkback"
    assert entry["MimeType"].rstrip(";") == MIME_TYPE

    meta = ET.parse(METAINFO_FILE).getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == DESKTOP_FILE.name
    assert meta.findtext("icon") == APP_ID
    assert meta.findtext("provides/mediatype") == MIME_TYPE
    releases = [r.get("version") for r in meta.iter("release")]
    assert __version__ in releases, "add a <release> for the current version"

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(MIME_FILE).getroot().find("m:mime-type", ns)
    assert mime is not None
    assert mime.get("type") == MIME_TYPE
    assert mime.find("m:glob", ns).get("pattern") == "*.walkback.json"


def test_appimage_entry_point_runs_the_bundle():
    app_run = (LINUX / "AppRun").read_text(encoding="utf-8")
    assert app_run.startswith("#!/bin/sh")
    assert "usr/lib/walkback/walkback" in app_run
    assert os.access(LINUX / "AppRun", os.X_OK)


# --- icons --------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_icon_generator_is_deterministic(qapp, tmp_path: Path):
    # qapp first: make_icons would otherwise create a bare QGuiApplication.
    first = make_icons.generate(ICONS / make_icons.SVG_NAME)
    second = make_icons.generate(ICONS / make_icons.SVG_NAME)
    assert first == second
    assert make_icons.main(["--out", str(tmp_path)]) == 0
    assert make_icons.main(["--out", str(tmp_path), "--check"]) == 0
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first


def test_committed_pngs_cover_the_hicolor_sizes():
    for size in make_icons.PNG_SIZES:
        data = (ICONS / make_icons.png_name(size)).read_bytes()
        assert _png_size(data) == (size, size)


def test_ico_header_and_entries_are_valid():
    data = (ICONS / "walkback.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    for i in range(count):
        width, height, colours, _res, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        assert (colours, planes, bits) == (0, 1, 32)
        assert offset + length <= len(data)
        png_w, png_h = _png_size(data[offset : offset + length])
        assert (width or 256, height or 256) == (png_w, png_h)
        sizes.append(png_w)
    assert sizes == sorted(make_icons.ICO_SIZES)


def test_icns_header_and_entries_are_valid():
    data = (ICONS / "walkback.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    offset, seen = 8, {}
    while offset < len(data):
        kind = data[offset : offset + 4]
        length = struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        assert length > 8
        assert offset + length <= len(data)
        seen[kind] = _png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert offset == len(data)
    assert seen == dict(make_icons.ICNS_TYPES)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= set(seen)


# --- the PyInstaller spec, executed with stand-ins ------------------------------


class _Recorder:
    """Stands in for PyInstaller's Analysis/PYZ/EXE/COLLECT/BUNDLE: keeps its arguments."""

    made: list[_Recorder]

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.args, self.kwargs = args, kwargs
        self.binaries: list[tuple[str, str, str]] = []
        self.datas = list(kwargs.get("datas", []))  # type: ignore[call-overload]
        self.pure: list[object] = []
        self.scripts: list[object] = []
        self.made.append(self)


def _run_spec(monkeypatch: pytest.MonkeyPatch, platform: str) -> dict[str, object]:
    made: list[_Recorder] = []
    classes = {
        name: type(name, (_Recorder,), {"made": made})
        for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    }
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in (
        "FixedFileInfo",
        "StringFileInfo",
        "StringStruct",
        "StringTable",
        "VarFileInfo",
        "VarStruct",
        "VSVersionInfo",
    ):
        setattr(versioninfo, name, lambda *a, _n=name, **k: (_n, a, k))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", versioninfo)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delenv("WALKBACK_CODESIGN_IDENTITY", raising=False)
    namespace: dict[str, object] = {"SPECPATH": str(SPEC.parent), **classes}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["made"] = made
    return namespace


def _made(namespace: dict[str, object], kind: str) -> list[_Recorder]:
    return [m for m in namespace["made"] if type(m).__name__ == kind]  # type: ignore[attr-defined]


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_references_files_that_exist(monkeypatch: pytest.MonkeyPatch, platform: str):
    ns = _run_spec(monkeypatch, platform)
    (analysis,) = _made(ns, "Analysis")
    for script in analysis.args[0]:  # type: ignore[attr-defined]
        assert Path(script).is_file(), script
    for src, _dest in analysis.kwargs["datas"]:  # type: ignore[attr-defined]
        assert Path(src).is_file(), src
    for exe in _made(ns, "EXE"):
        icon = exe.kwargs["icon"]
        assert icon is None or Path(icon).is_file(), icon  # type: ignore[arg-type]


def test_spec_bundles_resources_and_migrations_where_the_code_looks(
    monkeypatch: pytest.MonkeyPatch,
):
    ns = _run_spec(monkeypatch, "linux")
    datas = _made(ns, "Analysis")[0].kwargs["datas"]
    dests = {(Path(src).name, dest) for src, dest in datas}  # type: ignore[attr-defined]
    routines = sorted((ROOT / "resources" / "routines").glob("*.walkback.json"))
    assert len(routines) >= 8
    for path in routines:
        assert (path.name, "resources/routines") in dests
    assert ("tips.json", "resources") in dests
    assert ("walkback.svg", "resources/icons") in dests
    for font in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "OFL.txt"):
        assert (font, "resources/fonts") in dests
    # database.py finds migrations beside itself; in the bundle that is the same
    # path below sys._MEIPASS as below the package's parent folder here.
    package_parent = Path(database.__file__).resolve().parents[2]
    migrations = database.MIGRATIONS_DIR.relative_to(package_parent).as_posix()
    assert ("env.py", migrations) in dests
    assert ("script.py.mako", migrations) in dests
    versions = sorted((database.MIGRATIONS_DIR / "versions").glob("*.py"))
    assert versions
    for path in versions:
        assert (path.name, f"{migrations}/versions") in dests
    assert not any("__pycache__" in src for src, _ in datas)  # type: ignore[attr-defined]


def test_spec_keeps_needed_qt_parts_and_drops_unused_ones(monkeypatch: pytest.MonkeyPatch):
    ns = _run_spec(monkeypatch, "linux")
    analysis = _made(ns, "Analysis")[0]
    excludes = set(analysis.kwargs["excludes"])  # type: ignore[arg-type]
    hidden = set(analysis.kwargs["hiddenimports"])  # type: ignore[arg-type]
    for used in ("QtMultimedia", "QtTextToSpeech", "QtPrintSupport", "QtSvg", "QtOpenGL"):
        assert f"PySide6.{used}" in hidden
        assert f"PySide6.{used}" not in excludes
    for unused in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtCharts", "QtBluetooth", "QtSql"):
        assert f"PySide6.{unused}" in excludes
    keep = ns["keep"]
    plugins = "PySide6/Qt/plugins"
    for needed in (
        f"{plugins}/platforms/libqxcb.so",
        f"{plugins}/platforms/libqoffscreen.so",
        f"{plugins}/multimedia/libffmpegmediaplugin.so",
        f"{plugins}/texttospeech/libqtexttospeech_speechd.so",
        f"{plugins}/printsupport/libcupsprintersupport.so",
        f"{plugins}/imageformats/libqsvg.so",
        "PySide6/Qt/lib/libQt6Quick.so.6",  # the FFmpeg plugin links it
        f"{plugins}/platforms/qwindows.dll",
        f"{plugins}/platforms/libqcocoa.dylib",
    ):
        assert keep((needed, "", "BINARY")), needed  # type: ignore[operator]
    for unused in (
        f"{plugins}/platformthemes/libqgtk3.so",
        f"{plugins}/platforms/libqeglfs.so",
        f"{plugins}/tls/libqopensslbackend.so",
        f"{plugins}/sqldrivers/qsqlite.dll",
        "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "libcairo.so.2",
        "PySide6/Qt/translations/qtbase_de.qm",
    ):
        assert not keep((unused, "", "BINARY")), unused  # type: ignore[operator]


def test_spec_windows_has_a_gui_and_a_console_executable(monkeypatch: pytest.MonkeyPatch):
    ns = _run_spec(monkeypatch, "win32")
    exes = {e.kwargs["name"]: e.kwargs for e in _made(ns, "EXE")}
    assert set(exes) == {"WalkBack", "walkback-cli"}
    assert exes["WalkBack"]["console"] is False
    assert exes["walkback-cli"]["console"] is True
    assert str(exes["WalkBack"]["icon"]).endswith("walkback.ico")
    assert exes["WalkBack"]["version"][0] == "VSVersionInfo"
    assert not _made(ns, "BUNDLE")


def test_spec_macos_bundle_declares_id_icon_and_routine_document_type(
    monkeypatch: pytest.MonkeyPatch,
):
    ns = _run_spec(monkeypatch, "darwin")
    (bundle,) = _made(ns, "BUNDLE")
    assert bundle.kwargs["bundle_identifier"] == APP_ID
    assert bundle.kwargs["name"] == f"{APP_NAME}.app"
    assert str(bundle.kwargs["icon"]).endswith("walkback.icns")
    plist = bundle.kwargs["info_plist"]
    assert plist["CFBundleShortVersionString"] == __version__  # type: ignore[index]
    (exported,) = plist["UTExportedTypeDeclarations"]  # type: ignore[index]
    tags = exported["UTTypeTagSpecification"]["public.filename-extension"]
    assert tags == ["walkback.json"]
    owned = plist["CFBundleDocumentTypes"][0]  # type: ignore[index]
    assert owned["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
    assert owned["LSHandlerRank"] == "Owner"


def test_spec_linux_has_one_executable_for_gui_and_command_line(monkeypatch: pytest.MonkeyPatch):
    ns = _run_spec(monkeypatch, "linux")
    (exe,) = _made(ns, "EXE")
    assert exe.kwargs["name"] == "walkback"
    assert exe.kwargs["console"] is True
    assert ("X utf8=1", None, "OPTION") in exe.args[2]  # type: ignore[operator]


# --- Windows installer, release workflow, frozen entry point -----------------------


def test_inno_setup_script_has_start_menu_uninstaller_and_association():
    iss = (PACKAGING / "windows" / "walkback.iss").read_text(encoding="utf-8")
    assert f'#define AppIdentifier "{APP_ID}"' in iss
    assert "AppId={#AppIdentifier}" in iss
    assert "{autoprograms}" in iss
    assert "UninstallDisplayIcon=" in iss
    assert "ChangesAssociations=yes" in iss
    assert r"Software\Classes\.json\OpenWithProgids" in iss
    relative = iss.split("SetupIconFile=")[1].splitlines()[0].replace("\\", "/")
    assert (PACKAGING / "windows" / relative).resolve().is_file(), relative


def test_release_workflow_builds_and_smoke_tests_on_three_systems():
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    for needle in (
        "ubuntu-",
        "windows-",
        "macos-",
        'python-version: "3.11"',
        "packaging/build.py",
        "packaging/smoke_test.py",
        "actions/upload-artifact@",
    ):
        assert needle in workflow, needle


def test_frozen_entry_smoke_hook_opens_the_window_and_quits(tmp_path: Path):
    """The hook the bundle's smoke test uses, run from source (no freezing)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "WALKBACK_SMOKE_TEST": "1",
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("WALKBACK_DATA_DIR", None)
    result = subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "pyinstaller" / "walkback_entry.py"),
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (line,) = [ln for ln in result.stdout.splitlines() if ln.startswith("walkback-smoke:")]
    facts = json.loads(line.removeprefix("walkback-smoke:"))
    assert facts["window_title"].startswith(APP_NAME)
    assert facts["routines"] >= 8
    assert "svg" in facts["image_formats"]
