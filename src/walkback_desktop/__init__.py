"""WalkBack: a desktop coach for timed backward-walking workouts."""

__version__ = "0.1.0"
APP_NAME = "WalkBack"
APP_ID = "org.walkback.WalkBack"
