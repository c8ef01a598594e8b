"""Fixed vocabularies of the contract: focus areas, bounds and file names."""

import datetime

# The six focus areas of the ASEAN Smart Cities Framework, in the framework's order.
FOCUS_AREAS: dict[str, str] = {
    "civic-social": "Civic and social",
    "health-wellbeing": "Health and well-being",
    "safety-security": "Safety and security",
    "quality-environment": "Quality environment",
    "built-infrastructure": "Built infrastructure",
    "industry-innovation": "Industry and innovation",
}

# A generous box around Southeast Asia (lat, lon): cities outside it are a typo or a swap.
SEA_LAT = (-12.0, 29.0)
SEA_LON = (92.0, 142.0)

# Years: nothing in the record is older than this; the future is at most next year.
YEAR_MIN = 1990
YEAR_MAX = datetime.date.today().year + 1
NETWORK_FOUNDED = 2018

LIST_SEPARATOR = ";"

CITIES = "cities.csv"
PARTNERSHIPS = "partnerships.csv"
COMMITMENTS = "commitments.csv"
EVENTS = "events.csv"
ECONOMIES = "economies.csv"
NETWORK_SIZE = "network_size.csv"
GEOMETRY = "geo/countries.geojson"

# The charts a presentation scene may show beside the map (scenes.csv's optional ``charts`` column), at most two.
SCENE_CHARTS = ("focus", "trend", "partners", "commitments", "matrix", "story")
MAX_SCENE_CHARTS = 2
