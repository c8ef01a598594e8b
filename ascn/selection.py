"""A Selection (filters + map selection) and its URL form, shared by the page and the API."""

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from ascn import filters, messages, numbers, vocab
from ascn.filters import UNKNOWN_YEAR, UNKNOWN_YEAR_CHOICES, YEAR_PARAMS

MAX_VALUES = 500  # more values than the record has ids is a broken link, not a view


class Selection:
    """What the user is looking at: a tuple of codes per list kind of ``ascn.filters`` (empty: no filter of that
    kind), a year range and what to do with unknown years. Immutable and hashable; ``sel.partners`` reads a kind."""

    __slots__ = ("_lists", "year_from", "year_to", "unknown_year")

    def __init__(self, year_from: int | None = None, year_to: int | None = None, unknown_year: str = "include", **lists: Iterable[str]):
        for attr in lists:
            if filters.kind_of_attr(attr) is None:
                raise TypeError(f"Selection has no filter kind {attr!r}")
        object.__setattr__(self, "_lists", tuple((k.attr, tuple(lists[k.attr])) for k in filters.LIST_KINDS if lists.get(k.attr)))
        object.__setattr__(self, "year_from", year_from)
        object.__setattr__(self, "year_to", year_to)
        object.__setattr__(self, "unknown_year", unknown_year)

    def __getattr__(self, name: str) -> tuple[str, ...]:
        if filters.kind_of_attr(name) is None:
            raise AttributeError(name)
        return dict(self._lists).get(name, ())

    def __setattr__(self, name, value):
        raise AttributeError("a Selection is immutable: use replace()")

    def _key(self) -> tuple:
        return self._lists, self.year_from, self.year_to, self.unknown_year

    def __eq__(self, other) -> bool:
        return isinstance(other, Selection) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Selection({self.to_params()!r})"

    def lists(self) -> dict[str, tuple[str, ...]]:
        """The chosen codes of every list kind that has some, by Selection attribute."""
        return dict(self._lists)

    def replace(self, **changes) -> "Selection":
        """The same selection with some kinds (by attribute) or the years changed."""
        fields = {**self.lists(), "year_from": self.year_from, "year_to": self.year_to, "unknown_year": self.unknown_year}
        return Selection(**{**fields, **changes})

    @property
    def is_empty(self) -> bool:
        return self == Selection()

    def toggled(self, kind: str, value: str) -> "Selection":
        """The same selection with ``value`` added to, or removed from, the list ``kind`` (an attribute)."""
        current = getattr(self, kind)
        values = tuple(v for v in current if v != value) if value in current else (*current, value)
        return self.replace(**{kind: values})

    def to_params(self) -> dict[str, str]:
        """URL query parameters, in a stable order (the table's), leaving out what is not set."""
        chosen = self.lists()
        params = {k.param: ",".join(chosen[k.attr]) for k in filters.LIST_KINDS if k.attr in chosen}
        for name in YEAR_PARAMS:
            if getattr(self, name) is not None:
                params[name] = str(getattr(self, name))
        if self.unknown_year != "include":
            params[UNKNOWN_YEAR] = self.unknown_year
        return params

    def to_query_string(self) -> str:
        params = self.to_params()
        return "?" + urlencode(params, safe=",") if params else ""


@dataclass(frozen=True)
class ParamProblem:
    """One thing wrong with a URL: the parameter, the bad value and what is allowed."""

    param: str
    value: str
    allowed: str
    suggestion: str = ""  # the value the link most likely meant, when one is close ("JPN" for "JAP")

    def says(self, outcome: str = messages.IGNORED) -> str:
        """One sentence for a person: what, what happened to it (the page ignores; the API refuses), what is allowed."""
        return messages.param_problem(self.param, self.value, outcome, self.allowed, self.suggestion)

    def __str__(self) -> str:
        return self.says()


@dataclass
class ParsedSelection:
    selection: Selection
    problems: list[ParamProblem] = field(default_factory=list)


def parse_params(params: Mapping[str, str | Iterable[str]], allowed: Mapping[str, Mapping[str, str]]) -> ParsedSelection:
    """Read URL parameters into a Selection; every unknown key or value becomes a problem.

    Values are comma-separated; a repeated key adds to the list. Codes are matched without
    regard to case (``jpn`` is ``JPN``). Anything else (a view store a client filled with numbers, say)
    becomes a problem too, never an exception.
    """
    problems: list[ParamProblem] = []
    fields: dict[str, object] = {}
    if not isinstance(params, Mapping):
        return ParsedSelection(Selection(), [ParamProblem("", repr(params)[:80], messages.PAIRS)])
    for key, raw in params.items():
        texts = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else [raw]
        if not isinstance(key, str) or not all(isinstance(text, str) for text in texts):
            problems.append(ParamProblem(str(key)[:80], repr(raw)[:80], messages.TEXT))
        else:
            _parse_one(key, texts, allowed, fields, problems)
    low, high = fields.get("year_from"), fields.get("year_to")
    if low is not None and high is not None and low > high:
        problems.append(ParamProblem("year_from", str(low), messages.years_crossed(high)))
        fields["year_from"] = fields["year_to"] = None
    return ParsedSelection(Selection(**fields), problems)


