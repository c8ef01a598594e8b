"""One problem found in the data: where it is, the bad value and what is allowed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A single validation finding, ordered by file, line and column (then value, no value first, and message)."""

    file: str
    line: int  # 0 when the problem concerns the whole file
    column: str  # "" when the problem concerns a whole row or file
    value: str | None
    message: str
    # How ``column`` is printed: CSV problems name a column; geometry ones name a feature ("feature 3 (SGP)").
    label: str = "column"

    def _key(self) -> tuple:
        return (self.file, self.line, self.column, self.value is not None, self.value or "", self.message, self.label)

    def __lt__(self, other: "Problem") -> bool:
        return self._key() < other._key() if isinstance(other, Problem) else NotImplemented

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.column:
            parts.append(f"{self.label} '{self.column}'" if self.label else self.column)
        if self.value is not None:
            parts.append(f"value {self.value!r}")
        return ": ".join(parts) + f": {self.message}"


def format_report(problems: list[Problem]) -> str:
    """Every problem on its own line, then a count."""
    lines = [str(p) for p in sorted(problems)]
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} found; nothing was changed.")
    return "\n".join(lines)
