"""ingest_article: an article's text and metadata stored, and the extraction assistant's proposals printed."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from events.models import Article, Report
from events.models.article import BODY_MAX_LENGTH
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TEXT = "Afghanistan will not attend the Moscow talks, Sibghat Ahmadi said.\n\nRussia has invited the Taliban.\n"
META = {"title": "Afghanistan will not attend", "publisher": "Al Jazeera", "published_on": "2018-08-22"}


@pytest.fixture
def files(tmp_path):
    ParticipantFactory(slug="afghanistan", name="Afghanistan")
    ParticipantFactory(slug="taliban", name="Taliban")
    ParticipantFactory(slug="sibghat-ahmadi", name="Sibghat Ahmadi", kind="person")
    EventFactory(slug="moscow-talks", title="Moscow talks on Afghanistan")
    text = tmp_path / "article.txt"
    text.write_text(TEXT, encoding="utf-8")
    (tmp_path / "article.json").write_text(json.dumps(META), encoding="utf-8")
    return text


def ingest(*args):
    out = StringIO()
    call_command("ingest_article", *args, stdout=out)
    return out.getvalue()


def test_ingest_stores_the_article_and_prints_the_proposals(files):
    output = ingest(str(files))
    article = Article.objects.get()
    # the text as every entry point stores a text: without the line break that ends the file (rules.md)
    assert (article.title, article.publisher, article.body) == (META["title"], "Al Jazeera", TEXT.strip())
    assert "event         participant  status    reported_on  speaker" in output
    assert "moscow-talks  afghanistan  declined  2018-08-22   sibghat-ahmadi" in output
    assert "moscow-talks  taliban      invited   2018-08-22" in output
    assert "Created 2 draft reports, 2 attendances, 0 events." in output
    assert Report.objects.filter(article=article, review="draft").count() == 2


def test_a_byte_order_mark_is_not_part_of_the_text_or_the_metadata(files):
    files.write_text(TEXT, encoding="utf-8-sig")  # as Windows editors save UTF-8
    files.with_suffix(".json").write_text(json.dumps(META), encoding="utf-8-sig")
    ingest(str(files))
    assert Article.objects.get().body == TEXT.strip()
    assert Report.objects.filter(review="draft").count() == 2


def test_ingesting_twice_creates_nothing_new(files):
    ingest(str(files))
    output = ingest(str(files))
    assert "already stored as" in output
    assert "Created 0 draft reports, 0 attendances, 0 events." in output
    assert (Article.objects.count(), Report.objects.count()) == (1, 2)


def test_dry_run_stores_nothing(files):
    output = ingest(str(files), "--dry-run")
    assert "Dry run: nothing stored." in output
    assert "afghanistan  declined" in output
    assert (Article.objects.count(), Report.objects.count()) == (0, 0)


def test_a_dry_run_lists_a_party_the_database_lacks_as_a_new_party_not_a_report(files):
    """Egypt (the gazetteer's, no participant) gets no report from a run: the dry run shows it as the run does."""
    files.write_text(TEXT + "\nEgypt will attend the Moscow talks.\n", encoding="utf-8")
    dry = ingest(str(files), "--dry-run")
    assert "egypt" not in dry
    assert "moscow-talks  taliban      invited   2018-08-22" in dry
    assert "New parties it would propose, to confirm, merge or dismiss on the article's admin page: Egypt" in dry
    real = ingest(str(files))
    assert "egypt" not in real
    assert "New parties to confirm, merge or dismiss on the article's admin page: Egypt" in real

    def table(output):  # the table's rows without the result column, which a dry run leaves at "proposed"
        rows = [line.split("  ") for line in output.splitlines() if line.startswith("moscow-talks")]
        cells = [[cell.strip() for cell in row if cell.strip()] for row in rows]
        return [[cell for cell in row if not cell.startswith(("proposed", "new #"))] for row in cells]

    assert table(dry) == table(real)
    assert Report.objects.filter(attendance__participant__slug="egypt").count() == 0


def test_meta_from_another_path(files, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**META, "title": "Another title", "url": "https://example.org/a"}), encoding="utf-8")
    ingest(str(files), "--meta", str(other))
    assert Article.objects.get().url == "https://example.org/a"


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ('{"title": "T", "publisher": "P"}', "missing published_on"),
        ('{"title": "T", "publisher": "P", "published_on": "22/08/2018"}', "published_on: “22/08/2018” value has an"),
        ('{"title": "T",\n "publisher": }', "line 2: not JSON"),
        ('["a list"]', "must be a JSON object"),
        ('{"title": "T", "publisher": "P", "published_on": "2018-08-22", "language": "english"}', "language code"),
    ],
)
def test_bad_metadata_is_an_error_naming_the_file(files, tmp_path, meta, message):
    path = tmp_path / "bad.json"
    path.write_text(meta, encoding="utf-8")
    with pytest.raises(CommandError, match=message) as error:
        ingest(str(files), "--meta", str(path))
    assert str(path) in str(error.value)
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        (
            {"language": "zz-!!", "url": "notaurl"},
            "url: Enter a valid URL.; language: Enter a language code such as en, ru, ps or pt-BR (BCP 47).",
        ),
        ({"title": "x" * 400}, "title: Ensure this value has at most 300 characters (it has 400)."),
        ({"publisher": ["P"]}, "publisher: Not a valid string."),
        (  # tester 33, J14: a bad day hid the others
            {"published_on": "2024-13-01", "url": "notaurl", "language": "english!"},
            "url: Enter a valid URL.; published_on: “2024-13-01” value has the correct format (YYYY-MM-DD) but it "
            "is an invalid date.; language: Enter a language code such as en, ru, ps or pt-BR (BCP 47).",
        ),
    ],
)
def test_each_bad_metadata_value_is_named_by_its_field(files, tmp_path, meta, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**META, **meta}), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        ingest(str(files), "--meta", str(path))
    assert str(error.value) == f"{path}: {message}"
    assert Article.objects.count() == 0


