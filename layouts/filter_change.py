"""A user's action (or a new address) and everything that follows it, in one answer: one round trip per change.

``update_view`` decides the selection and the page parameters; ``render`` draws what follows from them, and
``page_mode`` what follows from the page parameters (presentation's scene bar and charts, the embed's frame, the
links and snippets of the view): nothing waits for the address this answer writes to ask the server again. Inputs
and outputs are named (Dash's dict signatures), and every filter kind of ``ascn.filters`` is wired by the same loop.
"""

import functools

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, Patch, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ascn import filters, vocab, wording
from ascn.selection import Selection, parse_params
from components import charts, clicks, controls, figure_base, ids, maps
from components.table import TABLE_LIMIT, rows_for_grid
from layouts.city import city_panel
from layouts.matrix import matrix_view
from layouts.modes import NOW, LeftOut, is_cumulative, is_embed_path, is_present, network_year, page_search, parse_page, read_search, split_search
from layouts.presenter import embed_snippets, page_mode_of, story_for_embed
from layouts.profile_links import chip_profile_links
from layouts.selection_change import next_selection
from layouts.stage import SCENE_CHARTS, scene_charts

# The charts whose text summary (for screen readers, and the alt text of exports) each answer carries.
CHART_TEXTS = {"map": ids.MAP, "focus": ids.FOCUS, "trend": ids.TREND, "partners": ids.PARTNERS, "commitments": ids.COMMITMENTS,
               "matrix": ids.MATRIX}
FIGURES = ("map", "focus", "partners", "commitments", "trend", "matrix")  # the charts an embed can show, by output name
# The charts below the map, by output name: each answer writes a chart's figure to the chart itself when it is on
# screen (the browser reported it in view, or the scene shows it: drawn with the map, in the same pass), else to its
# next-figure store (drawn when scrolled to).
LAZY_FIGURES = {name: graph for name, graph in CHART_TEXTS.items() if graph in ids.LAZY_CHARTS}
DRAWN = {"drawn": True}  # a next-figure store's value when its chart got the figure in the answer itself
CLICKS = {"trend_click": ids.TREND, "partners_click": ids.PARTNERS, "focus_click": ids.FOCUS, "story_click": ids.STORY,
          "matrix_click": ids.MATRIX}


def inputs() -> dict:
    """What can change the view: the address, every filter control, clicks on the map and the charts, buttons."""
    return dict(
        search=Input(ids.URL, "search"), pathname=Input(ids.URL, "pathname"),
        filters={k.param: Input(k.control, "value") for k in filters.list_kinds()},
        years=Input(ids.FILTER_YEARS, "value"), unknown=Input(ids.FILTER_UNKNOWN_YEAR, "value"),
        map_selected=Input(ids.MAP, "selectedData"), map_click=Input(ids.MAP, "clickData"),
        **{name: Input(graph, "clickData") for name, graph in CLICKS.items()},
        network_year=Input(ids.NETWORK_YEAR, "value"), cumulative=Input(ids.TREND_CUMULATIVE, "value"),
        chips=Input({"type": ids.CHIP, "param": ALL, "value": ALL}, "n_clicks"),
        clear_all=Input(ids.CLEAR_ALL, "n_clicks"), clear_selection=Input(ids.CLEAR_SELECTION, "n_clicks"),
        screen=Input(ids.SCREEN, "data"),
    )


def state() -> dict:
    return dict(view=State(ids.VIEW, "data"), href=State(ids.URL, "href"),
                year_min=State(ids.FILTER_YEARS, "min"), year_max=State(ids.FILTER_YEARS, "max"),
                map_add=State(ids.MAP_SHIFT, "data"), present_from=State(ids.PRESENT_FROM, "data"), deck=State(ids.DECK, "data"),
                embed_chart=State(ids.EMBED_CHART, "value"), in_view=State(ids.IN_VIEW, "data"))


