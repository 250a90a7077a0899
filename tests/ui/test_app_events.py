"""While start-up is still putting the pages in the window, a Start click and
files dropped on the window are kept, then delivered once, in order."""

from __future__ import annotations

from pathlib import Path

from walkback_desktop.ui.context import AppEvents


def test_held_start_and_files_are_delivered_once_the_pages_are_in(qapp) -> None:
    events = AppEvents()
    seen: list[tuple[str, object]] = []
    events.start_requested.connect(lambda rid: seen.append(("start", rid)))
    events.files_dropped.connect(lambda paths: seen.append(("files", paths)))
    events.hold()
    events.request_start("first-steps-12")
    events.request_start("knee-friendly-20")  # the last click counts
    events.drop_files([Path("a.walkback.json")])
    events.drop_files([Path("b.walkback.json")])
    assert seen == []
    events.release()
    assert seen == [
        ("start", "knee-friendly-20"),
        ("files", [Path("a.walkback.json"), Path("b.walkback.json")]),
    ]
    events.release()  # nothing twice
    events.request_start("first-steps-12")  # and straight through afterwards
    assert seen[-1] == ("start", "first-steps-12") and len(seen) == 3
