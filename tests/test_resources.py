from __future__ import annotations

import subprocess
import sys

from walkback_desktop.core.routine import FILE_SUFFIX, Routine, SegmentKind
from walkback_desktop.core.tips import load_tip_library
from walkback_desktop.resources import resource_path, resources_dir
from walkback_desktop.storage.library import load_builtin_routines


def test_every_builtin_routine_file_is_valid_and_named_by_its_id():
    files = sorted(resource_path("routines").glob(f"*{FILE_SUFFIX}"))
    assert len(files) >= 8
    for path in files:
        routine = Routine.from_json(path.read_bytes())
        assert path.name == routine.id + FILE_SUFFIX
        assert routine.safety, routine.id
        assert routine.backward_seconds > 0, routine.id
        backward = [s for s in routine.segments if s.kind is SegmentKind.BACKWARD]
        assert all(s.tips for s in backward), routine.id
    assert len(load_builtin_routines()) == len(files)


def test_builtins_cover_the_goals_people_come_for():
    goals = {r.goal.value for r in load_builtin_routines()}
    assert {"beginner", "knee", "back", "balance", "cardio"} <= goals


def test_tip_library_has_cues_for_every_kind():
    tips = load_tip_library(resource_path("tips.json"))
    assert sum(len(v) for v in tips.values()) >= 25
    assert all(tips[kind.value] for kind in SegmentKind)
    assert "Chest up" in tips["backward"]


def test_resources_found_from_the_checkout():
    assert (resources_dir() / "routines").is_dir()


def test_core_imports_neither_qt_nor_sqlalchemy():
    code = (
        "import sys, walkback_desktop.core.timeline, walkback_desktop.core.history, "
        "walkback_desktop.core.settings, walkback_desktop.core.tips, walkback_desktop.core.clock;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'pyqtgraph')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
