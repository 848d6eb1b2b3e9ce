"""The domain's rules, each written once: ``choices`` (the values a field takes), ``dates``, ``quotes``, ``status``.

Plain Python, with a query form beside it where the database applies the rule in bulk. Rules import no record:
the records (``events.models``) call them on every save and clean, so the API, the admin, fixtures and bulk
import all keep them.
"""
