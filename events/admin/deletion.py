"""The admin's delete confirmation, as a user who may not review may see it.

Django lists every record a delete would take, with its name and a link, and the kinds the user may not delete.
To a writer who may not review, that showed the attendances awaiting review and the draft reports a delete would
take (tester 34, K7), which they see nowhere else. Here such a record is "a record you do not see", counted but
not named, and a kind is named only if the user sees one of its records, as the API's refusal says it
(``events.services.deletion``).
"""

from django.contrib.admin.utils import NestedObjects, get_deleted_objects, quote
from django.db import router
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from events.models.review import may_review, on_the_record
from events.services.deletion import OTHER_RECORDS

UNSEEN = "A record you do not see"


def deleted_objects_as_seen(objs, request, admin_site):
    """``get_deleted_objects`` for a user who may review; for any other, the same with hidden records unnamed."""
    if may_review(request.user) or not len(objs):
        return get_deleted_objects(objs, request, admin_site)
    collector = NestedObjects(using=router.db_for_write(objs[0]._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed = set()

    def shown(obj):
        opts, seen = obj._meta, on_the_record(obj)
        model_admin = admin_site.get_model_admin(obj.__class__) if admin_site.is_registered(obj.__class__) else None
        if model_admin is not None and not model_admin.has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name if seen else OTHER_RECORDS)
        if not seen:
            return UNSEEN
        try:
            url = reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=(quote(obj.pk),))
        except NoReverseMatch:
            url = None
        if model_admin is None or url is None:
            return f"{capfirst(opts.verbose_name)}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

    to_delete = collector.nested(shown)
    protected = [shown(obj) for obj in collector.protected]
    model_count = {}
    for model, found in collector.model_objs.items():
        for obj in found:
            name = model._meta.verbose_name_plural if on_the_record(obj) else OTHER_RECORDS
            model_count[name] = model_count.get(name, 0) + 1
    return to_delete, model_count, perms_needed, protected
