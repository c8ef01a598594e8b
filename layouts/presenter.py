"""Presentation mode, scenes, embed mode and exports: how the page looks, never what is selected."""

import functools
from html import escape

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, dcc, html, no_update

from ascn import wording
from ascn.selection import Selection, parse_params
from components import charts, ids
from components.embed import origin_of, responsive_snippet  # origin_of: the one rule for the page's own origin
from layouts import deck as my_deck
from layouts.modes import EMBED_CHARTS, is_embed_path, is_present, parse_page, read_search, scene_position, split_search, view_query


def scene_href(query, position: int) -> str:
    """Link to the scene at ``position`` (0-based) in presentation mode, built from the scene's validated view."""
    scenes = query.dataset.scenes
    scene_id = int(scenes.index[position])
    params, raw_page = split_search(scenes.iloc[position]["view"])
    page = parse_page(raw_page, scenes.index)
    return "/" + view_query(parse_params(params, query.allowed).selection, page, present="1", scene=str(scene_id))


def leave_href(query, selection: Selection, page: dict[str, str], started_from: object) -> str:
    """Where leaving presentation goes: the explorer's view presentation was started from (validated again: what
    the browser kept never travels on as it is), else the current scene's view."""
    if isinstance(started_from, str) and started_from:
        selection, page, _ = read_search(started_from, query)
    return "/" + view_query(selection, page, present=None, scene=None, chart=None)


def scene_bar(query, page: dict[str, str], selection: Selection, leave: str | None = None) -> list:
    """Title and caption of the current scene, with previous / next / leave."""
    scenes = query.dataset.scenes
    position = scene_position(scenes, page)
    leave = leave or "/" + view_query(selection, page, present=None, scene=None, chart=None)
    controls = []
    if position is None:
        heading, caption = wording.PRESENTATION, wording.PRESENTATION_HOW_TO
        first = scene_href(query, 0) if len(scenes) else None
        controls.append(dcc.Link(wording.START_SCENES, href=first, id="scene-next", className="btn btn-light btn-lg scene-start") if first else None)
    else:
        scene = scenes.iloc[position]
        heading = wording.scene_heading(position + 1, len(scenes), scene["title"])
        caption = scene["caption"]
        if position > 0:
            controls.append(dcc.Link(wording.PREVIOUS, href=scene_href(query, position - 1), id="scene-prev", className="btn btn-light btn-lg"))
        if position + 1 < len(scenes):
            controls.append(dcc.Link(wording.NEXT, href=scene_href(query, position + 1), id="scene-next", className="btn btn-light btn-lg"))
    controls.append(dcc.Link(wording.LEAVE, href=leave, id="scene-exit", className="btn btn-outline-light btn-lg"))
    return [
        html.Div([html.H2(heading, className="h3 mb-1"), html.P(caption, className="lead mb-0")], className="flex-grow-1"),
        html.Div([c for c in controls if c is not None], className="d-flex gap-2 flex-wrap"),
    ]


def page_mode(query, pathname, search, started_from=None, deck=None):
    """The page's mode from its URL: /embed?chart=..., ?present=1&scene=N, or the full explorer (see ``page_mode_of``)."""
    return page_mode_of(query, pathname, *read_search(search, query), started_from, deck)


def page_mode_of(query, pathname, selection: Selection, page: dict[str, str], problems, started_from=None, deck=None):
    """The page's mode from its validated view: (root class, page parameters, scene bar, Present link, "Open the full
    dashboard" link, embed notice). The filter change sends it in the same answer as the view.

    The Present link and "Open the full dashboard" come from the validated view: what the link carried
    that the page did not understand never travels on.
    """
    present_href = "/" + view_query(selection, page, present="1", scene=None, chart=None)
    full_view = full_view_href(selection, page)
    if is_embed_path(pathname):
        chart = page.get("chart", "map")
        refused = " embed-refused" if problems else ""  # a bad link draws no view nobody asked for
        return (f"mode-embed embed-{chart}{refused}", {**page, "chart": chart, "embed": True}, [], present_href, full_view,
                embed_notice(problems))
    if is_present(page):
        leave = leave_href(query, selection, page, started_from)
        bar = my_deck.deck_bar(query, my_deck.clean_deck(query, deck), page, leave) if "deck" in page else scene_bar(query, page, selection, leave)
        return "mode-present", page, bar, present_href, full_view, []
    return "", page, [], present_href, full_view, []


def story_for_embed(query, pathname, search):
    """An embed of the story alone draws the compact story (a few milestones named, every one in the hover): the
    layout's story names them all, which piles up in a small frame. Every other page keeps the layout's figure."""
    if not is_embed_path(pathname):
        return no_update
    _, page, problems = read_search(search, query)
    if page.get("chart") != "story" or problems:
        return no_update
    return charts.story_figure(query.dataset.events, wording.STORY_TITLE, wording.EVENT_SOURCE, compact=True)


