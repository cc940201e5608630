from pathlib import Path

import pytest

from detector import Detector

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector.load()
