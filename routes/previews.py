"""Link previews of the explorer: each view's title and description in its page head (plain meta and Open Graph),
from the view's URL parameters read by the same parser as the page and the API, so a link pasted into a chat or an
article reads as what it shows ("Partner Japan: 11 partnerships of the 38 ..."). Profiles write their own heads.

Dash builds its index page through ``interpolate_index`` (documented as the method to override for custom HTML): the
app's own is wrapped, for the explorer's path only (/embed keeps the site's head)."""

import html

import dash
from flask import request

from ascn import filters, wording
from ascn.query import Query
from ascn.selection import parse_params

VIEW_PARAMS = frozenset(filters.params())  # page parameters (present, scene, ...) do not change what a view shows


def head_tags(query: Query, args) -> tuple[str, str]:
    """The view's title and description, from its URL parameters (what the page would not understand is left out)."""
    params = {key: args.getlist(key) for key in args if key in VIEW_PARAMS}
    sel = parse_params(params, query.allowed).selection
    what = wording.describe(sel, query.allowed)
    return wording.view_title(what), wording.view_description(what, query.count(sel), query.n)


def meta_tags(title: str, description: str) -> str:
    t, d = html.escape(title), html.escape(description)
    return (f'<meta name="description" content="{d}">\n<meta property="og:title" content="{t}">\n'
            f'<meta property="og:description" content="{d}">\n<meta property="og:type" content="website">')


def register(app: dash.Dash, query: Query) -> None:
    """The explorer's page head names its view."""
    plain = app.interpolate_index

    def interpolate_index(**parts):
        if request.path == "/":
            title, description = head_tags(query, request.args)
            parts = {**parts, "title": html.escape(title), "metas": parts.get("metas", "") + "\n" + meta_tags(title, description)}
        return plain(**parts)

    app.interpolate_index = interpolate_index
