"""What a curator does in the admin, and what a reader reads on the board, as Playwright steps."""

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


def log_in(page, user, password="curator-password"):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def choose(page, field_id, text):
    """Pick ``text`` in the admin's autocomplete (select2) for the select ``field_id``.

    select2 first lists every choice, then redraws the list with the answer to the search typed; a click that
    lands while it redraws picks nothing (seen on a loaded machine). So the pick is checked on the select
    itself, and tried again. A click on a row's select2 that lands before select2 listens (a row just added,
    a page still starting its scripts) opens nothing: it is clicked again."""
    picked = "([id, text]) => (document.getElementById(id).selectedOptions[0]?.text || '').includes(text)"
    for _ in range(3):
        page.click(f"#{field_id} + .select2 .select2-selection")
        try:
            page.wait_for_selector(".select2-container--open .select2-search__field", timeout=5_000)
        except PlaywrightTimeoutError:
            continue
        page.fill(".select2-container--open .select2-search__field", text)
        page.click(f".select2-container--open .select2-results__option:has-text('{text}')")
        try:
            page.wait_for_function(picked, arg=[field_id, text], timeout=5_000)
            return
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")  # close the list left open, and try again
    raise AssertionError(f"{text!r} could not be picked in #{field_id}")


def save(page, button="_save"):
    page.click(f"input[name={button}]")
    page.wait_for_load_state()


def board_cells(page):
    """The status board's cells, row by row, as the text a reader sees."""
    return [
        [" ".join(cell.split()) for cell in row.locator("td").all_inner_texts()]
        for row in page.locator(".status-board tbody tr").all()
    ]
