"""CSV cells a spreadsheet will not run: OWASP's defence against CSV (formula) injection.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (``=HYPERLINK(...)``, ``=cmd|...``). Every CSV the service writes puts a
single quote before such a cell, which spreadsheets show as text and do not display. NDJSON
and JSON are left exact. The SQL forms below do the same in the database's own CSV.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """``value`` with a ``'`` before it if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def escaped(value):
    """The bulk CSV's cell (``export_records``): neutralised, and a leading ``'`` doubled, so that
    :func:`unescaped` gives back exactly the value."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, "'")):
        return "'" + value
    return value


def unescaped(cell):
    """The value of a bulk CSV's cell: its leading ``'``, if any, taken off."""
    return cell[1:] if cell.startswith("'") else cell


# The condition "this SQL text starts like a formula", for the databases that write CSV themselves.
FORMULA_START_SQL = {
    "sqlite": "substr({v}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13))",
    "postgresql": "left({v}, 1) IN ('=', '+', '-', '@', chr(9), chr(13))",
}


def neutralised_sql(vendor, value):
    """The SQL of :func:`neutralised` applied to the SQL text ``value``."""
    starts = FORMULA_START_SQL[vendor].format(v=value)
    return f"CASE WHEN {starts} THEN '''' || {value} ELSE {value} END"
