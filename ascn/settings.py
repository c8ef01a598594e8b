"""The dashboard's settings, read once from the environment and handed to the app factory.

ASCN_DATA_DIR: the data directory (default: the repository's data/). ASCN_PUBLIC_URL: the public address cited
and linked; citations and links in downloads name it, never a host a request's Host header claims (any client
can send ``Host: evil.example``). WEB_CONCURRENCY: gunicorn's worker processes (default: one per usable core).
"""

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import idna

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
    """``scheme://host[:port][/path]/`` (with a trailing slash), or None when unset; ValueError saying what is wrong.

    A plain address only: http or https; a host of ASCII letters, digits, hyphens and dots (an international name
    is written in its IDNA form), no empty label; a port from 1 to 65535; a path of printable ASCII. Anything a
    browser would read otherwise (an ideographic full stop is a dot to it: another site) is refused with the reason.
    """
    if text is None or not text.strip():
        return None
    try:
        return _plain_url(text.strip())
    except ValueError as err:
        raise ValueError(f"{PUBLIC_URL_ENV}={text[:200]!r}: {err}; example: https://ascn.example.org/") from None


def _plain_url(text: str) -> str:
    scheme, sep, rest = text.partition("://")
    scheme = scheme.lower()
    if scheme not in ("http", "https") or not sep:
        raise ValueError("it must be an http:// or https:// address with a host name")
    netloc, slash, path = rest.partition("/")
    if any(c in netloc for c in "@?#\\") or any(c in path for c in "?#"):
        raise ValueError("it must not carry a query, a fragment, credentials or a backslash")
    if "[" in netloc or "]" in netloc:
        raise ValueError("its host holds '['; a host is letters, digits, hyphens and dots (a name, or an IPv4 address)")
    host, colon, port = netloc.rpartition(":") if ":" in netloc else (netloc, "", "")
    if colon and numbers.whole(port, 1, 65535) is None:
        raise ValueError("its port is not a number from 1 to 65535")
    path = "/" + path if slash else "/"
    bad = next((c for c in path if not 0x21 <= ord(c) <= 0x7E or c in _NOT_IN_PATH), None)
    if bad is not None:
        raise ValueError(f"its path holds {_shown(bad)}; a path is printable ASCII (percent-encode the rest)")
    path = path if path.endswith("/") else path + "/"
    return f"{scheme}://{_plain_host(host)}{colon}{port}{path}"


_NOT_IN_PATH = "\\<>\"'`"
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")


def _plain_host(host: str) -> str:
    """The host in ASCII (an international name in its IDNA form); ValueError naming what is not plain."""
    if not host:
        raise ValueError("it must be an http:// or https:// address with a host name")
    bad = next((c for c in host if not (c.isascii() and (c.isalnum() or c in ".-")) and not _letter(c)), None)
    if bad is not None:
        raise ValueError(f"its host holds {_shown(bad)}; a host is letters, digits, hyphens and dots")
    labels = [_ascii_label(label) for label in host.split(".")]
    for label in labels:
        if not label:
            raise ValueError("its host has an empty label (two dots in a row, or a dot at an end)")
        if len(label) > 63:
            raise ValueError("its host has a label longer than 63 characters")
        if not _LABEL.fullmatch(label):
            raise ValueError("its host has a label that starts or ends with a hyphen")
    joined = ".".join(labels)
    if len(joined) > 253:
        raise ValueError("its host is longer than 253 characters")
    return joined


def _letter(c: str) -> bool:
    # A letter, mark or digit of another script (an international name); never a dot-like sign, a format character
    # (zero-width, bidi), a control or a space.
    return not c.isascii() and unicodedata.category(c)[0] in "LMN"


def _ascii_label(label: str) -> str:
    if label.isascii():
        return label.lower()
    try:
        return idna.encode(label).decode("ascii")
    except idna.IDNAError as err:
        raise ValueError(f"its host is not a valid international name ({err})") from None


def _shown(c: str) -> str:
    return f"U+{ord(c):04X} {unicodedata.name(c, 'a control character')}" if not c.isprintable() or not c.isascii() else repr(c)
