"""The limit: the hot endpoints' JSON from hand-written SQL and orjson, with no ORM and no DRF.

Each function answers exactly the document the API answers for the same request
(``bench/reads.py`` and ``tests/api/test_bench_raw.py`` compare them): the same rows,
the same count (exact up to ``EXACT_COUNT_UP_TO``, then the planner's estimate on
PostgreSQL), the same links. It is what a careful engineer would write by hand for
one endpoint, so the API's time beside it measures what the framework costs.
"""

import re
import time
from urllib.parse import urlencode

import orjson
from django.db import connection

from events.api.pagination import COUNT_KEPT_FOR, EXACT_COUNT_UP_TO

PAGE_SIZE, MAX_PAGE_SIZE = 50, 500


def is_sqlite():
    return connection.vendor == "sqlite"


def timestamp(column):
    """A datetime column as DRF writes it: SQLite stores UTC text, PostgreSQL returns aware datetimes."""
    return f"replace({column}, ' ', 'T') || 'Z'" if is_sqlite() else column


def uid(column):
    """A UUID as text with dashes: SQLite stores 32 hex digits."""
    if not is_sqlite():
        return column
    parts = [(1, 8), (9, 4), (13, 4), (17, 4), (21, 12)]
    return " || '-' || ".join(f"substr({column}, {start}, {length})" for start, length in parts)


def dumps(data):
    return orjson.dumps(data, option=orjson.OPT_UTC_Z)


