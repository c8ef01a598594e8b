"""HTTP hardening: security headers and CSP (flask-talisman), framing of /embed only, 4xx for malformed callbacks."""

import json

import dash
from dash.exceptions import DependencyException
from flask import Flask, Response, current_app, request
from flask_talisman import DENY, Talisman
from werkzeug.exceptions import HTTPException

from ascn import messages
from ascn.paths import is_embed_path  # one rule: the page that renders the embed view is the one that may be framed

# Any site may frame /embed, and so may a slide deck opened from disk (file:): Chromium's `*` matches network
# schemes only ("'*' matches only URLs with network schemes"), so file: is named. A file: page is one the user
# opened themselves; it gains nothing a website framing /embed does not already have.
EMBED_FRAME_ANCESTORS = "* file:"
# The page's callback requests are a few KB (a table selection of every row stays far below this).
MAX_BODY_BYTES = 1024 * 1024


def content_security_policy(app: dash.Dash) -> dict[str, str]:
    """The policy: everything from this host only; no inline script but Dash's own, listed by hash.

    Call it after every callback is registered: clientside callbacks are inline scripts.
    """
    return {
        "default-src": "'self'",
        # Dash's renderer start-up and clientside callbacks are inline scripts; their hashes admit exactly them.
        "script-src": " ".join(["'self'", *app.csp_hashes()]),
        # plotly.js and AG Grid inject <style> elements at run time; a style cannot run code.
        "style-src": "'self' 'unsafe-inline'",
        # Bootstrap's icons are data: SVGs in its CSS; plotly's PNG export draws the chart's SVG as a blob: image.
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",  # callbacks, the country GeoJSON and the topojson: same host
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def policy_text(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


def is_embed(path: str) -> bool:
    """Whether a path may be framed: exactly the page that renders the embed view (/embed/x is a 404 page)."""
    return is_embed_path(path)


def register(app: dash.Dash) -> None:
    """Security headers on every response, and clean 4xx answers to malformed callback requests."""
    server = app.server
    policy = content_security_policy(app)
    embed_policy = policy_text({**policy, "frame-ancestors": EMBED_FRAME_ANCESTORS})
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    # Flask runs after_request hooks last-registered first: registered before Talisman, this one runs after it.
    @server.after_request
    def allow_framing_of_embed(response: Response) -> Response:
        if is_embed(request.path):
            response.headers.pop("X-Frame-Options", None)
            response.headers["Content-Security-Policy"] = embed_policy
        return response

    Talisman(
        server,
        # TLS ends at the proxy in front; the app itself speaks plain HTTP on loopback (`make run`, gunicorn).
        force_https=False,
        frame_options=DENY,
        content_security_policy=policy,
        referrer_policy="strict-origin-when-cross-origin",  # source sites see our host, never the filters in the URL
        permissions_policy={"browsing-topics": "()", "camera": "()", "microphone": "()", "geolocation": "()"},
        x_content_type_options=True,
    )
    _guard_callbacks(app, server)


def _error(status: int, message: str) -> Response:
    return Response(json.dumps({"error": message}), status=status, mimetype="application/json")


def _guard_callbacks(app: dash.Dash, server: Flask) -> None:
    endpoint = app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def check_callback_request():
        if request.endpoint != endpoint:
            return None
        if not request.is_json:
            return _error(415, messages.NOT_JSON_TYPE)
        try:
            body = request.get_json(silent=True)  # cached: Dash reads the same parsed body
        except RecursionError:
            body = None  # nesting deeper than the JSON parser goes
        if body is None:
            return _error(400, messages.BODY_NOT_JSON)
        problem = envelope_problem(body, app.callback_map)  # the values: layouts/inputs.py, next
        if problem:
            current_app.logger.warning("malformed callback request from %s: %s", request.remote_addr, problem)
            return _error(400, messages.malformed(problem))
        return None

    @server.errorhandler(Exception)
    def unhandled(err: Exception):
        if isinstance(err, HTTPException):
            return err  # Flask's own 4xx (415, 413, 405...) stay as they are
        if request.path.startswith(app.config.routes_pathname_prefix + "_dash-component-suites/") and isinstance(
                err, (DependencyException, FileNotFoundError)):
            # A file Dash does not serve (unknown library or path), or one it lists but its package lacks (a .map):
            # a scanner's guess, not our bug. 404, and no traceback in the log.
            return Response(messages.NO_COMPONENT_FILE, status=404, mimetype="text/plain")
        if isinstance(err, UnicodeDecodeError) and not _is_utf8(request.query_string):
            # Raw bytes that are not UTF-8 (browsers percent-encode; scanners do not) break werkzeug's request.args.
            return _error(400, messages.QUERY_NOT_UTF8)
        # Past the checks above the request was well formed: this is our bug. Log it whole, answer without it.
        current_app.logger.error("%s %s failed", request.method, request.path, exc_info=err)
        return _error(500, messages.INTERNAL_ERROR)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def envelope_problem(body: object, callback_map: dict) -> str | None:
    """What is wrong with a callback request's structure, or None: the output must be a registered callback
    and the inputs, state and outputs exactly the components and properties it was registered with."""
    if not isinstance(body, dict):
        return messages.BODY_NOT_OBJECT
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map or not callback_map[output].get("callback"):
        return messages.UNKNOWN_OUTPUT  # clientside callbacks have no function here
    spec = callback_map[output]
    for key in ("inputs", "state"):
        problem = _dependencies_problem(key, body.get(key, []), spec.get(key, []))
        if problem:
            return problem
    if not spec.get("no_output"):
        problem = _outputs_problem(body.get("outputs"), spec["output"])
        if problem:
            return problem
    # Dash reads changedPropIds (to name the trigger), never parsedChangedPropsIds (which holds pattern ids as objects).
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(p, str) for p in changed):
        return messages.CHANGED_NOT_STRINGS
    return None


def _parse_id(id_text: str) -> str | dict:
    return json.loads(id_text) if id_text.startswith("{") else id_text


def _is_wildcard(value: object) -> bool:
    return isinstance(value, list)  # registered ids store ALL, MATCH and ALLSMALLER as ["ALL"] ...


def _id_matches(pattern: str | dict, given: object) -> bool:
    if isinstance(pattern, str):
        return given == pattern
    if not isinstance(given, dict) or set(given) != set(pattern):
        return False
    return all(isinstance(given[k], (str, int, float, bool)) and (_is_wildcard(v) or given[k] == v) for k, v in pattern.items())


def _entry_ok(item: object, pattern: str | dict, prop: str) -> bool:
    return isinstance(item, dict) and _id_matches(pattern, item.get("id")) and item.get("property") == prop


def _matches(item: object, id_text: str, prop: str) -> bool:
    """One request entry against one registered dependency; ALL and ALLSMALLER send a list of entries."""
    pattern = _parse_id(id_text)
    many = isinstance(pattern, dict) and any(v in (["ALL"], ["ALLSMALLER"]) for v in pattern.values())
    if many:
        return isinstance(item, list) and all(_entry_ok(i, pattern, prop) for i in item)
    return _entry_ok(item, pattern, prop)


def _dependencies_problem(key: str, items: object, registered: list[dict]) -> str | None:
    if not isinstance(items, list) or len(items) != len(registered):
        return messages.must_list(key, len(registered))
    for number, (item, dep) in enumerate(zip(items, registered)):
        if not _matches(item, dep["id"], dep["property"]):
            return messages.is_not(key, number, f"{dep['id']}.{dep['property']}")
    return None


def _outputs_problem(outputs: object, registered) -> str | None:
    deps = registered if isinstance(registered, list) else [registered]
    items = outputs if isinstance(registered, list) else [outputs]
    if not isinstance(items, list) or len(items) != len(deps):
        return messages.must_list("outputs", len(deps))
    for number, (item, dep) in enumerate(zip(items, deps)):
        if isinstance(item, dict) and isinstance(item.get("property"), str):
            item = {**item, "property": item["property"].split("@")[0]}  # allow_duplicate outputs carry @hash
        if not _matches(item, dep.component_id_str(), dep.component_property):
            return messages.is_not("outputs", number, f"{dep.component_id_str()}.{dep.component_property}")
    return None
