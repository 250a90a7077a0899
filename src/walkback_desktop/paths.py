"""Where WalkBack keeps its files: `--data-dir`, else WALKBACK_DATA_DIR, else the
platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from walkback_desktop import APP_NAME

DATA_DIR_ENV = "WALKBACK_DATA_DIR"


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_log_dir(data_dir_given: bool, data_dir: Path) -> Path:
    """The log goes beside the data when a data dir was chosen, else to the user log dir."""
    if data_dir_given:
        return data_dir
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
