"""The workout's side of the audio and power boundaries: the player made ready,
its options from the typed settings, calls that never let a failing player stop
a workout, and the screen kept awake (failures logged, never raised)."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Mapping
from typing import Protocol, TypedDict

from walkback_desktop.audio.base import CuePlayer
from walkback_desktop.core.settings import AppSettings
from walkback_desktop.ui.context import AppContext

log = logging.getLogger(__name__)


def prepare_player(ctx: AppContext) -> CuePlayer:
    """Ask the player to load its sounds and speech engine (it returns at once)."""
    player = ctx.cue_player
    try:
        player.prepare()
    except Exception:
        log.exception("the sound player could not get ready")
    return player


class AudioOptions(TypedDict):
    """What `CuePlayer.set_options` takes, typed."""

    voice_enabled: bool
    beeps_enabled: bool
    volume: float
    voice_name: str
    voice_rate: float


def audio_options(
    settings: AppSettings | Mapping[str, object], *, muted: bool = False
) -> AudioOptions:
    """The player's options from the settings (volume 0.0-1.0)."""
    if not isinstance(settings, AppSettings):
        settings = AppSettings.from_values(settings)
    return {
        "voice_enabled": settings.voice_enabled,
        "beeps_enabled": settings.beeps_enabled,
        "volume": 0.0 if muted else settings.volume / 100.0,
        "voice_name": settings.voice_name,
        "voice_rate": settings.voice_rate,
    }


def call_player(player: CuePlayer, method: str, *args: object, **kwargs: object) -> object:
    """Call the player; a player must never raise, and if it does the workout carries on."""
    try:
        return getattr(player, method)(*args, **kwargs)
    except Exception:
        log.exception("the sound player failed in %s()", method)
        return False


class _Awake(Protocol):
    def acquire(self, reason: str = "") -> bool: ...

    def release(self) -> None: ...


class AwakeHold:
    """Keeps the screen on during a workout; made on first use by `factory`.

    An awake object that says it `may_block` (the D-Bus screensaver service: a
    bus connection and a call, 20-30 ms, up to its 2 s timeout) is called on one
    helper thread, in order, so starting a workout never waits for it. Others
    (Windows: the request belongs to the calling thread) are called here.
    """

    def __init__(self, factory: Callable[[], _Awake]) -> None:
        self._factory = factory
        self._awake: _Awake | None = None
        self._jobs: queue.SimpleQueue[Callable[[], object]] | None = None

    def acquire(self, reason: str) -> None:
        try:
            if self._awake is None:
                self._awake = self._factory()
        except Exception:
            log.exception("could not keep the screen awake")
            return
        awake = self._awake
        self._run(lambda: awake.acquire(reason), "could not keep the screen awake")

    def release(self) -> None:
        awake = self._awake
        if awake is None:
            return
        self._run(awake.release, "could not release the screen-awake request")

    def settle(self, timeout_s: float = 5.0) -> bool:
        """Wait until the requests handed to the helper thread are done (tests)."""
        if self._jobs is None:
            return True
        done = threading.Event()
        self._jobs.put(done.set)
        return done.wait(timeout_s)

    def _run(self, call: Callable[[], object], failure: str) -> None:
        if not getattr(self._awake, "may_block", False):
            _guarded(call, failure)
            return
        if self._jobs is None:
            self._jobs = queue.SimpleQueue()
            threading.Thread(
                target=_work, args=(self._jobs,), name="keep-awake", daemon=True
            ).start()
        self._jobs.put(lambda: _guarded(call, failure))


def _guarded(call: Callable[[], object], failure: str) -> None:
    try:
        call()
    except Exception:
        log.exception(failure)


def _work(jobs: queue.SimpleQueue[Callable[[], object]]) -> None:
    while True:
        jobs.get()()