def embed_notice(problems) -> list:
    """Inside an embed's frame, short: each value the link got wrong, with its likely correction."""
    if not problems:
        return []
    items = [html.Li([html.Code(f"{p.param}={p.value}"),
                      wording.embed_problem(p.allowed, f"{p.param}={p.suggestion}" if p.suggestion else "")]) for p in problems]
    return [html.Strong(wording.EMBED_NOT_UNDERSTOOD), html.Ul(items, className="mb-0 ps-3")]


def full_view_href(selection: Selection, page: dict[str, str]) -> str:
    """The explorer showing this view (what "Copy link" copies and an embed links back to)."""
    return "/" + view_query(selection, page, present=None, scene=None, chart=None)


def embed_src(origin: str, selection: Selection, page: dict[str, str], chart: str) -> str:
    """The address of the embed view of one chart for a validated view (presentation mode and scene left out)."""
    chart = chart if chart in EMBED_CHARTS else "map"
    return origin + "/embed" + view_query(selection, page, present=None, scene=None, chart=chart)


def iframe_snippet(src: str, title: str) -> str:
    """The HTML a journalist pastes: every value escaped for an attribute."""
    return (f'<iframe src="{escape(src, quote=True)}" title="{escape(title, quote=True)}" width="800" height="520" '
            'style="border:0" loading="lazy"></iframe>')


def embed_snippet(query, search, chart, href):
    """The iframe snippet for the current (validated) view and the chosen chart."""
    selection, page, _ = read_search(search, query)
    return embed_snippets(selection, page, chart, href)[0]


def embed_snippets(selection: Selection, page: dict[str, str], chart, href) -> tuple[str, str]:
    """The iframe snippet of a validated view and the chosen chart, and its responsive version (the same iframe and
    the script that sizes it, components/embed.py), for the page's own origin."""
    chart = chart if chart in EMBED_CHARTS else "map"
    origin = origin_of(href)
    snippet = iframe_snippet(embed_src(origin or "", selection, page, chart), wording.frame_title(chart))
    return snippet, responsive_snippet(snippet, origin)


def chosen_chart_snippets(query, chart, search, href):
    """The snippets when the embed panel's chart changes (the view's own changes bring theirs with the filter change)."""
    selection, page, _ = read_search(search, query)
    return embed_snippets(selection, page, chart, href)


def embed_panel() -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H2(wording.EMBED_HEADING, className="h6"),
        dbc.Row([
            dbc.Col([dbc.Label(wording.EMBED_CHART, html_for=ids.EMBED_CHART, className="small"),
                     dcc.Dropdown(id=ids.EMBED_CHART, value="map", clearable=False,
                                  options=[{"label": label, "value": key} for key, label in EMBED_CHARTS.items()])], md=4),
            dbc.Col([dbc.Label(wording.EMBED_COPY, html_for=ids.EMBED_SNIPPET, className="small"),
                     dbc.Textarea(id=ids.EMBED_SNIPPET, readonly=True, rows=3, className="font-monospace small")], md=8),
        ]),
        dbc.Row(dbc.Col([  # the filter change fills it, with the fixed snippet
            dbc.Label(wording.EMBED_RESPONSIVE, html_for=ids.EMBED_SNIPPET_RESPONSIVE,
                      className="small mt-2"),
            dbc.Textarea(id=ids.EMBED_SNIPPET_RESPONSIVE, readonly=True, rows=4, className="font-monospace small")], md={"size": 8, "offset": 4})),
    ]), className="mb-3 chrome")


def export_buttons(graph_id: str) -> html.Div:
    """PNG and SVG downloads of a chart, with its title, filters and source line in the image."""
    return html.Div([
        dbc.Button(fmt.upper(), id={"type": ids.EXPORT, "chart": graph_id, "format": fmt}, size="sm", color="secondary", outline=True,
                   className="ms-1 py-0", title=wording.download_chart(fmt))
        for fmt in ("png", "svg")
    ], className="export-buttons chrome")


def register(app, query) -> None:
    """The embed panel's chart choice, the explorer's last view and the export buttons' callbacks, on ``query``'s
    record. The page mode, the story of an embed and the snippets of a view come with the filter change's answer
    (layouts/filter_change.py): one request per change of view."""
    app.callback(Output(ids.EMBED_SNIPPET, "value", allow_duplicate=True), Output(ids.EMBED_SNIPPET_RESPONSIVE, "value", allow_duplicate=True),
                 Input(ids.EMBED_CHART, "value"), State(ids.URL, "search"), State(ids.URL, "href"),
                 prevent_initial_call=True)(functools.partial(chosen_chart_snippets, query))
    # The image is drawn in the browser from the figure on screen (window.ascnExport, assets/js/ascn.js), once the
    # chart shows the current view (a chart is drawn when in view: assets/js/lazy.js).
    app.clientside_callback(
        """
        async function(clicks) {
            const t = window.dash_clientside.callback_context.triggered_id;
            if (!t || !clicks.some(Boolean)) { return window.dash_clientside.no_update; }
            await window.ascnDrawnNow(t.chart);
            return window.ascnExport(t.chart, t.format);
        }
        """,
        Output(ids.EXPORT_DONE, "data"), Input({"type": ids.EXPORT, "chart": ALL, "format": ALL}, "n_clicks"),
        State(ids.URL, "href"), prevent_initial_call=True,
    )
