"""Screen-sleep inhibition: never raises, says why when it cannot, and calls each
platform's API the documented way (checked with fakes)."""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest

from walkback_desktop.ui.keep_awake import (
    ASSERTION_TYPE,
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    FreedesktopInhibitor,
    InhibitError,
    KeepAwake,
    MacInhibitor,
    UInt32,
    WindowsInhibitor,
    platform_inhibitor,
)

LOG = "walkback_desktop.ui.keep_awake"


class FakeBus:
    """A session-bus connection to a fake org.freedesktop.ScreenSaver."""

    def __init__(self, *, fail: set[str] | None = None, cookie: object = 42) -> None:
        self.calls: list[tuple[str, tuple[object, ...]]] = []
        self.closed = False
        self._fail = fail or set()
        self._cookie = cookie

    def call(self, method: str, *args: object) -> list[Any]:
        assert not self.closed
        self.calls.append((method, args))
        if method in self._fail:
            raise InhibitError(f"{method}: org.freedesktop.DBus.Error.ServiceUnknown")
        return [self._cookie] if method == "Inhibit" else []

    def close(self) -> None:
        self.closed = True


class Connector:
    def __init__(self, **bus_options: Any) -> None:
        self.buses: list[FakeBus] = []
        self._options = bus_options

    def __call__(self) -> FakeBus:
        self.buses.append(FakeBus(**self._options))
        return self.buses[-1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus session bus: Linux")
def test_this_machine_without_a_session_bus_says_why(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path, caplog: pytest.LogCaptureFixture
):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    caplog.set_level(logging.INFO, logger=LOG)
    keep = KeepAwake(platform="linux")
    assert keep.acquire("Workout: Knee-friendly retro walk") is False
    assert not keep.active
    assert "D-Bus" in keep.unavailable_reason
    keep.release()
    assert keep.acquire() is False  # again: still no exception
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "Cannot keep the screen awake" in warnings[0].getMessage()


def test_linux_inhibits_and_uninhibits_with_the_cookie_as_uint32():
    connect = Connector()
    keep = KeepAwake(FreedesktopInhibitor(connect))
    assert keep.acquire("Workout running") is True
    assert keep.active
    assert keep.unavailable_reason == ""
    bus = connect.buses[0]
    assert bus.calls == [("Inhibit", ("WalkBack", "Workout running"))]
    assert not bus.closed  # held open: closing it would end the inhibition
    assert keep.acquire() is True  # twice is harmless
    assert len(connect.buses) == 1
    keep.release()
    assert not keep.active
    method, args = bus.calls[-1]
    assert method == "UnInhibit"
    assert args == (42,)
    assert isinstance(args[0], UInt32)
    assert bus.closed
    keep.release()  # twice is harmless
    assert len(bus.calls) == 2


def test_linux_without_a_screensaver_service(caplog: pytest.LogCaptureFixture):
    connect = Connector(fail={"Inhibit"})
    keep = KeepAwake(FreedesktopInhibitor(connect))
    with caplog.at_level(logging.WARNING, logger=LOG):
        assert keep.acquire() is False
    assert "ServiceUnknown" in keep.unavailable_reason
    assert "ServiceUnknown" in caplog.text
    assert connect.buses[0].closed
    keep.release()
    assert len(connect.buses[0].calls) == 1


def test_linux_bad_cookie_is_refused():
    connect = Connector(cookie="not-a-number")
    keep = KeepAwake(FreedesktopInhibitor(connect))
    assert keep.acquire() is False
    assert "cookie" in keep.unavailable_reason
    assert connect.buses[0].closed


def test_linux_uninhibit_failure_still_closes_the_connection():
    connect = Connector(fail={"UnInhibit"})
    keep = KeepAwake(FreedesktopInhibitor(connect))
    assert keep.acquire()
    keep.release()
    assert connect.buses[0].closed
    assert not keep.active
    # And the next workout can inhibit again on a fresh connection.
    assert keep.acquire()
    assert len(connect.buses) == 2


def test_no_bus_at_all_never_raises():
    def no_bus() -> FakeBus:
        raise InhibitError("no D-Bus session bus (not connected)")

    keep = KeepAwake(FreedesktopInhibitor(no_bus))
    assert keep.acquire() is False
    assert keep.unavailable_reason == "no D-Bus session bus (not connected)"
    keep.release()


def test_any_error_from_a_backend_is_contained():
    class Broken:
        name = "broken"

        def inhibit(self, reason: str) -> None:
            raise RuntimeError("boom")

        def uninhibit(self) -> None:
            raise RuntimeError("boom")

    keep = KeepAwake(Broken())
    assert keep.acquire() is False
    assert keep.unavailable_reason == "boom"


def test_release_failure_is_logged_not_raised(caplog: pytest.LogCaptureFixture):
    class SticksOnRelease:
        name = "sticky"

        def inhibit(self, reason: str) -> None:
            pass

        def uninhibit(self) -> None:
            raise InhibitError("cannot release")

    keep = KeepAwake(SticksOnRelease())
    assert keep.acquire()
    with caplog.at_level(logging.WARNING, logger=LOG):
        keep.release()
    assert "cannot release" in caplog.text
    assert not keep.active


class FakeKernel32:
    def __init__(self, result: int = 1) -> None:
        self.flags: list[int] = []
        self._result = result

    def SetThreadExecutionState(self, flags: int) -> int:
        self.flags.append(flags)
        return self._result


def test_windows_sets_and_resets_the_execution_state():
    kernel32 = FakeKernel32()
    keep = KeepAwake(WindowsInhibitor(kernel32))
    assert keep.acquire()
    keep.release()
    assert kernel32.flags == [
        ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED,
        ES_CONTINUOUS,
    ]


def test_windows_failure_is_reported():
    keep = KeepAwake(WindowsInhibitor(FakeKernel32(result=0)))
    assert keep.acquire() is False
    assert "SetThreadExecutionState" in keep.unavailable_reason


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has kernel32")
def test_windows_api_missing_here_is_reported():
    keep = KeepAwake(platform="win32")
    assert keep.acquire() is False
    assert "kernel32" in keep.unavailable_reason


class FakeCoreFoundation:
    def __init__(self) -> None:
        self.strings: dict[int, str] = {}
        self.released: list[int] = []

    def CFStringCreateWithCString(self, allocator: object, text: bytes, encoding: int) -> int:
        ref = 1000 + len(self.strings)
        self.strings[ref] = text.decode("utf-8")
        return ref

    def CFRelease(self, ref: int) -> None:
        self.released.append(ref)


class FakeIOKit:
    def __init__(self, cf: FakeCoreFoundation, result: int = 0) -> None:
        self._cf = cf
        self._result = result
        self.created: list[tuple[str, int, str]] = []
        self.released: list[int] = []

    def IOPMAssertionCreateWithName(self, kind: int, level: int, name: int, out: Any) -> int:
        self.created.append((self._cf.strings[kind], level, self._cf.strings[name]))
        out.contents.value = 77
        return self._result

    def IOPMAssertionRelease(self, assertion: int) -> int:
        self.released.append(assertion)
        return 0


def test_macos_creates_and_releases_a_display_sleep_assertion():
    cf = FakeCoreFoundation()
    iokit = FakeIOKit(cf)
    keep = KeepAwake(MacInhibitor(iokit, cf))
    assert keep.acquire("Workout running")
    assert iokit.created == [(ASSERTION_TYPE, 255, "WalkBack: Workout running")]
    assert sorted(cf.released) == sorted(cf.strings)  # no CFString leaked
    keep.release()
    assert iokit.released == [77]


def test_macos_failure_is_reported():
    cf = FakeCoreFoundation()
    keep = KeepAwake(MacInhibitor(FakeIOKit(cf, result=-536870201), cf))
    assert keep.acquire() is False
    assert "IOPMAssertionCreateWithName" in keep.unavailable_reason


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS has IOKit")
def test_macos_framework_missing_here_is_reported():
    keep = KeepAwake(platform="darwin")
    assert keep.acquire() is False
    assert "IOKit" in keep.unavailable_reason


def test_unknown_platform_is_reported():
    assert platform_inhibitor("plan9") is None
    keep = KeepAwake(platform="plan9")
    assert keep.acquire() is False
    assert "plan9" in keep.unavailable_reason
    keep.release()
