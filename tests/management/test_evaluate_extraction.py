"""evaluate_extraction: the gold set's splits scored as a curator meets them, and the frozen test split checked."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

EVAL = Path(settings.BASE_DIR) / "seeds" / "eval"


def test_evaluate_extraction_prints_both_splits():
    out = StringIO()
    call_command("evaluate_extraction", stdout=out)
    output = out.getvalue()
    assert "dev split: overall (micro-average)" in output
    assert "test split: overall (micro-average)" in output
    assert "syria-geneva-hnc-kurds" in output  # a dev article, scored
    assert output.count("gold triples found") == 2


def test_evaluate_extraction_refuses_a_changed_test_split(tmp_path):
    copy = tmp_path / "eval"
    shutil.copytree(EVAL, copy)
    checksums = (copy / "test.sha256").read_text(encoding="utf-8").split()
    changed = copy / checksums[1]
    changed.write_text(changed.read_text(encoding="utf-8") + " ", encoding="utf-8")
    with pytest.raises(CommandError, match=f"frozen test split changed: {checksums[1]}"):
        call_command("evaluate_extraction", "--eval", str(copy), stdout=StringIO())


def test_evaluate_extraction_own_articles_on_request():
    out = StringIO()
    call_command("evaluate_extraction", "--own", stdout=out)
    assert "afghanistan-will-not-attend-moscow-talks" in out.getvalue()
