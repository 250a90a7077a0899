"""The printable progress report."""
