"""The README and docs/: links that resolve, a README that stays a front door, and no reference outside the repo.

Plain file checks: no database, no Django.
"""

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
README_MAX_BYTES = 10_240
# Places outside the repository that the docs must not send a reader to.
OUTSIDE = ("shared/", "SPEC.md")

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
EXTERNAL = ("http://", "https://", "mailto:")


def page_id(path):
    return path.relative_to(ROOT).as_posix()


def prose(text):
    """The text without fenced code blocks and inline code, where brackets are not links."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link reads as its text
    text = text.lower().replace("`", "")
    kept = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path):
    """Every anchor of a Markdown file's headings, numbered for repeats as GitHub does."""
    seen, found = {}, set()
    for heading in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def relative_links(path):
    """The targets of the page's links that point inside the repository."""
    targets = LINK.findall(prose(path.read_text(encoding="utf-8")))
    return [target for target in targets if not target.startswith(EXTERNAL)]


def broken(path, target):
    """Why ``target``, linked from ``path``, does not resolve; ``None`` when it does."""
    address, _, anchor = target.partition("#")
    file = (path.parent / unquote(address)).resolve() if address else path
    if not file.is_relative_to(ROOT):
        return f"{target}: outside the repository"
    if not file.is_file():
        return f"{target}: no such file"
    if anchor and file.suffix == ".md" and unquote(anchor).lower() not in anchors(file):
        return f"{target}: no heading with the anchor #{anchor} in {page_id(file)}"
    return None


def test_there_are_docs_pages():
    """docs/ holds the manual's pages beside the README."""
    assert len(PAGES) > 1


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_relative_links_resolve(path):
    """Every relative link of the page names a file of the repository, and a heading of it for an anchor."""
    problems = [problem for target in relative_links(path) if (problem := broken(path, target))]
    assert problems == []


def test_readme_is_a_front_door():
    """README.md stays at most 10 KB: everything else lives in docs/."""
    size = len(README.read_bytes())
    assert size <= README_MAX_BYTES, f"README.md is {size} bytes, above {README_MAX_BYTES}"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_reference_outside_the_repository(path):
    """The page never sends the reader to files kept outside the repository."""
    text = path.read_text(encoding="utf-8")
    assert [name for name in OUTSIDE if name in text] == []


# The project's own server, as the examples run it: the one address outside the repository a link may name.
LOCAL = ("http://127.0.0.1", "http://localhost")


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_link_outside_the_repository(path):
    """The page links no web site: what a reader needs is said in the project's own words (tester 48, item 7)."""
    targets = LINK.findall(prose(path.read_text(encoding="utf-8")))
    assert [target for target in targets if target.startswith(EXTERNAL) and not target.startswith(LOCAL)] == []


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("No lost update: `ETag` and `If-Match`", "no-lost-update-etag-and-if-match"),
        ("Streaming export: `/api/<resource>/export/`", "streaming-export-apiresourceexport"),
        ("import_records", "import_records"),
        ("Who declined — and why", "who-declined--and-why"),
        ("See [the API](api.md)", "see-the-api"),
    ],
)
def test_slug_follows_github(heading, anchor):
    """Anchors are computed as GitHub computes them."""
    assert slug(heading) == anchor


RECORD_MODULES = {"articles.py", "attendances.py", "events.py", "participants.py", "reports.py"}  # the admin's


def unmapped_modules():
    """Each module under events/ that no map names: architecture.md's row of its package (the admin's modules of
    one record each are named as such), extraction.md's "Where it lives" for the extraction assistant, and
    architecture.md's list of the commands."""
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)/` \|(.*)$", architecture, re.MULTILINE))
    extraction = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8").partition("## Where it lives")[2]
    commands = architecture.partition("management/commands/")[2].partition("migrations/")[0]
    missing = []
    for module in sorted((ROOT / "events").glob("*/**/*.py")):
        package, name = module.relative_to(ROOT / "events").parts[0], module.name
        if name == "__init__.py" or package == "migrations":
            continue
        if package == "management":
            named = module.stem in commands
        elif package == "extraction":
            named = f"`{name}`" in extraction or f"/{name}`" in extraction
        else:
            named = f"`{name}`" in rows.get(package, "") or (package == "admin" and name in RECORD_MODULES)
        if not named:
            missing.append(module.relative_to(ROOT).as_posix())
    return missing


def test_every_module_is_in_a_map():
    """Every module under events/ is named by the map that covers its package (tester 48, item 10)."""
    assert unmapped_modules() == []
