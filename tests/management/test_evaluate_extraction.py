"""evaluate_extraction: the extraction assistant's scores on the gold articles, per article and overall."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_evaluate_extraction_prints_scores_per_article_and_overall():
    out = StringIO()
    call_command("evaluate_extraction", stdout=out)
    output = out.getvalue()
    assert "afghanistan-will-not-attend-moscow-talks" in output
    assert "overall (micro-average)" in output
    assert "gold triples found" in output
