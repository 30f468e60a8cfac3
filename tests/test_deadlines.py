from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anfrage_desk.deadlines import (
    HOLIDAY_REGIONS,
    PRESETS,
    days_overdue,
    describe_rule,
    due_date,
    is_working_day,
    next_working_day,
)
from anfrage_desk.model import DeadlineRule

WEEKS_4 = DeadlineRule("weeks", 4)
DAYS_14 = DeadlineRule("days", 14)


def d(text: str) -> date:
    day, month, year = text.split(".")
    return date(int(year), int(month), int(day))


def test_regions_are_the_sixteen_states_known_to_holidays() -> None:
    assert len(HOLIDAY_REGIONS) == 16
    assert set(HOLIDAY_REGIONS) == set(holidays.Germany.subdivisions) - {"Augsburg"}
    assert HOLIDAY_REGIONS["NW"] == "Nordrhein-Westfalen"


def test_presets() -> None:
    assert PRESETS["Landtag NRW – Kleine Anfrage"] == DeadlineRule("weeks", 4)
    assert PRESETS["Rat / Kreistag (üblich)"] == DeadlineRule("weeks", 4)
    assert PRESETS["14 Tage"] == DeadlineRule("days", 14)
    assert PRESETS["10 Arbeitstage"] == DeadlineRule("workdays", 10)
    assert PRESETS["bis zur nächsten Sitzung"].unit == "next_meeting"
    assert PRESETS["Landtag Niedersachsen – Kleine Anfrage"] == DeadlineRule("days", 30)


@pytest.mark.parametrize(
    ("day", "region", "expected"),
    [
        ("15.05.2024", "NW", True),  # Wednesday
        ("18.05.2024", "NW", False),  # Saturday
        ("19.05.2024", "NW", False),  # Sunday
        ("29.03.2024", "NW", False),  # Karfreitag
        ("01.04.2024", "NW", False),  # Ostermontag
        ("25.12.2024", "NW", False),
        ("26.12.2024", "NW", False),
        ("24.12.2024", "NW", True),  # Heiligabend is no public holiday
        ("01.01.2025", "NW", False),
        ("30.05.2024", "NW", False),  # Fronleichnam in NRW ...
        ("30.05.2024", "NI", True),  # ... but not in Niedersachsen
        ("31.10.2024", "NI", False),  # Reformationstag in Niedersachsen ...
        ("31.10.2024", "NW", True),  # ... but not in NRW
        ("01.11.2024", "NW", False),  # Allerheiligen in NRW
        ("29.02.2024", "NW", True),  # leap day, a Thursday
    ],
)
def test_is_working_day(day: str, region: str, expected: bool) -> None:
    assert is_working_day(d(day), region) is expected


def test_next_working_day() -> None:
    assert next_working_day(d("15.05.2024")) == d("15.05.2024")
    assert next_working_day(d("18.05.2024")) == d("21.05.2024")  # Sa, So, Pfingstmontag
    assert next_working_day(d("29.03.2024")) == d("02.04.2024")  # Easter weekend


@pytest.mark.parametrize(
    ("submitted", "rule", "region", "expected"),
    [
        # plain: Friday + 14 days is a Friday
        ("03.05.2024", DAYS_14, "NW", "17.05.2024"),
        # ends on Saturday, Monday is Pfingstmontag -> Tuesday
        ("04.05.2024", DAYS_14, "NW", "21.05.2024"),
        # ends on Sunday -> Monday
        ("05.05.2024", DeadlineRule("days", 7), "NW", "13.05.2024"),
        # ends on Karfreitag -> after Easter Monday
        ("01.03.2024", WEEKS_4, "NW", "02.04.2024"),
        # ends on Christmas Day -> 27.12.
        ("27.11.2024", WEEKS_4, "NW", "27.12.2024"),
        # ends on New Year's Day -> 02.01. of the next year
        ("04.12.2024", WEEKS_4, "NW", "02.01.2025"),
        # leap day
        ("01.02.2024", WEEKS_4, "NW", "29.02.2024"),
        ("15.02.2024", DAYS_14, "NW", "29.02.2024"),
        ("15.02.2023", DAYS_14, "NW", "01.03.2023"),
        # Fronleichnam: a holiday in NRW, not in Niedersachsen
        ("02.05.2024", WEEKS_4, "NW", "31.05.2024"),
        ("02.05.2024", WEEKS_4, "NI", "30.05.2024"),
        # Landtag Niedersachsen preset
        ("02.05.2024", PRESETS["Landtag Niedersachsen – Kleine Anfrage"], "NI", "03.06.2024"),
        # zero days: the submission day itself, moved if need be
        ("18.05.2024", DeadlineRule("days", 0), "NW", "21.05.2024"),
    ],
)
def test_calendar_rules(submitted: str, rule: DeadlineRule, region: str, expected: str) -> None:
    assert due_date(d(submitted), rule, region) == d(expected)


