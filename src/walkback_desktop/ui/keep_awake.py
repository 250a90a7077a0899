"""Keep the screen awake while a workout runs (issue 3, item 8).

* Linux: the freedesktop ScreenSaver service over the session D-Bus
  (`org.freedesktop.ScreenSaver.Inhibit` / `UnInhibit`), on a private bus
  connection that is closed on release: the service also drops an inhibition
  when its caller disconnects, so releasing works even where UnInhibit refuses
  the cookie.
* Windows: `SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED |
  ES_SYSTEM_REQUIRED)`, reset to `ES_CONTINUOUS` on release (call both from the
  GUI thread: the state belongs to the calling thread).
* macOS: an IOKit power assertion `PreventUserIdleDisplaySleep`
  (`IOPMAssertionCreateWithName` / `IOPMAssertionRelease`).

`KeepAwake.acquire()` / `release()` never raise: when the platform cannot do it
(no session bus, no screensaver service, a missing library) they log once why
and the workout goes on.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

from walkback_desktop.i18n import N_, _

log = logging.getLogger("walkback_desktop.ui.keep_awake")

APP_NAME = "WalkBack"
# Shown by the system (e.g. in its list of what keeps the screen on): translated.
DEFAULT_REASON = N_("A workout is running")


class InhibitError(Exception):
    """The platform cannot keep the screen awake; the message says why."""


class Inhibitor(Protocol):
    name: str

    def inhibit(self, reason: str) -> None:
        """Start keeping the screen awake; raise InhibitError if impossible."""
        ...

    def uninhibit(self) -> None:
        """Stop; raise InhibitError if that failed."""
        ...


# --- Linux: freedesktop ScreenSaver over D-Bus ---------------------------------

SCREENSAVER_SERVICE = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATH = "/org/freedesktop/ScreenSaver"
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"
_DBUS_TIMEOUT_MS = 2000
_CONNECTION_NAME = "walkback-keep-awake"


class DBusCall(Protocol):
    """One connection to the session bus, reduced to what the inhibitor needs."""

    def call(self, method: str, *args: object) -> list[Any]:
        """Call a ScreenSaver method; return the reply's arguments or raise InhibitError."""
        ...

    def close(self) -> None: ...


class UInt32(int):
    """A D-Bus argument to send as uint32 ("u"): PySide6 sends a plain int as int32."""


