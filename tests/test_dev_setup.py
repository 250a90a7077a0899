"""dev.py, the README's two commands: one list of system packages, used by CI and
the release workflow; locked versions everywhere; a fresh machine set up in full."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _load_dev() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dev = _load_dev()


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def _pins(path: Path) -> dict[str, list[str]]:
    pins: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#", "-")):
            name, _, version = line.split(";")[0].strip().partition("==")
            pins.setdefault(name.lower(), []).append(version)
    return pins


def _declared() -> tuple[list[str], dict[str, list[str]]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["dependencies"], project["optional-dependencies"]


def test_ci_runs_the_readme_command_and_has_no_package_list_of_its_own():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [ln for ln in script.splitlines() if ln.strip() and not ln.startswith("#")]
    assert commands[-1] == "exec python3 dev.py test"
    assert "apt-get" not in script
    assert "pip " not in script


def test_release_workflow_takes_packages_and_versions_from_the_repository():
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "$(python dev.py deps --print bundle)" in workflow
    assert "-c requirements/constraints.txt" in workflow
    assert "libxcb" not in workflow  # no second copy of the list


def test_tests_workflow_runs_the_suite_and_the_oldest_versions():
    workflow = (ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")
    assert "run: python dev.py test\n" in workflow
    assert "run: python dev.py test --oldest" in workflow
    assert 'python-version: "3.10"' in workflow


def test_printed_package_lists_cover_qt_speech_tests_and_the_voice():
    test = subprocess.run(
        [sys.executable, str(ROOT / "dev.py"), "deps", "--print", "test"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for package in ("libgl1", "libpulse0", "libspeechd2", "poppler-utils", "appstream"):
        assert package in test
    assert "espeak-ng" not in test  # the tests need no voice
    assert not any(p.startswith("fonts-") for p in test)  # the app ships its font
    run = dev.PURPOSES["run"]
    for package in ("libxcb-cursor0", "speech-dispatcher", "speech-dispatcher-espeak-ng"):
        assert package in run


def test_only_missing_packages_are_installed(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(
        dev.subprocess,
        "run",
        lambda *a, **k: types.SimpleNamespace(stdout="libGL.so.1 (libc6) => /x\n"),
    )
    monkeypatch.setattr(
        dev.shutil, "which", lambda name: "/usr/bin/x" if name == "appstreamcli" else None
    )
    missing = dev.missing_packages("test")
    assert "libgl1" not in missing
    assert "appstream" not in missing
    assert {"libegl1", "libspeechd2", "poppler-utils", "desktop-file-utils"} <= set(missing)


def test_without_apt_the_message_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setattr(dev.sys, "platform", "linux")
    monkeypatch.setattr(dev, "missing_packages", lambda purpose: ["libspeechd2", "poppler-utils"])
    monkeypatch.setattr(dev.shutil, "which", lambda name: None)
    dev.ensure_system_packages("test")
    out = capsys.readouterr().out
    assert "no apt-get" in out
    assert "libspeechd2 poppler-utils" in out


def test_python_without_ensurepip_gets_it_from_apt_before_making_the_venv(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    calls: list[str] = []
    monkeypatch.setattr(dev.venv, "create", lambda path, with_pip: calls.append("create"))
    monkeypatch.setattr(dev.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(dev.sys, "platform", "linux")
    monkeypatch.setattr(
        dev, "apt_install", lambda packages, why: calls.append(" ".join(packages)) or True
    )
    dev.create_venv(tmp_path / "venv")
    assert calls == [f"python3.{sys.version_info.minor}-venv", "create"]


def test_python_without_venv_support_gets_it_from_apt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    calls: list[str] = []

    def create(path: Path, with_pip: bool) -> None:
        calls.append("create")
        if len(calls) == 1:  # Debian's python3 without python3-venv
            raise subprocess.CalledProcessError(1, ["ensurepip"])

    monkeypatch.setattr(dev.venv, "create", create)
    monkeypatch.setattr(dev.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(dev.sys, "platform", "linux")
    monkeypatch.setattr(
        dev, "apt_install", lambda packages, why: calls.append(" ".join(packages)) or True
    )
    dev.create_venv(tmp_path / "venv")
    assert calls == ["create", f"python3.{sys.version_info.minor}-venv", "create"]


def test_lock_pins_every_declared_package():
    dependencies, extras = _declared()
    pins = _pins(dev.LOCK)
    for requirement in [*dependencies, *(r for group in extras.values() for r in group)]:
        assert _name(requirement) in pins, f"{requirement}: run python3 dev.py lock"


def test_oldest_pins_each_direct_dependency_at_its_declared_minimum():
    dependencies, extras = _declared()
    pins = _pins(dev.OLDEST)
    for requirement in [*dependencies, *extras["test"]]:
        minimum = re.search(r"(>=|==)\s*([0-9][^,;\s]*)", requirement)
        if minimum is None:
            continue
        name = _name(requirement)
        assert name in pins, f"{requirement}: run python3 dev.py lock"
        declared = minimum.group(2).split(".")
        pinned = pins[name][0].split(".")
        assert pinned[: len(declared)] == declared or pinned == [*declared, "0"], (
            f"{name}: oldest.txt has {pins[name][0]}, pyproject.toml says {requirement}"
        )
