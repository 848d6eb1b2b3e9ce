"""A large, realistic dataset on demand, as records for the importer; the same for the same seed.

Events spread over decades; participants drawn with Zipf-like popularity (a few
states and organisations everywhere, most people at one or two events); 2 to 30
attendances an event; 1 to 5 reports an attendance, quoting articles whose text
holds the quote. Statuses move as they do in the news (invited, then confirmed or
declined, then attended or absent), with some reports rejected and some on the
same day, so the status rule has something to decide.
"""

import datetime
import itertools
import random
import uuid

from django.utils.text import slugify
from django_countries import countries

from events.transfer.keyed import Record

FIRST_DAY = datetime.date(1950, 1, 1)
DAYS = (datetime.date(2025, 12, 31) - FIRST_DAY).days
TODAY = datetime.date(2025, 6, 1)
EVENTS_A_CHUNK = 500

VENUES = [
    ("Geneva", "CH"),
    ("Vienna", "AT"),
    ("Moscow", "RU"),
    ("Doha", "QA"),
    ("Astana", "KZ"),
    ("Oslo", "NO"),
    ("Paris", "FR"),
    ("New York", "US"),
    ("Camp David", "US"),
    ("Addis Ababa", "ET"),
    ("Nairobi", "KE"),
    ("Kabul", "AF"),
    ("Islamabad", "PK"),
    ("Beijing", "CN"),
    ("Istanbul", "TR"),
    ("Cairo", "EG"),
    ("Sharm el-Sheikh", "EG"),
    ("Riyadh", "SA"),
    ("Muscat", "OM"),
    ("Havana", "CU"),
    ("Bogotá", "CO"),
    ("Brussels", "BE"),
    ("Helsinki", "FI"),
    ("Minsk", "BY"),
    ("Dayton", "US"),
    ("Arusha", "TZ"),
    ("Jeddah", "SA"),
    ("Tashkent", "UZ"),
    ("Dushanbe", "TJ"),
    ("Baghdad", "IQ"),
]
TOPICS = [
    "Afghanistan",
    "Syria",
    "Yemen",
    "Sudan",
    "Libya",
    "Ukraine",
    "Korea",
    "Colombia",
    "the Sahel",
    "the Horn of Africa",
    "Nagorno-Karabakh",
    "Cyprus",
    "Kosovo",
    "Myanmar",
    "the Great Lakes",
    "arms control",
    "maritime borders",
    "water sharing",
]
EVENT_KINDS = {
    "peace_talks": "Peace talks on {topic}",
    "conference": "Conference on {topic}",
    "summit": "Summit on {topic}",
    "meeting": "Meeting on {topic}",
    "negotiation": "Negotiations on {topic}",
    "ceasefire": "Ceasefire offer in {topic}",
    "other": "Consultations on {topic}",
}
PUBLISHERS = ["Al Jazeera", "Reuters", "Associated Press", "AFP", "BBC News", "TOLOnews", "The Guardian", "Xinhua"]
VIAS = ["", "", "", "Reuters", "AFP", "TASS", "Anadolu"]
# What a report of each status quotes: curly apostrophes in the article, straight ones in the quote.
SAYINGS = {
    "invited": "{name} has been invited to the {title}",
    "considering": "{name} is considering whether to join the {title}",
    "confirmed": "{name} confirmed it will take part in the {title}",
    "declined": "{name} said it won't attend the {title}",
    "attended": "{name}'s delegation attended the {title}",
    "absent": "{name} did not send anyone to the {title}",
    "withdrawn": "{name} withdrew from the {title}",
}
NEXT_STATUS = {
    "invited": ["considering", "confirmed", "confirmed", "declined"],
    "considering": ["confirmed", "declined"],
    "confirmed": ["attended", "attended", "attended", "withdrawn", "absent"],
    "declined": ["declined", "confirmed"],
    "attended": ["attended"],
    "absent": ["absent"],
    "withdrawn": ["withdrawn", "confirmed"],
}
REPORTS_AN_ATTENDANCE = ([1, 2, 3, 4, 5], [40, 25, 17, 11, 7])
ROLES = ["participant", "observer", "mediator", "host"]
REVIEWS = (["verified", "draft", "rejected"], [85, 10, 5])


def stamp(day, seconds=0):
    """A deterministic timestamp on ``day``, as records carry it."""
    moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    return (moment + datetime.timedelta(seconds=seconds)).isoformat()


