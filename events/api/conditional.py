"""Conditional writes over HTTP: every detail answer carries an ``ETag``; ``If-Match`` guards writes (RFC 9110).

The ETag is ``"<version>-<digest>"``: the record's version, then a digest of the
detail payload, which also shows other records (an event's attendances and their
statuses, a report's event slug...). So the ETag changes whenever the payload
does. A ``PUT``, ``PATCH`` or ``DELETE`` whose ``If-Match`` is not the current
ETag is a 412 and changes nothing; one that matches writes with the model's
conditional ``UPDATE`` (``VersionedModel``), so of two racing writers with the
same ETag only one wins and the other also gets a 412.
"""

import hashlib

import orjson
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.utils.encoders import JSONEncoder

WRITES = {"PUT", "PATCH", "DELETE"}
DETAIL_ANSWERS = {"retrieve", "create", "update", "partial_update"}


def etag_of(payload):
    """The strong ETag of a detail payload: its version and a digest of the whole of it.

    The digest is of the JSON as clients read it, so a payload of Python values (the lean reads'
    dates and datetimes) and the serializer's strings for the same record give the same ETag.
    """
    text = orjson.dumps(payload, default=JSONEncoder().default, option=orjson.OPT_SORT_KEYS | orjson.OPT_UTC_Z)
    return f'"{payload["version"]}-{hashlib.sha256(text).hexdigest()[:16]}"'


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = (
        "If-Match: this record has changed since you read it, so nothing was written. "
        "Read it again and redo your change with its new ETag."
    )


class ConditionalWritesMixin:
    """``ETag`` on every detail answer; ``If-Match`` checked before a write and again, atomically, in it."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            getattr(self, "action", None) in DETAIL_ANSWERS
            and status.is_success(response.status_code)
            and isinstance(response.data, dict)
            and "version" in response.data
        ):
            response["ETag"] = etag_of(response.data)
        return response

    def get_object(self):
        record = super().get_object()
        if self.request.method in WRITES:
            self.check_if_match(record)
        return record

    def check_if_match(self, record):
        header = self.request.headers.get("If-Match")
        if header is None:
            return
        expected = parse_etags(header)
        if expected == ["*"]:
            return
        if etag_of(self.get_serializer(record).data) not in expected:
            raise PreconditionFailed()
