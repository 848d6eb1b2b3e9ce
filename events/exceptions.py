"""Errors as JSON: a record still in use is a 409, not a 500."""

from collections import Counter

from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, ProtectedError):
        blockers = Counter(obj._meta.verbose_name_plural for obj in exc.protected_objects)
        listed = ", ".join(f"{count} {name}" for name, count in sorted(blockers.items()))
        return Response(
            {"detail": f"This record cannot be deleted while these refer to it: {listed}."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
