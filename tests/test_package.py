"""The package's public surface: every name of ``__all__`` resolves, the one version, and what a
cold start imports."""

import importlib.metadata
import json
import subprocess
import sys
import tomllib

import pytest

import detector
from detector import choices

from .conftest import ROOT

#: Modules the command line must not import to print its help or version.
HEAVY = ("sklearn", "scipy", "numpy", "lxml", "trafilatura")


def test_every_public_name_resolves_and_is_listed_sorted():
    assert list(detector.__all__) == sorted(detector.__all__, key=lambda n: (not n.isupper(), n))
    for name in detector.__all__:
        assert getattr(detector, name) is not None, name
    assert set(detector.__all__) <= set(dir(detector))
    from detector import Detector, PageReport  # the from-import form resolves too

    assert Detector.__module__ == "detector.scoring" and PageReport.__module__ == "detector.report.schema"
    with pytest.raises(AttributeError):
        _ = detector.no_such_name


def test_the_version_is_the_package_metadata_and_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert detector.__version__ == importlib.metadata.version("detector") == pyproject["project"]["version"]


def _imported(code: str) -> list[str]:
    """The heavy modules imported by ``code`` run in a fresh interpreter."""
    probe = f"""
import json, sys
try:
{code}
except SystemExit:
    pass
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True, timeout=120
    )
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "code",
    [
        "    import detector.cli",
        "    import detector; detector.__version__",
        "    from detector.cli import main; main(['--version'])",
        "    from detector.cli import main; main(['--help'])",
        "    from detector.cli import main; main(['train', '--help'])",
        "    from detector.cli import main; main(['evaluate', '--help'])",
        "    from detector.cli import main; main(['audit', '--help'])",
    ],
)
def test_a_cold_start_imports_no_scientific_stack(code):
    assert _imported(code) == []


def test_choices_are_the_ones_the_library_acts_on():
    from detector.audit import local
    from detector.page import extract
    from detector.report import output, review

    assert extract.CONTENT_TYPES is choices.CONTENT_TYPES
    assert local.BACKENDS is choices.BACKENDS
    assert review.DEFAULT_MAX_PAGES == choices.DEFAULT_MAX_PAGES
    assert tuple(output.FORMATS) == choices.OUTPUT_FORMATS
