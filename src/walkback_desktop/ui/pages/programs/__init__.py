"""The Programs page (browse, preview, enrol, import and export programs)."""

from walkback_desktop.ui.pages.programs.page import ProgramsPage

__all__ = ["ProgramsPage"]
