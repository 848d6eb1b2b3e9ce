"""The OpenAPI schema: every operation documents the errors it can answer, not only its success; a record's
endpoints also document conditional writes (ETag, If-Match, 412) and history."""

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_basic_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly
from rest_framework.settings import api_settings

from events.api.conditional import DETAIL_ANSWERS, WRITES
from events.api.parameters import list_parameters, not_taken_here
from events.rules.places import COUNTRY_ACCEPTED

ERROR = {
    "type": "object",
    "description": "Why the request was refused.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "additionalProperties": False,
}

VALIDATION_ERROR = {
    "type": "object",
    "description": (
        "Each field or query parameter at fault, with its messages (an object of them for the items of a list); "
        "`detail` when the request as a whole cannot be read."
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}],
    },
}

ERRORS = {
    400: (
        "ValidationError",
        "Bad input: each field or parameter at fault with its messages. "
        "An unknown field or query parameter, or a `format` this address does not answer, is named, "
        "with the valid ones listed.",
    ),
    401: ("Error", "The credentials given are wrong, or a write was sent without any."),
    403: ("Error", "The user lacks the permission for this write (or a session sent no CSRF token)."),
    404: ("Error", "No such record, or no such page of the list."),
    409: ("Error", "The record cannot be deleted while other records refer to it; the message counts them."),
    412: (
        "Error",
        "`If-Match` names a version of the record that is no longer the current one, or `If-None-Match` names "
        "the record (`*`, or its current ETag).",
    ),
    413: ("Error", "The request body is larger than the server accepts."),
    414: ("Error", "The URL, its query string included, is longer than the server reads (`DJANGO_MAX_URL_LENGTH`)."),
    415: ("Error", "The body is not in a format the API reads (JSON, form or multipart)."),
    429: ("Error", "Too many requests: wait the number of seconds in `Retry-After`."),
}

