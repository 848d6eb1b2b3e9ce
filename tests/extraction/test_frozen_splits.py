"""The frozen splits of the gold set and of the holdout are the files their checksums were taken of, and a
changed file is refused before anything is scored."""

import json
import shutil
from pathlib import Path

import pytest

from events.extraction.goldset import FrozenSplitChanged, verify_test_split

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize("folder", ["eval", "holdout", "holdout2", "holdout3"])
def test_every_frozen_file_is_as_its_checksum_says(folder):
    verify_test_split(SEEDS / folder)


@pytest.mark.parametrize(("folder", "size"), [("holdout", 10), ("holdout2", 8), ("holdout3", 10)])
def test_each_holdout_is_all_frozen(folder, size):
    split = json.loads((SEEDS / folder / "split.json").read_text(encoding="utf-8"))
    articles = sorted(path.stem for path in (SEEDS / folder).glob("*.txt"))
    assert split == {"dev": [], "test": articles} and len(articles) == size
    frozen = {line.split()[1] for line in (SEEDS / folder / "test.sha256").read_text().splitlines()}
    assert frozen == {f"{name}{suffix}" for name in articles for suffix in (".txt", ".json", ".gold.json")}


def test_a_changed_frozen_file_is_refused(tmp_path):
    copy = shutil.copytree(SEEDS / "holdout", tmp_path / "holdout")
    article = next(copy.glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + " An added sentence.", encoding="utf-8")
    with pytest.raises(FrozenSplitChanged, match=article.name):
        verify_test_split(copy)
