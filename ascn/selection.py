"""A Selection (filters + map selection) and its URL form, shared by the page and the API."""

import difflib
import re
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from ascn import vocab
from ascn.dataset import Dataset

LIST_PARAMS = {"member_state": "member_states", "partner": "partners", "focus_area": "focus_areas", "city": "cities",
               "provenance": "provenances"}
# Where a partnership comes from: one of the paper's twenty Table 2 rows, or a row added later from reporting after 2020.
PROVENANCE_LABELS = {"table-2": "Table 2 of the ISEAS paper (2020)", "later-reporting": "Added from later reporting"}
YEAR_PARAMS = ("year_from", "year_to")
UNKNOWN_YEAR = "unknown_year"
UNKNOWN_YEAR_CHOICES = ("include", "exclude", "only")
PARAMS = (*LIST_PARAMS, *YEAR_PARAMS, UNKNOWN_YEAR)
MAX_VALUES = 500  # more values than the record has ids is a broken link, not a view


@dataclass(frozen=True)
class Selection:
    """What the user is looking at. Empty tuples mean "no filter of that kind"."""

    member_states: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    provenances: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    unknown_year: str = "include"  # partnerships whose year is unknown: include, exclude or only

    @property
    def is_empty(self) -> bool:
        return self == Selection()

    def toggled(self, kind: str, value: str) -> "Selection":
        """The same selection with ``value`` added to, or removed from, the list ``kind``."""
        current = getattr(self, kind)
        values = tuple(v for v in current if v != value) if value in current else (*current, value)
        return replace(self, **{kind: values})

    def to_params(self) -> dict[str, str]:
        """URL query parameters, in a stable order, leaving out what is not set."""
        params = {name: ",".join(getattr(self, attr)) for name, attr in LIST_PARAMS.items() if getattr(self, attr)}
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

    def says(self, outcome: str = "was ignored") -> str:
        """One sentence for a person: what, what happened to it (the page ignores; the API refuses), what is allowed."""
        hint = f" (did you mean {self.param}={self.suggestion}?)" if self.suggestion else ""
        return f"{self.param}={self.value!r} {outcome}{hint}: {self.allowed}"

    def __str__(self) -> str:
        return self.says()


@dataclass
class ParsedSelection:
    selection: Selection
    problems: list[ParamProblem] = field(default_factory=list)


def allowed_values(dataset: Dataset) -> dict[str, dict[str, str]]:
    """For each list parameter, the canonical values and the display names, in display order."""
    # Every callback parses its view through this: computed once per dataset, handed out as fresh dicts.
    key = id(dataset)
    hit = _ALLOWED.get(key)
    if hit is None or hit[0]() is not dataset:
        def forget(ref, key=key):
            if _ALLOWED.get(key, (None,))[0] is ref:
                del _ALLOWED[key]
        hit = _ALLOWED[key] = (weakref.ref(dataset, forget), _allowed_values(dataset))
    return {kind: dict(values) for kind, values in hit[1].items()}


_ALLOWED: dict[int, tuple[weakref.ref, dict[str, dict[str, str]]]] = {}


def _allowed_values(dataset: Dataset) -> dict[str, dict[str, str]]:
    econ = dataset.economies
    names = dict(zip(econ.index, econ["name"]))
    members = sorted(code for code, member in zip(econ.index, econ["asean_member"]) if member)
    cities = sorted(zip(dataset.cities["name"], dataset.cities.index))
    # Partners that are not countries (the EU) are named as organisations wherever partners are listed.
    labels = {c: f"{names[c]} (organisation)" if kind == "organisation" else names[c] for c, kind in zip(econ.index, econ["kind"])}
    return {
        "member_state": {c: names[c] for c in members},
        "partner": {c: labels[c] for c in sorted(names, key=names.__getitem__)},
        "focus_area": dict(vocab.FOCUS_AREAS),
        "city": {city_id: name for name, city_id in cities},
        "provenance": dict(PROVENANCE_LABELS),
    }


def parse_params(params: Mapping[str, str | Iterable[str]], dataset: Dataset) -> ParsedSelection:
    """Read URL parameters into a Selection; every unknown key or value becomes a problem.

    Values are comma-separated; a repeated key adds to the list. Codes are matched without
    regard to case (``jpn`` is ``JPN``). Anything else (a view store a client filled with numbers, say)
    becomes a problem too, never an exception.
    """
    allowed = allowed_values(dataset)
    problems: list[ParamProblem] = []
    fields: dict[str, object] = {}
    if not isinstance(params, Mapping):
        return ParsedSelection(Selection(), [ParamProblem("", repr(params)[:80], "parameters as name=value pairs")])
    for key, raw in params.items():
        texts = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else [raw]
        if not isinstance(key, str) or not all(isinstance(text, str) for text in texts):
            problems.append(ParamProblem(str(key)[:80], repr(raw)[:80], "text"))
            continue
        if key in LIST_PARAMS:
            fields[LIST_PARAMS[key]] = _parse_list(key, texts, allowed[key], problems)
        elif key in YEAR_PARAMS:
            fields[key] = _parse_year(key, texts, problems)
        elif key == UNKNOWN_YEAR:
            value = texts[-1].strip().lower() if texts else ""
            if value in UNKNOWN_YEAR_CHOICES:
                fields[key] = value
            else:
                problems.append(ParamProblem(key, texts[-1] if texts else "", f"allowed: {', '.join(UNKNOWN_YEAR_CHOICES)}"))
        else:
            problems.append(ParamProblem(key, ",".join(texts)[:80], f"unknown parameter; allowed: {', '.join(PARAMS)}"))
    low, high = fields.get("year_from"), fields.get("year_to")
    if low is not None and high is not None and low > high:
        problems.append(ParamProblem("year_from", str(low), f"a year no later than year_to={high}; neither year was used"))
        fields["year_from"] = fields["year_to"] = None
    return ParsedSelection(Selection(**fields), problems)


def _parse_list(key: str, texts: list[str], allowed: dict[str, str], problems: list[ParamProblem]) -> tuple[str, ...]:
    by_fold = {code.casefold(): code for code in allowed}
    items = [item.strip() for text in texts for item in text.split(",") if item.strip()]
    if len(items) > MAX_VALUES:
        problems.append(ParamProblem(key, f"{len(items)} values", f"at most {MAX_VALUES} values"))
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
        problems.append(ParamProblem(key, ",".join(bad)[:80], f"unknown value; allowed: {shown}", ",".join(dict.fromkeys(guesses))))
    return tuple(values)


def did_you_mean(item: str, allowed: Mapping[str, str]) -> str | None:
    """The allowed code a mistyped link value most likely meant (``JAP`` -> ``JPN``, ``helth`` -> ``health-wellbeing``).

    The validator's rule (``difflib.get_close_matches`` against the allowed codes, see ascn/contract.py), tried
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
        problems.append(ParamProblem(key, ",".join(texts)[:80], "give one year"))
        return None
    if text.isascii() and text.isdigit() and vocab.YEAR_MIN <= int(text) <= vocab.YEAR_MAX:
        return int(text)
    problems.append(ParamProblem(key, text[:80], f"a year from {vocab.YEAR_MIN} to {vocab.YEAR_MAX}"))
    return None
