"""Every component id of the page, in one place (a test checks each is in the layout)."""

URL = "url"
VIEW = "view"  # dcc.Store: the current Selection as URL parameters
NOTICE = "notice"

FILTER_MEMBER_STATE = "filter-member-state"
FILTER_PARTNER = "filter-partner"
FILTER_FOCUS = "filter-focus"
FILTER_YEARS = "filter-years"
FILTER_UNKNOWN_YEAR = "filter-unknown-year"
FILTER_CITIES = "filter-cities"  # a list to tick: the keyboard way to select cities
CHIPS = "chips"
CHIP = "chip"  # pattern-matching: {"type": CHIP, "param": ..., "value": ...}
CLEAR_ALL = "clear-all"
CLEAR_SELECTION = "clear-selection"
COPY_LINK = "copy-link"
COPY_LINK_TEXT = "copy-link-text"
DOWNLOAD_CSV = "download-csv"
SUMMARY = "summary"

MAP = "map"
CITY_PANEL = "city-panel"
TREND = "chart-trend"
TREND_CUMULATIVE = "trend-cumulative"
PARTNERS = "chart-partners"
COMMITMENTS = "chart-commitments"
FOCUS = "chart-focus"
FOCUS_LEGEND = "focus-legend"

TABLE = "table"
TABLE_SEARCH = "table-search"
TABLE_NOTE = "table-note"

ALL = [
    URL, VIEW, NOTICE, FILTER_MEMBER_STATE, FILTER_PARTNER, FILTER_FOCUS, FILTER_YEARS, FILTER_UNKNOWN_YEAR, FILTER_CITIES,
    CHIPS, CLEAR_ALL, CLEAR_SELECTION, COPY_LINK, COPY_LINK_TEXT, DOWNLOAD_CSV, SUMMARY, MAP, CITY_PANEL, TREND,
    TREND_CUMULATIVE, PARTNERS, COMMITMENTS, FOCUS, FOCUS_LEGEND, TABLE, TABLE_SEARCH, TABLE_NOTE,
]
