"""Callback requests as the browser builds them, from the app's own callback map (for tests that post them)."""

import json

import app as dashboard


def _id(text: str):
    return json.loads(text) if text.startswith("{") else text


def _is_many(cid) -> bool:
    return isinstance(cid, dict) and any(isinstance(v, list) for v in cid.values())


def server_callbacks() -> dict[str, dict]:
    """Output key -> registered callback, for the callbacks that run on the server (not clientside)."""
    if not dashboard.app.callback_map:
        dashboard.server.test_client().get("/_dash-layout")  # Dash fills its callback map on the first request
    return {k: v for k, v in dashboard.app.callback_map.items() if v.get("callback")}


def find_callback(input_id: str, prop: str, output_part: str = "") -> str:
    """The output key of the server callback with this input (and this text in its outputs)."""
    return next(k for k, v in server_callbacks().items()
                if {"id": input_id, "property": prop} in v["inputs"] and output_part in k)


def envelope(output: str, values: dict | None = None, trigger: str | None = None) -> dict:
    """A well-formed request for the callback ``output``; ``values`` maps "id.property" to the value sent."""
    spec = server_callbacks()[output]
    values = values or {}

    def entries(deps):
        out = []
        for dep in deps:
            cid = _id(dep["id"])
            if _is_many(cid):
                out.append([])  # no component of a pattern on this page
                continue
            entry = {"id": cid, "property": dep["property"]}
            key = f"{dep['id']}.{dep['property']}"
            if key in values:
                entry["value"] = values[key]
            out.append(entry)
        return out

    deps = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    outputs = [{"id": _id(d.component_id_str()), "property": d.component_property} for d in deps]
    inputs = entries(spec["inputs"])
    first = next((f"{d['id']}.{d['property']}" for d in spec["inputs"] if not _is_many(_id(d["id"]))), "")
    body = {"output": output, "outputs": outputs if isinstance(spec["output"], list) else outputs[0], "inputs": inputs,
            "changedPropIds": [trigger or first]}
    if spec.get("state"):
        body["state"] = entries(spec["state"])
    return body
