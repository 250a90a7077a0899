"""Entry point of the frozen `walkback` executables (PyInstaller runs this file).

It does exactly what `python -m walkback_desktop` does: the app with no
arguments, the command line with them.

For packaging/smoke_test.py only: with WALKBACK_SMOKE_TEST=1 the GUI starts
as usual, and as soon as the main window is visible this file prints one
JSON line starting with "walkback-smoke:" (window title, the routines the
window's store can read, the Qt plugins that loaded) and quits with exit
code 0 (3 if no window appeared within WALKBACK_SMOKE_TIMEOUT_S seconds). It
does this from outside the app: it creates the QApplication first, which
app.py then reuses, so the app's own code stays free of test hooks.
"""

import json
import os
import sys
import time

from walkback_desktop.cli import main

SMOKE_ENV = "WALKBACK_SMOKE_TEST"
SMOKE_PREFIX = "walkback-smoke:"


def _bundle_facts() -> dict[str, object]:
    """Load the Qt modules and plugins the app relies on, and say what loaded."""
    import pyqtgraph
    from PySide6.QtGui import QImageReader
    from PySide6.QtMultimedia import QMediaFormat
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtTextToSpeech import QTextToSpeech

    decoders = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    return {
        "image_formats": sorted(
            bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()
        ),
        "speech_engines": sorted(QTextToSpeech.availableEngines()),
        "media_decoders": len(decoders),
        "print_support": isinstance(QPrinterInfo.defaultPrinterName(), str),
        "pyqtgraph": pyqtgraph.__version__,
        "utf8_mode": sys.flags.utf8_mode,
    }


def _run_smoke_test() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from walkback_desktop import APP_ID, APP_NAME, __version__

    QGuiApplication.setApplicationName(APP_NAME)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    app = QApplication(sys.argv[:1])
    deadline = time.monotonic() + float(os.environ.get("WALKBACK_SMOKE_TIMEOUT_S", "60"))

    def check() -> None:
        try:
            look()
        except Exception as exc:  # a broken bundle must fail the smoke test, not hang it
            print(SMOKE_PREFIX, json.dumps({"error": repr(exc)}), flush=True)
            timer.stop()
            app.exit(4)

    def look() -> None:
        for widget in app.topLevelWidgets():
            ctx = getattr(widget, "ctx", None)
            if widget.isVisible() and ctx is not None and ctx.store_open:
                routines = ctx.store.library.all()
                first = ctx.store.library.get(routines[0].id) if routines else None
                facts = {
                    "window_title": widget.windowTitle(),
                    "routines": len(routines),
                    "first_routine": first.name if first else None,
                    **_bundle_facts(),
                }
                print(SMOKE_PREFIX, json.dumps(facts), flush=True)
                timer.stop()
                app.exit(0)
                return
        if time.monotonic() > deadline:
            print(SMOKE_PREFIX, json.dumps({"error": "no main window"}), flush=True)
            timer.stop()
            app.exit(3)

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(100)
    return main()


if __name__ == "__main__":
    if os.environ.get(SMOKE_ENV) == "1":
        sys.exit(_run_smoke_test())
    sys.exit(main())
