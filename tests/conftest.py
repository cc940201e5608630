import os
from pathlib import Path

import pytest

from detector import Detector

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


#: Equivalence checks that read seed pages one by one read every third page (every page with
#: DETECTOR_ALL_SEED_PAGES=1): the pages of a batch share their templates, and the suite stays in CI's time.
PAGE_STRIDE = 1 if os.environ.get("DETECTOR_ALL_SEED_PAGES") == "1" else 3


def seed_page_files(
    folder: Path = SEEDS, suffixes: tuple[str, ...] = (".txt", ".html"), stride: int = 1
) -> list[Path]:
    """The page files under ``folder`` (sorted by suffix, then path), every ``stride``-th of them: the
    published pages only, not a batch's annotated sources (``_src/``: the same pages with their answers
    inline) or its tools."""
    return [
        path
        for suffix in suffixes
        for path in sorted(folder.rglob(f"*{suffix}"))
        if not {"_src", "_tools"} & set(path.relative_to(folder).parts)
    ][::stride]


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector.load()


#: Test files that take minutes (retraining the model to compare it with the committed one): run first,
#: so that with a test file per process (``--dist loadfile``) they do not start last and leave every other
#: process idle while they finish. Only the order changes.
LONG_FILES = ("test_training.py",)


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.path.name not in LONG_FILES)  # stable: the rest keep their order
