"""The dashboard's public address, from ASCN_PUBLIC_URL, read in this one place: citations and the links in downloads
name it, never a host a request's Host header claims (any client can send ``Host: evil.example``)."""

import functools
import os
from urllib.parse import urlsplit

ENV = "ASCN_PUBLIC_URL"


def parse_public_url(text: str | None) -> str | None:
    """``scheme://host[:port][/path]/`` (with a trailing slash), or None when unset; ValueError saying what is wrong."""
    if text is None or not text.strip():
        return None
    parts = urlsplit(text.strip())
    problem = None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "it must be an http:// or https:// address with a host name"
    elif parts.query or parts.fragment or parts.username or parts.password or "@" in parts.netloc:
        problem = "it must not carry a query, a fragment or credentials"
    else:
        try:
            parts.port  # raises on a port that is not a number from 0 to 65535
        except ValueError:
            problem = "its port is not a number from 0 to 65535"
    if problem or any(c.isspace() or c in "<>\"'`" for c in text.strip()):
        raise ValueError(f"{ENV}={text!r}: {problem or 'it holds spaces, quotes or angle brackets'}; "
                         "example: https://ascn.example.org/")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


@functools.cache
def public_url() -> str | None:
    """The configured public address (read once per process), or None: then citations name no address and links are
    relative paths."""
    return parse_public_url(os.environ.get(ENV))


def link(path_and_query: str) -> str:
    """An absolute link under the public address, or the path itself (relative to the dashboard's site) when unset."""
    base = public_url()
    return base.rstrip("/") + path_and_query if base else path_and_query
