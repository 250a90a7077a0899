from __future__ import annotations

import pytest

from walkback_desktop.audio import speech


@pytest.fixture(autouse=True)
def _end_speech_processes():
    yield
    speech.shutdown_all()
