"""Each gunicorn worker shortens the interpreter's switch interval once it is set up (issue 18: /healthz within 1 s
while heavy downloads are made in gevent's thread pool). The config monkey-patches gevent when imported, so it is
read here, not imported: its worker hook must set the interval, to at most 1 ms."""

import ast
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_each_worker_sets_a_short_switch_interval():
    tree = ast.parse(CONFIG.read_text())
    constants = {node.targets[0].id: node.value for node in tree.body
                 if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    assert ast.literal_eval(constants["SWITCH_INTERVAL_S"]) <= 0.001
    hook = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "post_worker_init")
    calls = [node for node in ast.walk(hook) if isinstance(node, ast.Call) and ast.unparse(node.func) == "sys.setswitchinterval"]
    assert [ast.unparse(call.args[0]) for call in calls] == ["SWITCH_INTERVAL_S"]
