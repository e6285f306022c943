"""The order a check's options are shown in, where the right answers end up, and
whether the right answer is the longest option.

Authors tend to write the right answer first; a trainee then learns the position,
not the content. So the build, not the author, orders the options: a Fisher-Yates
shuffle whose draws come from SHA-256 of the check's storage key. The key names the
check (topic and id), not its words or language, so every build, every translation
and every printed copy show the same order. The hash is our own rather than
``random.Random`` so that the order cannot change with a Python release.

Length is the other cue test-wise readers use: authors qualify the right answer
until it is the longest option. A check gives that cue when a right answer is at
least as long as every wrong one; the edition may give it in at most half of its
checks (with several right answers, chance alone gives it about half the time).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

# Below this many checks chance alone often puts one position over half, so an
# edition that small is reported but not held to the limit.
MIN_CHECKS_FOR_BALANCE = 8


def shuffled(key: str, count: int) -> list[int]:
    """A permutation of range(count): the authored index of the option shown at each place."""
    order = list(range(count))
    for high in range(count - 1, 0, -1):
        draw = hashlib.sha256(f"{key}\n{high}".encode()).digest()
        low = int.from_bytes(draw[:8], "big") % (high + 1)
        order[high], order[low] = order[low], order[high]
    return order


def right_positions(rights: Sequence[bool]) -> list[int]:
    """The 1-based places that hold a right answer, as shown."""
    return [place for place, right in enumerate(rights, start=1) if right]


def distribution(checks: Iterable[Sequence[int]]) -> tuple[int, Counter[int]]:
    """(number of checks, how many checks hold a right answer at each place)."""
    total = 0
    counts: Counter[int] = Counter()
    for places in checks:
        total += 1
        counts.update(set(places))
    return total, counts


def crowded(total: int, counts: Counter[int]) -> list[int]:
    """Places that hold a right answer in more than half of the checks."""
    if total < MIN_CHECKS_FOR_BALANCE:
        return []
    return sorted(place for place, count in counts.items() if count * 2 > total)


def describe(total: int, counts: Counter[int]) -> str:
    places = ", ".join(f"{place}: {counts[place]}" for place in sorted(counts))
    return f"{total} knowledge checks; checks with a right answer at each place: {places}"


def right_is_longest(options: Sequence[tuple[str, bool]]) -> bool:
    """A right answer is at least as long, in visible characters, as every wrong one."""
    right = max((len(" ".join(text.split())) for text, ok in options if ok), default=0)
    wrong = max((len(" ".join(text.split())) for text, ok in options if not ok), default=0)
    return right >= wrong > 0


def too_often_longest(total: int, longest: int) -> bool:
    """The right answer is the longest option in more than half of enough checks."""
    return total >= MIN_CHECKS_FOR_BALANCE and longest * 2 > total


def describe_length(total: int, longest: int) -> str:
    return f"{total} knowledge checks; the right answer is the longest option in {longest}"
