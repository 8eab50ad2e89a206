"""Statistical disclosure control: every count or percentage staff see or export passes through here.

A count of 2 children in a small local authority can identify a child, so results are published
only as a protected `Table` (rules SDC-1 to SDC-5, docs: research/privacy-and-safety.md §2):

- SDC-1: a group (column) with fewer than `min_base` respondents shows nothing but
  `fewer_than(rules)`; its cells are ":" and it adds nothing to row totals.
- SDC-2: counts 1 to `smallest_shown - 1` become "c"; a true zero stays 0.
- SDC-3: a column, or a row across the shown columns, holding exactly one "c" gets its smallest
  non-zero open cell suppressed too, repeated until a full pass changes nothing (greedy:
  deterministic, not optimal). A line whose other cells are all 0 keeps its lone "c"; such a
  row's total is then "c", since the total would give the hidden value away.
- SDC-4: totals come from unrounded counts and are rounded half up to `round_to`; a row total that
  is, or rounds to, a small count is "c".
- SDC-5: whole-number percentages of the base, "c" where the count is, "k" for a non-zero share
  under 0.5%.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Symbol = str  # "c" suppressed, "z" not applicable, ":" not available, "k" non-zero rounding to 0%
Published = int | str  # a published count or percentage, or a symbol

SUPPRESSED: Symbol = "c"
NOT_APPLICABLE: Symbol = "z"
NOT_AVAILABLE: Symbol = ":"
ROUNDS_TO_ZERO: Symbol = "k"

Cell = tuple[int, int]  # (index among the shown columns, row index)


@dataclass(frozen=True)
class Rules:
    """Thresholds for disclosure control; the defaults follow DfE, Ofsted and NHS Digital practice."""

    min_base: int = 10  # SDC-1: smaller groups show only "fewer than 10 responses"
    smallest_shown: int = 6  # SDC-2: counts 1..smallest_shown-1 become "c"
    round_to: int = 5  # SDC-4: totals rounded to the nearest 5

    def __post_init__(self) -> None:
        # A shown group's rounded size is published, so a group smaller than the smallest
        # publishable count would publish a small count as its total: refuse such settings.
        if self.smallest_shown < 1 or self.round_to < 1:
            raise ValueError("smallest_shown and round_to must be at least 1")
        if min(self.min_base, _round(self.min_base, self.round_to)) < self.smallest_shown:
            raise ValueError("min_base, and min_base rounded, must be at least smallest_shown")

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Rules:
        """Read SDC_MIN_BASE, SDC_SMALLEST_SHOWN and SDC_ROUND_TO, defaulting each to the above."""
        default = cls()
        return cls(
            min_base=int(config.get("SDC_MIN_BASE", default.min_base)),
            smallest_shown=int(config.get("SDC_SMALLEST_SHOWN", default.smallest_shown)),
            round_to=int(config.get("SDC_ROUND_TO", default.round_to)),
        )


@dataclass(frozen=True)
class Column:
    """One group as published; `base` is kept for callers but must never be shown or exported."""

    label: str
    base: int  # respondents in this group who answered the question (unrounded, never published)
    shown: bool  # False when base < min_base: the whole column is "fewer than 10 responses"
    total: Published  # the base rounded to round_to, or ":" when not shown
    counts: list[Published]  # one per row: an int or "c" (":" when not shown)
    percents: list[Published]  # one per row: whole-number %, "c", "k" (":" when not shown)


@dataclass(frozen=True)
class Table:
    """A protected table: rows are answer options, columns are groups of respondents."""

    rows: list[str]
    columns: list[Column]
    row_totals: list[Published]  # across shown columns only: rounded, or "c"
    rules: Rules


def fewer_than(rules: Rules) -> str:
    """The words shown instead of a group that is too small to publish."""
    return f"fewer than {rules.min_base} responses"


def protect(
    rows: Sequence[str], columns: Sequence[tuple[str, Sequence[int], int]], rules: Rules
) -> Table:
    """Apply SDC-1 to SDC-5 to raw counts: columns are (label, count per row, base).

    The base is taken as given, not summed: in a multiple-choice question a child may tick several
    options, and some may answer none of the listed ones.
    """
    _check(rows, columns)
    shown = [list(counts) for _, counts, base in columns if base >= rules.min_base]
    hidden = _secondary(shown, _primary(shown, rules))
    published: list[Column] = []
    j = 0  # index among the shown columns
    for label, _, base in columns:
        if base < rules.min_base:
            published.append(_unavailable(label, base, len(rows)))
        else:
            published.append(_column(label, base, shown[j], j, hidden, rules))
            j += 1
    row_totals = [_row_total(shown, i, hidden, rules) for i in range(len(rows))]
    return Table(list(rows), published, row_totals, rules)


def _check(rows: Sequence[str], columns: Sequence[tuple[str, Sequence[int], int]]) -> None:
    """Refuse inconsistent input: protecting wrong numbers would hide a bug, not a child."""
    for label, counts, base in columns:
        if len(counts) != len(rows):
            raise ValueError(f"column {label!r} has {len(counts)} counts for {len(rows)} rows")
        if base < 0 or any(count < 0 for count in counts):
            raise ValueError(f"column {label!r} has a negative count or base")
        if any(count > base for count in counts):
            raise ValueError(f"column {label!r} has a count larger than its base {base}")


def _primary(shown: Sequence[Sequence[int]], rules: Rules) -> set[Cell]:
    """SDC-2: every small non-zero count in the shown columns."""
    return {
        (j, i)
        for j, counts in enumerate(shown)
        for i, count in enumerate(counts)
        if 0 < count < rules.smallest_shown
    }


def _lines(n_columns: int, n_rows: int) -> list[list[Cell]]:
    """Every shown column, then every row across the shown columns, in a fixed order."""
    columns = [[(j, i) for i in range(n_rows)] for j in range(n_columns)]
    rows = [[(j, i) for j in range(n_columns)] for i in range(n_rows)]
    return columns + rows


def _secondary(shown: Sequence[Sequence[int]], primary: set[Cell]) -> frozenset[Cell]:
    """SDC-3: hide more cells until no line has a lone "c" beside non-zero open cells.

    A lone "c" could be worked out from the line's published total minus its other cells. Each
    pass only ever adds cells, so the loop ends; the fixed line order makes it deterministic.
    """
    hidden = set(primary)
    lines = _lines(len(shown), len(shown[0]) if shown else 0)
    changed = True
    while changed:
        changed = False
        for line in lines:
            extra = _partner(line, shown, hidden)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return frozenset(hidden)


def _partner(line: list[Cell], shown: Sequence[Sequence[int]], hidden: set[Cell]) -> Cell | None:
    """The smallest non-zero open cell of a line with exactly one "c" (the first, on a tie)."""
    if sum(cell in hidden for cell in line) != 1:
        return None
    open_cells = [(j, i) for j, i in line if (j, i) not in hidden and shown[j][i] > 0]
    return min(open_cells, key=lambda cell: shown[cell[0]][cell[1]], default=None)


def _unavailable(label: str, base: int, n_rows: int) -> Column:
    """SDC-1: a group too small to publish anything about, not even its rounded size."""
    blank: list[Published] = [NOT_AVAILABLE] * n_rows
    return Column(label, base, False, NOT_AVAILABLE, blank, list(blank))


def _column(
    label: str, base: int, counts: list[int], j: int, hidden: frozenset[Cell], rules: Rules
) -> Column:
    """A shown group: counts with "c" where hidden, percentages of the base, rounded total."""
    cells: list[Published] = [
        SUPPRESSED if (j, i) in hidden else count for i, count in enumerate(counts)
    ]
    percents: list[Published] = [
        SUPPRESSED if (j, i) in hidden else _percent(count, base) for i, count in enumerate(counts)
    ]
    return Column(label, base, True, _round(base, rules.round_to), cells, percents)


def _row_total(
    shown: Sequence[Sequence[int]], i: int, hidden: frozenset[Cell], rules: Rules
) -> Published:
    """SDC-4 across shown columns; "c" when small or when it would reveal a lone "c"."""
    total = sum(counts[i] for counts in shown)
    rounded = _round(total, rules.round_to)
    lone = sum((j, i) in hidden for j in range(len(shown))) == 1
    if total > 0 and (lone or min(total, rounded) < rules.smallest_shown):
        return SUPPRESSED
    return rounded


def _round(value: int, step: int) -> int:
    """Round half up to a multiple of step, in integers (Python's round() rounds half to even)."""
    return (2 * value + step) // (2 * step) * step


def _percent(count: int, base: int) -> Published:
    """SDC-5: whole-number percentage, half up; "k" when non-zero but under 0.5%."""
    if count == 0:
        return 0
    if 200 * count < base:
        return ROUNDS_TO_ZERO
    return (200 * count + base) // (2 * base)
