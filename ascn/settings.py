"""The dashboard's settings, read once from the environment and handed to the app factory.

ASCN_DATA_DIR: the data directory (default: the repository's data/). ASCN_PUBLIC_URL: the public address cited
and linked; citations and links in downloads name it, never a host a request's Host header claims (any client
can send ``Host: evil.example``). WEB_CONCURRENCY: gunicorn's worker processes (default: one per usable core).
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ascn import numbers

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PUBLIC_URL_ENV = "ASCN_PUBLIC_URL"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = DEFAULT_DATA_DIR
    public_url: str | None = None  # scheme://host[:port][/path]/, checked; None: citations name no address
    workers: int = 1

    def link(self, path_and_query: str) -> str:
        """An absolute link under the public address, or the path itself (relative to the site) when none is set."""
        return self.public_url.rstrip("/") + path_and_query if self.public_url else path_and_query


def settings_from_env(environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings of this environment; ValueError saying what is wrong with a malformed one."""
    return Settings(data_dir=data_dir_from_env(environ), public_url=parse_public_url(environ.get(PUBLIC_URL_ENV)),
                    workers=workers_from_env(environ))


def workers_from_env(environ: Mapping[str, str] = os.environ) -> int:
    """``WEB_CONCURRENCY``, else one process per core this process may use (a callback is CPU-bound)."""
    workers = environ.get("WEB_CONCURRENCY") or str(len(os.sched_getaffinity(0)))
    count = numbers.whole(workers, 1, 256)
    if count is None:
        raise ValueError(f"WEB_CONCURRENCY={workers[:80]!r}: it must be a whole number of worker processes from 1 to 256")
    return count


def data_dir_from_env(environ: Mapping[str, str] = os.environ) -> Path:
    """``ASCN_DATA_DIR`` if set, else the repository's ``data/``."""
    return Path(environ.get("ASCN_DATA_DIR") or DEFAULT_DATA_DIR)


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
        raise ValueError(f"{PUBLIC_URL_ENV}={text!r}: {problem or 'it holds spaces, quotes or angle brackets'}; "
                         "example: https://ascn.example.org/")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"
