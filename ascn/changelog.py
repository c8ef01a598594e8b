"""The data changelog (data/CHANGELOG.md): each edition's date, title and what changed, for the about page and exports."""

import re
from dataclasses import dataclass
from pathlib import Path

NAME = "CHANGELOG.md"
HEADING = re.compile(r"^## ([0-9]{4}-[0-9]{2}-[0-9]{2}): (.+)$")


@dataclass(frozen=True)
class Edition:
    """One entry: its date, its title and its items (each a paragraph of plain text)."""

    date: str
    title: str
    items: tuple[str, ...]


def read_changelog(data_dir: Path) -> list[Edition]:
    """The editions, newest first; empty when the data directory has no changelog (it is optional)."""
    path = Path(data_dir) / NAME
    if not path.is_file():
        return []
    editions, current, items = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines() + ["## 0000-00-00: end"]:
        heading = HEADING.match(line)
        if heading:
            if current:
                editions.append(Edition(*current, tuple(" ".join(item.split()) for item in items)))
            current, items = heading.groups(), []
        elif current and line.startswith("- "):
            items.append(line[2:])
        elif current and items and line.startswith("  "):
            items[-1] += " " + line.strip()
    return editions
