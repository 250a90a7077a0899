"""The routine editor: a dialog, its segment table model and its undo commands."""
