"""The dashboard's page paths that more than one layer needs: the server (which paths are pages, which page may be
framed) and the page (which view a path renders). Pure Python: routes import it without importing layouts."""

EMBED_PATH = "/embed"  # the one page other sites may frame and the one that renders the embed view


def is_embed_path(pathname: str | None) -> bool:
    """Whether a page path is the embed view: exactly /embed (the server answers any other spelling with 404)."""
    return pathname == EMBED_PATH
