"""Any framework of the data as one CASE 1.1 package: its document, its items (hierarchy as
``isChildOf``, codes as ``humanCodingScheme``, titles as ``abbreviatedStatement``, tags as
``conceptKeywords`` and CFConcepts), and its source notes. An item or document imported from CASE keeps
its identifier and URI, so a re-export reuses them; the rest get UUID version 5 identifiers, the same at
every export."""

from __future__ import annotations

import re
from typing import Any

from .case import Mint, _date, _Package, identifier, uri_minter
from .model_items import ItemFramework


def framework_package(f: ItemFramework, base_uri: str | None = None) -> dict[str, Any]:
    mint = uri_minter(base_uri)
    info = f.info
    description = info.extra.get("source") or info.title
    if info.extra.get("status"):
        description = f"{description} (status: {info.extra['status']})"
    package = _Package(
        f"framework:{info.id}", info, _date(info, "1970-01"), info.publisher, description, mint
    )
    own_doc = info.extra.get("case_identifier")
    if own_doc:
        package.doc_id = own_doc
        package.document["identifier"] = own_doc
        package.document["uri"] = info.extra.get("case_uri") or mint(own_doc)
    if info.extra.get("version"):
        package.document["version"] = info.extra["version"]
    if info.extra.get("status", "").lower() == "draft":
        package.document["adoptionStatus"] = "Draft"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", info.extra.get("date", "")):  # a draft since its date
            package.document["statusStartDate"] = info.extra["date"]
    if not info.license_url:  # CASE asks for a licence text; say what the source says, no more
        package.license["licenseText"] = info.license
    for t in f.tags:
        ident = identifier("concept", f"{info.id}:{t.code}")
        concept = {"identifier": ident, "uri": mint(ident), "title": t.name, "keywords": f"{t.code}|{t.name}"}
        concept.update(
            hierarchyCode=t.code, description=t.description or t.name, lastChangeDateTime=package.when
        )
        package.concepts.append(concept)
    names = {t.code: t.name for t in f.tags}
    refs: dict[str, dict[str, str]] = {}
    notes = {n.where: n.note for n in f.source_notes}
    order: dict[str | None, int] = {}
    for item in f.items:
        level = info.levels[item.depth] if item.depth < len(info.levels) else f"Level {item.depth + 1}"
        ref = package.item(
            f"item:{info.id}", item.code, item.text, level.capitalize(),
            abbreviatedStatement=item.title, conceptKeywords=[names.get(t, t) for t in item.tags],
            notes=notes.get(item.code, ""),
        )  # fmt: skip
        _keep_identity(package, item.case_identifier, item.case_uri, mint)
        refs[item.code] = (
            ref if item.case_identifier is None else package.ref(item.code, item.case_identifier)
        )
        order[item.parent] = order.get(item.parent, 0) + 1
        parent = refs[item.parent] if item.parent is not None else package.node
        package.associate(f"{info.id}:{item.code}", "isChildOf", refs[item.code], parent, order[item.parent])
    return package.package()


def _keep_identity(package: _Package, identifier_: str | None, uri: str | None, mint: Mint) -> None:
    """The item just added keeps the identifier and URI its CASE source gave it."""
    if identifier_ is not None:
        package.items[-1]["identifier"] = identifier_
        package.items[-1]["uri"] = uri or mint(identifier_)