HEADERS = {
    401: {
        "WWW-Authenticate": {
            "schema": {"type": "string"},
            "description": "How to authenticate: `Token`.",
        }
    },
    429: {
        "Retry-After": {
            "schema": {"type": "string", "pattern": r"^\d+$"},
            "description": "Seconds to wait before the next request.",
            "required": True,
        }
    },
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the error answers of each operation and anonymous reads."""

    def get_auth(self):
        auths = super().get_auth()
        # Anyone may read: a GET needs no credentials, so say so (drf-spectacular only
        # knows this of IsAuthenticatedOrReadOnly).
        anonymous_reads = any(isinstance(p, DjangoModelPermissionsOrAnonReadOnly) for p in self.view.get_permissions())
        if anonymous_reads and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def reads_conditionally(self):
        """A GET that answers an ETag, and 304 to ``If-None-Match``: as its view says (events.api.conditional)."""
        reads = getattr(self.view, "reads_conditionally", None)
        return self.method == "GET" and reads is not None and reads()

    def get_override_parameters(self):
        # What a list takes beyond its filters and pages (events.api.parameters): declared once, for both.
        parameters = [*super().get_override_parameters(), *list_parameters(self.view)]
        if self.reads_conditionally():
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="The ETag of the answer you hold: while it is current, the answer is 304, no body.",
                )
            )
            if getattr(self.view, "action", None) != "retrieve":  # a detail's ETag is documented with its writes
                parameters.append(
                    OpenApiParameter(
                        "ETag",
                        OpenApiTypes.STR,
                        OpenApiParameter.HEADER,
                        response=[200],
                        description="This answer's tag, for If-None-Match; it changes with any write.",
                    )
                )
        return parameters

    def _get_filter_parameters(self):
        # Every filter reads an empty value (``?kind=``) as no filter; the export takes none that shapes the rows.
        refused = not_taken_here(self.view)
        parameters = super()._get_filter_parameters()
        return [{**parameter, "allowEmptyValue": True} for parameter in parameters if parameter["name"] not in refused]

    def _get_format_parameters(self):
        # ``?format=`` is no format: the Accept header decides. An address of one format takes it too
        # (``calendar.ics?format=ics``: tester 35, L5), as its refusal of another one names it.
        formats = self.map_renderers("format")
        parameters = super()._get_format_parameters()
        if api_settings.URL_FORMAT_OVERRIDE and len(formats) == 1 and getattr(self.view, "takes_format", False):
            schema = build_basic_type(OpenApiTypes.STR)
            parameters = [build_parameter_type(api_settings.URL_FORMAT_OVERRIDE, schema, "query", enum=formats)]
        return [{**parameter, "allowEmptyValue": True} for parameter in parameters]

    def error_statuses(self):
        """The 4xx answers this operation can give."""
        # On any request: a query parameter it does not take or an unknown ``format`` (400), a wrong token, no
        # such record or page (404), a URL too long, throttling.
        statuses = {400, 401, 404, 414, 429}
        if self.method != "GET":
            statuses.add(403)
        if self.method in {"POST", "PUT", "PATCH"}:
            statuses |= {400, 413, 415}
        if self.method in {"PUT", "PATCH", "DELETE"}:
            statuses.add(412)
        if self.method == "DELETE":
            statuses.add(409)
        return sorted(statuses)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status in self.error_statuses():
            name, description = ERRORS[status]
            responses.setdefault(str(status), self.error_response(name, description, HEADERS.get(status)))
        if self.reads_conditionally():
            responses.setdefault("304", {"description": "Not Modified: the `If-None-Match` tag is current; no body."})
        return responses

    def error_response(self, name, description, headers=None):
        schema = ERROR if name == "Error" else VALIDATION_ERROR
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)
        self.registry.register_on_missing(component)
        response = {"description": description, "content": {"application/json": {"schema": component.ref}}}
        if headers:
            response["headers"] = headers
        return response


class PreconditionFailedSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why nothing was written.")


class RecordSchema(AutoSchema):
    """Documents the ``ETag`` of detail answers, ``If-Match`` on writes and their 412, and history pages."""

    def writes_one_record(self):
        return self.method in WRITES and getattr(self.view, "action", None) in {
            "update",
            "partial_update",
            "destroy",
        }

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        action = getattr(self.view, "action", None)
        if self.writes_one_record():
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=(
                        "The ETag of the record as you read it. When the record has changed since, "
                        "the write is refused with 412 and nothing is changed. `*` matches any version; "
                        "a value that names no ETag (empty, unquoted, or `*` inside a list) is a 400."
                    ),
                )
            )
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=(
                        "`*`, or ETags: when it is `*` (the record exists) or names the record's current ETag, "
                        "the write is refused with 412 and nothing is changed (RFC 9110, 13.1.2); a value that "
                        "names no ETag (empty, unquoted, or `*` inside a list) is a 400."
                    ),
                )
            )
        if action in DETAIL_ANSWERS:
            parameters.append(
                OpenApiParameter(
                    "ETag",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    response=[200, 201],
                    description="The version of the record and a digest of this payload; give it in If-Match.",
                )
            )
        return parameters

    def get_response_serializers(self):
        if getattr(self.view, "action", None) == "history":
            return self.view.get_serializer_class()(many=True)
        serializers_ = super().get_response_serializers()
        if not self.writes_one_record():
            return serializers_
        if not isinstance(serializers_, dict):
            serializers_ = {204: None} if self.method == "DELETE" else {200: serializers_}
        return {**serializers_, 412: PreconditionFailedSerializer}


class CountryCodeFieldExtension(OpenApiSerializerFieldExtension):
    """A country is answered as its alpha-2 code (the enum of codes) and taken in more forms than that."""

    target_class = "events.api.fields.CountryCodeField"

    def map_serializer_field(self, auto_schema, direction):
        answered = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "response":
            return answered
        return {
            "type": "string",
            "description": f"A country: {COUNTRY_ACCEPTED}, in any case (kz, KAZ, kazakhstan); "
            "stored and answered as its alpha-2 code." + (" Empty for none." if self.target.allow_blank else ""),
            "example": "KZ",
        }