def test_unknown_metadata_keys_are_refused_naming_them_and_the_keys_taken(files, tmp_path):
    path = tmp_path / "typo.json"
    path.write_text(json.dumps({**META, "titel": "typo", "extra": 1}), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        ingest(str(files), "--meta", str(path))
    assert str(error.value) == (
        f"{path}: unknown keys extra, titel: the metadata takes title, publisher, published_on, url, language "
        "(and the seeds' text_file, source_url, notes, not stored)."
    )
    assert Article.objects.count() == 0


def test_a_metadata_key_given_twice_is_refused_naming_it_and_the_file(files, tmp_path):
    """Tester 46, D2: the last title was stored, the first dropped without a word; every other reader refuses it."""
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(META)[:-1] + ', "title": "dup"}', encoding="utf-8")
    with pytest.raises(CommandError) as error:
        ingest(str(files), "--meta", str(path))
    assert str(error.value) == f"{path}: title: Given more than once: give one value."
    assert Article.objects.count() == 0


def test_metadata_with_white_space_around_a_value_finds_the_article_stored_trimmed(files, tmp_path):
    """Tester 46, D3: the article is stored with its texts trimmed, and found again by them."""
    ingest(str(files))
    path = tmp_path / "padded.json"
    path.write_text(json.dumps({**META, "title": f" {META['title']} ", "publisher": "Al Jazeera "}), encoding="utf-8")
    out = ingest(str(files), "--meta", str(path))
    assert f"already stored as #{Article.objects.get().pk}" in out


def test_the_metadata_of_the_seeds_is_taken(files, tmp_path):
    """seeds/*.json carry text_file, source_url and notes for the evaluation: documented as ingest's input."""
    path = tmp_path / "seed.json"
    seed = {
        "text_file": "article.txt",
        "source_url": "https://example.org/s",
        "notes": "Illustrative.",
        "language": "en",
    }
    path.write_text(json.dumps({**META, **seed}), encoding="utf-8")
    ingest(str(files), "--meta", str(path))
    assert (Article.objects.get().title, Article.objects.get().url) == (META["title"], "")


def test_missing_metadata_says_what_to_give(tmp_path):
    text = tmp_path / "lonely.txt"
    text.write_text(TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match=r"no such metadata file \(give --meta PATH.json\)"):
        ingest(str(text))


@pytest.mark.parametrize("text", ["", " \n\t\n"])
def test_a_text_file_with_no_text_is_refused_naming_it_and_the_body(files, text):
    files.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        ingest(str(files))
    assert str(error.value) == f"{files}: body: The article has no text to read."
    assert (Article.objects.count(), Report.objects.count()) == (0, 0)


