"""What each callback input holds when the page's own components send it; anything else is refused with a 400.

The one place callback input values are checked (after routes/security.py has checked the request's shape): a click
whose customdata is not what the figure draws, selectedData whose points are not a list, a year range of one
year, a chip naming an unknown parameter, a store holding a list. An input or state with no shape in SCHEMAS is
refused whatever it holds: a new callback input is served only once its shape is declared here. The callbacks then
trust their inputs.
"""

import json
from typing import Annotated, Any, Literal

from flask import Response, current_app, request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, TypeAdapter, ValidationError

from ascn import filters, messages
from components import ids

Text = Annotated[StrictStr, Field(max_length=20_000)]
Number = StrictInt | StrictFloat
Scalar = StrictStr | StrictInt | StrictFloat | StrictBool | None
Clicks = Annotated[StrictInt, Field(ge=0)] | None
ID_LENGTH = 200  # a city id, an economy code, a focus area slug
Codes = Annotated[list[Annotated[StrictStr, Field(max_length=200)]], Field(max_length=1000)] | None


class _Point(BaseModel):
    """One point of plotly's event data: the keys the callbacks read are typed, the rest (bbox, x, y...) pass."""

    model_config = ConfigDict(extra="allow", strict=True)
    curveNumber: StrictInt | None = None


def _id_first(row: list) -> list:
    """A map point's customdata starts with the id it was drawn for (a city id, a country code): a short string."""
    if not row or not isinstance(row[0], str) or not 0 < len(row[0]) <= ID_LENGTH:
        raise ValueError(messages.ID_FIRST)
    return row


class MapPoint(_Point):
    # countries carry their code in location, cities their id first in customdata (components/maps.py); which ids
    # are known is the record's to say: components/clicks.py keeps the record's own, the selection is checked again
    location: StrictStr | None = None
    customdata: Annotated[list[Scalar], Field(max_length=20), AfterValidator(_id_first)] | None = None


class TrendPoint(_Point):
    customdata: Annotated[StrictStr, Field(pattern=r"^([0-9]{4}|unknown)$")] | None = None


class CodePoint(_Point):
    customdata: Annotated[StrictStr, Field(max_length=200)] | None = None  # a partner code or a focus area slug


def _year_first(row: list) -> list:
    if not row or isinstance(row[0], bool) or not isinstance(row[0], int) or not 1900 <= row[0] <= 2200:
        raise ValueError(messages.YEAR_FIRST)
    return row


def _two_codes_first(row: list) -> list:
    if len(row) < 2 or not all(isinstance(v, str) for v in row[:2]):
        raise ValueError(messages.TWO_CODES_FIRST)
    return row


class MatrixPoint(_Point):
    customdata: Annotated[list[Scalar], Field(max_length=20), AfterValidator(_two_codes_first)] | None = None


class StoryPoint(_Point):
    customdata: Annotated[list[Scalar], Field(max_length=20), AfterValidator(_year_first)] | None = None


def _events(point: type) -> Any:
    class Event(BaseModel):
        model_config = ConfigDict(extra="allow", strict=True)
        points: Annotated[list[point], Field(max_length=5000)] = []
    return Event | None


def _chip_param(param: str) -> str:
    """A chip removes one filter kind's value, or the year range."""
    if param != filters.YEARS_CHIP and filters.kind(param) is None:
        raise ValueError(messages.not_a_filter_kind((*(k.param for k in filters.list_kinds()), filters.YEARS_CHIP)))
    return param


