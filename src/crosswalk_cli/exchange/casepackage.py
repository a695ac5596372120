"""One CASE 1.1 package being built (caseout.py builds a framework's, caselinks.py a crosswalk's): its
document, definitions under identifiers made from their content, items and associations, all dated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .case import CASE_HELD, CASE_VERSION, EXTENSION, Mint, case_time, definition_identifier


def when(*dates: str | None) -> str:
    """A package's CASE date-time: the latest of ``dates`` that is one (case.case_time); 1970 where none
    is."""
    times = [t for t in map(case_time, dates) if t]  # all UTC, one shape: their texts sort as their times
    return max(times) if times else EPOCH


EPOCH = "1970-01-01T00:00:00+00:00"


class Package:
    """One CASE package being built."""

    def __init__(
        self, header: Mapping[str, str], doc_id: str, description: str, mint: Mint, when: str
    ) -> None:
        self.when = when
        self.mint = mint
        self.doc_id = doc_id
        title = header["license"]
        url = header.get("license_url", "")
        # CASE asks for a licence text: say what the source says, no more
        self.license = self.define(
            "license", {"title": title, "licenseText": f"{title}: {url}" if url else title}
        )
        license_id = self.license["identifier"]
        self.document: dict[str, Any] = {
            "identifier": doc_id,
            "uri": header.get("case_uri") or mint(doc_id),
            "creator": header["publisher"],
            "title": header["title"],
            "lastChangeDateTime": self.when,
            "caseVersion": CASE_VERSION,
            "publisher": header["publisher"],
            "description": description,
            "licenseURI": self.ref(title, license_id),
        }
        if header.get("version"):
            self.document["version"] = header["version"]
        if header.get("status", "").lower() == "draft":
            self.document["adoptionStatus"] = "Draft"
            date = header.get("date", "")
            if len(date) == 10:  # a draft since its full date
                self.document["statusStartDate"] = date
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.item_types: dict[str, dict[str, Any]] = {}
        self.concepts: list[dict[str, Any]] = []
        self.groupings: list[dict[str, Any]] = []

    def define(self, kind: str, content: Mapping[str, str]) -> dict[str, str]:
        """A definition: its content and date, under an identifier made from them (so one identifier
        never stands for two contents across packages)."""
        said = {**content, "lastChangeDateTime": self.when}
        ident = definition_identifier(kind, said)
        return {"identifier": ident, "uri": self.mint(ident), **said}

    def ref(self, title: str, ident: str, uri: str | None = None) -> dict[str, str]:
        """A link to an object: its title, identifier and uri."""
        return {"title": title, "identifier": ident, "uri": uri or self.mint(ident)}

    @property
    def node(self) -> dict[str, str]:
        return self.ref(self.document["title"], self.doc_id, self.document["uri"])

    def item_type(self, name: str) -> dict[str, str]:
        if name not in self.item_types:
            content = {"title": name, "description": name, "hierarchyCode": str(len(self.item_types) + 1)}
            self.item_types[name] = self.define("item-type", content)
        return self.ref(name, self.item_types[name]["identifier"])

    def associate(
        self,
        ident: str,
        kind: str,
        origin: dict[str, str],
        destination: dict[str, str],
        sequence: int,
        grouping: dict[str, str] | None = None,
        notes: str = "",
        extension: Mapping[str, Any] | None = None,
        when: str | None = None,
    ) -> None:
        association: dict[str, Any] = {
            "identifier": ident,
            "uri": self.mint(ident),
            "associationType": kind,
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "sequenceNumber": sequence,
            "lastChangeDateTime": when or self.when,
        }
        if grouping:
            association["CFAssociationGroupingURI"] = grouping
        if notes:
            association["notes"] = notes
        if extension:
            association["extensions"] = {EXTENSION: dict(extension)}
        self.associations.append(association)

    def package(self, extension: Mapping[str, Any]) -> dict[str, Any]:
        self.document["extensions"] = {EXTENSION: dict(extension)}
        definitions: dict[str, Any] = {"CFLicenses": [self.license]}
        if self.item_types:
            definitions["CFItemTypes"] = list(self.item_types.values())
        if self.concepts:
            definitions["CFConcepts"] = self.concepts
        if self.groupings:
            definitions["CFAssociationGroupings"] = self.groupings
        result: dict[str, Any] = {"CFDocument": self.document}
        if self.items:
            result["CFItems"] = self.items
        result["CFAssociations"] = self.associations
        result["CFDefinitions"] = definitions
        return result


def header_fields(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """A header's fields as its file gives them, for an extension: not those the CFDocument holds itself
    (case.CASE_HELD), nor the empty licence URL the store keeps where the file has none."""
    return {k: v for k, v in pairs if k not in CASE_HELD and (v or k != "license_url")}
