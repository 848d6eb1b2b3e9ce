"""How the API knows its writer: a token (``Authorization: Token <key>``) or the session of the admin's sign-in.

An ``Authorization`` header of any other scheme (``Bearer``, ``Basic``) is a 401 naming the one the API takes, with
``WWW-Authenticate: Token``: DRF's token authentication passed it over, and the request was read as anonymous
without a word, where a wrong token was a 401 (tester, stop 41). Only the API reads it: the admin, its sign-in and
the public pages are Django's views, which no DRF authentication runs for.
"""

from rest_framework import authentication
from rest_framework.exceptions import AuthenticationFailed

SHOWN_SCHEME = 40  # characters of an unknown scheme quoted back


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication; an Authorization header of another scheme is refused, naming this one."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if header and header[0].lower() != self.keyword.lower().encode():
            scheme = header[0].decode("latin-1")[:SHOWN_SCHEME]  # the bytes as Django reads a header
            raise AuthenticationFailed(
                f"Authorization: the API takes “{self.keyword} <key>” (or the session of a sign-in), "
                f"not the scheme “{scheme}”."
            )
        return super().authenticate(request)
