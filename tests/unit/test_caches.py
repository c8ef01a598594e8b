"""Every cache in the app's packages is bounded and listed, with its bound, in docs/architecture.md."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("ascn", "components", "layouts", "routes")


def _caches() -> list[tuple[str, str, bool]]:
    """(file, name, bounded) of every functools cache and every class named like a cache store."""
    found = []
    for path in sorted(p for package in PACKAGES for p in (ROOT / package).glob("*.py")):
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("functools.lru_cache", "lru_cache"):
                bounded = any(k.arg == "maxsize" and not (isinstance(k.value, ast.Constant) and k.value.value is None) for k in node.keywords)
                found.append((rel, _owner(path, node), bounded))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for deco in node.decorator_list:
                    if ast.unparse(deco) in ("functools.cache", "cache"):  # unbounded unless it takes no argument
                        found.append((rel, node.name, not node.args.args))
            if isinstance(node, ast.ClassDef) and re.search(r"Cache|Files$", node.name):
                found.append((rel, node.name, True))
    return found


def _owner(path: Path, call: ast.Call) -> str:
    """The name a cache built by a call is known by: what it is assigned to, or the function it decorates."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign) and ast.unparse(node.value).startswith(ast.unparse(call)):
            return ast.unparse(node.targets[0]).split(".")[-1]
        if isinstance(node, ast.FunctionDef) and any(ast.unparse(d) == ast.unparse(call) for d in node.decorator_list):
            return node.name
    return "?"


def test_every_cache_is_bounded_and_listed():
    table = (ROOT / "docs" / "architecture.md").read_text()
    caches = _caches()
    assert len(caches) >= 5  # the scan finds the caches there are
    for file, name, bounded in caches:
        assert bounded, f"{file}: {name} is an unbounded cache"
        assert re.search(rf"`{re.escape(file)}`[^|]*{re.escape(name.lstrip('_'))}", table) or \
            re.search(rf"`{re.escape(file)}` `[^`]*{re.escape(name)}", table), f"{file}: {name} is not listed in docs/architecture.md"