def outputs() -> dict:
    """What one answer sets: the view and its address, the controls, every chart, text, table and link."""
    dropdowns = [k for k in filters.list_kinds() if k.widget == "dropdown"]
    return dict(
        view=Output(ids.VIEW, "data"), search=Output(ids.URL, "search"), notice=Output(ids.NOTICE, "children"),
        values={k.param: Output(k.control, "value") for k in filters.list_kinds()},
        years=Output(ids.FILTER_YEARS, "value"), unknown=Output(ids.FILTER_UNKNOWN_YEAR, "value"),
        network_year=Output(ids.NETWORK_YEAR, "value"), cumulative=Output(ids.TREND_CUMULATIVE, "value"),
        options={k.param: Output(k.control, "options") for k in dropdowns},
        map=Output(ids.MAP, "figure"), map_credit=Output(ids.MAP_CREDIT, "children"), city_panel=Output(ids.CITY_PANEL, "children"),
        # The charts below the map go to their next-figure stores: each is drawn when it is in view (assets/js/lazy.js).
        focus=Output(ids.next_figure(ids.FOCUS), "data"), partners=Output(ids.next_figure(ids.PARTNERS), "data"),
        commitments=Output(ids.next_figure(ids.COMMITMENTS), "data"), trend=Output(ids.next_figure(ids.TREND), "data"),
        matrix=Output(ids.next_figure(ids.MATRIX), "data"),
        # ...or, for a chart in view, to the chart itself (the clientside drawInView writes it too: a duplicate output)
        in_view={name: Output(graph, "figure", allow_duplicate=True) for name, graph in LAZY_FIGURES.items()},
        texts={name: Output({"type": ids.CHART_TEXT, "chart": graph}, "children") for name, graph in CHART_TEXTS.items()},
        alt_texts={name: Output({"type": ids.ALT_TEXT, "chart": graph}, "value") for name, graph in CHART_TEXTS.items()},
        present_from=Output(ids.PRESENT_FROM, "data"),
        # the table's rows, handed to it when it is in view
        table_rows=Output(ids.TABLE_ROWS_NEXT, "data"), table_note=Output(ids.TABLE_NOTE, "children"), chips=Output(ids.CHIPS, "children"),
        summary=Output(ids.SUMMARY, "children"), csv_href=Output(ids.DOWNLOAD_CSV, "href"), csv_name=Output(ids.DOWNLOAD_CSV, "download"),
        zip_href=Output(ids.DOWNLOAD_ZIP, "href"),
        mode={name: Output(*target) for name, target in MODE_OUTPUTS.items()},
    )


# What follows the page parameters (``page_mode``), each sent with the view that sets them.
MODE_OUTPUTS = dict(root=(ids.ROOT, "className"), store=(ids.MODE, "data"), scene_bar=(ids.SCENE_BAR, "children"),
                    present_href=(ids.PRESENT_LINK, "href"), full_view=(ids.EMBED_OPEN, "href"),
                    embed_notice=(ids.EMBED_NOTICE, "children"), scene_charts=(SCENE_CHARTS, "className"),
                    snippet=(ids.EMBED_SNIPPET, "value"), responsive=(ids.EMBED_SNIPPET_RESPONSIVE, "value"),
                    story=(ids.next_figure(ids.STORY), "data"))
# The ones that follow the page parameters alone (not the selection): unchanged while they are, outside presentation.
MODE_OF_PAGE = ("root", "store", "scene_bar", "embed_notice", "scene_charts")


# Triggers that redraw the whole view as the address has it: the page's load, back and forward (the address), and a
# presentation shown on a phone or turned back to a wider screen (the screen store).
REDRAW_ALL = (None, ids.URL, ids.SCREEN)


def register(app, query) -> None:
    """The filter change on ``query``'s record (the commitments figure is cached per app: it follows the partners only)."""
    commitments = functools.lru_cache(maxsize=64)(functools.partial(commitments_figure, query))

    def filter_change(**values):
        return answer(query, values, commitments)

    # "initial_duplicate": the first load answers too, although a chart's figure has a second writer (drawInView)
    app.callback(output=outputs(), inputs=inputs(), state=state(), prevent_initial_call="initial_duplicate")(filter_change)


