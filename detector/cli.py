"""The ``detector`` command: a thin layer over :class:`detector.Detector`.

    detector score PAGE                  print the page report as JSON
    detector audit PATH --out r.jsonl    one report per line for every page under PATH
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .exceptions import DetectorError
from .scoring import Detector, ScoreOptions

PAGE_SUFFIXES = (".html", ".htm", ".txt")

_model_option = click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
                             default=None, help="Model file (default: the shipped model).")
_type_option = click.option("--content-type", type=click.Choice(["auto", "html", "text"]), default="auto",
                            show_default=True, help="How to read the input.")


def _detector(model_path: Path | None, content_type: str) -> Detector:
    try:
        return Detector.load(model_path, options=ScoreOptions(content_type=content_type))
    except DetectorError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="detector")
def main() -> None:
    """Misinformation and SEO-spam detector for web pages."""


@main.command()
@click.argument("page", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@_model_option
@_type_option
@click.option("--indent", type=int, default=2, show_default=True, help="JSON indentation (0 for one line).")
def score(page: Path, model_path: Path | None, content_type: str, indent: int) -> None:
    """Score one PAGE (HTML or text file, or - for standard input) and print its report as JSON."""
    detector = _detector(model_path, content_type)
    if str(page) == "-":
        report = detector.score(sys.stdin.buffer.read(), source="<stdin>")
    else:
        report = _score_file(detector, page)
    click.echo(report.model_dump_json(indent=indent or None))


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the reports, one JSON object per line.")
@_model_option
@_type_option
def audit(path: Path, out: Path, model_path: Path | None, content_type: str) -> None:
    """Score every .html, .htm and .txt file under PATH; write one report per line to --out."""
    detector = _detector(model_path, content_type)
    files = [path] if not path.is_dir() else sorted(
        p for p in path.rglob("*") if (p.is_file() or p.is_symlink()) and p.suffix.lower() in PAGE_SUFFIXES)
    ok = failed = 0
    with open(out, "w", encoding="utf-8") as fh:
        for file in files:
            report = _score_file(detector, file)
            fh.write(report.model_dump_json() + "\n")
            fh.flush()
            failed += report.error is not None
            ok += report.error is None
    click.echo(f"{len(files)} pages: {ok} scored, {failed} with errors -> {out}", err=True)


def _score_file(detector: Detector, path: Path):
    """The report of one file; a file that cannot be read gets a report with the OSError as ``error``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return detector.error_report(str(path), exc)
    return detector.score(data, source=str(path))


if __name__ == "__main__":
    main()
