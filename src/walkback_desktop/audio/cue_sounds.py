"""The cue player's beeps: the sound output device and one QSoundEffect per beep.

Nothing here touches QtMultimedia until asked. `load_in_background()` (the
player's warm-up) imports QtMultimedia and makes the first device query on a
helper thread: that first query starts Qt's audio backend and held the GUI
thread 60-180 ms (bench/bench_stall.py); later queries answer at once. The
sounds are then made one per turn of the event loop, so no single step holds
the window. `load()` does all of it at once, for a cue that comes before the
warm-up finished.

A missing device or a sound that fails to load is logged once (logger
"walkback_desktop.audio") and shows in `usable()`; nothing raises.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from walkback_desktop.audio.base import Beep
from walkback_desktop.audio.sounds import sound_path

log = logging.getLogger("walkback_desktop.audio")


class CueSounds(QObject):
    """The beeps, their device and what failed. `has_output()` replaces the
    device check (tests)."""

    changed = Signal()  # a sound failed, or the device list changed
    outputs_changed = Signal(bool)  # an output device appeared (True) or went (False)
    loaded = Signal()  # load_in_background() finished

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        has_output: Callable[[], bool] | None = None,
        warn_once: Callable[..., None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._has_output = has_output
        self._warn_once = warn_once or _log_warning
        self.checked = False  # the device was looked for (sounds made if found)
        self.device_found = True  # optimistic until checked
        self.broken: set[Beep] = set()
        self._effects: dict[Beep, Any] = {}
        self._devices: Any = None
        self._warmed_up = False
        self._volume = 1.0
        self._to_make: list[Beep] = []
        self._background = False

    # --- state ----------------------------------------------------------------
    def usable(self) -> bool:
        """Some beep can be heard (assumed until the device was looked for)."""
        if not self.checked:
            return True
        return self.device_found and len(self.broken) < len(Beep)

    def settled(self) -> bool:
        """True once every sound finished loading, well or not (or none will load)."""
        if not self.checked or self._to_make:
            return False
        from PySide6.QtMultimedia import QSoundEffect

        done = (QSoundEffect.Status.Ready, QSoundEffect.Status.Error)
        return all(effect.status() in done for effect in self._effects.values())

    # --- playing --------------------------------------------------------------
    def play(self, beep: Beep, volume: float) -> None:
        self.load()
        effect = self._effects.get(beep)
        if effect is None or beep in self.broken:
            return
        effect.setVolume(volume)
        effect.play()

    def set_volume(self, volume: float) -> None:
        self._volume = volume
        for effect in self._effects.values():
            effect.setVolume(volume)

    def stop(self) -> None:
        for effect in self._effects.values():
            effect.stop()

    # --- loading --------------------------------------------------------------
    def load_in_background(self) -> None:
        """Get ready without holding the GUI thread; `loaded` says when done."""
        if self._background:
            return
        self._background = True
        if self.checked and not self._to_make:
            QTimer.singleShot(0, self, self.loaded.emit)
            return
        has_output = self._has_output
        if has_output is not None and "PySide6.QtMultimedia" in sys.modules:
            # A stand-in for the device check (tests), nothing left to import.
            QTimer.singleShot(0, self, lambda: self._check_device_step(bool(has_output())))
            return
        done = _FirstQueryDone(self)
        done.finished.connect(self._check_device_step)
        query = has_output or _outputs_present
        thread = threading.Thread(
            target=done.run, args=(query,), name="warm-up-QtMultimedia", daemon=True
        )
        thread.start()

    def load(self) -> None:
        """Look for the device and make every sound now (a cue is due)."""
        if not self.checked:
            self._check_device(self._has_output() if self._has_output else _outputs_present())
        while self._to_make:
            self._make_next()

    def _check_device_step(self, found: bool) -> None:
        try:
            self._check_device(found)
        except Exception:
            log.exception("looking for a sound output device failed")
            self._to_make = []
        QTimer.singleShot(0, self, self._make_step)

    def _make_step(self) -> None:
        try:
            if self._to_make:
                self._make_next()
        except Exception:
            log.exception("loading a cue sound failed")
        if self._to_make:
            QTimer.singleShot(0, self, self._make_step)
        else:
            self.loaded.emit()

    def _check_device(self, found: bool) -> None:
        if self.checked:
            return
        self.checked = True
        self.device_found = found
        if self._has_output is None and self._devices is None:
            from PySide6.QtMultimedia import QMediaDevices

            self._devices = QMediaDevices(self)
            self._devices.audioOutputsChanged.connect(self._on_outputs_changed)
        if not found:
            self._warn_once(
                "no-device",
                "No sound output device found (is a sound server such as PulseAudio "
                "or PipeWire running?): beeps and speech cannot be heard.",
            )
            return
        for beep in Beep:
            path = sound_path(beep)
            if not path.is_file():
                self._warn_once(f"missing-{beep.value}", "Cue sound missing: %s", path)
                self.broken.add(beep)
            else:
                self._to_make.append(beep)

    def _make_next(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        beep = self._to_make.pop(0)
        effect = QSoundEffect(self)
        effect.setVolume(self._volume)
        # Registered before setSource: the status can change inside it.
        self._effects[beep] = effect
        effect.statusChanged.connect(lambda b=beep: self._on_effect_status(b))
        effect.setSource(QUrl.fromLocalFile(str(sound_path(beep))))
        self._on_effect_status(beep)

    def _on_effect_status(self, beep: Beep) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        effect = self._effects.get(beep)
        if effect is None:
            return
        if effect.status() == QSoundEffect.Status.Ready and beep is Beep.TICK:
            self._warm_up(effect)
        if effect.status() != QSoundEffect.Status.Error or beep in self.broken:
            return
        self.broken.add(beep)
        self._warn_once(
            f"effect-{beep.value}",
            "The %s sound could not be played (QSoundEffect error): it stays silent.",
            beep.value,
        )
        self.changed.emit()

    def _warm_up(self, effect: Any) -> None:
        """Play the tick once, muted, so the first real beeps come out clean.

        Recorded through a PulseAudio null sink (bench/audio_loopback.py), the
        first two countdown beeps after start-up came out at double amplitude
        (clipped) in every run; with this muted play first, every beep was clean
        (the muted play itself records as silence). Whether Qt's audio sink or
        the null sink's monitor causes it is not established; the cost is one
        silent 35 ms play. `play` sets the real volume before each play.
        """
        if self._warmed_up:
            return
        self._warmed_up = True
        effect.setVolume(0.0)
        effect.play()

    def _on_outputs_changed(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        found = bool(QMediaDevices.audioOutputs())
        if found == self.device_found:
            return
        log.info("sound output devices changed: %s", "found" if found else "none")
        for effect in self._effects.values():
            effect.deleteLater()
        self._effects.clear()
        self.broken.clear()
        self._to_make = []
        self._warmed_up = False
        self.checked = False
        self._check_device(found)
        self.load()
        self.outputs_changed.emit(found)
        self.changed.emit()


class _FirstQueryDone(QObject):
    finished = Signal(bool)  # emitted on the helper thread, delivered on the GUI thread

    def run(self, query: Callable[[], bool]) -> None:
        """Import QtMultimedia and look for an output device: the first query
        starts Qt's audio backend, and Qt gives the GIL back while it works."""
        found = False
        try:
            import PySide6.QtMultimedia  # noqa: F401

            found = bool(query())
        except Exception:
            log.exception("looking for a sound output device failed")
        self.finished.emit(found)


def _outputs_present() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


def _log_warning(key: str, message: str, *args: object) -> None:
    log.warning(message, *args)
