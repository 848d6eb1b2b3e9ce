"""The repeated-report rule for a batch of imported reports: one query per batch, not one per report.

A report that repeats another of its attendance (same status, article and quote, as the quote rule
compares them) is refused, whether the other is stored or earlier in the same input
(``Report.check_not_repeated`` is the same rule for one report at a time).
"""

from collections import Counter, defaultdict

from events.models import Report
from events.models.report import repeat_message
from events.rules.quotes import normalize
from events.transfer.lookups import filter_in
from events.transfer.writing import BATCH_SIZE, chunked


def check_repeats(records, instances, errors):
    """Add a ``quote`` error to each report of the batch that repeats a stored one or an earlier one of the batch.

    Only a report that shares its attendance, article and status with another of the batch or a stored one can
    repeat anything: its quote alone is normalised to compare.
    """
    triples = {
        index: (report.attendance_id, report.article_id, report.status)
        for index, report in enumerate(instances)
        if not errors[index] and report.attendance_id is not None and report.article_id is not None
    }
    stored = stored_reports(triples.values())
    shared = {triple for triple, count in Counter(triples.values()).items() if count > 1} | stored.keys()
    first_line, candidates = {}, {}
    for index, triple in triples.items():
        if triple not in shared:
            continue
        key = (*triple, normalize(instances[index].quote))
        if key in first_line:
            errors[index]["quote"] = [
                f"This report repeats the report of line {first_line[key]}: the same status, article and quote "
                "for the same attendance."
            ]
            continue
        first_line[key] = records[index].line
        candidates[key] = index
    for key, index in candidates.items():
        uid = next((uid for uid, quote in stored.get(key[:3], ()) if normalize(quote) == key[3]), None)
        if uid is not None:
            errors[index]["quote"] = [repeat_message(uid)]


def stored_reports(triples):
    """The stored reports of each of these (attendance, article, status): their uids and quotes, in the order of
    their ids."""
    triples = set(triples)
    articles = sorted({triple[1] for triple in triples})
    found = defaultdict(list)
    for chunk in chunked(sorted({triple[0] for triple in triples}), BATCH_SIZE):
        rows = filter_in(filter_in(Report.objects.order_by("pk"), "attendance_id", chunk), "article_id", articles)
        for attendance, article, status, quote, uid in rows.values_list(
            "attendance_id", "article_id", "status", "quote", "uid"
        ):
            if (attendance, article, status) in triples:
                found[attendance, article, status].append((uid, quote))
    return found
