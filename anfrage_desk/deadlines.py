"""Answer deadlines: calendar arithmetic with weekends and the public holidays of a German state.

Calendar rules ("days", "weeks") follow the idea of § 193 BGB / § 31 VwVfG: a deadline that
ends on a Saturday, Sunday or public holiday ends on the next working day instead. Working-day
rules count only Monday to Friday that are not public holidays in the body's state.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from anfrage_desk.model import DeadlineRule

HOLIDAY_REGIONS: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}

# Typical answer periods. Users can pick one and still edit it per body.
# - Landtag NRW: § 92 GO LT NRW, Kleine Anfragen are answered within four weeks.
# - Landtag Niedersachsen: § 46 GO LT NI, "binnen eines Monats"; a month is approximated by
#   30 days because DeadlineRule knows no month unit.
# - Deutscher Bundestag: § 104 with Anlage 4 GO-BT, Kleine Anfragen within 14 days.
# - Councils (Rat, Kreistag): the rules of procedure differ; four weeks or "until the next
#   meeting" are the common choices.
PRESETS: dict[str, DeadlineRule] = {
    "Rat / Kreistag (üblich)": DeadlineRule("weeks", 4),
    "Landtag NRW – Kleine Anfrage": DeadlineRule("weeks", 4),
    "Landtag Niedersachsen – Kleine Anfrage": DeadlineRule("days", 30),
    "Bundestag – Kleine Anfrage": DeadlineRule("days", 14),
    "14 Tage": DeadlineRule("days", 14),
    "10 Arbeitstage": DeadlineRule("workdays", 10),
    "bis zur nächsten Sitzung": DeadlineRule("next_meeting", 0),
}

UNITS = ("days", "weeks", "workdays", "next_meeting")


def _check_region(region: str) -> None:
    if region not in HOLIDAY_REGIONS:
        raise ValueError(
            f"Unbekanntes Bundesland „{region}“. Erlaubt sind: {', '.join(sorted(HOLIDAY_REGIONS))}."
        )


@lru_cache(maxsize=512)
def _holidays(region: str, year: int) -> frozenset[date]:
    """Public holidays of one state in one year (cached: the lookup is slow-ish)."""
    import holidays  # imported on first use: about 40 ms the app's start need not pay

    return frozenset(holidays.Germany(subdiv=region, years=year).keys())


def is_working_day(day: date, region: str = "NW") -> bool:
    """Monday to Friday and not a public holiday in the given state."""
    _check_region(region)
    return day.weekday() < 5 and day not in _holidays(region, day.year)


def next_working_day(day: date, region: str = "NW") -> date:
    """The day itself if it is a working day, else the next working day after it."""
    while not is_working_day(day, region):
        day += timedelta(days=1)
    return day


def due_date(
    submitted: date,
    rule: DeadlineRule,
    region: str = "NW",
    meeting_dates: Sequence[date] = (),
) -> date | None:
    """The day by which the answer is due, or None if it cannot be known (no later meeting)."""
    _check_region(region)
    if rule.amount < 0:
        raise ValueError(f"Eine Frist kann nicht negativ sein ({rule.amount}).")
    if rule.unit == "days":
        return next_working_day(submitted + timedelta(days=rule.amount), region)
    if rule.unit == "weeks":
        return next_working_day(submitted + timedelta(weeks=rule.amount), region)
    if rule.unit == "workdays":
        if rule.amount == 0:
            return next_working_day(submitted, region)
        day = submitted
        counted = 0
        while counted < rule.amount:
            day += timedelta(days=1)
            if is_working_day(day, region):
                counted += 1
        return day
    if rule.unit == "next_meeting":
        later = [meeting for meeting in meeting_dates if meeting > submitted]
        return min(later) if later else None
    raise ValueError(f"Unbekannte Fristart „{rule.unit}“.")


def days_overdue(due: date | None, today: date) -> int:
    """Whole days past the due date; 0 when not yet due or no due date is known."""
    if due is None:
        return 0
    return max(0, (today - due).days)


def describe_rule(rule: DeadlineRule) -> str:
    """A short German description for lists and tooltips, e.g. "4 Wochen nach Einreichung"."""
    if rule.unit == "next_meeting":
        return "bis zur nächsten Sitzung"
    if rule.unit == "days":
        unit = "Kalendertag" if rule.amount == 1 else "Kalendertage"
    elif rule.unit == "weeks":
        unit = "Woche" if rule.amount == 1 else "Wochen"
    elif rule.unit == "workdays":
        unit = "Arbeitstag" if rule.amount == 1 else "Arbeitstage"
    else:
        return f"unbekannte Frist ({rule.unit})"
    return f"{rule.amount} {unit} nach Einreichung"