def state_slug(code, name):
    # With the code, so that a curated "russia" and the generated "russia-ru" can live side by side.
    return f"{slugify(name)}-{code.lower()}"


def curly(text):
    return text.replace("'", "\u2019")


class Dataset:
    """The records of a dataset of ``events`` events, made from ``seed``."""

    def __init__(self, *, events, seed):
        self.events = events
        self.seed = seed
        self.random = random.Random(seed)
        self.participants = []  # dicts: slug, name, kind, country
        self.line = itertools.count(1)

    def records(self):
        """Every record, participants first, then events chunk by chunk with their articles, attendances, reports."""
        yield from self.participant_records()
        for first in self.chunk_starts():
            yield from self.numbered(self.chunk_fields(first))

    def chunk_starts(self):
        return range(0, self.events, EVENTS_A_CHUNK)

    def numbered(self, fields):
        """Records of ``(model, fields)`` pairs, numbered on from the records before them."""
        for model, values in fields:
            yield self.record(model, **values)

    def record(self, model, **fields):
        return Record(line=next(self.line), model=f"events.{model}", fields=fields)

    # --------------------------------------------------------------------------
    # Participants
    # --------------------------------------------------------------------------
    def participant_records(self):
        rng = self.random
        states = list(countries)
        for code, name in states:
            yield self.add_participant(state_slug(code, name), name, "state", code, aliases=[code])
        for code, name in states:
            slug, state = f"government-of-{state_slug(code, name)}", state_slug(code, name)
            yield self.add_participant(slug, f"Government of {name}", "government", code, affiliation=state)
        for number in range(40):
            topic = TOPICS[number % len(TOPICS)]
            name = f"Contact Group {number} on {topic}"
            yield self.add_participant(f"contact-group-{number}", name, "organization", "", aliases=[f"CG{number}"])
        for number in range(80):
            code, name = rng.choice(states)
            yield self.add_participant(f"armed-group-{number}", f"Armed Group {number} of {name}", "armed_group", code)
        self.people = []
        for number in range(max(300, self.events // 5)):
            code, name = rng.choice(states)
            slug = f"envoy-{number}"
            yield self.add_participant(
                slug,
                f"Envoy {number} of {name}",
                "person",
                code,
                affiliation=f"government-of-{state_slug(code, name)}",
                aliases=[f"E. {number}"] if rng.random() < 0.2 else [],
            )
            self.people.append(self.participants[-1])
        # Zipf-like popularity: the participant at rank r is drawn with weight 1 / r.
        order = list(range(len(self.participants)))
        rng.shuffle(order)
        self.popular = [self.participants[index] for index in order]
        self.popularity = list(itertools.accumulate(1 / rank for rank in range(1, len(order) + 1)))
        self.speaker_popularity = list(itertools.accumulate(1 / rank for rank in range(1, len(self.people) + 1)))

    def add_participant(self, slug, name, kind, country, *, affiliation=None, aliases=()):
        self.participants.append({"slug": slug, "name": name, "kind": kind, "country": country})
        day = FIRST_DAY
        return self.record(
            "participant",
            slug=slug,
            name=name,
            kind=kind,
            country=country,
            aliases=list(aliases),
            affiliation=[affiliation] if affiliation else None,
            description="",
            provenance="",
            wikidata_id="",
            created_at=stamp(day),
            updated_at=stamp(day),
        )

    def draw_participants(self, count):
        """``count`` different participants, by popularity."""
        chosen = {}
        while len(chosen) < count:
            for participant in self.random.choices(self.popular, cum_weights=self.popularity, k=count):
                chosen.setdefault(participant["slug"], participant)
        return list(chosen.values())[:count]

    # --------------------------------------------------------------------------
    # Events and what hangs from them
    # --------------------------------------------------------------------------
    def chunk_fields(self, first):
        """The ``(model, fields)`` of the chunk of events from number ``first``: events, articles, attendances,
        reports.

        Made by a generator of its own, seeded by the seed and the chunk, so that any process can make any
        chunk once it has made the participants (``events.transfer.workers``): the same records however many.
        """
        self.random = random.Random(f"{self.seed}/{first}")
        events, articles, attendances, reports = [], [], [], []
        for number in range(first, min(first + EVENTS_A_CHUNK, self.events)):
            self.event(number, events, articles, attendances, reports)
        return [*events, *articles, *attendances, *reports]

    def event(self, number, events, articles, attendances, reports):
        rng = self.random
        kind = rng.choice(list(EVENT_KINDS))
        city, country = rng.choice(VENUES)
        start = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        end = None if rng.random() < 0.5 else start + datetime.timedelta(days=rng.randint(0, 4))
        if start > TODAY:
            status = rng.choice(["proposed", "scheduled"])
        else:
            status = rng.choices(["held", "cancelled", "postponed"], [80, 12, 8])[0]
        title = f"{EVENT_KINDS[kind].format(topic=rng.choice(TOPICS))} in {city}, {start.year} (no. {number + 1})"
        slug = f"{slugify(title)[:80]}-{number + 1}"
        guests = self.draw_participants(2 + int(28 * rng.random() ** 2.2))
        host = guests[0] if guests[0]["kind"] in ("state", "government") and rng.random() < 0.7 else None
        events.append(
            (
                "event",
                {
                    "slug": slug,
                    "title": title,
                    "kind": kind,
                    "status": status,
                    "start_date": start.isoformat(),
                    "end_date": end and end.isoformat(),
                    "city": city,
                    "country": country,
                    "host": [host["slug"]] if host else None,
                    "description": f"{title}: generated for benchmarks.",
                    "provenance": "",
                    "created_at": stamp(start - datetime.timedelta(days=130)),
                    "updated_at": stamp(start - datetime.timedelta(days=130)),
                },
            )
        )
        # News rounds: each is a day with one article, from the announcement to just after the event.
        announced = start - datetime.timedelta(days=rng.randint(20, 120))
        later = {announced + datetime.timedelta(days=rng.randint(1, (start - announced).days + 2)) for _ in range(2)}
        rounds = [announced, *sorted(later)]
        sentences = [[] for _ in rounds]
        event_reports = []
        for guest in guests:
            role = "host" if guest is host else rng.choices(ROLES, [85, 8, 5, 2])[0]
            attendances.append(
                (
                    "attendance",
                    {
                        "event": [slug],
                        "participant": [guest["slug"]],
                        "role": role,
                        "status": "invited",
                        "status_date": None,
                        "notes": "",
                        "created_at": stamp(announced),
                        "updated_at": stamp(announced),
                    },
                )
            )
            count = rng.choices(*REPORTS_AN_ATTENDANCE)[0]
            said = "invited"
            stated = set()  # (round, status): a second such report would repeat the first, which is refused
            for position in range(count):
                if position:
                    said = rng.choice(NEXT_STATUS[said])
                day_index = min(len(rounds) - 1, position * len(rounds) // count)
                saying = SAYINGS[said].format(name=guest["name"], title=title)
                sentences[day_index].append(curly(saying))
                speaker = (
                    self.random.choices(self.people, cum_weights=self.speaker_popularity)[0]
                    if rng.random() < 0.6
                    else None
                )
                if (day_index, said) not in stated:
                    stated.add((day_index, said))
                    event_reports.append((day_index, guest, said, saying, speaker))
        publishers = [rng.choice(PUBLISHERS) for _ in rounds]
        keys = []
        for index, day in enumerate(rounds):
            headline = f"{title}: news of {day.isoformat()}"
            keys.append([publishers[index], day.isoformat(), headline])
            articles.append(
                (
                    "article",
                    {
                        "url": f"https://news.example/{day.year}/{slug}/{index + 1}",
                        "title": headline,
                        "publisher": publishers[index],
                        "published_on": day.isoformat(),
                        "language": "en",
                        "body": f"{headline}\n\n" + ".  ".join(sentences[index] or ["Talks go on"]) + ".",
                        "created_at": stamp(day),
                        "updated_at": stamp(day),
                    },
                )
            )
        for seconds, (day_index, guest, said, saying, speaker) in enumerate(event_reports):
            day = rounds[day_index]
            reports.append(
                (
                    "report",
                    {
                        "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "attendance": [slug, guest["slug"]],
                        "status": said,
                        "review": rng.choices(*REVIEWS)[0],
                        "reported_on": day.isoformat(),
                        "article": keys[day_index],
                        "quote": saying,
                        "speaker": [speaker["slug"]] if speaker else None,
                        "via": rng.choice(VIAS),
                        "created_at": stamp(day, seconds),
                        "updated_at": stamp(day, seconds),
                    },
                )
            )


def estimated_records(events):
    """About how many records ``events`` events make, for a progress bar."""
    return 618 + max(300, events // 5) + events * (1 + 2.6 + 10.4 + 23)


def generate(*, events, seed):
    """The records of the dataset (``events.transfer.workers.generate_in_workers``: the same, made by workers)."""
    return Dataset(events=events, seed=seed).records()
