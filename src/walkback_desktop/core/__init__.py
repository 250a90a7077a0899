"""Pure-Python heart of WalkBack. Nothing below here imports Qt or SQLAlchemy."""
