"""Errors as JSON: a record still in use is a 409, not a 500."""

from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, ProtectedError):
        names = sorted({f"{obj._meta.verbose_name} “{obj}”" for obj in list(exc.protected_objects)[:10]})
        return Response(
            {"detail": "This record is still referred to and cannot be deleted: " + "; ".join(names) + "."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
