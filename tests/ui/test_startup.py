"""Start-up shows the window first: navigation and "Loading…" are painted before
the store, SQLAlchemy or any page is loaded; then the data arrives and the
start-up notice, `walkback start ID` and handed-over files follow in order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

from tests.helpers import make_routine, make_session
from walkback_desktop.early_settings import read_early_settings

HEAVY = (
    "sqlalchemy",
    "alembic",
    "pyqtgraph",
    "numpy",
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
)

CHILD = textwrap.dedent(
    """
    import json, os, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    import walkback_desktop.app as app_module
    from walkback_desktop.ui.main_window import MainWindow

    HEAVY = json.loads(sys.argv[1])
    events = []

    def say(*item):
        events.append(item)

    original_show_page = MainWindow.show_page
    def show_page(self, page_id):
        say("page", page_id)
        original_show_page(self, page_id)
    MainWindow.show_page = show_page
    app_module.show_notice = lambda parent, text, offer=None: say("notice", text, offer) or False
    import walkback_desktop.ui.after_start as after_start
    after_start.run_first_run_setup = lambda parent, ctx, settings: say("first_run")
    real_set_language = app_module.set_language
    def set_language(setting):
        say("set_language", setting)
        return real_set_language(setting)
    app_module.set_language = set_language

    def today_texts(page):
        return {
            "week": page.sessions_text.text(),
            "minutes": page.minutes_text.text(),
            "streak": page.streak_text.text(),
            "next": page.routine_name.text(),
            "program": page.program_card.heading.text(),
            "adherence": page.program_card.adherence_label.text(),
        }

    class FirstPaint(QObject):
        seen = False
        today_seen = False
        def eventFilter(self, obj, event):
            if event.type() != QEvent.Type.Paint or not obj.isWidgetType():
                return False
            window = obj.window()
            page = window.current_page() if isinstance(window, MainWindow) else None
            if (not self.today_seen and type(page).__name__ == "TodayPage"
                    and (obj is page or page.isAncestorOf(obj))):
                self.today_seen = True
                say("today_paint", {
                    "heavy": [m for m in HEAVY if m in sys.modules],
                    "store_open": window.ctx.store_open,
                    "texts": today_texts(page),
                })
                if os.environ.get("CLICK_START"):
                    page.start_button.click()  # before the other pages are in
            if not self.seen:
                window = obj.window()
                if isinstance(window, MainWindow):
                    self.seen = True
                    say("first_paint", {
                        "heavy": [m for m in HEAVY if m in sys.modules],
                        "pages_loaded": [m for m in sys.modules
                                         if m.startswith("walkback_desktop.ui.pages.")
                                         and m != "walkback_desktop.ui.pages.base"],
                        "nav": [window.nav.item(i).text() for i in range(window.nav.count())],
                        "page": type(window.current_page()).__name__,
                        "ready": window.ready,
                        "window_lightness": window.palette().window().color().lightness(),
                    })
                    window.data_ready.connect(lambda: say("data_ready"))
                    window.data_ready.connect(lambda: QTimer.singleShot(1000, finish))
                    QTimer.singleShot(90_000, finish)
            return False

    def finish():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        page = window.current_page()
        if type(page).__name__ == "TodayPage":
            say("today_end", today_texts(page))
        if type(page).__name__ == "WorkoutPage":
            routine = page.selected_routine()
            say("workout", routine.id if routine else None, page.safety_dialog is not None)
        say("end", type(page).__name__)
        print(json.dumps(events), flush=True)
        os._exit(0)

    app = QApplication(sys.argv[:1])
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    from walkback_desktop.cli import main
    main(sys.argv[2:])
    """
)


def _run(args: list[str], **env_vars: str) -> list:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env_vars)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(HEAVY), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert out.stdout.strip(), out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_first_paint_shows_navigation_and_loading_without_heavy_modules(data_dir):
    events = _run(["--data-dir", str(data_dir)])
    kind, first = events[1]
    assert kind == "first_paint"
    assert first["heavy"] == []
    assert first["pages_loaded"] == []
    assert first["nav"] == [
        "Today",
        "Routines",
        "Workout",
        "Programs",
        "History",
        "Progress",
        "Settings",
    ]
    assert first["page"] == "LoadingPage" and not first["ready"]
    assert ["data_ready"] in events
    assert events[-1] == ["end", "TodayPage"]


def _ready_with_a_program(data_dir, store) -> None:
    """A database at the newest schema with this week's walks and a program."""
    from walkback_desktop.services.programs import ProgramService

    today = datetime.now().astimezone()
    for days_ago in (0, 1, 9):
        store.sessions.add(
            make_session(0).with_changes(
                started_at=today - timedelta(days=days_ago, hours=1),
                ended_at=today - timedelta(days=days_ago, hours=1) + timedelta(seconds=1200),
            )
        )
    program = store.programs.builtins[0]
    ProgramService(store).enrol(program.id, today.date() - timedelta(days=8))
    store.close()


