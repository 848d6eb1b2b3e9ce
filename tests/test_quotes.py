"""The quote rule: events.quotes.normalize and quote_mismatch."""

import pytest

from events.quotes import normalize, quote_mismatch

BODY = "Afghanistan’s foreign ministry said: “We will not participate in the Moscow talks.”  The Taliban agreed."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  b\t\tc\n\nd", "a b c d"),
        ("  \n padded text \t ", "padded text"),
        ("‘single’ and “double”", "'single' and \"double\""),
        ("it’s", "it's"),
        ("Mixed Case", "Mixed Case"),
        ("", ""),
    ],
)
def test_normalize(text, expected):
    """Whitespace runs become one space, ends are trimmed, curly marks become straight, case is kept."""
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "quote",
    [
        "We will not participate in the Moscow talks.",
        "We  will not\nparticipate in the\tMoscow talks.",
        "   We will not participate in the Moscow talks.   \n",
        '"We will not participate in the Moscow talks."',
        "Afghanistan's foreign ministry",
        "Afghanistan’s foreign ministry",
        "talks.” The Taliban",
    ],
)
def test_quote_found(quote):
    """A quote differing only in whitespace or quote-mark style matches."""
    assert quote_mismatch(quote, BODY) == ""


def test_curly_quote_matches_straight_body():
    """A curly quote matches a body typed with straight quotes and apostrophes."""
    assert quote_mismatch("“It’s over,” he said", '"It\'s over," he said today.') == ""


@pytest.mark.parametrize(
    "quote",
    [
        "we will not participate in the Moscow talks.",
        "We will not participate in the moscow talks.",
        "WE WILL NOT PARTICIPATE",
    ],
)
def test_case_difference_is_a_mismatch(quote):
    """The match is case-sensitive."""
    assert quote_mismatch(quote, BODY) != ""


@pytest.mark.parametrize("body", ["", None])
def test_empty_body_means_no_check(body):
    """Without a stored body there is nothing to check the quote against."""
    assert quote_mismatch("Anything at all.", body) == ""


def test_empty_quote_is_a_mismatch():
    """A quote of only whitespace against a stored body is refused."""
    assert quote_mismatch("   \n ", BODY) == "The quote is empty."


def test_mismatch_message_shows_where_it_differs():
    """The message shows the part that matched and the part where the quote differs."""
    message = quote_mismatch("We will not participate in the Kabul talks.", BODY)
    assert message == (
        "The quote does not occur in the article's text: it matches up to "
        "“We will not participate in the ” and differs from “Kabul talks.” on (at 'K', U+004B LATIN CAPITAL LETTER K)."
    )


def test_mismatch_message_shows_only_the_last_forty_matched_characters():
    """The matched context is cut to its last 40 characters, the differing part to 40."""
    body = "x" * 100 + " tail"
    message = quote_mismatch("x" * 60 + "Y" * 50, body)
    assert message == (
        "The quote does not occur in the article's text: it matches up to "
        f"“{'x' * 40}” and differs from “{'Y' * 40}” on (at 'Y', U+0059 LATIN CAPITAL LETTER Y)."
    )


def test_mismatch_message_when_nothing_matches():
    """A quote whose first character is already absent says so."""
    assert quote_mismatch("Zebra", BODY) == (
        "The quote does not occur in the article's text: not even its first character matches."
    )
