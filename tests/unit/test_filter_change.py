"""A filter change is answered by one callback, and what the page shows for a view is what the API and the exports
give for the same view: one meaning of a selection, checked on generated views."""

import csv
import inspect
import io
import re
from contextvars import copy_context
from urllib.parse import urlencode

from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app as dashboard
from ascn.query import default_query
from ascn.selection import allowed_values
from ascn.vocab import FOCUS_AREAS
from components import ids, text
from components.table import TABLE_LIMIT
from layouts import callbacks

VIEW_OUTPUTS = sum(1 for d in callbacks.VIEW_SPEC if type(d).__name__ == "Output")  # update_view's answers come first

ALLOWED = allowed_values(default_query().dataset)
VIEW_SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _some(key: str):
    return st.lists(st.sampled_from(sorted(ALLOWED[key])), min_size=1, max_size=2, unique=True).map(",".join)


@st.composite
def views(draw) -> dict[str, str]:
    """Views as the page's URL carries them (valid ones: the link tests cover the broken)."""
    view = {}
    for key in ("member_state", "partner", "focus_area", "city"):
        if draw(st.booleans()):
            view[key] = draw(_some(key))
    if draw(st.booleans()):
        low = draw(st.integers(2013, 2019))
        view["year_from"], view["year_to"] = str(low), str(draw(st.integers(low, 2019)))
    unknown = draw(st.sampled_from(["include", "include", "exclude", "only"]))
    if unknown != "include":
        view["unknown_year"] = unknown
    return view


def _api_ids(client, href: str) -> list[int]:
    answer = client.get(href)
    assert answer.status_code == 200, answer.data[:300]
    return [int(r["partnership_id"]) for r in csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig")))]


def _bar_total(figure) -> int:
    return int(sum(sum(trace.y) for trace in figure.data if trace.y is not None))


@VIEW_SETTINGS
@given(view=views())
def test_the_page_the_api_and_the_exports_agree_on_a_view(client, view):
    search = "?" + urlencode(view, safe=",") if view else ""
    out = callbacks.render(view, search)
    api = _api_ids(client, out[12])  # the page's own CSV link
    count = int(re.match(r"(\d+) of ", out[8]).group(1))
    assert count == len(api)
    assert [r["partnership_id"] for r in out[5]] == api[:TABLE_LIMIT]
    assert out[14] == out[12].replace("/api/partnerships.csv", "/api/partnerships.zip")  # the ZIP export: the same query
    assert _bar_total(out[15]) == count  # the trend chart: one bar segment per partnership, unknown years included
    focus_text = out[17]  # the focus chart's summary for screen readers: "…: Civic and social 2, …"
    assert sum(int(re.search(rf"{re.escape(name)} (\d+)", focus_text).group(1)) for name in FOCUS_AREAS.values()) == count


def test_one_answer_carries_the_charts_and_their_summaries():
    view = {"partner": "JPN"}
    out = callbacks.render(view, "?partner=JPN")
    assert len(out) == 15 + 1 + len(callbacks.CHART_TEXTS) + 2  # and the who-works-with-whom matrix with its summary
    sel = callbacks.selection_from_view(view)
    assert tuple(out[16:16 + len(callbacks.CHART_TEXTS)]) == text.chart_summaries(default_query(), sel)  # computed once, same words
    assert out[15].layout.title.text.startswith("Partnerships per year: ")


def test_the_page_mode_comes_from_the_address_with_the_view():
    plain = callbacks.render({"partner": "JPN"}, "?partner=JPN")
    present = callbacks.render({"partner": "JPN"}, "?partner=JPN&present=1")
    assert present[2].layout.font.size > plain[2].layout.font.size  # presentation type is larger
    then = callbacks.render({}, "?network_year=2018")
    assert then[0] != callbacks.render({}, "")[0]  # the map shows the network as it was in 2018


def test_a_filter_change_is_one_request():
    """The control's change and everything that follows it are answered together: no callback waits for another
    (nothing reads the view store or page_mode's store as an input)."""
    dashboard.server.test_client().get("/")
    specs = dashboard.app.callback_map
    for spec in specs.values():
        assert {"id": ids.VIEW, "property": "data"} not in spec["inputs"]
        assert {"id": ids.MODE, "property": "data"} not in spec["inputs"]
    answering = [key for key, spec in specs.items() if {"id": ids.FILTER_PARTNER, "property": "value"} in spec["inputs"]]
    assert len(answering) == 1
    for output in ("view.data", "url.search", "map.figure", "chart-trend.figure", "chart-partners.figure", "summary.children",
                   "table.rowData", '"chart":"chart-focus"'):
        assert output in answering[0]


def test_a_control_keeps_the_value_the_user_gave_it():
    """The answer to a partner choice does not send the dropdown its own value back (that would re-render it open)."""
    args = dict(search="", states=None, partners=["JPN"], focus=None, years=[2013, 2019], unknown="include", ticked_cities=[],
                map_selected=None, map_click=None, trend_click=None, partner_click=None, focus_click=None, story_click=None,
                network_year="now", cumulative=False, _chips=[], _clear_all=None, _clear_selection=None, matrix_click=None, view={},
                year_min=2013, year_max=2019, map_add=False)
    ordered = [args[name] for name in inspect.signature(callbacks.update_view).parameters]

    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": f"{ids.FILTER_PARTNER}.value", "value": ["JPN"]}]))
        return callbacks.filter_change(*ordered)

    out = copy_context().run(call)
    assert out[0] == {"partner": "JPN"} and out[1] == "?partner=JPN"
    assert out[4] is no_update and out[6] is no_update  # partner dropdown, year slider: as the user left them
    query = default_query()
    japan = f"{query.count(callbacks.selection_from_view({'partner': 'JPN'}))} of {len(query.dataset.partnerships)} partnerships"
    assert out[VIEW_OUTPUTS + 8].startswith(japan)  # the summary, in the same answer
    assert out[VIEW_OUTPUTS + 10] is no_update  # the partner dropdown's counts are under the other filters: unchanged
    assert out[VIEW_OUTPUTS + 9] is not no_update and out[VIEW_OUTPUTS + 11] is not no_update  # member-state and focus counts follow
    assert out[VIEW_OUTPUTS + 4] is not no_update  # the commitments of Japan
