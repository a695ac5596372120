"""Every imported node by identifier, and each document's tree from its isChildOf associations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .rawjson import CaseImportError
from .read import Association, Item, Package

CHILD_OF = "isChildOf"
MAX_LEVELS = 24  # items nest two YAML levels each; the loader allows 64


@dataclass
class Tree:
    """One document's hierarchy: each parent's children in order (the document's own key is '')."""

    children: dict[str, list[Item]] = field(default_factory=dict)
    orphans: list[Item] = field(default_factory=list)

    def parents(self) -> dict[str, str]:
        """Each placed item's parent ('' for the document)."""
        return {kid.identifier: p for p, kids in self.children.items() for kid in kids}


@dataclass
class Index:
    packages: list[Package]
    documents: dict[str, Package] = field(default_factory=dict)
    items: dict[str, tuple[Package, Item]] = field(default_factory=dict)

    def owner(self, identifier: str) -> Package | None:
        """The package whose document is, or holds the item, ``identifier``."""
        if identifier in self.documents:
            return self.documents[identifier]
        found = self.items.get(identifier)
        return found[0] if found else None


def build_index(packages: list[Package]) -> Index:
    """Index documents, items and associations, refusing an identifier defined twice."""
    index = Index(packages)
    seen: dict[str, tuple[Package, str]] = {}

    def claim(package: Package, ident: str, where: str) -> None:
        if ident in seen:
            other, other_where = seen[ident]
            if other is package:
                raise CaseImportError(
                    f"{package.path}: identifier {ident} is used twice ({other_where}, {where})"
                )
            raise CaseImportError(
                f"{package.path}: identifier {ident} ({where}) is also in {other.path} ({other_where})"
            )
        seen[ident] = (package, where)

    for package in packages:
        claim(package, package.document.identifier, "CFDocument")
        index.documents[package.document.identifier] = package
        for item in package.items:
            claim(package, item.identifier, f"CFItems[{item.index}]")
            index.items[item.identifier] = (package, item)
        for a in package.associations:
            claim(package, a.identifier, f"CFAssociations[{a.index}]")
    return index


def _parents(index: Index) -> dict[str, tuple[str, Association, Package]]:
    """Each item's one parent from the isChildOf associations, checked to lie in the item's document."""
    parents: dict[str, tuple[str, Association, Package]] = {}
    for package in index.packages:
        for a in package.associations:
            if a.kind != CHILD_OF:
                continue
            where = f"{package.path}: isChildOf association {a.identifier}"
            child = index.items.get(a.origin.identifier)
            if child is None:
                raise CaseImportError(f"{where}: its child {a.origin.identifier} is no item of the packages")
            home = child[0]
            parent = a.destination.identifier
            if parent != home.document.identifier and index.owner(parent) is not home:
                raise CaseImportError(
                    f"{where}: the parent {parent} of {a.origin.identifier} is not in its document "
                    f"({home.name})"
                )
            if parent == a.origin.identifier:
                raise CaseImportError(f"{where}: item {parent} is its own parent")
            if a.origin.identifier in parents:
                first = parents[a.origin.identifier][1]
                raise CaseImportError(
                    f"{where}: item {a.origin.identifier} has two parents "
                    f"(also by association {first.identifier})"
                )
            parents[a.origin.identifier] = (parent, a, package)
    return parents


def _check_depths(index: Index, parents: dict[str, tuple[str, Association, Package]]) -> None:
    """Refuse cycles and trees deeper than MAX_LEVELS, walking each chain once (no recursion)."""
    depth: dict[str, int] = {p.document.identifier: 0 for p in index.packages}
    for start in index.items:
        chain: list[str] = []
        on_chain: set[str] = set()
        node = start
        while node not in depth and node in parents:
            if node in on_chain:
                package = parents[node][2]
                raise CaseImportError(f"{package.path}: isChildOf associations form a cycle through {node}")
            chain.append(node)
            on_chain.add(node)
            node = parents[node][0]
        base = depth.get(node, 0)  # an orphan's chain ends at the orphan: top level
        for n, ident in enumerate(reversed(chain), 1):
            depth[ident] = base + n
            if base + n > MAX_LEVELS:
                package = index.items[ident][0]
                raise CaseImportError(f"{package.path}: items nest more than {MAX_LEVELS} levels deep")


def sibling_order(item: Item, sequence: int | None) -> tuple[Any, ...]:
    """Where an item stands among its siblings, as OpenSALT orders them: by sequenceNumber (those without
    one after those with one), then by a numeric listEnumeration, then by humanCodingScheme in natural
    order (L1.2 before L1.10; those without one last), then in package order."""
    try:
        enumeration = float(item.list_enumeration) if item.list_enumeration else _NONE
    except ValueError:
        enumeration = _NONE
    if enumeration != enumeration or enumeration in (float("inf"), float("-inf")):  # nan or infinite
        enumeration = _NONE
    code = item.human_coding_scheme
    natural = tuple(
        (0, len(run.lstrip("0")), run.lstrip("0")) if run.isdigit() else (1, 0, run)
        for run in re.split(r"(\d+)", code.casefold())
        if run
    )
    return (sequence is None, sequence or 0, enumeration, not code, natural, item.index)


_NONE = 100_000.0  # what OpenSALT ranks a missing or non-numeric listEnumeration as


def build_trees(index: Index) -> dict[str, Tree]:
    """Each document's tree, children in OpenSALT's order (``sibling_order``)."""
    parents = _parents(index)
    _check_depths(index, parents)
    trees: dict[str, Tree] = {}
    for package in index.packages:
        tree = trees.setdefault(package.document.identifier, Tree())
        keyed: dict[str, list[tuple[tuple[Any, ...], Item]]] = {}
        for item in package.items:
            if item.identifier not in parents:
                tree.orphans.append(item)
                continue
            parent, a, _ = parents[item.identifier]
            key = sibling_order(item, a.sequence)
            keyed.setdefault("" if parent == package.document.identifier else parent, []).append((key, item))
        tree.children = {
            p: [item for _, item in sorted(kids, key=lambda k: k[0])] for p, kids in keyed.items()
        }
        tree.orphans.sort(key=lambda item: sibling_order(item, None))
    return trees
