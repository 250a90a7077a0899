from __future__ import annotations

from walkback_desktop.instance_lock import gui_lock, gui_running


def test_gui_running_follows_the_lock(data_dir):
    assert not gui_running(data_dir)
    lock = gui_lock(data_dir)
    assert lock.tryLock(0)
    assert gui_running(data_dir)
    lock.unlock()
    assert not gui_running(data_dir)
