"""Mixing weights learnt from the known links, and the honest figure for learning them.

``fit`` chooses the signal weights that make the known strongest links most likely under a
conditional logit (softmax over the targets of each item, L2 penalty), by a few Newton steps in
plain Python. ``nested`` is the honest estimate of the whole recipe: for each held-out item the
weights are fitted on the other items with the held-out item's links hidden throughout (from
their neighbours, profiles and priors as well as from its own row), then used on it once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .engine import SIGNALS, Suggester
from .items import Evaluation, Params
from .scoring import evaluate_rankings

Rows = list[list[float]]
Item = tuple[Rows, list[bool]]


def features(sg: Suggester, source_id: str, hide: Sequence[str], signals: Sequence[str]) -> Item:
    """Per target (in target order), the scaled signals; and which targets are accepted."""
    sig, _, _ = sg.signals(sg._query_of(source_id), frozenset(hide))
    accepted = {lk.target for lk in sg.links_of(source_id) if lk.relation == sg.strongest}
    return [[sig[k][t] for k in signals] for t in sg.targets], [t in accepted for t in sg.targets]


def fit_weights(items: Sequence[Item], penalty: float = 0.01, steps: int = 25) -> list[float]:
    """Non-negative weights maximising sum log P(accepted) - penalty/2 |w|^2 (damped Newton)."""
    k = len(items[0][0][0]) if items and items[0][0] else 0
    w = [0.0] * k
    n = len(items) or 1
    for _ in range(steps):
        grad = [penalty * x for x in w]
        hess = [[penalty * (i == j) for j in range(k)] for i in range(k)]
        for rows, accepted in items:
            scores = [sum(a * b for a, b in zip(w, r, strict=True)) for r in rows]
            top = max(scores)
            e = [math.exp(s - top) for s in scores]
            z = sum(e)
            za = sum(x for x, a in zip(e, accepted, strict=True) if a) or 1e-300
            mean = [sum(e[t] * rows[t][i] for t in range(len(rows))) / z for i in range(k)]
            for t, r in enumerate(rows):
                p = e[t] / z
                q = e[t] / za if accepted[t] else 0.0
                for i in range(k):
                    grad[i] += (p - q) * r[i] / n
                    if p > 1e-12:
                        di = r[i] - mean[i]
                        for j in range(i + 1):
                            hess[i][j] += p * di * (r[j] - mean[j]) / n
        for i in range(k):
            for j in range(i):
                hess[j][i] = hess[i][j]
        step = _solve(hess, grad)
        w = [max(0.0, x - s) for x, s in zip(w, step, strict=True)]
        if max((abs(s) for s in step), default=0.0) < 1e-6:
            break
    return w


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [[*row, rhs] for row, rhs in zip(a, b, strict=True)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        if abs(m[c][c]) < 1e-15:
            continue
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * n
    for c in reversed(range(n)):
        if abs(m[c][c]) >= 1e-15:
            x[c] = (m[c][n] - sum(m[c][j] * x[j] for j in range(c + 1, n))) / m[c][c]
    return x


def usable_signals(sg: Suggester) -> list[str]:
    return [k for k in SIGNALS if not k.startswith("dense") or sg.has_dense]


def fit(sg: Suggester, penalty: float = 0.01) -> Params:
    """``sg``'s params with the weights fitted on all its items (each with its own links hidden)."""
    keys = usable_signals(sg)
    w = fit_weights([features(sg, i, (i,), keys) for i in sg.evaluable()], penalty)
    return sg.params.with_weights({k: round(x, 2) for k, x in zip(keys, w, strict=True)})


def nested(sg: Suggester, penalty: float = 0.01) -> tuple[Evaluation, list[list[float]]]:
    """The honest leave-one-out figure of fitting weights on the other items; the weights chosen."""
    keys = usable_signals(sg)
    ids = sg.evaluable()
    rankings: dict[str, list[str]] = {}
    chosen = []
    for held in ids:
        train = [features(sg, j, (held, j), keys) for j in ids if j != held]
        w = fit_weights(train, penalty)
        chosen.append(w)
        rows, _ = features(sg, held, (held,), keys)
        scores = [sum(a * b for a, b in zip(w, r, strict=True)) for r in rows]
        ranked = sorted(zip(scores, range(len(rows)), sg.targets, strict=True), key=lambda x: (-x[0], x[1]))
        rankings[held] = [t for _, _, t in ranked]
    return evaluate_rankings(sg.links_of, sg.strongest, rankings), chosen
