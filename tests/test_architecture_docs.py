"""The README and docs/architecture.md state the layers `lint-imports` enforces.

A developer reads the layers in the README and the architecture guide; the
contracts in pyproject.toml are what is checked. When a contract changes and
the documents do not, these tests say which statement is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest depends on tomli on Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "walkback_desktop."


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _layers(contract: dict) -> list[str]:
    return [" ".join(layer.replace(PREFIX, "").split()) for layer in contract["layers"]]


def _package_layers() -> str:
    (contract,) = (
        c for c in _contracts().values() if c["type"] == "layers" and "containers" not in c
    )
    return " > ".join(_layers(contract))


def _flat(path: str) -> str:
    return " ".join((ROOT / path).read_text(encoding="utf-8").split())


def test_the_readme_states_the_package_layers_of_the_contract():
    assert f"`{_package_layers()}`" in _flat("README.md")


def test_the_architecture_guide_states_the_package_layers_of_the_contract():
    assert _package_layers() in _flat("docs/architecture.md")


def test_the_architecture_guide_names_every_module_of_the_ui_layers():
    (contract,) = (c for c in _contracts().values() if c.get("containers") == [PREFIX + "ui"])
    contracted = {
        name.strip("()")
        for layer in _layers(contract)
        for name in re.split(r"[ :|]+", layer)
        if name
    }
    guide = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = guide.split("Inside `ui` the layers are:", 1)[1].split("```")[1]
    missing = contracted - set(re.findall(r"[a-z_]+", block))
    assert not missing, f"docs/architecture.md does not place {sorted(missing)}"
