"""Link previews of the explorer: each view's title and description in its page head (plain meta and Open Graph),
from the view's URL parameters read by the same parser as the page and the API, so a link pasted into a chat or an
article reads as what it shows ("Partner Japan: 11 partnerships of the 38 ..."). Profiles write their own heads."""

import html
import re

import dash
from flask import Response, request

from ascn import filters, wording
from ascn.query import Query
from ascn.selection import parse_params

TITLE = re.compile(r"<title>[^<]*</title>")
VIEW_PARAMS = frozenset(filters.params())  # page parameters (present, scene, ...) do not change what a view shows


def head_tags(query: Query, args) -> tuple[str, str]:
    """The view's title and description, from its URL parameters (what the page would not understand is left out)."""
    params = {key: args.getlist(key) for key in args if key in VIEW_PARAMS}
    sel = parse_params(params, query.allowed).selection
    what = wording.describe(sel, query.allowed)
    return wording.view_title(what), wording.view_description(what, query.count(sel), query.n)


def _tags(title: str, description: str) -> str:
    t, d = html.escape(title), html.escape(description)
    return (f'<meta name="description" content="{d}">\n<meta property="og:title" content="{t}">\n'
            f'<meta property="og:description" content="{d}">\n<meta property="og:type" content="website">')


def register(app: dash.Dash, query: Query) -> None:
    """Rewrite the explorer's page head for its view (GET / only; /embed keeps the site's)."""

    @app.server.after_request
    def view_head(response: Response) -> Response:
        if request.path != "/" or request.method != "GET" or response.status_code != 200 or response.mimetype != "text/html":
            return response
        title, description = head_tags(query, request.args)
        body = response.get_data(as_text=True)
        body = TITLE.sub(lambda _: f"<title>{html.escape(title)}</title>\n" + _tags(title, description), body, count=1)
        response.set_data(body)
        return response
