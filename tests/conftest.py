from pathlib import Path

import pytest

from detector import Detector

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed_page_files(folder: Path = SEEDS, suffixes: tuple[str, ...] = (".txt", ".html")) -> list[Path]:
    """The page files under ``folder`` (sorted by suffix, then path): the published pages only, not a
    batch's annotated sources (``_src/``: the same pages with their answers inline) or its tools."""
    return [
        path
        for suffix in suffixes
        for path in sorted(folder.rglob(f"*{suffix}"))
        if not {"_src", "_tools"} & set(path.relative_to(folder).parts)
    ]


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector.load()
