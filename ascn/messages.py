"""The words the API and the server answer with, in one place: what a link's or a request's parameter may hold, the
400s of the data API, the refusals of a malformed callback request, and the server's own 404, 408 and 500 texts.
Their audience is a developer or a journalist scripting the API (the page's own wording is ``ascn.wording``).
Nothing looks a message up by its text: callers name what happened, these functions say it."""

# --- Parameters of a view (the page ignores what it cannot use, the API refuses it) -----------------------------
IGNORED, REFUSED = "was ignored", "was refused"
PAIRS = "parameters as name=value pairs"
TEXT = "text"
GIVE_ONE_YEAR = "give one year"


def param_problem(param: str, value: str, outcome: str, allowed: str, suggestion: str = "") -> str:
    """One sentence for a person: what, what happened to it, what is allowed (and the likely correction)."""
    hint = f" (did you mean {param}={suggestion}?)" if suggestion else ""
    return f"{param}={value!r} {outcome}{hint}: {allowed}"


def years_crossed(high: int) -> str:
    return f"a year no later than year_to={high}; neither year was used"


def allowed(values) -> str:
    return f"allowed: {', '.join(values)}"


def unknown_parameter(params) -> str:
    return f"unknown parameter; allowed: {', '.join(params)}"


def too_many(limit: int) -> str:
    return f"at most {limit} values"


def count_values(n: int) -> str:
    return f"{n} values"


def unknown_value(shown: str) -> str:
    return f"unknown value; allowed: {shown}"


def year_range(low: int, high: int) -> str:
    return f"a year from {low} to {high}"


# --- The data API -----------------------------------------------------------------------------------------------
def bad_request(problems: list[str]) -> str:
    return "bad request: " + "; ".join(problems)


def json_source(file_name: str, version: str) -> str:
    return f"{file_name}, data version {version}"


# --- Callback requests (routes/security.py checks their shape, layouts/inputs.py their values) ------------------
NOT_JSON_TYPE = "a callback request is JSON (Content-Type: application/json)"
BODY_NOT_JSON = "malformed callback request: the body is not JSON"
BODY_NOT_OBJECT = "the body must be a JSON object"
UNKNOWN_OUTPUT = "unknown callback output"
CHANGED_NOT_STRINGS = "changedPropIds must be a list of strings"
YEAR_FIRST = "customdata must start with the milestone's year"
TWO_CODES_FIRST = "customdata must start with the cell's partner and city"
DOWNLOADS_BUSY = "this server is streaming as many full downloads as it can at once; try again in a few seconds"
ID_FIRST = "customdata must start with the id of what was drawn (a city id or a country code, as text)"


def malformed(problem: str) -> str:
    return f"malformed callback request: {problem}"


def must_list(key: str, n: int) -> str:
    return f"{key} must list the callback's {n} {key}"


def is_not(key: str, number: int, expected: str) -> str:
    return f"{key}[{number}] is not {expected}"


def not_a_filter_kind(params) -> str:
    return f"not a filter kind: one of {', '.join(params)}"


def never_sent(name: str, where: str, msg: str) -> str:
    return f"{name}{': ' + where if where else ''}: {msg.lower()}; the page never sends this"


def chip_id(name: str) -> str:
    return f"chip id {name}"


def no_shape(name: str) -> str:
    return f"{name}: no shape is declared for this input, so no value of it is accepted; the page never sends one"


def not_an_input(changed: str) -> str:
    return f"changedPropIds names {changed!r}, which is not an input of this request"


# --- The server: files, timeouts, errors, readiness -------------------------------------------------------------
NO_COMPONENT_FILE = "Not found: no such component file\n"
QUERY_NOT_UTF8 = "the query string is not UTF-8: percent-encode it"
INTERNAL_ERROR = "internal error"
NOT_CANONICAL = "Not found: this is not a canonical path: it has an empty, '.' or '..' segment (//, /./ or /../)\n"
NOT_SET_UP = "Dash's per-process setup has not run (routes.serving.prepare)"


def body_timeout(seconds: float) -> str:
    return f"The request body did not arrive within {seconds:g} seconds.\n"


def file_not_registered(package: str, path: str) -> str:
    return f"the page's file {package}/{path} is not registered"


# --- Profiles (routes/profiles.py) --------------------------------------------------------------------------------
def no_profile(kinds) -> str:
    return f"no profile at this address; profiles are /api/profile/<kind>/<code>.json with kind one of {', '.join(kinds)} (see /profiles)"
