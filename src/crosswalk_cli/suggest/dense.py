"""Optional dense vectors from wordllama (``pip install 'crosswalk-cli[suggest]'``), loaded offline
from the model files shipped in its wheel. Nothing else imports wordllama or numpy."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .engine import Embedder, SuggestError

_MODELS: dict[int, Any] = {}


def available() -> bool:
    try:
        import wordllama  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def wordllama_embedder(dim: int = 256) -> Embedder:
    """An embedder returning unit vectors as lists of floats; SuggestError if wordllama is missing."""
    try:
        import wordllama  # type: ignore[import-untyped, import-not-found, unused-ignore]
        from wordllama import WordLlama  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise SuggestError("dense vectors need wordllama: pip install 'crosswalk-cli[suggest]'") from None
    if dim not in _MODELS:
        _MODELS[dim] = WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=dim
        )
    model = _MODELS[dim]

    def embed(texts: Sequence[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in model.embed(list(texts), norm=True)]

    return embed