def fetch(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


KEPT_COUNTS = {}  # (from_sql, params) -> (count, until when)


def count(from_sql, params=()):
    """The API's count: exact up to the cap, then PostgreSQL's estimate (exact on SQLite), kept a while."""
    key = (from_sql, tuple(params))
    kept, until = KEPT_COUNTS.get(key, (None, 0))
    if time.monotonic() < until:
        return kept
    ((counted,),) = fetch(f"SELECT count(*) FROM (SELECT 1 {from_sql} LIMIT {EXACT_COUNT_UP_TO + 1}) capped", params)
    if counted <= EXACT_COUNT_UP_TO:
        return counted
    if is_sqlite():
        total = fetch(f"SELECT count(*) {from_sql}", params)[0][0]
    else:
        ((plan,),) = fetch(f"EXPLAIN (FORMAT JSON) SELECT 1 {from_sql}", params)
        plan = orjson.loads(plan) if isinstance(plan, str | bytes) else plan
        total = max(int(plan[0]["Plan"]["Plan Rows"]), counted)
    KEPT_COUNTS[key] = (total, time.monotonic() + COUNT_KEPT_FOR)
    return total


def link(url, query, page):
    """DRF's page links: the query with ``page`` replaced (or removed for page 1), keys sorted."""
    query = {key: value for key, value in query.items() if key != "page"}
    if page > 1:
        query["page"] = str(page)
    return f"{url}?{urlencode(sorted(query.items()))}" if query else url


def page_of(url, query, from_sql, select_sql, order_sql, keys, params=()):
    size = min(int(query.get("page_size", PAGE_SIZE)), MAX_PAGE_SIZE)
    page = int(query.get("page", 1))
    total = count(from_sql, params)
    rows = fetch(
        f"{select_sql} {from_sql} ORDER BY {order_sql} LIMIT %s OFFSET %s", (*params, size, (page - 1) * size)
    )
    pages = max(1, -(-total // size))
    return {
        "count": total,
        "next": link(url, query, page + 1) if page < pages else None,
        "previous": link(url, query, page - 1) if page > 1 else None,
        "results": [dict(zip(keys, row, strict=True)) for row in rows],
    }


EVENT_KEYS = [
    "id", "slug", "title", "kind", "status", "start_date", "end_date", "city", "country", "latitude", "longitude",
    "host", "description", "cameo_code", "plover_type", "plover_mode", "awaiting_review", "created_at", "updated_at",
    "version",
]  # fmt: skip
EVENT_ATTENDANCE_KEYS = ["id", "participant", "participant_name", "participant_kind", "role", "status", "status_date"]


def event_select():
    return (
        "SELECT e.id, e.slug, e.title, e.kind, e.status, e.start_date, e.end_date, e.city, e.country, e.latitude,"
        " e.longitude, h.slug, e.description, e.cameo_code, e.plover_type, e.plover_mode, e.awaiting_review,"
        f" {timestamp('e.created_at')}, {timestamp('e.updated_at')}, e.version"
    )


# An anonymous reader's rows: none awaiting review (docs/rules.md), as the API reads them.
EVENT_FROM = "FROM events_event e LEFT JOIN events_participant h ON h.id = e.host_id WHERE NOT e.awaiting_review"


def as_read(rows):
    """Rows as the API answers them: ``awaiting_review`` a JSON boolean (SQLite stores 0 or 1)."""
    for row in rows:
        row["awaiting_review"] = bool(row["awaiting_review"])
    return rows


def event_attendances(event_ids):
    marks = ", ".join(["%s"] * len(event_ids))
    rows = fetch(
        "SELECT a.event_id, a.id, p.slug, p.name, p.kind, a.role, a.status, a.status_date"
        " FROM events_attendance a JOIN events_participant p ON p.id = a.participant_id"
        f" WHERE a.event_id IN ({marks}) AND NOT a.awaiting_review ORDER BY p.name, a.id",
        event_ids,
    )
    nested = {event_id: [] for event_id in event_ids}
    for event_id, *row in rows:
        nested[event_id].append(dict(zip(EVENT_ATTENDANCE_KEYS, row, strict=True)))
    return nested


def events(url, query):
    body = page_of(url, query, EVENT_FROM, event_select(), "e.start_date DESC, e.id DESC", EVENT_KEYS)
    as_read(body["results"])
    if query.get("expand") == "attendances" and body["results"]:
        nested = event_attendances([event["id"] for event in body["results"]])
        for event in body["results"]:
            event["attendances"] = nested[event["id"]]
    return dumps(body)


def event(url, query, slug):
    rows = fetch(f"{event_select()} {EVENT_FROM} AND e.slug = %s", (slug,))
    if not rows:
        return None
    (body,) = as_read([dict(zip(EVENT_KEYS, rows[0], strict=True))])
    body["attendances"] = event_attendances([body["id"]])[body["id"]]
    articles = fetch(
        "SELECT DISTINCT r.article_id, ar.title, ar.publisher, ar.published_on, ar.url"
        " FROM events_report r JOIN events_attendance a ON a.id = r.attendance_id"
        " JOIN events_article ar ON ar.id = r.article_id WHERE a.event_id = %s"
        " ORDER BY ar.published_on DESC, r.article_id",
        (body["id"],),
    )
    body["articles"] = [
        dict(zip(["id", "title", "publisher", "published_on", "url"], row, strict=True)) for row in articles
    ]
    body["page_url"] = re.sub(r"/api/events/.*", f"/events/{slug}/", url)
    return dumps(body)


ATTENDANCE_KEYS = [
    "id", "event", "participant", "role", "status", "status_date", "notes", "awaiting_review", "created_at",
    "updated_at", "version",
]  # fmt: skip
ATTENDANCE_FROM = (
    "FROM events_attendance a JOIN events_event e ON e.id = a.event_id"
    " JOIN events_participant p ON p.id = a.participant_id WHERE NOT a.awaiting_review"
)


def attendance_select():
    return (
        "SELECT a.id, e.slug, p.slug, a.role, a.status, a.status_date, a.notes, a.awaiting_review,"
        f" {timestamp('a.created_at')}, {timestamp('a.updated_at')}, a.version"
    )


def attendances(url, query):
    order = "e.start_date DESC, e.id, p.name, a.id"
    body = page_of(url, query, ATTENDANCE_FROM, attendance_select(), order, ATTENDANCE_KEYS)
    as_read(body["results"])
    return dumps(body)


def attendance(url, query, pk):
    rows = fetch(f"{attendance_select()} {ATTENDANCE_FROM} AND a.id = %s", (int(pk),))
    if not rows:
        return None
    (body,) = as_read([dict(zip(ATTENDANCE_KEYS, rows[0], strict=True))])
    reports = fetch(
        f"SELECT r.id, {uid('r.uid')}, r.status, r.review, r.reported_on, r.status_on, r.article_id, r.quote,"
        " s.slug, r.via"
        " FROM events_report r LEFT JOIN events_participant s ON s.id = r.speaker_id"
        " WHERE r.attendance_id = %s ORDER BY r.reported_on DESC, r.id DESC",
        (body["id"],),
    )
    keys = ["id", "uid", "status", "review", "reported_on", "status_on", "article", "quote", "speaker", "via"]
    body["reports"] = [dict(zip(keys, row, strict=True)) for row in reports]
    return dumps(body)


REPORT_KEYS = [
    "id", "uid", "attendance", "event", "participant", "status", "review", "reviewed_by", "reviewed_at",
    "reported_on", "status_on", "article", "quote", "speaker", "via", "cameo_code", "created_at", "updated_at",
    "version",
]  # fmt: skip
REPORT_FROM = (
    "FROM events_report r JOIN events_attendance a ON a.id = r.attendance_id"
    " JOIN events_event e ON e.id = a.event_id JOIN events_participant p ON p.id = a.participant_id"
    " LEFT JOIN events_participant s ON s.id = r.speaker_id LEFT JOIN auth_user u ON u.id = r.reviewed_by_id"
)


def reports(url, query):
    select = (
        f"SELECT r.id, {uid('r.uid')}, r.attendance_id, e.slug, p.slug, r.status, r.review, u.username,"
        f" {timestamp('r.reviewed_at')}, r.reported_on, r.status_on, r.article_id, r.quote, s.slug, r.via,"
        f" r.cameo_code, {timestamp('r.created_at')}, {timestamp('r.updated_at')}, r.version"
    )
    return dumps(page_of(url, query, REPORT_FROM, select, "r.reported_on DESC, r.id DESC", REPORT_KEYS))


ROUTES = [
    (re.compile(r"^/api/events/$"), events),
    (re.compile(r"^/api/events/([-\w]+)/$"), event),
    (re.compile(r"^/api/attendances/$"), attendances),
    (re.compile(r"^/api/attendances/(\d+)/$"), attendance),
    (re.compile(r"^/api/reports/$"), reports),
]


def answer(base, path, query):
    """The raw JSON for an API ``path`` and ``query`` (a dict), ``None`` for a record that does not exist."""
    for pattern, view in ROUTES:
        match = pattern.match(path)
        if match:
            return view(f"{base}{path}", query, *match.groups())
    raise LookupError(f"no raw baseline for {path}")