class QtDBusCall:
    """`DBusCall` on QtDBus: a private session-bus connection, calls with a timeout."""

    def __init__(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        self._connection = QDBusConnection.connectToBus(
            QDBusConnection.BusType.SessionBus, _CONNECTION_NAME
        )
        if not self._connection.isConnected():
            why = self._connection.lastError().message() or "not connected"
            QDBusConnection.disconnectFromBus(_CONNECTION_NAME)
            raise InhibitError(f"no D-Bus session bus ({why})")

    def call(self, method: str, *args: object) -> list[Any]:
        from PySide6.QtDBus import QDBus, QDBusMessage

        if any(isinstance(arg, UInt32) for arg in args):
            return self._call_typed(method, args)

        message = QDBusMessage.createMethodCall(
            SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_INTERFACE, method
        )
        message.setArguments(list(args))
        reply = self._connection.call(message, QDBus.CallMode.Block, _DBUS_TIMEOUT_MS)
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            raise InhibitError(f"{method}: {reply.errorMessage() or reply.errorName()}")
        return list(reply.arguments())

    def _call_typed(self, method: str, args: tuple[object, ...]) -> list[Any]:
        """Call through the introspected interface, whose slots carry D-Bus types."""
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt
        from PySide6.QtDBus import QDBusInterface

        interface = QDBusInterface(
            SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_INTERFACE, self._connection
        )
        interface.setTimeout(_DBUS_TIMEOUT_MS)
        if not interface.isValid():
            raise InhibitError(f"{method}: {interface.lastError().message() or 'no interface'}")
        typed = [
            Q_ARG("uint", int(arg)) if isinstance(arg, UInt32) else Q_ARG("QString", str(arg))
            for arg in args
        ]
        if not QMetaObject.invokeMethod(
            interface, method, Qt.ConnectionType.DirectConnection, *typed
        ):
            raise InhibitError(f"{method}: not offered by the screensaver service")
        error = interface.lastError()
        if error.isValid():
            raise InhibitError(f"{method}: {error.message()}")
        return []

    def close(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        del self._connection
        QDBusConnection.disconnectFromBus(_CONNECTION_NAME)


class FreedesktopInhibitor:
    name = "freedesktop ScreenSaver (D-Bus)"

    def __init__(self, connect: Callable[[], DBusCall] = QtDBusCall) -> None:
        self._connect = connect
        self._bus: DBusCall | None = None
        self._cookie: int | None = None

    def inhibit(self, reason: str) -> None:
        bus = self._connect()
        try:
            reply = bus.call("Inhibit", APP_NAME, reason)
        except InhibitError:
            bus.close()
            raise
        if not reply or not isinstance(reply[0], int):
            bus.close()
            raise InhibitError(f"Inhibit returned no cookie ({reply!r})")
        self._bus, self._cookie = bus, int(reply[0])

    def uninhibit(self) -> None:
        bus, cookie = self._bus, self._cookie
        self._bus, self._cookie = None, None
        if bus is None or cookie is None:
            return
        try:
            bus.call("UnInhibit", UInt32(cookie))
        except InhibitError as error:
            # Closing the connection below ends the inhibition anyway.
            log.debug("UnInhibit failed (%s); closing the bus connection instead", error)
        finally:
            bus.close()


# --- Windows: SetThreadExecutionState --------------------------------------------

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


class WindowsInhibitor:
    name = "SetThreadExecutionState"

    def __init__(self, kernel32: Any = None) -> None:
        self._kernel32 = kernel32

    def _api(self) -> Any:
        if self._kernel32 is None:
            try:
                self._kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
            except (AttributeError, OSError) as error:
                raise InhibitError(f"kernel32 not available ({error})") from None
            self._kernel32.SetThreadExecutionState.argtypes = [ctypes.c_uint32]
            self._kernel32.SetThreadExecutionState.restype = ctypes.c_uint32
        return self._kernel32

    def inhibit(self, reason: str) -> None:
        flags = ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
        if not self._api().SetThreadExecutionState(flags):
            raise InhibitError("SetThreadExecutionState failed")

    def uninhibit(self) -> None:
        if not self._api().SetThreadExecutionState(ES_CONTINUOUS):
            raise InhibitError("SetThreadExecutionState(ES_CONTINUOUS) failed")


# --- macOS: IOKit power assertion ---------------------------------------------------

IOKIT_PATH = "/System/Library/Frameworks/IOKit.framework/IOKit"
CORE_FOUNDATION_PATH = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
ASSERTION_TYPE = "PreventUserIdleDisplaySleep"
K_IOPM_ASSERTION_LEVEL_ON = 255
K_CF_STRING_ENCODING_UTF8 = 0x08000100
K_IO_RETURN_SUCCESS = 0


class MacInhibitor:
    name = "IOKit power assertion"

    def __init__(self, iokit: Any = None, core_foundation: Any = None) -> None:
        self._iokit = iokit
        self._cf = core_foundation
        self._assertion: int | None = None

    def _load(self) -> tuple[Any, Any]:
        if self._iokit is None or self._cf is None:
            try:
                iokit = ctypes.cdll.LoadLibrary(IOKIT_PATH)
                cf = ctypes.cdll.LoadLibrary(CORE_FOUNDATION_PATH)
            except OSError as error:
                raise InhibitError(f"IOKit not available ({error})") from None
            cf.CFStringCreateWithCString.argtypes = [
                ctypes.c_void_p,
                ctypes.c_char_p,
                ctypes.c_uint32,
            ]
            cf.CFStringCreateWithCString.restype = ctypes.c_void_p
            cf.CFRelease.argtypes = [ctypes.c_void_p]
            cf.CFRelease.restype = None
            iokit.IOPMAssertionCreateWithName.argtypes = [
                ctypes.c_void_p,
                ctypes.c_uint32,
                ctypes.c_void_p,
                ctypes.POINTER(ctypes.c_uint32),
            ]
            iokit.IOPMAssertionCreateWithName.restype = ctypes.c_int32
            iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
            iokit.IOPMAssertionRelease.restype = ctypes.c_int32
            self._iokit, self._cf = iokit, cf
        return self._iokit, self._cf

    def _cfstring(self, cf: Any, text: str) -> Any:
        return cf.CFStringCreateWithCString(None, text.encode("utf-8"), K_CF_STRING_ENCODING_UTF8)

    def inhibit(self, reason: str) -> None:
        iokit, cf = self._load()
        kind = self._cfstring(cf, ASSERTION_TYPE)
        name = self._cfstring(cf, f"{APP_NAME}: {reason}")
        assertion = ctypes.c_uint32(0)
        try:
            result = iokit.IOPMAssertionCreateWithName(
                kind, K_IOPM_ASSERTION_LEVEL_ON, name, ctypes.pointer(assertion)
            )
        finally:
            for ref in (kind, name):
                if ref:
                    cf.CFRelease(ref)
        if result != K_IO_RETURN_SUCCESS:
            raise InhibitError(f"IOPMAssertionCreateWithName returned {result:#x}")
        self._assertion = assertion.value

    def uninhibit(self) -> None:
        assertion, self._assertion = self._assertion, None
        if assertion is None:
            return
        iokit, _cf = self._load()
        result = iokit.IOPMAssertionRelease(assertion)
        if result != K_IO_RETURN_SUCCESS:
            raise InhibitError(f"IOPMAssertionRelease returned {result:#x}")


def platform_inhibitor(platform: str = sys.platform) -> Inhibitor | None:
    if platform.startswith("win"):
        return WindowsInhibitor()
    if platform == "darwin":
        return MacInhibitor()
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return FreedesktopInhibitor()
    return None


class KeepAwake:
    """Hold the screen awake between `acquire()` and `release()`. Never raises."""

    def __init__(
        self, inhibitor: Inhibitor | None = None, *, platform: str = sys.platform
    ) -> None:
        self._inhibitor = inhibitor if inhibitor is not None else platform_inhibitor(platform)
        self._active = False
        self._why_not = "" if self._inhibitor is not None else f"not supported on {platform}"
        self._warned = False

    @property
    def active(self) -> bool:
        return self._active

    @property
    def may_block(self) -> bool:
        """True when a request can take long (a D-Bus round trip, up to its
        timeout): callers on the GUI thread make it from a helper thread. The
        Windows request belongs to the calling thread, so it is never moved."""
        return isinstance(self._inhibitor, FreedesktopInhibitor)

    @property
    def unavailable_reason(self) -> str:
        """Why the last acquire() could not keep the screen awake ("" if it could)."""
        return self._why_not

    def acquire(self, reason: str = DEFAULT_REASON) -> bool:
        """Keep the screen awake; True if that worked. Acquiring twice is harmless."""
        if self._active:
            return True
        if self._inhibitor is None:
            self._log_unavailable()
            return False
        try:
            self._inhibitor.inhibit(_(reason))
        except Exception as error:
            self._why_not = str(error) or type(error).__name__
            self._log_unavailable()
            return False
        self._active = True
        self._why_not = ""
        log.info("keeping the screen awake (%s)", self._inhibitor.name)
        return True

    def release(self) -> None:
        """Let the screen sleep again. Safe to call when not acquired."""
        if not self._active or self._inhibitor is None:
            return
        self._active = False
        try:
            self._inhibitor.uninhibit()
        except Exception as error:
            log.warning("could not release the screen-sleep inhibition: %s", error)
        else:
            log.info("screen may sleep again")

    def _log_unavailable(self) -> None:
        if self._warned:
            log.info("screen may sleep during the workout: %s", self._why_not)
            return
        self._warned = True
        log.warning(
            "Cannot keep the screen awake during the workout (%s); "
            "turn off screen blanking if it sleeps.",
            self._why_not,
        )
