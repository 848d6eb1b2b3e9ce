"""The admin's "View on site" shortcut (``/admin/r/<content type>/<id>/``), for the records the user may see.

Django's shortcut redirects any staff user to the page of any record by its id: walking the ids, a writer who
may not review learned the slug, and so the title, place and date, of every event awaiting review. Here a record
the user's admin does not show (``ShownAsReviewed.get_queryset``) is a 404, as its change page is.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404

from events.admin.common import is_key


def view_on_site(request, content_type_id, object_id):
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type is not None else None
    model_admin = admin.site._registry.get(model)
    if model_admin is not None:
        if not is_key(model._meta.pk, object_id):
            raise Http404("No such record.")
        if not model_admin.get_queryset(request).filter(pk=object_id).exists():
            raise Http404("No such record.")
    return shortcut(request, content_type_id, object_id)


def shortcut_view():
    """The view, behind the admin's sign-in, as Django's own is."""
    return admin.site.admin_view(view_on_site)
