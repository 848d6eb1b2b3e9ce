"""``manage.py shell`` starts with the app's models imported and no word of imports that failed: Django 5.2's
automatic imports took simple-history's historical models by a module that has none of their names, and said at
every start "5 objects could not be automatically imported: events.HistoricalReport …" (tester, stop 41)."""

import io

from django.core.management import call_command


def test_the_shell_imports_the_models_and_says_nothing_failed(capsys):
    said = io.StringIO()
    shown = "print(sorted(set(globals()) & {'Event', 'Participant', 'Report', 'Article', 'Attendance'}))"

    call_command("shell", command=shown, verbosity=2, stdout=said)

    assert "could not be automatically imported" not in said.getvalue()
    assert "Historical" not in said.getvalue()
    assert "from events.models.report import" in said.getvalue()
    assert capsys.readouterr().out.strip() == "['Article', 'Attendance', 'Event', 'Participant', 'Report']"
