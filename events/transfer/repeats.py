"""The repeated-report rule for a batch of imported reports: one query per batch, not one per report.

A report that repeats another of its attendance (same status, article and quote, as the quote rule
compares them) is refused, whether the other is stored or earlier in the same input
(``Report.check_not_repeated`` is the same rule for one report at a time).
"""

from events.models import Report
from events.models.report import repeat_message
from events.rules.quotes import normalize
from events.transfer.lookups import filter_in
from events.transfer.writing import BATCH_SIZE, chunked


def repeat_key(report):
    return (report.attendance_id, report.article_id, report.status, normalize(report.quote))


def check_repeats(records, instances, errors):
    """Add a ``quote`` error to each report of the batch that repeats a stored one or an earlier one of the batch."""
    first_line, candidates = {}, {}
    for index, report in enumerate(instances):
        if errors[index] or None in (report.attendance_id, report.article_id):
            continue
        key = repeat_key(report)
        if key in first_line:
            errors[index]["quote"] = [
                f"This report repeats the report of line {first_line[key]}: the same status, article and quote "
                "for the same attendance."
            ]
            continue
        first_line[key] = records[index].line
        candidates[key] = index
    for key, uid in stored_repeats(candidates.keys()).items():
        errors[candidates[key]]["quote"] = [repeat_message(uid)]


def stored_repeats(keys):
    """The uid of a stored report for each of these repeat keys that has one."""
    keys = set(keys)
    articles = sorted({key[1] for key in keys})
    found = {}
    for chunk in chunked(sorted({key[0] for key in keys}), BATCH_SIZE):
        rows = filter_in(filter_in(Report.objects.order_by("pk"), "attendance_id", chunk), "article_id", articles)
        for attendance, article, status, quote, uid in rows.values_list(
            "attendance_id", "article_id", "status", "quote", "uid"
        ):
            key = (attendance, article, status, normalize(quote))
            if key in keys:
                found.setdefault(key, uid)
    return found
