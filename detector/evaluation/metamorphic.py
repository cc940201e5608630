"""The same content in every markup should get the same labels.

    python -m detector.evaluation.metamorphic [--pages N] [--seed S] [--model PATH --trust-model] [--json]

Pages are built from the labelled corpus's articles with generated spam sections
(:func:`detector.training.synth.page_specs`), each rendered in every markup of
:mod:`detector.training.render` and scored. A written text's label in one markup is compared with the
label most markups gave it; the agreement of a markup is the share of its texts that agree. A model
that reads what a section is, not how one site writes it, labels them alike in every markup. The seed
differs from training's, so that these pages are not the synthetic pages the model trained on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from ..choices import CHECKOUT
from ..scoring import Detector
from ..training.corpus import label_files, load_corpus
from ..training.render import MARKUPS, agreement, render_all_markups
from ..training.synth import page_specs

#: The seed of the pages compared (training's synthetic pages use another).
SEED = 7919


def measure(detector: Detector, pages: int = 6, seed: int = SEED, corpus: Path | None = None) -> dict:
    """Per markup, the mean agreement over ``pages`` contents, and the mean over markups."""
    folder = corpus or CHECKOUT / "seeds" / "pages"
    written = load_corpus(label_files(folder))
    shares: dict[str, list[float]] = defaultdict(list)
    for spec in page_specs(written, pages, seed):
        rendered = render_all_markups(spec, seed)
        labels: dict[str, Sequence[str]] = {
            markup: [
                p.label for p in detector.score(page.text.encode("utf-8"), source=page.file_name).paragraphs
            ]
            for markup, page in rendered.items()
        }
        for markup, share in agreement(rendered, labels).items():
            shares[markup].append(share)
    per_markup = {markup: sum(values) / len(values) for markup, values in shares.items()}
    return {
        "pages": pages,
        "seed": seed,
        "per_markup": {markup: round(per_markup[markup], 4) for markup in MARKUPS if markup in per_markup},
        "mean": round(sum(per_markup.values()) / len(per_markup), 4),
        "lowest": round(min(per_markup.values()), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.evaluation.metamorphic", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--pages", type=int, default=6, help="contents rendered in every markup (default 6)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--model", type=Path)
    parser.add_argument(
        "--trust-model", action="store_true", help="allow a model that is not the shipped one"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    detector = Detector.load(args.model, allow_custom_model=args.trust_model)
    result = measure(detector, args.pages, args.seed)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    print(
        f"model {detector.info.display_version()}; {args.pages} contents in {len(result['per_markup'])} markups"
    )
    for markup, share in result["per_markup"].items():
        print(f"  {markup:22} {share:.3f}")
    print(f"mean agreement {result['mean']:.3f} (target >= 0.95), lowest {result['lowest']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
