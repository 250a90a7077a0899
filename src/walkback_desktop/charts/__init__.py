"""pyqtgraph chart widgets fed by core.stats."""