def selection_from_view(view: dict | None, query) -> Selection:
    """The Selection held in the view store (its URL parameters), checked against the record again: a forged
    store cannot put an unknown id anywhere."""
    return parse_params(view or {}, query.allowed).selection


def answer(query, values: dict, commitments=None) -> dict:
    """The whole answer to one action: ``update_view``'s, then ``render``'s, leaving out what did not change."""
    trigger = ctx.triggered_id
    chosen = update_view(query, trigger, values)
    _keep_what_the_user_set(chosen, values)
    page, problems = chosen.pop("page"), chosen.pop("problems")  # the page parameters as validated (a scene's link: the scene's)
    page_kept = chosen.pop("page_kept")
    selection = selection_from_view(chosen["view"], query)
    search = page_search(selection, page)
    drawn = render(query, chosen["view"], search, commitments, narrow=values.get("screen") == "narrow")
    drawn["mode"] = page_mode(query, values, selection, page, problems, search)
    if trigger not in REDRAW_ALL:  # a change on this page: what it left as it was is not sent again
        _leave_out_unchanged_mode(drawn["mode"], chosen["search"], page, page_kept)
        before, after = selection_from_view(values["view"], query), selection
        if before.partners == after.partners:
            drawn["commitments"] = no_update  # the commitments timeline follows the partner filter only
        # A dropdown's counts are under all the other filters: unchanged when only its own kind changed.
        for param in drawn["options"]:
            attr = filters.kind(param).attr
            if before.replace(**{attr: ()}) == after.replace(**{attr: ()}):
                drawn["options"][param] = no_update
    if is_embed_path(values["pathname"]):
        _only_what_an_embed_shows(drawn, page.get("chart", "map"))
    drawn["in_view"] = _draw_in_view(drawn, _on_screen(drawn["mode"]["scene_charts"], values["in_view"]))
    drawn["present_from"] = _explorer_view(chosen["search"], values, page)
    return {**chosen, **drawn}


def _explorer_view(new_search, values: dict, page: dict):
    """The explorer's last address, kept for the tab's session: leaving presentation (Leave, Escape) returns to it.
    A presentation or an embed leaves it as it was."""
    if is_present(page) or is_embed_path(values["pathname"]):
        return no_update
    return (values["search"] or "") if new_search is no_update else new_search


def _on_screen(scene_charts, in_view: list | None) -> set:
    """The charts on screen once this answer is drawn: a scene's own (its answer shows and hides them), else the ones
    the browser reported in view."""
    if isinstance(scene_charts, str) and scene_charts:
        shown = set(scene_charts.split())
        return {graph for name, graph in LAZY_FIGURES.items() if f"show-{name}" in shown}
    return set(in_view or [])


def _draw_in_view(drawn: dict, on_screen: set) -> dict:
    """The figures of the charts on screen, taken out of their stores: drawn in the answer's own pass, with the map,
    instead of in a second one. Such a chart's store gets ``DRAWN`` instead, which tells assets/js/lazy.js that the
    chart shows the newest figure (nothing to hand it when it is scrolled to, or exported)."""
    direct = dict.fromkeys(LAZY_FIGURES, no_update)
    for name, graph in LAZY_FIGURES.items():
        if graph in on_screen and drawn[name] is not no_update:
            direct[name], drawn[name] = drawn[name], DRAWN
    return direct


