"""The one reader of whole numbers that come from outside: the address, the API, a callback, a data file.

Python refuses to turn text of more than 4,300 digits into an int (a ValueError nobody catches); a year has four
digits and an id sixteen at most, so text longer than its bound is refused before it is converted. Only ASCII
digits count (``str.isdigit`` also takes "²" and "２"); no sign, space, underscore or decimal point.
"""

MAX_DIGITS = 16  # the widest number the record holds: an id up to 2**53 - 1


def digits(text: object, most: int = MAX_DIGITS) -> bool:
    """Whether ``text`` is 1 to ``most`` ASCII digits."""
    return isinstance(text, str) and 0 < len(text) <= most and text.isascii() and text.isdigit()


def whole(text: object, low: int, high: int) -> int | None:
    """The whole number ``text`` writes, when it is ASCII digits no longer than ``high`` and within [low, high]."""
    if not digits(text, len(str(high))):
        return None
    value = int(text)
    return value if low <= value <= high else None
