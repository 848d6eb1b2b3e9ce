"""What a curator does in the admin, and what a reader reads on the board, as Playwright steps."""


def log_in(page, user, password="curator-password"):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def choose(page, field_id, text):
    """Pick ``text`` in the admin's autocomplete (select2) for the select ``field_id``."""
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-container--open .select2-results__option:has-text('{text}')")


def save(page, button="_save"):
    page.click(f"input[name={button}]")
    page.wait_for_load_state()


def board_cells(page):
    """The status board's cells, row by row, as the text a reader sees."""
    return [
        [" ".join(cell.split()) for cell in row.locator("td").all_inner_texts()]
        for row in page.locator(".status-board tbody tr").all()
    ]
