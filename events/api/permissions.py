"""Who may do what: reads for everyone, writes for users who hold the model's permission."""

from rest_framework import permissions


class DjangoModelPermissionsOrAnonReadOnly(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """DRF's, taking the model from the view's ``queryset`` when the view has one.

    DRF's builds the view's whole ``get_queryset()`` (with its joins and prefetches)
    only to read its model: on a detail read that is a twentieth of the request.
    """

    def _queryset(self, view):
        queryset = getattr(view, "queryset", None)
        return queryset if queryset is not None else super()._queryset(view)
