"""Disclosure control: worked tables by hand, then properties over random tables.

Needs no app and no fixture from tests/conftest.py.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_bot.results.disclosure import (
    Column,
    Published,
    Rules,
    Table,
    fewer_than,
    protect,
)

Raw = list[tuple[str, list[int], int]]
C, NA = "c", ":"


def _only(table: Table) -> Column:
    assert len(table.columns) == 1
    return table.columns[0]


# --- worked examples --------------------------------------------------------------------------


def test_one_column_with_a_small_count() -> None:
    table = protect(["yes", "sometimes", "no", "not sure"], [("All", [12, 3, 0, 40], 55)], Rules())
    column = _only(table)
    # SDC-1: base 55 >= 10, so the column is shown.
    assert column.shown
    # SDC-2: 3 -> c. SDC-3: the column then holds one c beside non-zero 12 and 40, so the
    # smallest, 12, is hidden too. The 0 stays 0.
    assert column.counts == [C, C, 0, 40]
    # SDC-4: 55 is already a multiple of 5.
    assert column.total == 55
    # SDC-5: c where the count is c, 0 for 0, 100*40/55 = 72.7 -> 73.
    assert column.percents == [C, C, 0, 73]
    # Each row has one shown cell, so the first two rows are lone c's whose totals would give the
    # hidden counts away: "c". The others are the counts themselves, rounded.
    assert table.row_totals == [C, C, 0, 40]


def test_worked_example_from_the_research() -> None:
    # privacy-and-safety.md §2.2, with areas as columns and answers as rows.
    table = protect(
        ["yes", "sometimes", "no"],
        [("LA A", [40, 3, 12], 55), ("LA B", [25, 9, 0], 34), ("LA C", [2, 7, 8], 17)],
        Rules(),
    )
    a, b, c = table.columns
    # SDC-2: A.sometimes=3 and C.yes=2 -> c.
    # Pass 1, columns: A has one c -> hide its smallest open 12; B has none; C has one c -> hide 7.
    # Pass 1, rows: yes [40, 25, c] -> hide 25; sometimes [c, 9, c] has two; no [c, 0, 8] -> hide 8.
    # Pass 2, columns: B is now [c, 9, 0] -> hide 9. Rows all hold two or more. Pass 3: no change.
    assert a.counts == [40, C, C]
    assert b.counts == [C, C, 0]
    assert c.counts == [C, C, C]
    # SDC-4: 55 -> 55, 34 -> 35, 17 -> 15.
    assert [a.total, b.total, c.total] == [55, 35, 15]
    # Row totals: yes 40+25+2 = 67 -> 65; sometimes 3+9+7 = 19 -> 20; no 12+0+8 = 20.
    assert table.row_totals == [65, 20, 20]
    # SDC-5: 100*40/55 = 72.7 -> 73; everything else c or 0.
    assert a.percents == [73, C, C]
    assert b.percents == [C, C, 0]
    assert c.percents == [C, C, C]


def test_a_lone_c_beside_zeros_stays_and_hides_its_row_total() -> None:
    table = protect(["yes", "no"], [("A", [12, 0], 12), ("B", [3, 20], 23)], Rules())
    a, b = table.columns
    # SDC-2: B.yes=3 -> c. Column B [c, 20] -> hide 20. Row yes [12, c] -> hide 12.
    # Row no [0, c] and column A [c, 0]: a lone c beside zeros only, nothing left to hide.
    assert a.counts == [C, 0]
    assert b.counts == [C, C]
    # Row yes holds two c's: 12+3 = 15 is published. Row no would be B.no itself (20): "c".
    assert table.row_totals == [15, C]
    assert [a.total, b.total] == [10, 25]  # 12 -> 10, 23 -> 25
    assert a.percents == [C, 0]


def test_small_groups_show_nothing_and_add_nothing() -> None:
    table = protect(
        ["yes", "no"],
        [("8-11", [4, 5], 9), ("12-15", [30, 20], 50), ("16-25", [0, 0], 0)],
        Rules(),
    )
    young, middle, old = table.columns
    # SDC-1: bases 9 and 0 are under 10: every cell ":" and no total.
    for column in (young, old):
        assert not column.shown
        assert column.total == NA
        assert column.counts == [NA, NA]
        assert column.percents == [NA, NA]
    # The shown group has no small count, so nothing is suppressed.
    assert middle.shown
    assert middle.counts == [30, 20]
    assert middle.percents == [60, 40]
    # Row totals over the shown group only (not 34 and 25).
    assert table.row_totals == [30, 20]
    assert fewer_than(Rules()) == "fewer than 10 responses"


def test_percentages_round_half_up_and_mark_tiny_shares() -> None:
    table = protect(
        ["a", "b", "c"], [("All", [9, 10, 1981], 2000), ("B", [10, 0, 70], 80)], Rules()
    )
    every, b = table.columns
    # 9/2000 = 0.45% -> k; 10/2000 = 0.5% -> 1 (half up); 1981/2000 = 99.05% -> 99.
    assert every.percents == ["k", 1, 99]
    # 10/80 = 12.5% -> 13 (Python's round() would give 12); 0 -> 0; 70/80 = 87.5% -> 88.
    assert b.percents == [13, 0, 88]
    # Row totals: 19 -> 20, 10 -> 10, 2051 -> 2050.
    assert table.row_totals == [20, 10, 2050]


def test_row_total_that_rounds_to_a_small_count_is_hidden() -> None:
    table = protect(["yes", "no"], [("A", [3, 30], 33), ("B", [3, 30], 33)], Rules())
    # SDC-2: both 3s -> c; each column then hides its 30 (SDC-3).
    assert [col.counts for col in table.columns] == [[C, C], [C, C]]
    # Row yes: 3+3 = 6 would round to 5, a small count -> "c". Row no: 60.
    assert table.row_totals == [C, 60]


def test_ties_go_to_the_first_cell_and_zeros_are_never_hidden() -> None:
    column = _only(protect(["a", "b", "c", "d"], [("All", [20, 0, 3, 20], 60)], Rules()))
    # SDC-2: 3 -> c. SDC-3: the smallest open non-zero cells are both 20: the first one goes.
    assert column.counts == [C, 0, C, 20]


def test_configured_thresholds() -> None:
    rules = Rules(min_base=20, smallest_shown=11, round_to=10)
    table = protect(
        ["yes", "no", "unsure"],
        [("A", [15, 10, 0], 25), ("B", [19, 0, 0], 19), ("C", [30, 12, 25], 67)],
        rules,
    )
    a, b, c = table.columns
    # SDC-1: B's base 19 < 20 -> hidden, and left out of rows and row totals.
    assert not b.shown
    assert b.counts == [NA, NA, NA]
    # SDC-2: counts 1..10 -> c: A.no=10. Pass 1: column A [15, c, 0] -> hide 15.
    # Rows (A, C): yes [c, 30] -> hide 30; no [c, 12] -> hide 12; unsure [0, 25] untouched.
    # Pass 2: column C is [c, c, 25]: stable.
    assert a.counts == [C, C, 0]
    assert c.counts == [C, C, 25]
    # SDC-4 to 10, half up: 25 -> 30 (round() would give 20), 67 -> 70.
    assert [a.total, c.total] == [30, 70]
    # Row totals: yes 15+30 = 45 -> 50; no 10+12 = 22 -> 20; unsure 0+25 = 25 -> 30.
    assert table.row_totals == [50, 20, 30]
    # SDC-5: 100*25/67 = 37.3 -> 37.
    assert c.percents == [C, C, 37]
    assert fewer_than(rules) == "fewer than 20 responses"


def test_rules_from_config() -> None:
    assert Rules.from_config({}) == Rules(10, 6, 5)
    config = {"SDC_MIN_BASE": "20", "SDC_SMALLEST_SHOWN": 11, "SDC_ROUND_TO": 10}
    assert Rules.from_config(config) == Rules(20, 11, 10)


@pytest.mark.parametrize(
    ("min_base", "smallest_shown", "round_to"),
    [(5, 6, 5), (7, 6, 5), (10, 0, 5), (10, 6, 0), (0, 1, 1)],
)
def test_unsafe_rules_are_refused(min_base: int, smallest_shown: int, round_to: int) -> None:
    # (7, 6, 5): a group of 7 would publish a total of 5, a small count.
    with pytest.raises(ValueError):
        Rules(min_base, smallest_shown, round_to)


@pytest.mark.parametrize(
    "columns",
    [[("A", [1, 2], 10)], [("A", [1, 2, 3], 10), ("B", [-1, 2, 3], 10)], [("A", [11, 0, 0], 10)]],
)
def test_inconsistent_input_is_refused(columns: Raw) -> None:
    with pytest.raises(ValueError):
        protect(["a", "b", "c"], columns, Rules())


# --- properties over random tables -------------------------------------------------------------

PROPERTY = settings(max_examples=300, deadline=None, database=None)
_COUNT = st.one_of(st.integers(0, 7), st.integers(0, 60))  # many small values


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], Raw, Rules]:
    """1-8 rows, 1-6 columns; bases equal to the sum, above it (by up to 5000, so "k" appears),
    or below it (multiple choice)."""
    n_rows, n_columns = draw(st.integers(1, 8)), draw(st.integers(1, 6))
    columns: Raw = []
    for j in range(n_columns):
        counts = draw(st.lists(_COUNT, min_size=n_rows, max_size=n_rows))
        kind = draw(st.sampled_from(["equal", "more", "multiple choice"]))
        if kind == "equal":
            base = sum(counts)
        elif kind == "more":
            base = sum(counts) + draw(st.one_of(st.integers(1, 25), st.integers(1000, 5000)))
        else:
            base = draw(st.integers(max(counts), sum(counts)))
        columns.append((f"group {j}", counts, base))
    rules = draw(st.sampled_from([Rules(), Rules(min_base=20, smallest_shown=11, round_to=10)]))
    return [f"option {i}" for i in range(n_rows)], columns, rules


def _shown(table: Table) -> list[Column]:
    return [column for column in table.columns if column.shown]


def _rows(table: Table) -> list[list[Published]]:
    """Each row across the shown columns."""
    return [[column.counts[i] for column in _shown(table)] for i in range(len(table.rows))]


def _is_small(value: Published, rules: Rules) -> bool:
    return isinstance(value, int) and 0 < value < rules.smallest_shown


def _near(rounded: int, true: int, step: int) -> bool:
    """A multiple of step, within half a step of the truth, with halves rounded up."""
    half_up = math.floor(Fraction(true, step) + Fraction(1, 2)) * step
    return rounded % step == 0 and 2 * abs(rounded - true) <= step and rounded == half_up


@PROPERTY
@given(_tables())
def test_no_small_count_is_published(case: tuple[list[str], Raw, Rules]) -> None:
    rows, columns, rules = case
    table = protect(rows, columns, rules)
    published = [*table.row_totals, *(c.total for c in table.columns)]
    published += [value for column in table.columns for value in column.counts]
    assert not [value for value in published if _is_small(value, rules)]


@PROPERTY
@given(_tables())
def test_no_line_has_a_lone_c_beside_open_numbers(case: tuple[list[str], Raw, Rules]) -> None:
    rows, columns, rules = case
    table = protect(rows, columns, rules)
    for cells in [c.counts for c in _shown(table)] + _rows(table):
        if cells.count(C) == 1:
            assert all(value in (C, 0) for value in cells), cells
    for cells, total in zip(_rows(table), table.row_totals, strict=True):
        if cells.count(C) == 1:
            assert total == C  # the total would be the hidden count itself


@PROPERTY
@given(_tables())
def test_totals_are_rounded_from_true_counts(case: tuple[list[str], Raw, Rules]) -> None:
    rows, columns, rules = case
    table = protect(rows, columns, rules)
    raw_shown = [counts for _, counts, base in columns if base >= rules.min_base]
    for column in _shown(table):
        assert isinstance(column.total, int)
        assert _near(column.total, column.base, rules.round_to)
    for i, total in enumerate(table.row_totals):
        true = sum(counts[i] for counts in raw_shown)
        assert total == C or (isinstance(total, int) and _near(total, true, rules.round_to))


@PROPERTY
@given(_tables())
def test_small_groups_are_placeholders_only(case: tuple[list[str], Raw, Rules]) -> None:
    rows, columns, rules = case
    table = protect(rows, columns, rules)
    for column, (_, _, base) in zip(table.columns, columns, strict=True):
        assert column.shown == (base >= rules.min_base)
        if not column.shown:
            assert column.total == NA
            assert column.counts == [NA] * len(rows)
            assert column.percents == [NA] * len(rows)


@PROPERTY
@given(_tables())
def test_percentages(case: tuple[list[str], Raw, Rules]) -> None:
    rows, columns, rules = case
    table = protect(rows, columns, rules)
    for column, (_, counts, base) in zip(table.columns, columns, strict=True):
        if not column.shown:
            continue
        for count, cell, percent in zip(counts, column.counts, column.percents, strict=True):
            exact = Fraction(100 * count, base)
            if cell == C:
                assert percent == C
            elif count == 0:
                assert percent == 0
            elif exact < Fraction(1, 2):
                assert percent == "k"
            else:
                assert percent == math.floor(exact + Fraction(1, 2))
                assert isinstance(percent, int) and 0 < percent <= 100


@PROPERTY
@given(_tables())
def test_suppression_hides_values_and_never_alters_them(
    case: tuple[list[str], Raw, Rules],
) -> None:
    rows, columns, rules = case
    table = protect(rows, columns, rules)
    shown_raw = [counts for _, counts, base in columns if base >= rules.min_base]
    for counts, column in zip(shown_raw, _shown(table), strict=True):
        for count, cell in zip(counts, column.counts, strict=True):
            if count == 0:
                assert cell == 0  # zeros stay zeros
            elif count < rules.smallest_shown:
                assert cell == C  # SDC-2
            else:
                assert cell in (C, count)
    if not any(0 < n < rules.smallest_shown for counts in shown_raw for n in counts):
        assert C not in [cell for column in _shown(table) for cell in column.counts]


@PROPERTY
@given(_tables())
def test_deterministic_and_leaves_input_alone(case: tuple[list[str], Raw, Rules]) -> None:
    rows, columns, rules = case
    before = copy.deepcopy((rows, columns))
    first, second = protect(rows, columns, rules), protect(rows, columns, rules)
    assert first == second
    assert (rows, columns) == before
    assert first.rows == rows and first.rules == rules
    assert [c.label for c in first.columns] == [label for label, _, _ in columns]
    assert [c.base for c in first.columns] == [base for _, _, base in columns]


def test_accepts_tuples_and_any_sequence() -> None:
    rows: Sequence[str] = ("yes", "no")
    table = protect(rows, [("All", (30, 20), 50)], Rules())
    assert table.rows == ["yes", "no"]
    assert _only(table).counts == [30, 20]
