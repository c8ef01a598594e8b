"""Page modes that live in the URL beside the view: presentation, scene, embed, network year.

They change how the page looks, never which partnerships are selected, so the data API does not
take them; the page keeps them when the selection changes.
"""

from urllib.parse import parse_qs, urlencode

from ascn.selection import Selection

PAGE_PARAMS = ("present", "scene", "chart", "network_year")
NOW = "now"  # network_year when the map shows the network as it is today
EMBED_CHARTS = {"map": "Map", "trend": "Partnership trends", "partners": "External partners", "focus": "Focus areas",
                "commitments": "Commitments", "story": "The story of the network", "matrix": "Who works with whom"}


def split_search(search: str | None) -> tuple[dict[str, list[str]], dict[str, str]]:
    """(selection parameters, page parameters) of a URL query string."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    page = {k: v[-1] for k, v in params.items() if k in PAGE_PARAMS}
    return {k: v for k, v in params.items() if k not in PAGE_PARAMS}, page


def page_search(selection: Selection, page: dict[str, str]) -> str:
    """The query string of a selection, keeping the page's own parameters after it."""
    params = {**selection.to_params(), **{k: page[k] for k in PAGE_PARAMS if page.get(k) and page[k] != NOW}}
    return "?" + urlencode(params, safe=",") if params else ""


def network_year(page: dict[str, str], first: int, last: int) -> int | None:
    """The year the map shows the network as it was in (None: as it is now)."""
    text = page.get("network_year", "")
    return int(text) if text.isdigit() and first <= int(text) <= last else None


def is_present(page: dict[str, str]) -> bool:
    return page.get("present") in ("1", "true", "yes")
