"""The OpenAPI schema of a record's endpoints: conditional writes (ETag, If-Match, 412) and history."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.settings import api_settings

from events.conditional import DETAIL_ANSWERS, WRITES


class PreconditionFailedSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why nothing was written.")


class RecordSchema(api_settings.DEFAULT_SCHEMA_CLASS):
    """Documents the ``ETag`` of detail answers, ``If-Match`` on writes and their 412, and history pages.

    It extends the project's schema class (drf-spectacular's ``AutoSchema`` or a subclass), adding to it.
    """

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
                        "the write is refused with 412 and nothing is changed. `*` matches any version."
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