class ChipId(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    type: Literal["chip"]
    param: Annotated[StrictStr, AfterValidator(_chip_param)]
    value: Annotated[StrictStr, Field(max_length=200)]


# (component id, property) -> what that property holds. A chip is checked by its id as well.
SCHEMAS: dict[tuple[str, str], Any] = {
    (ids.URL, "search"): Text | None,
    (ids.PRESENT_FROM, "data"): Text | None,  # the query string presentation was started from (read_search validates it)
    (ids.URL, "href"): Text | None,
    (ids.URL, "pathname"): Text | None,
    (ids.URL, "hash"): Text | None,
    (ids.VIEW, "data"): dict[Annotated[StrictStr, Field(max_length=50)], Text] | None,
    (ids.MODE, "data"): dict[Annotated[StrictStr, Field(max_length=50)], Annotated[StrictStr, Field(max_length=50)] | StrictBool] | None,
    (ids.MAP_SHIFT, "data"): StrictBool | None,
    (ids.SCREEN, "data"): Literal["narrow", "wide"] | None,
    # the charts (and the table) on screen, as assets/js/lazy.js reports them: only ids it can report
    (ids.IN_VIEW, "data"): Annotated[list[Literal[(*ids.LAZY_CHARTS, ids.TABLE)]], Field(max_length=len(ids.LAZY_CHARTS) + 1)] | None,
    (ids.FILTER_YEARS, "value"): tuple[Number, Number] | None,
    (ids.FILTER_YEARS, "min"): Number | None,
    (ids.FILTER_YEARS, "max"): Number | None,
    (ids.FILTER_UNKNOWN_YEAR, "value"): Literal[tuple(filters.UNKNOWN_YEAR_CHOICES)] | None,
    (ids.NETWORK_YEAR, "value"): Annotated[StrictStr, Field(max_length=10)] | None,
    (ids.TREND_CUMULATIVE, "value"): StrictBool | None,
    (ids.MAP, "clickData"): _events(MapPoint),
    (ids.MAP, "selectedData"): _events(MapPoint),
    (ids.TREND, "clickData"): _events(TrendPoint),
    (ids.PARTNERS, "clickData"): _events(CodePoint),
    (ids.FOCUS, "clickData"): _events(CodePoint),
    (ids.STORY, "clickData"): _events(StoryPoint),
    (ids.MATRIX, "clickData"): _events(MatrixPoint),
    (ids.CHIP, "n_clicks"): Clicks,
    (ids.CLEAR_ALL, "n_clicks"): Clicks,
    (ids.CLEAR_SELECTION, "n_clicks"): Clicks,
    (ids.EMBED_CHART, "value"): Annotated[StrictStr, Field(max_length=50)] | None,
    (ids.EMBED_SNIPPET, "value"): Text | None,
    (ids.TABLE, "selectedRows"): Annotated[list[dict[str, Any]], Field(max_length=100_000)] | None,
    (ids.TABLE_SEARCH, "value"): Text | None,
    # the presenter's deck (layouts/deck.py cleans every scene it gets back)
    (ids.DECK, "data"): Annotated[list[dict[Annotated[StrictStr, Field(max_length=20)], Text | None]], Field(max_length=100)] | None,
    (ids.DECK_ADD, "n_clicks"): Clicks,
    (ids.DECK_SAVE, "n_clicks"): Clicks,
    (ids.DECK_MOVE, "data"): Annotated[list[StrictInt], Field(min_length=2, max_length=2)] | None,
    (ids.DECK_UP, "n_clicks"): Clicks,
    (ids.DECK_DOWN, "n_clicks"): Clicks,
    (ids.DECK_REMOVE, "n_clicks"): Clicks,
    (ids.DECK_TITLE, "value"): Text | None,
    (ids.DECK_CAPTION, "value"): Text | None,
    (ids.DECK_OPEN, "contents"): Annotated[StrictStr, Field(max_length=400_000)] | None,  # a base64 data URL of up to 200 KB
    (ids.DECK_OPEN, "filename"): Annotated[StrictStr, Field(max_length=500)] | None,
}
_ADAPTERS = {key: TypeAdapter(schema) for key, schema in SCHEMAS.items()}
_CODES = TypeAdapter(Codes)  # every list filter's control (its kind in ascn.filters) holds a list of codes


def declared(key: tuple[str, str]) -> bool:
    """Whether the input or state ``(component id, property)`` has a declared shape (pattern ids by their type)."""
    return _adapter(key) is not None


def _adapter(key: tuple[str, str] | None) -> TypeAdapter | None:
    if key and key[1] == "value" and any(k.control == key[0] for k in filters.list_kinds()):
        return _CODES
    return _ADAPTERS.get(key)
_CHIP_ID = TypeAdapter(ChipId)


def _key(cid: object, prop: object) -> tuple[str, str] | None:
    if isinstance(cid, dict):
        return (cid.get("type"), prop) if isinstance(cid.get("type"), str) else None
    return (cid, prop) if isinstance(cid, str) else None


def _say(name: str, err: ValidationError) -> str:
    first = err.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    return messages.never_sent(name, where, first["msg"])


def entry_problem(cid: object, prop: object, value: object) -> str | None:
    """What is wrong with one input or state value, or None. An input with no declared shape is always wrong."""
    if isinstance(cid, dict) and cid.get("type") == ids.CHIP:
        try:
            _CHIP_ID.validate_python(cid)
        except ValidationError as err:
            return _say(messages.chip_id(_name(cid, prop)), err)
    adapter = _adapter(_key(cid, prop))
    if adapter is None:
        return messages.no_shape(_name(cid, prop))
    try:
        adapter.validate_python(value)
    except ValidationError as err:
        return _say(_name(cid, prop), err)
    return None


def _name(cid: object, prop: object) -> str:
    return f"{json.dumps(cid, sort_keys=True) if isinstance(cid, dict) else cid}.{prop}"


def _canonical(cid: object, prop: object) -> object:
    # One spelling per input, whichever way its id was written (Dash's renderer sorts a pattern id's keys).
    if isinstance(cid, str) and isinstance(prop, str):
        return (cid, prop)  # the common case, kept cheap: every callback request passes here
    return json.dumps([cid, prop], sort_keys=True, ensure_ascii=False)


def _changed(text: str) -> object:
    id_text, _, prop = text.rpartition(".")
    try:
        cid = json.loads(id_text) if id_text.startswith("{") else id_text
    except ValueError:
        return None
    return _canonical(cid, prop)


def request_problem(body: dict) -> str | None:
    """The first value in a callback request that the page could not have sent; changedPropIds must name its inputs."""
    sent: set[object] = set()
    for key in ("inputs", "state"):
        for entry in body.get(key) or []:
            for item in entry if isinstance(entry, list) else [entry]:
                if not isinstance(item, dict):
                    continue
                if key == "inputs":
                    sent.add(_canonical(item.get("id"), item.get("property")))
                problem = entry_problem(item.get("id"), item.get("property"), item.get("value"))
                if problem:
                    return problem
    for changed in body.get("changedPropIds") or []:
        if _changed(changed) not in sent:
            return messages.not_an_input(changed[:120])
    return None


def register(app) -> None:
    """Check every callback request's values before Dash runs the callback (after security.register's shape check)."""
    endpoint = app.config.routes_pathname_prefix + "_dash-update-component"

    @app.server.before_request
    def check_callback_inputs():
        if request.endpoint != endpoint:
            return None
        body = request.get_json(silent=True)  # parsed and shape-checked already (routes/security.py)
        problem = request_problem(body) if isinstance(body, dict) else None
        if problem is None:
            return None
        current_app.logger.warning("refused callback inputs from %s: %s", request.remote_addr, problem)
        return Response(json.dumps({"error": messages.malformed(problem)}), status=400, mimetype="application/json")
