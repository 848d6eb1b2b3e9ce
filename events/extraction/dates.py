"""Dates in an article's sentences, resolved against its publication date.

dateparser reads the month and day of an explicit date ("September 4", "Oct. 2",
"4 September 2018"); the year, weekdays ("on Wednesday") and spans of time
("earlier this week", "early next month") are resolved here against the
publication date, looking back for what is past and ahead for what is to come.
dateparser is called with English only, so it never guesses languages (and
never fetches anything).
"""

import datetime
import functools
import re
from dataclasses import dataclass

import dateparser

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A day or a range of days: "4", "4th", "3-6", "3rd and 4th".
DAYS = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*\d{1,2}(?:st|nd|rd|th)?)?"
# (A month after "for" is the whole month only where no day follows it: "scheduled for May 20" is May 20, not May.)
# Parts of the day an article is written on: "was held this afternoon".
TODAY_PARTS = ("this morning", "this afternoon", "this evening")
_EXPRESSIONS = re.compile(
    rf"""\b(?:
        (?P<month_day>{MONTHS}\s+{DAYS}(?:,?\s+\d{{4}})?)
      | (?P<day_month>{DAYS}\s+(?:of\s+)?{MONTHS}(?:,?\s+\d{{4}})?)
      | (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
      | (?P<span>(?:(?:earlier|later|late|early)\s+)?(?:this|next|last|past)\s+(?:week(?:end)?|month|year))
      | (?P<weekend>(?:(?:at|over|on)\s+the\s+)?weekend)
      | (?P<weekday>(?:(?:last|next|this)\s+)?(?:{"|".join(WEEKDAYS)}))
      | (?P<relative>yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening))
      | (?P<month>(?:(?:in|since|until|by|during|early|late|mid|last|next)[\s-]+){MONTHS}(?:\s+\d{{4}})?
          |for[\s-]+{MONTHS}(?!\.?\s+{DAYS}\b)(?:\s+\d{{4}})?
          |{MONTHS}\s+\d{{4}})
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class DateSpan:
    """A resolved date expression: the days it may mean, and where it stands in the text."""

    start: datetime.date
    end: datetime.date
    text: str
    begin: int
    stop: int

    @property
    def exact(self):
        return self.start == self.end

    def overlaps(self, first, last):
        return self.start <= last and first <= self.end


def _pick_year(month, day, base, tense):
    """The year of ``month``/``day`` nearest ``base``: on or after it for what is ahead, on or before for the past."""
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if tense == "future":
        ahead = [d for d in options if d >= base]
        return min(ahead) if ahead else max(options)
    if tense == "past":
        behind = [d for d in options if d <= base]
        ahead = [d for d in options if d > base]
        if behind and ahead and (base - max(behind)).days > 300 and (min(ahead) - base).days <= 60:
            return min(ahead)  # "talks open on March 3", written in February: this year's, not last year's
        return max(behind) if behind else min(options)
    return min(options, key=lambda d: abs((d - base).days))


def _month_range(year, month):
    first = datetime.date(year, month, 1)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


@functools.lru_cache(maxsize=4096)  # a long article repeats its dates; dateparser is slow
def _parse(text, base):
    """dateparser's reading of an explicit date, with ``base`` for what it leaves out."""
    settings = {"RELATIVE_BASE": datetime.datetime.combine(base, datetime.time()), "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def resolve(text, base, tense=None):
    """The days ``text`` means, said on ``base``; ``tense`` ("past", "future" or None) settles the ambiguous.

    ``tense`` "nearest" reads a bare weekday as the nearer of its two days, the coming one up to three days
    ahead, else the last ("Wednesday's gathering", written on a Tuesday, is the next day's).
    """
    lowered = " ".join(
        re.sub(r"(\d)\s*[-–]\s*(\d)", r"\1 - \2", text.lower()).replace(".", " ").replace(",", " ").split()
    )
    words = lowered.split()
    week_start = base - datetime.timedelta(days=base.weekday())
    if words[-1] in WEEKDAYS:
        target = WEEKDAYS.index(words[-1])
        ahead = (target - base.weekday()) % 7
        nearest_ahead = tense == "nearest" and words[0] not in ("last", "this") and ahead <= 3
        if words[0] == "next" or (tense == "future" and words[0] != "last") or nearest_ahead:
            day = base + datetime.timedelta(days=ahead + (7 if words[0] == "next" and ahead == 0 else 0))
        elif words[0] == "this" and tense != "past":
            day = week_start + datetime.timedelta(days=target)
        else:
            # "last Thursday", written on a Tuesday, is five days before: the latest Thursday before the day
            day = base - datetime.timedelta(days=(base.weekday() - target) % 7 or (7 if words[0] == "last" else 0))
        return day, day
    if lowered in ("yesterday", "today", "tomorrow", "tonight") or lowered in TODAY_PARTS:
        day = _parse("today" if lowered == "tonight" or lowered in TODAY_PARTS else lowered, base)
        return day, day
    if words[-1] == "weekend" and words[-2:-1] in ([], ["the"]):  # "weekend talks", "over the weekend"
        saturday = week_start + datetime.timedelta(days=5)
        if tense == "past" and base < saturday:
            saturday -= datetime.timedelta(weeks=1)
        return saturday, saturday + datetime.timedelta(days=1)
    if words[-1] in ("week", "weekend", "month", "year"):
        return _span(words, base, week_start)
    month_words = [w for w in words if re.fullmatch(MONTHS.replace(r"\.?", ""), w)]
    days = [w for w in words if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", w)]
    years = [int(w) for w in words if re.fullmatch(r"\d{4}", w)]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", lowered):
        day = datetime.date.fromisoformat(lowered)
        return day, day
    if month_words and days:
        parsed = _parse(f"{month_words[0]} {re.sub(r'[a-z]', '', days[0])} {years[0] if years else base.year}", base)
        if parsed is None:
            return None
        day = parsed if years else _pick_year(parsed.month, parsed.day, base, tense)
        last = int(re.sub(r"[a-z]", "", days[-1]))
        if len(days) > 1 and last > day.day:  # "the 3rd and 4th of March", "Sept. 3-6"
            try:
                return day, day.replace(day=last)
            except ValueError:
                return day, day
        return day, day
    if month_words:
        parsed = _parse(f"1 {month_words[0]} {years[0] if years else base.year}", base)
        if parsed is None:
            return None
        tense = {"last": "past", "next": "future"}.get(words[0], tense)  # "last June", "next March"
        first = parsed if years else _pick_year(parsed.month, 1, base.replace(day=1), tense)
        start, end = _month_range(first.year, first.month)
        if words[0] == "early":
            end = start + datetime.timedelta(days=9)
        elif words[0] == "late":
            start = end - datetime.timedelta(days=9)
        return start, end
    return None


def _span(words, base, week_start):
    unit, when = words[-1], words[-2]
    shift = {"this": 0, "next": 1, "last": -1, "past": -1}[when]
    if unit in ("week", "weekend"):
        start = week_start + datetime.timedelta(weeks=shift)
        if unit == "weekend":
            start, end = start + datetime.timedelta(days=5), start + datetime.timedelta(days=6)
        else:
            end = start + datetime.timedelta(days=6)
    elif unit == "month":
        month = base.month + shift
        year = base.year + (month - 1) // 12
        start, end = _month_range(year, (month - 1) % 12 + 1)
    else:
        start, end = datetime.date(base.year + shift, 1, 1), datetime.date(base.year + shift, 12, 31)
    if words[0] == "earlier":
        end = max(start, min(end, base - datetime.timedelta(days=1)))
    elif words[0] == "later":
        start = min(end, max(start, base + datetime.timedelta(days=1)))
    elif words[0] == "early":
        end = min(end, start + datetime.timedelta(days=9))
    elif words[0] == "late":
        start = max(start, end - datetime.timedelta(days=9))
    return start, end


def find_dates(text, base, tense=None, offset=0):
    """Every date expression of ``text`` (starting at ``offset`` of its document), resolved.

    ``tense`` is "past", "future", None, or a function of an expression's offset that returns one.
    """
    found = []
    for match in _EXPRESSIONS.finditer(text):
        phrase = match.group(0)
        core = re.sub(r"^(?:in|since|until|by|for|during)[\s-]+", "", phrase, flags=re.IGNORECASE)
        resolved = resolve(core, base, tense(offset + match.start()) if callable(tense) else tense)
        if resolved is not None:
            found.append(DateSpan(resolved[0], resolved[1], phrase, offset + match.start(), offset + match.end()))
    return found
