"""Every component id of the page, in one place (a test checks each is in the layout). The filter controls' ids
are their kinds' (``ascn.filters``)."""

from ascn import filters

ROOT = "root"  # its class carries the page mode (present, embed)
MODE = "mode"  # dcc.Store: the page parameters (present, scene, chart, network_year)
URL = "url"
VIEW = "view"  # dcc.Store: the current Selection as URL parameters
NOTICE = "notice"

FILTER_MEMBER_STATE = filters.kind("member_state").control
FILTER_PARTNER = filters.kind("partner").control
FILTER_FOCUS = filters.kind("focus_area").control
FILTER_YEARS = filters.YEARS_CONTROL
FILTER_UNKNOWN_YEAR = filters.UNKNOWN_YEAR_CONTROL
NETWORK_SIZE_NOTE = "network-size-note"  # the network's size by year as sources state it (counts without named cities)
FILTER_PROVENANCE = filters.kind("provenance").control  # Table 2 rows or later reporting
FILTER_CITIES = filters.kind("city").control  # a list to tick: the keyboard way to select cities
CHIPS = "chips"
CHIP = "chip"  # pattern-matching: {"type": CHIP, "param": ..., "value": ...}
CLEAR_ALL = "clear-all"
CLEAR_SELECTION = "clear-selection"
COPY_LINK = "copy-link"
COPY_LINK_TEXT = "copy-link-text"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_ZIP = "download-zip"
SUMMARY = "summary"

MAP = "map"
MAP_CREDIT = "map-credit"  # the map's credit for the rows it shows (also read by assets/js/ascn.js for exports)
MAP_SHIFT = "map-shift"  # dcc.Store: whether shift was held at the last press on the map (assets/js/selection.js)
CITY_PANEL = "city-panel"
TREND = "chart-trend"
TREND_CUMULATIVE = "trend-cumulative"
PARTNERS = "chart-partners"
COMMITMENTS = "chart-commitments"
FOCUS = "chart-focus"
FOCUS_LEGEND = "focus-legend"

STORY = "chart-story"
EMBED_SNIPPET_RESPONSIVE = "embed-snippet-responsive"
MATRIX = "chart-matrix"  # who works with whom: partner economies by city
NETWORK_YEAR = "network-year"
SCENE_BAR = "scene-bar"
PRESENT_FROM = "present-from"  # dcc.Store (session): the last explorer view's query string, where leaving presentation returns
PRESENT_LINK = "present-link"
EMBED_CHART = "embed-chart"
EMBED_SNIPPET = "embed-snippet"
EMBED_OPEN = "embed-open"
EMBED_NOTICE = "embed-notice"  # an embed's bad link: what was not understood, shown instead of a chart
EXPORT = "export"  # pattern-matching: {"type": EXPORT, "chart": <graph id>, "format": "png" | "svg"}
EXPORT_DONE = "export-done"
ALT_TEXT = "alt-text"  # pattern-matching: {"type": ALT_TEXT, "chart": <graph id>}: alt text offered with a chart's export
CHART_TEXT = "chart-text"  # pattern-matching: {"type": CHART_TEXT, "chart": <graph id>}: text summary for screen readers
# Every chart but the map is drawn when it is in view (assets/js/lazy.js): the server's answer goes to the chart's
# next-figure store, and the browser hands it to the chart once the chart is on screen.
LAZY_CHARTS = (FOCUS, TREND, PARTNERS, COMMITMENTS, MATRIX, STORY)
IN_VIEW = "charts-in-view"  # dcc.Store: the ids of the charts on screen or about to be (set by assets/js/lazy.js)
# dcc.Store: "narrow" when a presentation is shown on a phone's width, "wide" when it turns back (assets/js/ascn.js);
# nothing until then. A projector's type and every city's name do not fit a phone: the figures are the explorer's there.
SCREEN = "screen"


def next_figure(graph_id: str) -> str:
    """The dcc.Store holding the latest figure of a chart drawn when in view."""
    return f"{graph_id}-next"


TABLE = "table"
TABLE_SEARCH = "table-search"
TABLE_NOTE = "table-note"
TABLE_COLUMNS = "table-columns"
TABLE_ROWS_NEXT = "table-next"  # dcc.Store: the view's rows, handed to the table when it is in view (assets/js/lazy.js)

ALL = [
    URL, VIEW, NOTICE, FILTER_MEMBER_STATE, FILTER_PARTNER, FILTER_FOCUS, FILTER_YEARS, FILTER_UNKNOWN_YEAR, FILTER_CITIES,
    CHIPS, CLEAR_ALL, CLEAR_SELECTION, COPY_LINK, COPY_LINK_TEXT, DOWNLOAD_CSV, SUMMARY, MAP, CITY_PANEL, TREND,
    TREND_CUMULATIVE, PARTNERS, COMMITMENTS, FOCUS, FOCUS_LEGEND, TABLE, TABLE_SEARCH, TABLE_NOTE, TABLE_COLUMNS, ROOT, MODE, STORY, NETWORK_YEAR,
    SCENE_BAR, PRESENT_LINK, EMBED_CHART, EMBED_SNIPPET, EXPORT_DONE, DOWNLOAD_ZIP, EMBED_OPEN, NETWORK_SIZE_NOTE, FILTER_PROVENANCE, MAP_SHIFT,
    MATRIX, EMBED_SNIPPET_RESPONSIVE, MAP_CREDIT, EMBED_NOTICE, PRESENT_FROM, IN_VIEW, *map(next_figure, LAZY_CHARTS), TABLE_ROWS_NEXT,
    SCREEN,
]

# The presenter's own deck (layouts/deck.py)
DECK = "deck"  # dcc.Store (local): the presenter's scenes, [{title, caption, view, charts}]
DECK_ADD = "deck-add"
DECK_PANEL = "deck-panel"
DECK_MOVE = "deck-move"  # dcc.Store: [from, to] set by assets/js/deck.js when a scene is dragged
DECK_UP, DECK_DOWN, DECK_REMOVE = "deck-up", "deck-down", "deck-remove"  # pattern ids {type, index}
DECK_TITLE, DECK_CAPTION = "deck-title", "deck-caption"  # pattern ids {type, index}
DECK_PRESENT = "deck-present"
DECK_SAVE = "deck-save"
DECK_DOWNLOAD = "deck-download"
DECK_OPEN = "deck-open"
DECK_MESSAGE = "deck-message"
DECK_SHARE = "deck-share"
PLAYER_PLAY, PLAYER_STEP, PLAYER_TICK = "player-play", "player-step", "player-tick"  # the network year played (layouts/explorer.py)
