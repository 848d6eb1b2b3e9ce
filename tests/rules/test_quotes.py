"""The quote rule: events.rules.quotes.normalize and quote_mismatch."""

import random
import re
import sys

import pytest

from events.rules.quotes import QUOTE_MARKS, normalize, normalize_with_positions, quote_context, quote_mismatch

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
        "The quote does not occur in the article's text: the text has its start, up to "
        "“We will not participate in the ”, but not followed by “Kabul talks.” "
        "(from 'K', U+004B LATIN CAPITAL LETTER K)."
    )


def test_mismatch_message_shows_only_the_last_forty_matched_characters():
    """The matched context is cut to its last 40 characters, the differing part to 40."""
    body = "x" * 100 + " tail"
    message = quote_mismatch("x" * 60 + "Y" * 50, body)
    assert message == (
        "The quote does not occur in the article's text: the text has its start, up to "
        f"“{'x' * 40}”, but not followed by “{'Y' * 40}” (from 'Y', U+0059 LATIN CAPITAL LETTER Y)."
    )


def test_mismatch_message_when_nothing_matches():
    """A quote whose first character is already absent says so."""
    assert quote_mismatch("Zebra", BODY) == (
        "The quote does not occur in the article's text: not even its first character matches."
    )


# ------------------------------------------------------------------------------
# A quote in its context
# ------------------------------------------------------------------------------
def test_quote_context_gives_the_bodys_own_words_around_the_quote():
    """Whitespace and quote marks are forgiven in the search, but the context is the body as written."""
    body = "Kabul said:\n“We  will not\u00a0go.”  Then it left."
    assert quote_context('"We will not go."', body, width=6) == ("…said:\n", "“We  will not\u00a0go.”", "  Then…")


def test_quote_context_without_ellipsis_when_the_text_ends():
    assert quote_context("Kabul", "Kabul said no.", width=20) == ("", "Kabul", " said no.")


@pytest.mark.parametrize("body", ["", "Something else entirely."])
def test_quote_context_of_a_quote_not_in_the_body_is_none(body):
    assert quote_context("Kabul", body) is None


@pytest.mark.parametrize("text", ["  a  b ", "\u201ca\u201d\n\tb", "", "   ", "x"])
def test_normalize_with_positions_agrees_with_normalize(text):
    """The positions map each compared character back to a character of the text it came from."""
    normalized, positions = normalize_with_positions(text)
    assert normalized == normalize(text)
    assert len(positions) == len(normalized)
    for character, position in zip(normalized, positions, strict=True):
        assert character == " " if text[position].isspace() else character == normalize(text[position])


def test_a_quote_found_verbatim_is_found_as_the_rule_compares():
    """The shortcut for a quote found as it is gives what comparing the normal forms gives, for every quote
    cut out of texts of spaces, line breaks, tabs, non-breaking spaces and straight and curly marks."""
    characters = ["a", "b", " ", "\n", "\t", "\u00a0", "\u2019", "'", "\u201c", '"']
    generator = random.Random(15)
    for _ in range(300):
        body = "".join(generator.choice(characters) for _ in range(generator.randint(1, 12)))
        for start in range(len(body)):
            for end in range(start + 1, len(body) + 1):
                quote = body[start:end]
                needle = normalize(quote)
                expected = "The quote is empty." if not needle else "" if needle in normalize(body) else "differs"
                assert quote_mismatch(quote, body) == expected, (quote, body)


def reference_normalize(text):
    """The rule as the spec words it: curly marks straight, every run of whitespace one space, ends trimmed."""
    translated = text.translate(str.maketrans(QUOTE_MARKS))
    return re.sub(r"\s+", " ", translated).strip()


def test_normalize_knows_the_whitespace_of_a_regular_expression():
    """``split()`` and ``\\s`` agree on every code point, so normalize() joins the same runs."""
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        text = f"a{character}{character}b{character}"
        assert normalize(text) == reference_normalize(text), hex(code)


def test_normalize_gives_the_reference_form():
    """On random texts of letters, marks of every kind and whitespace of every kind."""
    characters = ["a", "B", " ", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\u00a0", "\u2028", "\u3000", "'", '"']
    characters += [*QUOTE_MARKS, "\u2032", "\u00ab", "\u00bb"]
    generator = random.Random(16)
    for _ in range(3000):
        text = "".join(generator.choice(characters) for _ in range(generator.randint(0, 20)))
        assert normalize(text) == reference_normalize(text), repr(text)
