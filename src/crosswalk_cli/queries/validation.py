"""``crosswalk validate``: what the checked data holds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..model import DataSet
from ..text.phrases import Phrases, plural


class Validation(NamedTuple):
    data_dir: str
    counts: tuple[tuple[str, int], ...]
    packaged: bool = False  # the data shipped with crosswalk alone, no directory of your own
    origins: tuple[tuple[str, str], ...] = ()  # each framework's and crosswalk's file ('packaged' or a path)
    files: tuple[tuple[str, bool], ...] = ()  # every file in use (packaged by name, yours by path): sealed?

    @property
    def sealed(self) -> tuple[str, ...]:
        return tuple(name for name, sealed in self.files if sealed)

    @property
    def unsealed(self) -> tuple[str, ...]:
        return tuple(name for name, sealed in self.files if not sealed)


def validation(
    data: DataSet,
    data_dir: str,
    extra: tuple[tuple[str, int], ...] = (),
    packaged: bool = False,
    files: Iterable[tuple[str, bool]] = (),
) -> Validation:
    counts: list[tuple[str, int]] = []
    for f in data.frameworks:
        for depth, level in enumerate(f.levels):
            n = sum(1 for i in f.items if i.depth == depth)
            counts.append((f"{f.id} {level.plural or plural(level.long_name)}", n))
        if f.tags:
            tag = Phrases(f.phrases)("tag")
            counts.append((f"{f.id} {plural(tag)}", len(f.tags)))
            counts.append((f"{f.id} {plural(tag)} recovered", sum(len(i.tags_recovered) for i in f.items)))
            counts.append(
                (
                    f"{f.id} items whose {plural(tag)} may be incomplete",
                    sum(i.tags_incomplete for i in f.items),
                )
            )
    for x in data.crosswalks:
        counts.append((f"{x.id} entries", len(x.entries)))
        for r in x.relations:
            counts.append(
                (f"{x.id} {r.name} links", sum(k.relation == r.name for e in x.entries for k in e.links))
            )
        counts.append((f"{x.id} errata", sum(len(e.errata) for e in x.entries)))
        counts.append((f"{x.id} source notes", len(x.source_notes)))
    origins = tuple(data.origins.items())
    return Validation(data_dir, (*counts, *extra), packaged, origins, tuple(files))