def page_mode(query, values: dict, selection: Selection, page: dict, problems, search: str) -> dict:
    """What follows the validated page parameters (``search``: the address they and ``selection`` make): the page's
    mode (layouts/presenter.page_mode_of), the charts a scene shows (layouts/stage.scene_charts), the embed snippets
    of the view and, on an address, an embed's story."""
    mode = page_mode_of(query, values["pathname"], selection, page, problems, values["present_from"], values["deck"])
    snippet, responsive = embed_snippets(selection, page, values["embed_chart"], values["href"])
    story = story_for_embed(query, values["pathname"], search) if ctx.triggered_id in (None, ids.URL) else no_update
    return dict(zip(("root", "store", "scene_bar", "present_href", "full_view", "embed_notice"), mode),
                scene_charts=scene_charts(query, search, values["deck"]),
                snippet=snippet, responsive=responsive, story=story)


def _leave_out_unchanged_mode(mode: dict, new_search, page: dict, page_kept: bool) -> None:
    """An action on the page that left the address as it was changes nothing of the mode; one that kept the page
    parameters (``page_kept``: as the address had them), outside presentation, changes only the view's links and
    snippets."""
    if new_search is no_update:
        mode.update(dict.fromkeys(mode, no_update))
    elif not is_present(page) and page_kept:
        mode.update(dict.fromkeys(MODE_OF_PAGE, no_update))


def _only_what_an_embed_shows(drawn: dict, chart: str) -> None:
    """An embed shows one chart with its title, summary and source: the other charts, the table, the city panel and
    the dropdowns' counts stay hidden, so they are not sent and the frame draws one chart instead of six."""
    for name in FIGURES:
        if name != chart:
            drawn[name] = no_update
    drawn.update(table_rows=no_update, city_panel=no_update, options={param: no_update for param in drawn["options"]})


def _keep_what_the_user_set(chosen: dict, values: dict) -> None:
    """A control keeps the value the user just gave it: sending it back would only re-render it (an open dropdown too)."""
    for param, value in chosen["values"].items():
        if value == values["filters"].get(param):
            chosen["values"][param] = no_update
    for name in ("years", "unknown", "network_year", "cumulative"):
        if chosen[name] == values[name]:
            chosen[name] = no_update


def update_view(query, trigger, values: dict) -> dict:
    """The one place the selection changes: from the URL (load, back, forward) or from a user action.

    The URL it writes holds only what was validated: the selection, checked again against the record, and the
    page parameters, checked by ``parse_page`` (nothing a link carried that the page did not understand).
    """
    search = values["search"]
    selection, page, problems = read_search(search, query)
    addressed = page  # the page parameters as the address had them
    new_search = no_update
    if trigger not in REDRAW_ALL:
        if isinstance(trigger, dict) and not ctx.triggered[0]["value"]:
            raise PreventUpdate  # chips re-rendered, not clicked
        problems = []
        page = _page_after(trigger, page, values, query.dataset.scenes.index)
        current = selection_from_view(values["view"], query)
        props = {t["prop_id"].rsplit(".", 1)[-1] for t in ctx.triggered} if trigger == ids.MAP else set()
        selection = next_selection(trigger, props, current, values, set(query.allowed["member_state"]),
                                   cities=set(query.allowed["city"]))
        if selection is None and trigger not in (ids.NETWORK_YEAR, ids.TREND_CUMULATIVE):
            raise PreventUpdate
        selection = selection_from_view((selection or current).to_params(), query)  # checked again: a forged click
        new_search = page_search(selection, page)
        if new_search == (search or "") and selection == current:
            raise PreventUpdate  # nothing changed (a forged click naming no known id, a repeated event)
        new_search = no_update if new_search == (search or "") else new_search
    low = selection.year_from if selection.year_from is not None else values["year_min"]
    high = selection.year_to if selection.year_to is not None else values["year_max"]
    return dict(view=selection.to_params(), search=new_search, notice=notice(problems), page=page, problems=problems,
                page_kept=page == addressed,
                values={k.param: list(getattr(selection, k.attr)) for k in filters.list_kinds()},
                years=[low, high], unknown=selection.unknown_year, network_year=page.get("network_year") or NOW,
                cumulative=is_cumulative(page))