@pytest.mark.parametrize(
    ("submitted", "amount", "region", "expected"),
    [
        # Mon 26.02.2024 + 3 working days = Thu 29.02. (leap day)
        ("26.02.2024", 3, "NW", "29.02.2024"),
        # Fri + 1 working day = Monday
        ("03.05.2024", 1, "NW", "06.05.2024"),
        # submitted on a Saturday: Monday is the first working day after
        ("04.05.2024", 1, "NW", "06.05.2024"),
        # across Easter: 25.-28.03. (4), 29.03. and 01.04. off, 02.-05.04. (8), 08.-09.04. (10)
        ("22.03.2024", 10, "NW", "09.04.2024"),
        # across Christmas and New Year: 23., 24., 27., 30., 31.12., 02.01.
        ("20.12.2024", 6, "NW", "02.01.2025"),
        # Fronleichnam (Thu 30.05.2024) counts in Niedersachsen, not in NRW
        ("27.05.2024", 3, "NW", "31.05.2024"),
        ("27.05.2024", 3, "NI", "30.05.2024"),
        # 29., 30., 31.10. count in NRW; Allerheiligen 01.11. does not -> Monday 04.11.
        ("28.10.2024", 4, "NW", "04.11.2024"),
    ],
)
def test_workday_rule(submitted: str, amount: int, region: str, expected: str) -> None:
    assert due_date(d(submitted), DeadlineRule("workdays", amount), region) == d(expected)


def test_workday_rule_reformationstag_in_niedersachsen() -> None:
    # 29., 30.10. (2); 31.10. off in NI; 01.11. (3), 04.11. (4)
    assert due_date(d("28.10.2024"), DeadlineRule("workdays", 4), "NI") == d("04.11.2024")
    assert due_date(d("28.10.2024"), DeadlineRule("workdays", 3), "NI") == d("01.11.2024")
    assert due_date(d("28.10.2024"), DeadlineRule("workdays", 3), "NW") == d("31.10.2024")


def test_next_meeting_rule() -> None:
    rule = DeadlineRule("next_meeting", 0)
    meetings = [d("10.07.2024"), d("15.05.2024"), d("05.06.2024"), d("01.03.2024")]
    assert due_date(d("01.05.2024"), rule, meeting_dates=meetings) == d("15.05.2024")
    # a meeting on the day of submission is too early: strictly after
    assert due_date(d("15.05.2024"), rule, meeting_dates=meetings) == d("05.06.2024")
    assert due_date(d("11.07.2024"), rule, meeting_dates=meetings) is None
    assert due_date(d("11.07.2024"), rule) is None


def test_days_overdue() -> None:
    assert days_overdue(None, d("01.01.2025")) == 0
    assert days_overdue(d("15.05.2024"), d("14.05.2024")) == 0
    assert days_overdue(d("15.05.2024"), d("15.05.2024")) == 0
    assert days_overdue(d("15.05.2024"), d("16.05.2024")) == 1
    assert days_overdue(d("28.02.2024"), d("01.03.2024")) == 2  # leap year


def test_describe_rule() -> None:
    assert describe_rule(DeadlineRule("weeks", 4)) == "4 Wochen nach Einreichung"
    assert describe_rule(DeadlineRule("weeks", 1)) == "1 Woche nach Einreichung"
    assert describe_rule(DeadlineRule("days", 14)) == "14 Kalendertage nach Einreichung"
    assert describe_rule(DeadlineRule("workdays", 10)) == "10 Arbeitstage nach Einreichung"
    assert describe_rule(DeadlineRule("next_meeting", 0)) == "bis zur nächsten Sitzung"


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="Bundesland"):
        due_date(d("01.05.2024"), WEEKS_4, "XX")
    with pytest.raises(ValueError, match="Fristart"):
        due_date(d("01.05.2024"), DeadlineRule("months", 1))
    with pytest.raises(ValueError, match="negativ"):
        due_date(d("01.05.2024"), DeadlineRule("days", -1))


# --- properties -------------------------------------------------------------------------

days = st.dates(min_value=date(1995, 1, 1), max_value=date(2080, 12, 31))
regions = st.sampled_from(sorted(HOLIDAY_REGIONS))
amounts = st.integers(min_value=0, max_value=120)
calendar_rules = st.builds(DeadlineRule, st.sampled_from(["days", "weeks"]), amounts)
workday_rules = st.builds(DeadlineRule, st.just("workdays"), amounts)


@given(days, st.one_of(calendar_rules, workday_rules), regions)
def test_due_date_is_a_working_day_not_before_submission(
    submitted: date, rule: DeadlineRule, region: str
) -> None:
    due = due_date(submitted, rule, region)
    assert due is not None
    assert due >= submitted
    assert due.weekday() < 5
    assert due not in holidays.Germany(subdiv=region, years=due.year)


@given(days, calendar_rules, regions)
def test_calendar_rule_moves_at_most_past_the_off_days(
    submitted: date, rule: DeadlineRule, region: str
) -> None:
    due = due_date(submitted, rule, region)
    assert due is not None
    nominal = submitted + timedelta(days=rule.amount * (7 if rule.unit == "weeks" else 1))
    assert due >= nominal
    # every day between the nominal end and the due date is a day off
    day = nominal
    while day < due:
        assert not is_working_day(day, region)
        day += timedelta(days=1)


@given(days, workday_rules, regions)
def test_workday_rule_counts_exactly_n_working_days(
    submitted: date, rule: DeadlineRule, region: str
) -> None:
    due = due_date(submitted, rule, region)
    assert due is not None
    between = [submitted + timedelta(days=i) for i in range(1, (due - submitted).days + 1)]
    working = sum(is_working_day(day, region) for day in between)
    if rule.amount == 0:
        assert due == next_working_day(submitted, region)
    else:
        assert working == rule.amount


@given(days, st.lists(days, max_size=8))
def test_next_meeting_is_first_meeting_after_submission(
    submitted: date, meetings: list[date]
) -> None:
    due = due_date(submitted, DeadlineRule("next_meeting", 0), meeting_dates=meetings)
    later = [m for m in meetings if m > submitted]
    if not later:
        assert due is None
    else:
        assert due in later
        assert all(due <= m for m in later)
