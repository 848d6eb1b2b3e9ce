"""The project's answers in plain text (a public page's or the admin's 400, 415, 429 and 503): each says its
character set, UTF-8, which their curly quotes need; a client that guessed Latin-1 showed mojibake (tester 47, 3).
Every such answer is made here."""

from django.http import HttpResponse

PLAIN_TEXT = "text/plain; charset=utf-8"


def plain_text(text, status=200):
    """An ``HttpResponse`` of ``text``, as ``text/plain; charset=utf-8``."""
    return HttpResponse(text, status=status, content_type=PLAIN_TEXT)
