"""One colour-blind-safe palette (Okabe-Ito) and one fill pattern per focus area, used everywhere."""

from ascn.vocab import FOCUS_AREAS

FOCUS_COLOURS = {
    "civic-social": "#CC79A7",
    "health-wellbeing": "#009E73",
    "safety-security": "#D55E00",
    "quality-environment": "#F0E442",
    "built-infrastructure": "#0072B2",
    "industry-innovation": "#E69F00",
}
# Patterns tell focus areas apart without colour (greyscale print, colour blindness).
FOCUS_PATTERNS = {
    "civic-social": "",
    "health-wellbeing": "/",
    "safety-security": "x",
    "quality-environment": ".",
    "built-infrastructure": "-",
    "industry-innovation": "\\",
}
MEMBER_FILL = "#cfe0ef"
MEMBER_SELECTED_FILL = "#8fb8dc"
NEIGHBOUR_FILL = "#eeeeee"
BORDER = "#8a8a8a"
CITY = "#1f3b57"
HIGHLIGHT = "#D55E00"
TEXT = "#212529"
MUTED_TEXT = "#595959"  # 7:1 on white

assert set(FOCUS_COLOURS) == set(FOCUS_AREAS) == set(FOCUS_PATTERNS)
