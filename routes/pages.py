"""Which paths are pages: the explorer at / and the embed view at /embed (the one page other sites may frame);
/about is its own route. Any other path is not found: 404 with a page that links home, never the explorer.
/favicon.ico, which browsers ask for on pages without an icon link (/about, the 404 page), is Dash's icon."""

from html import escape

import dash
from flask import Response, request
from werkzeug.exceptions import NotFound

from ascn import wording
from ascn.paths import EMBED_PATH

DASH_PAGES = frozenset({EMBED_PATH})  # served by Dash's catch-all route besides its index ("/")

NOT_FOUND_PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(wording.NOT_FOUND)} · {escape(wording.SITE_NAME)}</title>
  <link rel="stylesheet" href="/assets/css/0_bootstrap-5.3.8.min.css">
  <link rel="stylesheet" href="/assets/css/1_app.css">
</head>
<body>
  <main class="container py-5">
    <div class="bg-white border rounded px-3 px-md-4 py-4 mx-auto" style="max-width: 40rem">
      <h1 class="h3">{escape(wording.NOT_FOUND)}</h1>
      <p>{escape(wording.NOT_FOUND_TEXT)}</p>
      <p class="mb-0"><a class="btn btn-primary" href="/">{escape(wording.NOT_FOUND_HOME, quote=False)}</a>
        <a class="btn btn-link" href="/about">{escape(wording.ABOUT_LINK)}</a></p>
    </div>
  </main>
</body>
</html>
"""


def not_found_page() -> Response:
    """404 with a page saying so and linking home (it repeats nothing of the request: no text a link could plant)."""
    return Response(NOT_FOUND_PAGE, status=404, mimetype="text/html")


def register(app: dash.Dash) -> None:
    """Answer 404 (with the page above) for every path that is not a page or a file, instead of the explorer."""
    server = app.server
    catch_all = app.config.routes_pathname_prefix + "<path:path>"  # Dash's endpoint for every other GET path

    @server.get("/favicon.ico")
    def favicon():
        return app._serve_default_favicon()  # the icon Dash's own pages link to as /_favicon.ico

    @server.before_request
    def only_known_pages():
        if request.endpoint == catch_all and request.path not in DASH_PAGES:
            return not_found_page()
        return None

    @server.errorhandler(NotFound)
    def not_found(_err):
        return not_found_page()