@pytest.mark.parametrize("field", ["title", "publisher", "url", "language"])
def test_a_nul_in_the_metadata_is_refused_naming_its_field(files, tmp_path, field):
    path = tmp_path / "nul.json"
    value = {"url": "https://example.org/\x00", "language": "en\x00"}.get(field, "x\x00")
    path.write_text(json.dumps({**META, field: value}), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        ingest(str(files), "--meta", str(path))
    assert str(error.value).startswith(f"{path}: {field}: ")
    assert "Null characters are not allowed." in str(error.value)
    assert Article.objects.count() == 0


def test_a_nul_in_the_text_is_refused_naming_the_text_file_and_the_body(files):
    files.write_text("Afghanistan will not\x00 attend the Moscow talks.", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        ingest(str(files))
    assert str(error.value) == f"{files}: body: Null characters are not allowed."
    assert (Article.objects.count(), Report.objects.count()) == (0, 0)


def test_a_nul_in_the_text_is_refused_when_the_article_is_already_stored(files):
    """The stored article is reused, but the text file given with it is still checked."""
    ingest(str(files))
    files.write_text(TEXT + "\x00", encoding="utf-8")
    with pytest.raises(CommandError, match=rf"^{files}: body: Null characters are not allowed\.$"):
        ingest(str(files))
    assert Article.objects.get().body == TEXT.strip()


def test_a_text_longer_than_an_article_may_hold_is_an_error_naming_the_text_and_the_body(files):
    files.write_text(TEXT + " x" * (BODY_MAX_LENGTH // 2), encoding="utf-8")
    with pytest.raises(CommandError, match=r"body: An article's text holds at most 500,000 characters") as error:
        ingest(str(files))
    assert str(error.value).startswith(f"{files}: body:")
    assert Article.objects.count() == 0


def test_a_stored_article_past_the_limit_is_refused_before_it_is_read(files):
    ingest(str(files))
    Article.objects.update(body=TEXT + " x" * (BODY_MAX_LENGTH // 2))  # a raw write, past validation
    Report.objects.all().delete()
    with pytest.raises(CommandError, match=rf"^{files}: body: An article's text holds at most 500,000"):
        ingest(str(files))
    assert not Report.objects.exists()


def test_ingesting_twice_prints_the_event_the_first_run_created_as_known(tmp_path):
    ParticipantFactory(slug="turkey", name="Turkey")
    text = tmp_path / "oslo.txt"
    text.write_text("Turkey will attend the peace talks in Oslo, a Turkish diplomat said.\n", encoding="utf-8")
    (tmp_path / "oslo.json").write_text(json.dumps(META | {"published_on": "2025-04-14"}), encoding="utf-8")
    first = ingest(str(text))
    assert "New event: peace-talks-in-oslo-2025-04-14" in first
    assert "Created 1 draft reports, 1 attendances, 1 events." in first
    again = ingest(str(text))
    assert "New event" not in again
    assert "peace-talks-in-oslo-2025-04-14  turkey       confirmed" in again
    assert "Created 0 draft reports, 0 attendances, 0 events." in again


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_new_event_only_new_parties_attend_is_not_announced(tmp_path, dry_run):
    """No participant is known, so no report and no event is written: no "New event" line says otherwise."""
    text = tmp_path / "oslo.txt"
    text.write_text("Turkey will attend the peace talks in Oslo, a Turkish diplomat said.\n", encoding="utf-8")
    (tmp_path / "oslo.json").write_text(json.dumps(META | {"published_on": "2025-04-14"}), encoding="utf-8")
    output = ingest(str(text), *(["--dry-run"] if dry_run else []))
    assert "Turkey" in output  # a new party to review
    assert "New event" not in output
    if not dry_run:
        assert "Created 0 draft reports, 0 attendances, 0 events." in output


@pytest.mark.parametrize(
    "name",
    ["Alliance pour la Renaissance du Kivu", "Front de Libération du Québec", "Movimiento de Liberación Nacional"],
)
def test_a_dry_run_proposes_a_new_party_named_in_another_language_whole(files, name):
    """A name's lower-case connectors ("pour la", "de", "du") are part of it: the line once read "Renaissance du
    Kivu", "Libération du Québec", or nothing for a name guessed a person's ("it would attend")."""
    files.write_text(
        "NAIROBI, March 2 (Wire) - Peace talks on eastern Congo will be held in Nairobi on March 3. "
        f"The {name} said it would attend the talks.\n",
        encoding="utf-8",
    )
    dry = ingest(str(files), "--dry-run")
    assert f"New parties it would propose, to confirm, merge or dismiss on the article's admin page: {name}\n" in dry


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_speaker_the_database_lacks_is_not_printed_as_the_report_s(files, dry_run):
    """Tester 50: the table printed a speaker "new-…" that no stored report had (the speaker is no participant)."""
    files.write_text("Afghanistan will not attend the Moscow talks, Omar Farouk said.\n", encoding="utf-8")
    output = ingest(str(files), *(["--dry-run"] if dry_run else []))

    assert "moscow-talks  afghanistan  declined" in output
    assert "new-omar-farouk" not in output.split("New parties")[0]
    if not dry_run:
        assert Report.objects.get().speaker is None
