"""The embed panel's responsive snippet, derived from the fixed one the page already offers."""

from dash import Input, Output, State

from components import ids
from components.embed import origin_of, responsive_snippet


def responsive_embed(snippet, href):
    """The same iframe, plus the script that resizes it to its chart (see components/embed.py)."""
    return responsive_snippet(snippet or "", origin_of(href))


def register(app) -> None:
    app.callback(Output(ids.EMBED_SNIPPET_RESPONSIVE, "value"), Input(ids.EMBED_SNIPPET, "value"), State(ids.URL, "href"))(responsive_embed)