def _page_after(trigger, page: dict, values: dict, scenes) -> dict:
    """The page parameters after an action that sets one (the network year, the cumulative switch)."""
    if trigger == ids.NETWORK_YEAR:
        year = values["network_year"]
        return parse_page({**page, "network_year": year if isinstance(year, str) else NOW}, scenes)
    if trigger == ids.TREND_CUMULATIVE:
        return {**page, "cumulative": "1" if values["cumulative"] is True else ""}
    if trigger == ids.STORY and clicks.clicked_value(values["story_click"]):
        return parse_page({**page, "network_year": clicks.clicked_value(values["story_click"])}, scenes)
    if trigger == ids.CLEAR_ALL:
        return {k: v for k, v in page.items() if k != "network_year"}  # the network as it is now, like the filters
    return page


def notice(problems) -> list:
    """What the link carried that the page did not understand, each with a likely correction when there is one; and
    what a scene's link carried besides the scene's own view (left out)."""
    left_out = [p for p in problems if isinstance(p, LeftOut)]
    not_understood = [p for p in problems if not isinstance(p, LeftOut)]
    return [*_alert(wording.LINK_NOT_UNDERSTOOD, not_understood), *_alert(wording.SCENE_LEFT_OUT, left_out)]


def _alert(heading: str, problems) -> list:
    if not problems:
        return []
    items = []
    for p in problems:
        before, after = wording.DID_YOU_MEAN
        hint = [before, html.Strong(f"{p.param}={p.suggestion}"), after] if p.suggestion else []
        items.append(html.Li([html.Code(f"{p.param}={p.value}"), wording.was_ignored(p.allowed), *hint]))
    return [dbc.Alert([html.Strong(heading), html.Ul(items, className="mb-0")],
                      color="warning", dismissable=True, className="py-2 small text-break")]


def render(query, view, search=None, commitments=None, narrow: bool = False) -> dict:
    """Everything that follows the selection, from one query object, in one answer: map, charts, their text
    summaries for screen readers, table, chips, facet counts and download links. ``search`` is the page's address
    (its mode: presentation, network year); ``commitments`` builds the commitments figure (cached per app);
    ``narrow``: a phone's screen, where a presentation gets the explorer's type and names, not a projector's."""
    dataset, sel = query.dataset, selection_from_view(view, query)
    _, page = split_search(search)
    big, cumulative = is_present(page) and not narrow, is_cumulative(page)  # the cumulative switch lives in the URL too
    what = wording.describe(sel, query.allowed)
    aggregates = query.charts(sel)  # the summaries use the aggregates the charts were drawn from, not a second computation
    count = query.count(sel)
    facets = query.facet_counts(sel)
    as_of = network_year(page, int(dataset.cities["joined"].min()), vocab.YEAR_MAX)
    if as_of is not None:  # the network as it was then: circles count the partnerships known by then
        aggregates = {**aggregates, "city_summary": query.city_summary(known_by(sel, as_of))}
    shown = facets["provenance"] if not sel.provenances else {p: facets["provenance"][p] for p in sel.provenances}
    credit = wording.partnership_credit(shown)
    texts = wording.chart_summaries(aggregates, what, dataset.economy_name, as_of)
    alone = page.get("chart")  # an embed of one chart: it chooses what fits a small frame (fewer, shorter labels)
    matrix, texts["matrix"] = matrix_view(query, sel, what, big, credit, compact=alone == "matrix")
    return dict(
        map=map_selection(maps.map_patch(aggregates["city_summary"], query.allowed["member_state"], sel.cities, query.countries,
                                         sel.member_states, as_of, every=big), sel),
        map_credit=wording.map_credit(shown),
        city_panel=city_panel(query, sel),
        focus=figure_base.presentable(charts.focus_figure(aggregates["by_focus"], wording.focus_title(what), credit,
                                                                  compact=alone == "focus"), big),
        partners=figure_base.presentable(charts.partners_figure(aggregates["by_partner"], query.allowed["partner"],
                                                                wording.partners_title(what), credit,
                                                                compact=alone == "partners"), big),
        commitments=(commitments or functools.partial(commitments_figure, query))(sel.partners, big),
        trend=figure_base.presentable(charts.trend_figure(aggregates["by_year"], wording.trend_title(what, cumulative), credit,
                                                          cumulative=bool(cumulative)), big),
        matrix=matrix,
        texts=texts,
        alt_texts=dict(texts),  # the alt text offered with an export is the same sentence
        table_rows=rows_for_grid(query.columns(sel, limit=TABLE_LIMIT), dataset),
        table_note=wording.table_note(count, TABLE_LIMIT),
        chips=controls.chip_row(wording.chips(sel, query.allowed)) + chip_profile_links(query, sel),
        summary=wording.summary(count, len(dataset.partnerships), what, why_empty(query, sel) if count == 0 else ""),
        options={k.param: controls.options(query.allowed[k.param], facets[k.param]) for k in filters.list_kinds() if k.widget == "dropdown"},
        csv_href="/api/partnerships.csv" + sel.to_query_string(),
        csv_name=wording.file_name(sel, "csv"),  # the name the API gives the same file
        zip_href="/api/partnerships.zip" + sel.to_query_string(),
    )


