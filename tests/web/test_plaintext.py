"""Every answer in plain text the project writes says its character set (tester 47, 3: a public page's 400 and the
admin's 415 were ``text/plain`` with UTF-8 curly quotes, mojibake to a client that guessed Latin-1)."""

import re
from pathlib import Path

import events
from events.web.plaintext import PLAIN_TEXT, plain_text

MAKER = Path(events.__file__).parent / "web" / "plaintext.py"


def test_a_plain_text_answer_is_utf8():
    answer = plain_text("“quoted”", status=400)
    assert (answer.status_code, answer["Content-Type"], answer.content) == (
        400,
        "text/plain; charset=utf-8",
        "“quoted”".encode(),
    )
    assert answer["Content-Type"] == PLAIN_TEXT


def test_no_other_module_makes_a_plain_text_answer():
    """The helper is the one place: a module that names ``text/plain`` itself may forget the charset again."""
    makers = [
        str(path.relative_to(MAKER.parents[2]))
        for path in Path(events.__file__).parent.rglob("*.py")
        if path != MAKER and re.search(r"""content_type\s*=\s*["']text/plain""", path.read_text(encoding="utf-8"))
    ]
    assert makers == []
