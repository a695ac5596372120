"""Read the three YAML data files into the model, strictly.

Every problem becomes one line naming the file, the line where it can, and what is wrong.
YAML is parsed to a node tree (PyYAML's C parser when present) and converted by hand, so no
YAML tag can construct a Python object, duplicate keys are caught, and alias bombs are
measured before anything is expanded. Lookups read the compiled store (see store/), so YAML is
parsed only when the store is built and by `validate`; PyYAML is imported only then.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import CrosswalkError
from .model import (
    Alignment,
    Competency,
    Crosswalk,
    Domain,
    Element,
    Erratum,
    Framework,
    Indicator,
    SourceNote,
    Standard,
    StandardIndicator,
    Theme,
    assemble,
)

if TYPE_CHECKING:
    import yaml

    from .assessment import SelfAssessment

T = TypeVar("T")

FILES = ("standards.yaml", "competencies.yaml", "alignments.yaml")
ENV_VAR = "CROSSWALK_DATA_DIR"
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
# Each kind of erratum and the fields it must give: what was printed, and the id it is read as.
ERRATUM_FIELDS: dict[str, tuple[str, ...]] = {
    "printed_label": ("printed",),
    "standard_mismatch": ("printed", "resolved"),
    "letter_mismatch": ("printed", "resolved"),
    "duplicate": (),
    "self_listed": (),
}
ERRATUM_KINDS = frozenset(ERRATUM_FIELDS)
# What a theme recovered from the crosswalk rests on: an EI mark printed in its entry, or only the blank
# a lost icon left at the end of its text.
CROSSWALK_MARKS = frozenset({"printed", "blank"})

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TYPE_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    _BOOL: "true/false",
    _NULL: "nothing",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_KNOWN_TAGS = frozenset({*_TYPE_NAMES, _STR, _MAP, _SEQ})


class DataError(CrosswalkError):
    """The data files are missing, malformed or inconsistent; ``problems`` has one line each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return self.problems


def default_data_dir() -> Path:
    """The data shipped inside the package (the wheel puts it beside this module); in a source
    checkout or an editable install, the repository's ``data/``. (Not importlib.resources: the
    package is always a folder on disk, and that import costs every lookup a millisecond.)"""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parents[1] / "data"


def resolve_data_dir(option: str | os.PathLike[str] | None) -> Path:
    """``--data-dir`` wins, then ``$CROSSWALK_DATA_DIR``, then the packaged data."""
    chosen = option or os.environ.get(ENV_VAR)
    return Path(chosen) if chosen else default_data_dir()


# --- YAML text to plain values that remember their lines ---------------------------------


class YMap(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}