def warm_the_deck(query) -> None:
    """Draw every presentation scene once, so that a presenter's first step to a scene finds its names already placed
    for the projector (cached in ``components.maps``; 70-400 ms a scene when cold, most of a step's server time).
    ``app_from_env`` calls it before serving: in gunicorn's master, before forking, so every worker inherits it."""
    for scene in query.dataset.scenes.index:
        selection, page, _ = read_search(f"?present=1&scene={scene}", query)
        render(query, selection.to_params(), page_search(selection, page))


def why_empty(query, sel: Selection) -> str:
    """For a view that matches nothing: the sentence saying no partnership meets all its filters at once, when each
    list filter alone matches some and the years are not what empties it; else nothing."""
    chosen = sel.lists()
    lists_only = Selection(**chosen)
    if len(chosen) < 2 or query.count(lists_only) or any(query.count(Selection(**{attr: codes})) == 0 for attr, codes in chosen.items()):
        return ""
    return wording.empty_and(sel, query.allowed)


def known_by(sel: Selection, year: int) -> Selection:
    """The partnerships of ``sel`` dated in ``year`` or before (one with no known year is not known to be)."""
    year_to = year if sel.year_to is None else min(sel.year_to, year)
    return sel.replace(year_to=year_to, unknown_year="exclude" if sel.unknown_year == "include" else sel.unknown_year)


def map_selection(patch: Patch, sel: Selection) -> Patch:
    """The selection on the map is the view's alone. Plotly keeps what a click, box or lasso selected (dimmed
    countries, an outline) across updates while ``selectionrevision`` stays the same: a new one per view drops
    it, so a cleared selection leaves nothing dimmed or outlined, and the cities drawn selected are the view's."""
    patch["layout"]["selectionrevision"] = sel.to_query_string() or "none"
    patch["data"][maps.MAP_COUNTRIES]["selectedpoints"] = None  # plotly wrote its own selection into the trace itself
    patch["data"][maps.MAP_LABELS]["selectedpoints"] = None  # the names too: none is ever drawn as unselected
    patch["data"][maps.MAP_CENTRES]["selectedpoints"] = None
    return patch


def commitments_figure(query, partners: tuple[str, ...], big: bool):
    """The commitments timeline follows the partner filter only (cached per app by ``register``: treat as read-only)."""
    sel = Selection(partners=partners)
    title = wording.commitments_title([query.dataset.economy_name(c) for c in partners])
    rows = query.commitments(sel)
    paper = charts.from_paper(rows)  # the credit follows the rows shown: the paper's Table 1 and text, later reports, or both
    credit = wording.commitment_credit(sum(paper), len(paper) - sum(paper))
    return figure_base.presentable(charts.commitments_figure(rows, query.allowed["partner"], title, credit), big)