def test_today_is_filled_from_a_plain_read_before_sqlalchemy_then_from_the_store(data_dir, store):
    """Goal 2 of the start-up issue: with a database that is ready as it is, the
    Today page (week, streak, next walk, program card) is painted before
    SQLAlchemy or the store is loaded, and shows what the store shows."""
    _ready_with_a_program(data_dir, store)
    events = _run(["--data-dir", str(data_dir)])
    kinds = [e[0] for e in events]
    assert kinds.index("first_paint") < kinds.index("today_paint") < kinds.index("data_ready")
    early = events[kinds.index("today_paint")][1]
    assert early["heavy"] == [] and not early["store_open"]
    late = events[kinds.index("today_end")][1]
    assert early["texts"] == late
    assert ": week " in late["program"]
    assert late["adherence"]  # the program card was filled, not empty
    assert late["next"] == "Knee-friendly retro walk"
    assert late["week"].startswith("2 of ")


def test_start_clicked_on_today_while_loading_starts_once_the_pages_are_in(data_dir, store):
    _ready_with_a_program(data_dir, store)
    events = _run(["--data-dir", str(data_dir)], CLICK_START="1")
    after = events[events.index(["data_ready"]) :]
    assert ["page", "workout"] in after
    assert ["workout", "knee-friendly-20", True] in events  # the safety checklist comes first
    assert ["first_run"] not in events  # no setup opened over the walk asked for
    assert events[-1] == ["end", "WorkoutPage"]


def test_language_and_theme_are_known_before_the_first_paint(data_dir, store):
    store.settings.update(language="de", theme="dark")
    store.close()
    events = _run(["--data-dir", str(data_dir)])
    assert events[0] == ["set_language", "de"]
    kind, first = events[1]
    assert kind == "first_paint"
    assert first["window_lightness"] < 100  # painted dark from the first frame


def test_notice_then_start_then_files_once_the_data_is_ready(data_dir, tmp_path):
    (data_dir / "walkback.db").write_bytes(b"not a database")
    routine = make_routine((60, "backward"), routine_id="handed-over")
    path = tmp_path / "handed-over.walkback.json"
    path.write_text(routine.to_json(), encoding="utf-8")
    events = _run(["--data-dir", str(data_dir), str(path)])
    after = events[events.index(["data_ready"]) :]
    kinds = [e[0] for e in after]
    assert kinds.index("notice") < kinds.index("first_run") < after.index(["page", "routines"])
    assert "moved aside" in next(e[1] for e in after if e[0] == "notice")
    assert next(e[2] for e in after if e[0] == "notice") == "Restore from backup…"

    events = _run(["--data-dir", str(data_dir), "start", "first-steps-12"])
    after = events[events.index(["data_ready"]) :]
    assert ["page", "workout"] in after
    assert ["first_run"] not in after  # a desktop shortcut goes straight to the workout
    assert events[-1] == ["end", "WorkoutPage"]


def test_early_settings_are_read_without_writing(data_dir, store):
    store.settings.update(language="de", theme="dark", text_scale=150)
    store.close()
    db = data_dir / "walkback.db"
    before = db.read_bytes()
    assert read_early_settings(data_dir) == {"language": "de", "theme": "dark", "text_scale": 150}
    assert db.read_bytes() == before


def test_early_settings_tolerate_a_missing_or_damaged_database(tmp_path: Path):
    assert read_early_settings(tmp_path) == {}
    (tmp_path / "walkback.db").write_bytes(b"not a database")
    assert read_early_settings(tmp_path) == {}


def test_pyqtgraph_is_imported_in_idle_time_off_the_gui_thread():
    code = textwrap.dedent(
        """
        import sys, threading
        import walkback_desktop.ui.loading as loading
        seen = []
        real = loading._import_quietly
        def spy(names):
            seen.append(threading.current_thread() is threading.main_thread())
            real(names)
        loading._import_quietly = spy
        assert "pyqtgraph" not in sys.modules
        loading.warm_up_imports()
        loading.join_helper_threads(120)
        print("pyqtgraph" in sys.modules, seen)
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=180, env=env
    )
    assert out.stdout.split() == ["True", "[False]"], out.stderr[-2000:]


def test_language_reaches_qt_dialogs_and_locale(qapp, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QLocale

    import walkback_desktop.app as app_module

    monkeypatch.setattr(app_module, "set_language", lambda setting: "de")
    before = QLocale()
    try:
        assert app_module.install_language(qapp, "de") == "de"
        assert QLocale().name().startswith("de")
        # Qt's own buttons ("Cancel" in a QMessageBox) come from qtbase_de.qm
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        monkeypatch.setattr(app_module, "set_language", lambda setting: "en")
        app_module.install_language(qapp, "en")
        QLocale.setDefault(before)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_switching_language_twice_then_back_leaves_qt_dialogs_in_english(qapp, monkeypatch):
    """German, German again, then English: the first German translator was removed
    but not yet deleted when the second came, and a lookup by name found the old
    one, so Qt's buttons stayed German after switching back."""
    from PySide6.QtCore import QCoreApplication, QLocale

    import walkback_desktop.app as app_module

    before = QLocale()
    try:
        monkeypatch.setattr(app_module, "set_language", lambda setting: "de")
        app_module.install_language(qapp, "de")
        app_module.install_language(qapp, "de")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        monkeypatch.setattr(app_module, "set_language", lambda setting: "en")
        app_module.install_language(qapp, "en")
        QLocale.setDefault(before)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