class YSeq(list[Any]):
    """A sequence that remembers its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


@dataclass(frozen=True, eq=False)
class Other:
    """A scalar that is not text (a number, a date, ...): kept only to say what it was."""

    kind: str
    raw: str


def _expanded_size(root: yaml.Node, path: str) -> None:
    """Refuse documents whose aliases expand far beyond their written size, or loop."""
    import yaml

    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise DataError([f"{path}:{node.start_mark.line + 1}: an alias refers to itself"])
        if depth > MAX_DEPTH:
            raise DataError([f"{path}:{node.start_mark.line + 1}: nested more than {MAX_DEPTH} deep"])
        active.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item, depth + 1)
        active.discard(key)
        sizes[key] = total
        return total

    expanded = size(root, 0)
    written = len(sizes)
    if expanded > max(100_000, 10 * written):
        raise DataError(
            [f"{path}: anchors and aliases expand {written} nodes to {expanded}; refusing to load"]
        )


def _convert(node: yaml.Node, path: str) -> Any:
    import yaml

    line = node.start_mark.line + 1
    if node.tag not in _KNOWN_TAGS:
        raise DataError([f"{path}:{line}: unsupported YAML tag {node.tag}"])
    shape = {_MAP: yaml.MappingNode, _SEQ: yaml.SequenceNode}.get(node.tag, yaml.ScalarNode)
    if not isinstance(node, shape):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        found = "a mapping" if isinstance(node, yaml.MappingNode) else "a list"
        found = "text" if isinstance(node, yaml.ScalarNode) else found
        raise DataError([f"{path}:{line}: YAML tag {tag} on {found}, which it does not describe"])
    if isinstance(node, yaml.MappingNode):
        result = YMap(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise DataError([f"{path}:{key_line}: a mapping key must be plain text"])
            key = str(key_node.value)
            if key in result:
                raise DataError(
                    [f"{path}:{key_line}: duplicate key '{key}' (first at line {result.lines[key]})"]
                )
            result[key] = _convert(value_node, path)
            result.lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = YSeq(line)
        for item in node.value:
            seq.append(_convert(item, path))
            seq.lines.append(item.start_mark.line + 1)
        return seq
    assert isinstance(node, yaml.ScalarNode)
    if node.tag == _STR:
        return str(node.value)
    if node.tag == _NULL:
        return None
    if node.tag == _BOOL:
        return str(node.value).lower() in ("yes", "true", "on")
    return Other(_TYPE_NAMES[node.tag], str(node.value))


def read_bytes(path: Path) -> bytes:
    shown = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataError([f"{shown}: file not found"]) from None
    except OSError as exc:
        raise DataError([f"{shown}: cannot read: {exc.strerror}"]) from None
    if not path.is_file():
        raise DataError([f"{shown}: not a regular file"])
    if size > MAX_FILE_BYTES:
        raise DataError([f"{shown}: {size} bytes is larger than the {MAX_FILE_BYTES} allowed"])
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError([f"{shown}: cannot read: {exc.strerror}"]) from None


def read_yaml(path: Path, raw: bytes | None = None) -> Any:
    """Parse one file into YMap/YSeq/str/bool/None/Other, or raise DataError."""
    import yaml

    try:
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as Loader  # type: ignore[assignment]

    shown = str(path)
    if raw is None:
        raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([f"{shown}:{line}: not UTF-8 (byte {exc.start})"]) from None
    if not text.strip():
        raise DataError([f"{shown}: file is empty"])
    from .yamlcompose import TooDeep, compose

    loader = Loader(text)
    try:
        root = compose(loader, MAX_DEPTH)
    except TooDeep as exc:
        where = f":{exc.problem_mark.line + 1}" if exc.problem_mark is not None else ""
        raise DataError([f"{shown}{where}: nested more than {exc.limit} deep"]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError([f"{shown}{where}: YAML syntax error: {problem}"]) from None
    except yaml.YAMLError as exc:
        raise DataError([f"{shown}: YAML error: {exc}"]) from None
    except RecursionError:
        raise DataError([f"{shown}: nested too deeply"]) from None
    finally:
        loader.dispose()
    if root is None:
        raise DataError([f"{shown}: file is empty"])
    _expanded_size(root, shown)
    return _convert(root, shown)


# --- Checking shapes ------------------------------------------------------------------------


def _describe(value: Any) -> str:
    if isinstance(value, Other):
        return value.kind
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    return "text"


class _Checker:
    """Collects problems for one file while reading its shapes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def mapping(self, value: Any, line: int, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.problem(line, f"{what} must be a mapping, found {_describe(value)}")
        return None

    def fields(self, m: YMap, what: str, required: Iterable[str], optional: Iterable[str] = ()) -> bool:
        required = tuple(required)
        allowed = set(required) | set(optional)
        ok = True
        for key in m:
            if key not in allowed:
                self.problem(m.lines[key], f"unknown field '{key}' in {what}")
                ok = False
        for key in required:
            if key not in m:
                self.problem(m.line, f"missing field '{key}' in {what}")
                ok = False
        return ok

    def text(self, m: YMap, key: str, what: str, *, optional: bool = False) -> str | None:
        if key not in m or (optional and m[key] is None):
            return None
        value = m[key]
        if isinstance(value, str) and value.strip():
            return value.strip()
        found = "empty text" if isinstance(value, str) else _describe(value)
        hint = " (quote it)" if isinstance(value, Other) else ""
        self.problem(m.lines[key], f"'{key}' of {what} must be text, found {found}{hint}")
        return None

    def integer(self, m: YMap, key: str, what: str, *, optional: bool = False) -> int | None:
        if key not in m or (optional and m[key] is None):
            return None
        value = m[key]
        if isinstance(value, Other) and value.kind == "a number":
            try:
                return int(value.raw.replace("_", ""), 0)
            except ValueError:
                pass
        self.problem(m.lines[key], f"'{key}' of {what} must be a whole number, found {_describe(value)}")
        return None

    def flag(self, m: YMap, key: str, what: str) -> bool:
        value = m.get(key, False)
        if isinstance(value, bool):
            return value
        self.problem(m.lines[key], f"'{key}' of {what} must be true or false, found {_describe(value)}")
        return False

    def items(self, m: YMap, key: str, what: str, *, optional: bool = False) -> list[tuple[Any, int]]:
        if key not in m or (optional and m[key] is None):
            return []
        value = m[key]
        if not isinstance(value, YSeq):
            self.problem(m.lines[key], f"'{key}' of {what} must be a list, found {_describe(value)}")
            return []
        return list(zip(value, value.lines, strict=True))

    def texts(self, m: YMap, key: str, what: str, *, optional: bool = False) -> tuple[str, ...]:
        result = []
        for value, line in self.items(m, key, what, optional=optional):
            if isinstance(value, str) and value.strip():
                result.append(value.strip())
            else:
                self.problem(line, f"items of '{key}' in {what} must be text, found {_describe(value)}")
        return tuple(result)

    def mappings(self, m: YMap, key: str, what: str, *, optional: bool = False) -> list[YMap]:
        result = []
        for value, line in self.items(m, key, what, optional=optional):
            item = self.mapping(value, line, f"an item of '{key}' in {what}")
            if item is not None:
                result.append(item)
        return result

    def unique(self, seen: dict[str, int], ident: str | None, line: int, what: str) -> None:
        if ident is None:
            return
        if ident in seen:
            self.problem(line, f"duplicate {what} id '{ident}' (first at line {seen[ident]})")
        else:
            seen[ident] = line


def _framework(c: _Checker, doc: YMap, key: str = "framework") -> Framework:
    m = c.mapping(doc.get(key), doc.lines.get(key, doc.line), f"'{key}'")
    if m is None:
        return Framework("", "", "", "")
    required = ("id", "title", "publisher", "license", "license_url")
    lists = ("levels", "relations")
    extra_keys = [k for k in m if k not in required and k not in lists]
    c.fields(m, f"'{key}'", required, [*extra_keys, *lists])
    values = {k: c.text(m, k, f"'{key}'") or "" for k in m if k not in lists}
    return Framework(
        title=values.get("title", ""),
        publisher=values.get("publisher", ""),
        license=values.get("license", ""),
        license_url=values.get("license_url", ""),
        extra={k: values[k] for k in extra_keys},
        id=values.get("id", ""),
        levels=c.texts(m, "levels", f"'{key}'", optional=True),
        relations=c.texts(m, "relations", f"'{key}'", optional=True),
    )


def seal_of(*records: object) -> str:
    """What a file's ``seal`` must say: a digest of every record read from it (ids, links, themes, texts)."""
    import hashlib

    from .codec import encode

    return hashlib.sha256(encode(records).encode("utf-8")).hexdigest()[:16]


def _seal(c: _Checker, doc: YMap, *records: object) -> None:
    """A file may carry ``seal``: then any change to what it says, deliberate or not, must renew it."""
    if "seal" not in doc or c.problems:
        return
    said = c.text(doc, "seal", "the document")
    if said is not None and said != (actual := seal_of(*records)):
        c.problem(
            doc.lines["seal"],
            f"the data no longer matches its seal ({said}): something in this file changed; if the change "
            f"is intended, set 'seal: {actual}'",
        )


def _root(c: _Checker, doc: Any, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> YMap:
    m = c.mapping(doc, 1, "the document")
    if m is None:
        raise DataError(c.problems)
    if not c.fields(m, "the document", required, optional):
        raise DataError(c.problems)
    return m


# --- The three files ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _StandardsFile:
    framework: Framework
    standards: dict[str, Standard]
    indicators: dict[str, StandardIndicator]


def _read_standards(path: Path, raw: bytes) -> _StandardsFile:
    c = _Checker(str(path))
    doc = _root(c, read_yaml(path, raw), ("framework", "standards"), ("seal",))
    framework = _framework(c, doc)
    standards: dict[str, Standard] = {}
    indicators: dict[str, StandardIndicator] = {}
    seen: dict[str, int] = {}
    for s in c.mappings(doc, "standards", "the document"):
        c.fields(s, "a standard", ("id", "numeral", "name", "statement", "indicators"))
        sid = c.text(s, "id", "a standard")
        c.unique(seen, sid, s.lines.get("id", s.line), "standard")
        what = f"standard '{sid}'"
        ids = []
        for i in c.mappings(s, "indicators", what):
            c.fields(i, "an indicator", ("id", "code", "name", "text"), ("elements",))
            iid = c.text(i, "id", f"an indicator of {what}")
            c.unique(seen, iid, i.lines.get("id", i.line), "standard or indicator")
            iwhat = f"indicator '{iid}'"
            elements = []
            for e in c.mappings(i, "elements", iwhat, optional=True):
                c.fields(e, f"an element of {iwhat}", ("number", "text"), ("name",))
                elements.append(
                    Element(
                        number=c.text(e, "number", f"an element of {iwhat}") or "",
                        text=c.text(e, "text", f"an element of {iwhat}") or "",
                        name=c.text(e, "name", f"an element of {iwhat}", optional=True),
                    )
                )
            if iid is not None and sid is not None:
                ids.append(iid)
                indicators[iid] = StandardIndicator(
                    id=iid,
                    standard=sid,
                    code=c.text(i, "code", iwhat) or "",
                    name=c.text(i, "name", iwhat) or "",
                    text=c.text(i, "text", iwhat) or "",
                    elements=tuple(elements),
                )
        if sid is not None:
            standards[sid] = Standard(
                id=sid,
                numeral=c.text(s, "numeral", what) or "",
                name=c.text(s, "name", what) or "",
                statement=c.text(s, "statement", what) or "",
                indicator_ids=tuple(ids),
            )
    if not standards and not c.problems:
        c.problem(doc.line, "no standards")
    _seal(c, doc, framework, tuple(standards.values()), tuple(indicators.values()))
    if c.problems:
        raise DataError(c.problems)
    return _StandardsFile(framework, standards, indicators)


@dataclass(frozen=True, eq=False)
class _CompetenciesFile:
    framework: Framework
    themes: dict[str, Theme]
    domains: dict[str, Domain]
    competencies: dict[str, Competency]
    indicators: dict[str, Indicator]


def _read_competencies(path: Path, raw: bytes) -> _CompetenciesFile:
    c = _Checker(str(path))
    doc = _root(c, read_yaml(path, raw), ("framework", "themes", "domains"), ("seal",))
    framework = _framework(c, doc)
    themes: dict[str, Theme] = {}
    seen_themes: dict[str, int] = {}
    for t in c.mappings(doc, "themes", "the document"):
        c.fields(t, "a theme", ("code", "name", "description", "source"))
        code = c.text(t, "code", "a theme")
        c.unique(seen_themes, code, t.lines.get("code", t.line), "theme")
        what = f"theme '{code}'"
        if code is not None:
            themes[code] = Theme(
                code=code,
                name=c.text(t, "name", what) or "",
                description=c.text(t, "description", what) or "",
                source=c.text(t, "source", what) or "",
            )
    domains: dict[str, Domain] = {}
    competencies: dict[str, Competency] = {}
    indicators: dict[str, Indicator] = {}
    seen: dict[str, int] = {}
    domain_fields = ("code", "number", "name", "full_name", "short_name", "role", "focus")
    for d in c.mappings(doc, "domains", "the document"):
        c.fields(d, "a domain", (*domain_fields, "description", "competencies"))
        code = c.text(d, "code", "a domain")
        c.unique(seen, code, d.lines.get("code", d.line), "domain")
        what = f"domain '{code}'"
        comp_ids = []
        for comp in c.mappings(d, "competencies", what):
            c.fields(comp, "a competency", ("id", "title", "indicators"))
            cid = c.text(comp, "id", f"a competency of {what}")
            c.unique(seen, cid, comp.lines.get("id", comp.line), "competency")
            cwhat = f"competency '{cid}'"
            ind_ids = []
            for i in c.mappings(comp, "indicators", cwhat):
                c.fields(
                    i,
                    "an indicator",
                    ("id", "text", "themes"),
                    ("subitems", "themes_from_crosswalk", "crosswalk_mark", "icons_lost"),
                )
                iid = c.text(i, "id", f"an indicator of {cwhat}")
                c.unique(seen, iid, i.lines.get("id", i.line), "indicator")
                iwhat = f"indicator '{iid}'"
                own = c.texts(i, "themes", iwhat)
                recovered = c.texts(i, "themes_from_crosswalk", iwhat, optional=True)
                lost = c.flag(i, "icons_lost", iwhat)
                line = i.lines.get("themes", i.line)
                for code_ in own:
                    if code_ not in themes:
                        c.problem(line, f"unknown theme '{code_}' in {iwhat}")
                if len(set(own)) != len(own):
                    c.problem(line, f"a theme is listed twice in {iwhat}")
                for code_ in recovered:
                    if code_ not in own:
                        c.problem(
                            line,
                            f"'themes_from_crosswalk' of {iwhat} lists '{code_}', which is not in its themes",
                        )
                if recovered and not lost:
                    c.problem(line, f"{iwhat} has themes_from_crosswalk but no icons_lost")
                mark = c.text(i, "crosswalk_mark", iwhat, optional=True)
                if recovered and mark is None:
                    c.problem(line, f"{iwhat} has themes_from_crosswalk but no crosswalk_mark")
                if mark is not None and not recovered:
                    c.problem(
                        i.lines["crosswalk_mark"],
                        f"{iwhat} has a crosswalk_mark but no themes_from_crosswalk",
                    )
                if mark is not None and mark not in CROSSWALK_MARKS:
                    known = ", ".join(sorted(CROSSWALK_MARKS))
                    c.problem(i.lines["crosswalk_mark"], f"unknown crosswalk_mark '{mark}' (known: {known})")
                if iid is not None and cid is not None and code is not None:
                    ind_ids.append(iid)
                    indicators[iid] = Indicator(
                        id=iid,
                        competency=cid,
                        domain=code,
                        text=c.text(i, "text", iwhat) or "",
                        subitems=c.texts(i, "subitems", iwhat, optional=True),
                        themes=own,
                        themes_from_crosswalk=recovered,
                        icons_lost=lost,
                        crosswalk_mark=mark,
                    )
            if cid is not None and code is not None:
                comp_ids.append(cid)
                competencies[cid] = Competency(
                    id=cid,
                    domain=code,
                    title=c.text(comp, "title", cwhat) or "",
                    indicator_ids=tuple(ind_ids),
                )
        if code is not None:
            values = {f: c.text(d, f, what) or "" for f in (*domain_fields, "description")}
            domains[code] = Domain(**values, competency_ids=tuple(comp_ids))
    if not domains and not c.problems:
        c.problem(doc.line, "no domains")
    if c.problems:
        raise DataError(c.problems)
    records = (framework, *(tuple(m.values()) for m in (themes, domains, competencies, indicators)))
    _seal(c, doc, *records)
    if c.problems:
        raise DataError(c.problems)
    return _CompetenciesFile(framework, themes, domains, competencies, indicators)


def _coverage(
    c: _Checker,
    doc: YMap,
    alignments: list[Alignment],
    indicator_ids: Iterable[str],
    standard_indicator_ids: Iterable[str],
) -> None:
    """The file's own statement of what it covers, checked against its entries."""
    m = c.mapping(doc["coverage"], doc.lines["coverage"], "'coverage'")
    if m is None:
        return
    optional = (
        "competency_indicators",
        "additional_standards",
        "errata",
        "source_notes",
        "unaligned_standard_indicators",
    )
    c.fields(m, "'coverage'", ("entries",), optional)
    entries = c.integer(m, "entries", "'coverage'")
    found = len(doc["alignments"]) if isinstance(doc.get("alignments"), YSeq) else 0
    if entries is not None and entries != found:
        c.problem(m.lines["entries"], f"'coverage' declares {entries} entries; the file has {found}")
    scope = c.text(m, "competency_indicators", "'coverage'", optional=True)
    if scope is not None and scope != "all":
        c.problem(m.lines["competency_indicators"], f"'competency_indicators' must be 'all', found '{scope}'")
    if scope == "all":
        aligned = {a.competency for a in alignments}
        missing = [i for i in indicator_ids if i not in aligned]
        if missing:
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            c.problem(
                m.lines["competency_indicators"],
                f"'coverage' says every competency indicator has an entry; {len(missing)} have none: {shown}",
            )
    totals = {key: c.integer(m, key, "'coverage'", optional=True) for key in optional[1:4]}
    declared = c.texts(m, "unaligned_standard_indicators", "'coverage'", optional=True)
    if len(alignments) != found or c.problems:
        return  # the counts below would only repeat the problems already found
    notes = doc.get("source_notes")
    listed = {
        "additional_standards": sum(len(a.additional) for a in alignments),
        "errata": sum(len(a.errata) for a in alignments),
        "source_notes": len(notes) if isinstance(notes, YSeq) else 0,
    }
    for key, total in totals.items():
        if total is not None and total != listed[key]:
            what = key.replace("_", " ")
            c.problem(m.lines[key], f"'coverage' declares {total} {what}; the file lists {listed[key]}")
    if "unaligned_standard_indicators" in m:
        primaries = {a.primary for a in alignments}
        actual = [i for i in standard_indicator_ids if i not in primaries]
        line = m.lines["unaligned_standard_indicators"]
        if wrong := [i for i in declared if i not in actual]:
            c.problem(
                line, f"'coverage' lists as unaligned {', '.join(wrong)}, but entries have them as primary"
            )
        if unlisted := [i for i in actual if i not in declared]:
            c.problem(line, f"no entry has {', '.join(unlisted)} as primary, and 'coverage' does not say so")


def _read_alignments(
    path: Path,
    raw: bytes,
    standard_ids: Mapping[str, object],
    indicator_ids: Mapping[str, object],
    standard_indicator_ids: Iterable[str],
) -> tuple[tuple[Alignment, ...], tuple[SourceNote, ...], Framework | None]:
    c = _Checker(str(path))
    doc = _root(c, read_yaml(path, raw), ("crosswalk", "alignments", "coverage"), ("source_notes", "seal"))
    source = _framework(c, doc, "crosswalk") if "crosswalk" in doc else None
    entries = c.mappings(doc, "alignments", "the document")
    counts: dict[str, int] = {}
    for a in entries:
        cid = a.get("competency")
        if isinstance(cid, str):
            counts[cid] = counts.get(cid, 0) + 1
    alignments = []
    for seq, a in enumerate(entries, 1):
        c.fields(
            a, "an alignment", ("competency", "primary", "additional"), ("printed_label", "note", "errata")
        )
        cid = c.text(a, "competency", "an alignment")
        what = f"the alignment of '{cid}'"
        if cid is not None and cid not in indicator_ids:
            c.problem(a.lines["competency"], f"unknown competency indicator '{cid}'")
        primary = c.text(a, "primary", what)
        if primary is not None and primary not in standard_ids:
            c.problem(a.lines["primary"], f"unknown standard or indicator '{primary}' as primary of '{cid}'")
        additional = c.texts(a, "additional", what)
        for sid in additional:
            if sid not in standard_ids:
                c.problem(
                    a.lines["additional"], f"unknown standard or indicator '{sid}' in additional of '{cid}'"
                )
        if len(set(additional)) != len(additional):
            c.problem(a.lines["additional"], f"a standard is listed twice in additional of '{cid}'")
        printed = c.text(a, "printed_label", what, optional=True)
        errata = []
        for e in c.mappings(a, "errata", what, optional=True):
            c.fields(e, f"an erratum of {what}", ("kind", "note"), ("printed", "resolved"))
            kind = c.text(e, "kind", f"an erratum of {what}")
            if kind is not None and kind not in ERRATUM_KINDS:
                known = ", ".join(sorted(ERRATUM_KINDS))
                c.problem(e.lines["kind"], f"unknown erratum kind '{kind}' (known: {known})")
            for needed in ERRATUM_FIELDS.get(kind or "", ()):
                if needed not in e:
                    c.problem(e.line, f"a '{kind}' erratum of {what} must give '{needed}'")
            printed_as = c.text(e, "printed", f"an erratum of {what}", optional=True)
            if kind == "printed_label" and printed is not None and printed_as not in (None, printed):
                c.problem(
                    e.lines["printed"], f"the erratum of {what} gives '{printed_as}', not its printed_label"
                )
            resolved = c.text(e, "resolved", f"an erratum of {what}", optional=True)
            if resolved is not None and resolved not in additional and resolved != primary:
                c.problem(
                    e.lines["resolved"], f"erratum resolves to '{resolved}', which {what} does not list"
                )
            errata.append(
                Erratum(
                    kind=kind or "",
                    note=c.text(e, "note", f"an erratum of {what}") or "",
                    printed=printed_as,
                    resolved=resolved,
                )
            )
        kinds = {e.kind for e in errata}
        flags = (
            (printed is not None, "printed_label", "a printed_label"),
            (
                primary is not None and primary in additional,
                "self_listed",
                "its primary among its additional standards",
            ),
            (counts.get(cid or "", 0) > 1, "duplicate", "more than one entry"),
        )
        for present, kind, reason in flags:
            if present and kind not in kinds:
                c.problem(a.line, f"{what} has {reason} but no '{kind}' erratum")
            if kind in kinds and not present:
                c.problem(a.line, f"{what} has a '{kind}' erratum but not {reason}")
        if cid is not None and primary is not None:
            alignments.append(
                Alignment(
                    seq=seq,
                    competency=cid,
                    primary=primary,
                    additional=additional,
                    printed_label=printed,
                    note=c.text(a, "note", what, optional=True),
                    errata=tuple(errata),
                )
            )
    notes = []
    for n in c.mappings(doc, "source_notes", "the document", optional=True):
        c.fields(n, "a source note", ("kind", "where", "note"))
        notes.append(
            SourceNote(
                kind=c.text(n, "kind", "a source note") or "",
                where=c.text(n, "where", "a source note") or "",
                note=c.text(n, "note", "a source note") or "",
            )
        )
    _coverage(c, doc, alignments, indicator_ids, standard_indicator_ids)
    _seal(c, doc, source, tuple(alignments), tuple(notes))
    if c.problems:
        raise DataError(c.problems)
    return tuple(alignments), tuple(notes), source


def _read_all(directory: Path) -> tuple[dict[str, bytes], list[str]]:
    raws: dict[str, bytes] = {}
    problems: list[str] = []
    for name in FILES:
        try:
            raws[name] = read_bytes(directory / name)
        except DataError as exc:
            problems += exc.problems
    return raws, problems


def _attempt(
    problems: list[str], read: Callable[[Path, bytes], T], path: Path, raw: bytes | None
) -> T | None:
    """Run one file's reader, adding its problems; None if it failed or the file could not be read."""
    if raw is None:
        return None
    try:
        return read(path, raw)
    except DataError as exc:
        problems += exc.problems
        return None


def check_directory(directory: Path) -> None:
    """One line for a data directory that is missing, not a directory, or cannot be reached
    (a name too long, a file where a folder should be, no permission)."""
    import errno
    import stat

    try:
        mode = directory.stat().st_mode
    except FileNotFoundError:
        raise DataError([f"{directory}: data directory not found"]) from None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            raise DataError([f"{directory}: data directory not found (part of the path is a file)"]) from None
        raise DataError([f"{directory}: cannot open the data directory: {exc.strerror}"]) from None
    if not stat.S_ISDIR(mode):
        raise DataError([f"{directory}: not a directory"])


def load(data_dir: str | os.PathLike[str] | None = None) -> Crosswalk:
    """Load and check the three files; raise DataError listing every problem found."""
    directory = resolve_data_dir(data_dir)
    check_directory(directory)
    raws, problems = _read_all(directory)
    paths = [directory / name for name in FILES]
    standards = _attempt(problems, _read_standards, paths[0], raws.get(FILES[0]))
    competencies = _attempt(problems, _read_competencies, paths[1], raws.get(FILES[1]))
    if standards is None or competencies is None or FILES[2] not in raws:
        _attempt(problems, read_yaml, paths[2], raws.get(FILES[2]))  # still report its own problems
        raise DataError(problems)
    standard_ids: dict[str, object] = {**standards.standards, **standards.indicators}
    alignments, notes, source = _read_alignments(
        paths[2], raws[FILES[2]], standard_ids, competencies.indicators, standards.indicators
    )
    joins = (("from", competencies.framework.id, paths[1]), ("to", standards.framework.id, paths[0]))
    problems += [
        f"{paths[2]}: the crosswalk's '{key}' is '{source.extra.get(key, '')}', "
        f"but {path.name} is framework '{fid}'"
        for key, fid, path in joins
        if source is not None and source.extra.get(key) != fid
    ]
    if problems:
        raise DataError(problems)
    return assemble(
        standards_framework=standards.framework,
        competencies_framework=competencies.framework,
        standards=standards.standards.values(),
        standard_indicators=standards.indicators.values(),
        themes=competencies.themes.values(),
        domains=competencies.domains.values(),
        competencies=competencies.competencies.values(),
        indicators=competencies.indicators.values(),
        alignments=alignments,
        source_notes=notes,
        crosswalk_source=source,
    )


SELF_ASSESSMENT = "self_assessment.yaml"


def load_self_assessment(cw: Crosswalk, data_dir: str | os.PathLike[str] | None = None) -> SelfAssessment:
    """The survey in ``self_assessment.yaml``: every statement names a real competency, and every
    competency has exactly one statement."""
    from .assessment import Rating, SelfAssessment, Statement, SurveyDomain

    path = resolve_data_dir(data_dir) / SELF_ASSESSMENT
    c = _Checker(str(path))
    doc = _root(
        c,
        read_yaml(path),
        (
            "source",
            "introduction",
            "instructions",
            "discussion",
            "prompt",
            "ratings",
            "domains",
            "statements",
            "questions",
        ),
    )
    ratings = []
    seen: dict[str, int] = {}
    for r in c.mappings(doc, "ratings", "the document"):
        c.fields(r, "a rating", ("code", "label"), ("extent", "score"))
        code = c.text(r, "code", "a rating")
        c.unique(seen, code, r.lines.get("code", r.line), "rating")
        label = c.text(r, "label", "a rating") or ""
        extent = c.text(r, "extent", "a rating", optional=True)
        ratings.append(Rating(code or "", label, extent, c.integer(r, "score", "a rating", optional=True)))
    domains = []
    for d in c.mappings(doc, "domains", "the document"):
        c.fields(d, "a survey domain", ("domain", "heading", "introduction"))
        code = c.text(d, "domain", "a survey domain")
        if code is not None and code not in cw.domains:
            c.problem(d.lines["domain"], f"unknown domain '{code}'")
        heading = c.text(d, "heading", "a survey domain") or ""
        domains.append(SurveyDomain(code or "", heading, c.text(d, "introduction", "a survey domain") or ""))
    statements = []
    covered: dict[str, int] = {}
    for st in c.mappings(doc, "statements", "the document"):
        c.fields(st, "a statement", ("number", "competency", "text"))
        cid = c.text(st, "competency", "a statement")
        line = st.lines.get("competency", st.line)
        if cid is not None and cid not in cw.competencies:
            c.problem(line, f"unknown competency '{cid}'")
        elif cid is not None and cid in covered:
            c.problem(line, f"competency '{cid}' has a second statement (first at line {covered[cid]})")
        elif cid is not None:
            covered[cid] = line
        statements.append(
            Statement(
                c.integer(st, "number", "a statement") or 0,
                cid or "",
                c.text(st, "text", "a statement") or "",
            )
        )
    for cid in cw.competencies:
        if cid not in covered and not c.problems:
            c.problem(doc.lines["statements"], f"competency '{cid}' has no statement")
    if c.problems:
        raise DataError(c.problems)
    return SelfAssessment(
        source=c.text(doc, "source", "the document") or "",
        introduction=c.text(doc, "introduction", "the document") or "",
        instructions=c.text(doc, "instructions", "the document") or "",
        prompt=c.text(doc, "prompt", "the document") or "",
        ratings=tuple(ratings),
        domains=tuple(domains),
        statements=tuple(statements),
        questions=c.texts(doc, "questions", "the document"),
        discussion=c.text(doc, "discussion", "the document") or "",
    )
