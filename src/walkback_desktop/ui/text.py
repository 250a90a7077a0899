"""Showing text a person typed (notes, routine names) literally.

Qt guesses: a tooltip or a message box whose text looks like HTML
(`Qt::mightBeRichText`) is rendered as HTML, so a note "<b>red</b><img src=x>"
would show bold text and try to load an image. Labels and boxes take
`Qt.TextFormat.PlainText`; tooltips have no such switch, so `plain_tooltip`
hands Qt rich text in which every character of the user's text is escaped.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip string that shows `text` exactly as written (line breaks kept)."""
    if not text:
        return ""
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"
