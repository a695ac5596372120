"""The text side: each item's words as a weighted bag, TF-IDF vectors, BM25, cosine similarity."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from .items import Params, Source, Target
from .words import words

Vec = dict[str, float]
Bag = dict[str, float]
Spellings = dict[str, dict[str, int]]  # stem -> each way it is written -> how often


def source_parts(s: Source, p: Params) -> list[tuple[str, float]]:
    return [(s.text, 1.0), (s.parent_text, p.w_parent), *((x, p.w_context) for x in s.context)]


def target_parts(t: Target, p: Params) -> list[tuple[str, float]]:
    parts = [(t.text, 1.0), (t.name, p.w_name), (t.parent_text, p.w_target_parent)]
    return parts + [(x, p.w_elements) for x in t.elements]


def bag(parts: Iterable[tuple[str, float]], spellings: Spellings | None = None) -> Bag:
    """Stem -> summed weight of the parts it occurs in; ``spellings`` collects how each stem is written."""
    out: Bag = {}
    for text, weight in parts:
        if not text or weight <= 0:
            continue
        for s, w in words(text):
            out[s] = out.get(s, 0.0) + weight
            if spellings is not None:
                seen = spellings.get(s)
                if seen is None:
                    seen = spellings[s] = {}
                seen[w] = seen.get(w, 0) + 1
    return out


def norm(v: Mapping[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def unit(v: Mapping[str, float]) -> Vec:
    n = norm(v) or 1.0
    return {t: x / n for t, x in v.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[t] for t, x in a.items() if t in b)


def add(acc: dict[str, float], v: Mapping[str, float], w: float) -> None:
    get = acc.get
    for t, x in v.items():
        acc[t] = get(t, 0.0) + w * x


def dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


class TextIndex:
    """IDF over every source and target document; BM25 statistics over the targets."""

    def __init__(
        self, source_bags: Mapping[str, Bag], target_bags: Mapping[str, Bag], params: Params
    ) -> None:
        self.params = params
        df: Counter[str] = Counter()
        for b in (*source_bags.values(), *target_bags.values()):
            df.update(b.keys())
        n = len(source_bags) + len(target_bags)
        self._unseen_idf = math.log(n + 1) + 1.0
        self.idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
        self.target_bags = dict(target_bags)
        tdf: Counter[str] = Counter()
        for b in target_bags.values():
            tdf.update(b.keys())
        nt = len(target_bags)
        self._bm25_idf = {t: math.log(1.0 + (nt - d + 0.5) / (d + 0.5)) for t, d in tdf.items()}
        self._length = {t: sum(b.values()) for t, b in target_bags.items()}
        self._mean_length = sum(self._length.values()) / max(1, nt)
        self.tvec = {t: self.tfidf(b) for t, b in target_bags.items()}

    def tfidf(self, b: Mapping[str, float]) -> Vec:
        """Unit TF-IDF vector: sublinear counts (1 + log c for c >= 1)."""
        idf = self.idf
        return unit(
            {
                t: (1.0 + math.log(c) if c >= 1 else c) * idf.get(t, self._unseen_idf)
                for t, c in b.items()
                if c > 0
            }
        )

    def text_scores(self, query_bag: Mapping[str, float], query_vec: Mapping[str, float]) -> dict[str, float]:
        """How well each target's own words answer the query."""
        if self.params.text_model == "tfidf":
            return {t: cosine(query_vec, v) for t, v in self.tvec.items()}
        return {t: self.bm25(query_bag, t) for t in self.target_bags}

    def bm25(self, query_bag: Mapping[str, float], target: str) -> float:
        p = self.params
        doc = self.target_bags[target]
        lnorm = p.bm25_k1 * (1.0 - p.bm25_b + p.bm25_b * self._length[target] / (self._mean_length or 1.0))
        score = 0.0
        for term, qc in query_bag.items():
            tf = doc.get(term)
            if tf:
                qw = 1.0 + math.log(qc) if qc >= 1 else qc
                score += qw * self._bm25_idf[term] * tf * (p.bm25_k1 + 1.0) / (tf + lnorm)
        return score


class Centred:
    """Cosine of (a - mean) and (b - mean) for unit vectors, from sparse dot products: words every
    source uses stop making sources look alike."""

    def __init__(self, vectors: Mapping[str, Vec]) -> None:
        mean: dict[str, float] = {}
        for v in vectors.values():
            add(mean, v, 1.0 / max(1, len(vectors)))
        self.mean = mean
        self.mm = sum(x * x for x in mean.values())
        self.mdot = {i: cosine(v, mean) for i, v in vectors.items()}
        self.cnorm = {i: self._cnorm(d) for i, d in self.mdot.items()}

    def _cnorm(self, mdot: float) -> float:
        return math.sqrt(max(1e-12, 1.0 - 2.0 * mdot + self.mm))

    def similarity(self, v: Vec, others: Mapping[str, Vec], exclude: str | None) -> dict[str, float]:
        d = cosine(v, self.mean)
        cn = self._cnorm(d)
        return {
            o: (cosine(v, ov) - d - self.mdot[o] + self.mm) / (cn * self.cnorm[o])
            for o, ov in others.items()
            if o != exclude
        }
