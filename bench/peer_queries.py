"""The peer benchmark's questions as SQL (bench/peers.py): Datasette's canned queries, the API's rows.

Each answers what the API answers for the same question, with the same columns in the same
order (tests/api/test_bench_peers.py checks it on a database of its own).
"""

PAGE = 50  # the API's default page size: Datasette's queries return the same page

EVENT_COLUMNS = """e.id, e.slug, e.title, e.kind, e.status, e.start_date, e.end_date, e.city, e.country,
    e.latitude, e.longitude, host.slug AS host, e.description, e.cameo_code, e.plover_type, e.plover_mode,
    e.awaiting_review, e.created_at, e.updated_at, e.version"""

# The SQL an analyst would publish in Datasette for each question, answering the API's rows in the API's order.
QUERIES = {
    "events_by_country": f"""
SELECT {EVENT_COLUMNS}
FROM events_event e LEFT JOIN events_participant host ON host.id = e.host_id
WHERE e.country = :country AND NOT e.awaiting_review
ORDER BY e.start_date DESC, e.id DESC LIMIT {PAGE}""",
    "one_event": f"""
SELECT {EVENT_COLUMNS},
  (SELECT json_group_array(json_object('id', id, 'participant', participant, 'participant_name', participant_name,
          'participant_kind', participant_kind, 'role', role, 'status', status, 'status_date', status_date))
   FROM (SELECT a.id, p.slug AS participant, p.name AS participant_name, p.kind AS participant_kind, a.role,
                a.status, a.status_date
         FROM events_attendance a JOIN events_participant p ON p.id = a.participant_id
         WHERE a.event_id = e.id AND NOT a.awaiting_review ORDER BY p.name, a.id)) AS attendances,
  (SELECT json_group_array(json_object('id', id, 'title', title, 'publisher', publisher,
          'published_on', published_on, 'url', url))
   FROM (SELECT DISTINCT ar.id, ar.title, ar.publisher, ar.published_on, ar.url
         FROM events_article ar JOIN events_report r ON r.article_id = ar.id
         JOIN events_attendance a ON a.id = r.attendance_id
         WHERE a.event_id = e.id AND r.review = 'verified' ORDER BY ar.published_on DESC, ar.id)) AS articles
FROM events_event e LEFT JOIN events_participant host ON host.id = e.host_id
WHERE e.slug = :slug AND NOT e.awaiting_review""",
    "participant_attendances": f"""
SELECT a.id, e.slug AS event, p.slug AS participant, a.role, a.status, a.status_date, a.notes, a.awaiting_review,
       a.created_at, a.updated_at, a.version
FROM events_attendance a JOIN events_event e ON e.id = a.event_id JOIN events_participant p ON p.id = a.participant_id
WHERE p.slug = :participant AND NOT a.awaiting_review
ORDER BY e.start_date DESC, e.id, p.name, a.id LIMIT {PAGE}""",
    "event_reports": f"""
SELECT r.id, r.uid, r.attendance_id AS attendance, e.slug AS event, p.slug AS participant, r.status, r.review,
       NULL AS reviewed_by, r.reviewed_at, r.reported_on, r.status_on, r.article_id AS article, r.quote,
       speaker.slug AS speaker, r.via, r.cameo_code, r.created_at, r.updated_at, r.version
FROM events_report r JOIN events_attendance a ON a.id = r.attendance_id
JOIN events_event e ON e.id = a.event_id JOIN events_participant p ON p.id = a.participant_id
LEFT JOIN events_participant speaker ON speaker.id = r.speaker_id
WHERE e.slug = :event AND r.review = 'verified'
ORDER BY r.reported_on DESC, r.id DESC LIMIT {PAGE}""",
    "participant_search": f"""
SELECT p.id, p.slug, p.name, p.kind, p.country, p.aliases, affiliation.slug AS affiliation, p.description,
       p.wikidata_id, p.created_at, p.updated_at, p.version
FROM events_participant p LEFT JOIN events_participant affiliation ON affiliation.id = p.affiliation_id
WHERE p.name LIKE '%' || :q || '%' OR p.slug LIKE '%' || :q || '%'
   OR EXISTS (SELECT 1 FROM json_each(p.aliases) WHERE value LIKE '%' || :q || '%')
ORDER BY p.name, p.id LIMIT {PAGE}""",
}
# Datasette hands these columns on as JSON, not as text (its ``_json`` parameter).
JSON_COLUMNS = {"one_event": ["attendances", "articles"], "participant_search": ["aliases"]}
SEARCH = "united"
