"""The Workout page, read from across the room: a routine picker (`picker`),
the player view (`player_view`), and the page that wires them to the
`WorkoutController` and the finish screen (`page`, `finishing`)."""

from walkback_desktop.ui.pages.workout.page import WorkoutPage

__all__ = ["WorkoutPage"]