def _parse_one(key: str, texts: list[str], allowed: Mapping[str, Mapping[str, str]], fields: dict, problems: list[ParamProblem]) -> None:
    """One URL parameter into ``fields`` (by Selection attribute), or a problem."""
    kind = filters.kind(key)
    if kind is not None:
        fields[kind.attr] = _parse_list(key, texts, allowed[key], problems)
    elif key in YEAR_PARAMS:
        fields[key] = _parse_year(key, texts, problems)
    elif key == UNKNOWN_YEAR:
        value = texts[-1].strip().lower() if texts else ""
        if value in UNKNOWN_YEAR_CHOICES:
            fields[key] = value
        else:
            problems.append(ParamProblem(key, texts[-1] if texts else "", messages.allowed(UNKNOWN_YEAR_CHOICES)))
    else:
        problems.append(ParamProblem(key, ",".join(texts)[:80], messages.unknown_parameter(filters.params())))


def _parse_list(key: str, texts: list[str], allowed: Mapping[str, str], problems: list[ParamProblem]) -> tuple[str, ...]:
    by_fold = {code.casefold(): code for code in allowed}
    items = [item.strip() for text in texts for item in text.split(",") if item.strip()]
    if len(items) > MAX_VALUES:
        problems.append(ParamProblem(key, messages.count_values(len(items)), messages.too_many(MAX_VALUES)))
        return ()
    values: list[str] = []
    bad: list[str] = []
    for item in items:
        code = by_fold.get(item.casefold())
        if code is None:
            bad.append(item)
        elif code not in values:
            values.append(code)
    if bad:
        shown = ", ".join(list(allowed)[:40]) + (", ..." if len(allowed) > 40 else "")
        guesses = [g for g in (did_you_mean(item, allowed) for item in bad[:10]) if g]
        problems.append(ParamProblem(key, ",".join(bad)[:80], messages.unknown_value(shown), ",".join(dict.fromkeys(guesses))))
    return tuple(values)


def did_you_mean(item: str, allowed: Mapping[str, str]) -> str | None:
    """The allowed code a mistyped link value most likely meant (``JAP`` -> ``JPN``, ``helth`` -> ``health-wellbeing``).

    The validator's rule (``difflib.get_close_matches`` against the allowed codes, see ascn/cells.py), tried
    after a name typed for a code (``Japan``), then against the display names and their words, since links are
    typed by people who know the names better than the codes.
    """
    text = item.strip().casefold()[:80]
    if not text:
        return None
    names = {name.casefold(): code for code, name in allowed.items()}
    if text in names:
        return names[text]
    codes = {code.casefold(): code for code in allowed}
    for candidates, cutoff in ((codes, 0.6), (names, 0.6), (_words(allowed), 0.75)):
        guess = difflib.get_close_matches(text, list(candidates), n=1, cutoff=cutoff)
        if guess:
            return candidates[guess[0]]
    return None


def _words(allowed: Mapping[str, str]) -> dict[str, str]:
    """Each word of four letters or more in a code or a name, when it belongs to one code only."""
    seen: dict[str, set[str]] = {}
    for code, name in allowed.items():
        for word in re.split(r"[^\w]+", f"{code} {name}".casefold()):
            if len(word) >= 4:
                seen.setdefault(word, set()).add(code)
    return {word: next(iter(codes)) for word, codes in seen.items() if len(codes) == 1}


def _parse_year(key: str, texts: list[str], problems: list[ParamProblem]) -> int | None:
    text = texts[-1].strip() if texts else ""
    if len(texts) > 1 and len(set(texts)) > 1:
        problems.append(ParamProblem(key, ",".join(texts)[:80], messages.GIVE_ONE_YEAR))
        return None
    year = numbers.whole(text, vocab.YEAR_MIN, vocab.YEAR_MAX)
    if year is not None:
        return year
    problems.append(ParamProblem(key, text[:80], messages.year_range(vocab.YEAR_MIN, vocab.YEAR_MAX)))
    return None
