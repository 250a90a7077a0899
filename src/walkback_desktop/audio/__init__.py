"""Cue playback: beeps, speech and their fallbacks."""
