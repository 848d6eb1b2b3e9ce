"""The HTTP API (DRF): viewsets in ``views`` assembled from ``mixins``; ``serializers`` and ``fields``;
``filters`` (one FilterSet a resource) built from ``filtering``; paging, rendering, schema, conditional
requests, history, export and lean reads each in a module of their own."""
