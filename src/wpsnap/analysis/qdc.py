"""REFI-QDA Codebook exchange (.qdc, namespace urn:QDA-XML:codebook:1.0), the codebook format
that NVivo, ATLAS.ti, MAXQDA and QualCoder read and write.

    <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="wpsnap">
      <Codes>
        <Code guid="…" name="Protection" isCodable="true">
          <Description>…</Description>
          <Code …/>            (sub-codes nest)
        </Code>
      </Codes>
    </CodeBook>

The standard has one name and one description per Code. wpsnap writes the English label as
the name and the English definition first in the Description; the Khmer label and definition,
the examples, the keywords and the Code's key follow in the Description as sections that start
with a marker line such as `[wpsnap:label_km]` (empty ones are left out; a line of a field that
looks like a marker is written with a leading backslash), so another tool shows
them as text and a re-import into wpsnap restores every field; a field whose section is absent
is left as it is by the import. A guid is stable: the UUID-5 of the Plan's short
name and the Code's key. Archived (merged) Codes are left out: only the live tree is exchanged.
"""

from __future__ import annotations

import re
import uuid

from django.utils.translation import gettext as _

from wpsnap.core.text import detect_language

from .codebook_io import ImportProblems, Row, problem
from .models import Code

NAMESPACE = "urn:QDA-XML:codebook:1.0"
GUID_NAMESPACE = uuid.UUID("5d1f7a0e-3b6c-4c5e-9f4e-77a9c2b1e0d4")  # wpsnap's own
MARKED = ["key", "label_km", "definition_km", "examples_en", "examples_km", "keywords"]
MARKER_RE = re.compile(r"^\[wpsnap:(" + "|".join(MARKED) + r")\][ \t]*(.*)$")
GUID_RE = re.compile(r"^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$")


def code_guid(plan, key: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{plan.slug}/{key}")).upper()


ESCAPED_RE = re.compile(r"^(\\*)\[wpsnap:")


def _escape(text: str) -> str:
    """A line of a field that looks like a marker gets one more leading backslash."""
    return "\n".join("\\" + line if ESCAPED_RE.match(line) else line
                     for line in text.strip().splitlines())


def description(code: Code) -> str:
    definition = _escape(code.definition_en)
    parts = [definition, ""] if definition else []
    parts.append(f"[wpsnap:key] {code.key}")
    if code.label_km.strip():
        parts.append(f"[wpsnap:label_km] {_escape(code.label_km)}")
    for name in MARKED[2:]:
        value = _escape(getattr(code, name))
        if value:
            parts += [f"[wpsnap:{name}]", value]
    return "\n".join(parts)


def parse_description(text: str) -> dict[str, str]:
    """The fields a Description gives: the text before any marker is the English definition;
    each marker's section (its line's rest and the lines up to the next marker) is a field."""
    fields: dict[str, list[str]] = {"definition_en": []}
    current = "definition_en"
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = MARKER_RE.match(line.rstrip())
        if match:
            current = match.group(1)
            fields[current] = [match.group(2)] if match.group(2) else []
            continue
        escaped = ESCAPED_RE.match(line)
        fields[current].append(line[1:] if escaped and escaped.group(1) else line)
    return {name: "\n".join(lines).strip() for name, lines in fields.items()}


def export_qdc(plan) -> bytes:
    from lxml import etree

    from .queries.codebook import walk

    codes = list(Code.objects.filter(plan=plan, archived_at__isnull=True))
    root = etree.Element(f"{{{NAMESPACE}}}CodeBook", nsmap={None: NAMESPACE})
    root.set("origin", "wpsnap")
    container = etree.SubElement(root, f"{{{NAMESPACE}}}Codes")
    elements = {}
    for code, _depth in walk(codes):
        parent = elements.get(code.parent_id, container)
        element = etree.SubElement(parent, f"{{{NAMESPACE}}}Code")
        element.set("guid", code_guid(plan, code.key))
        element.set("name", code.label_en or code.key)
        element.set("isCodable", "true")
        etree.SubElement(element, f"{{{NAMESPACE}}}Description").text = description(code)
        elements[code.pk] = element
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_qdc(data: bytes) -> list[Row]:
    """The Codes of a .qdc file as import rows (line numbers as rows). DTDs and entities are
    refused; the file is never allowed to reach the network or the disk."""
    from lxml import etree

    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ImportProblems([problem(1, None, _(
            "The file declares a DOCTYPE or entities; a REFI-QDA codebook has none, so it is "
            "not read."))])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if getattr(exc, "lineno", None) else None
        raise ImportProblems([problem(line, None, _(
            "The file is not well-formed XML: %(reason)s") % {"reason": exc.msg})]) from None
    if _local(root.tag) == "Project":
        root = next((e for e in root if _local(e.tag) == "CodeBook"), root)
    if _local(root.tag) != "CodeBook":
        raise ImportProblems([problem(root.sourceline, None, _(
            "This is not a REFI-QDA codebook: its root element is <%(tag)s>, not <CodeBook>.")
            % {"tag": _local(root.tag)[:40]})])
    codes = next((e for e in root if _local(e.tag) == "Codes"), None)
    if codes is None:
        raise ImportProblems([problem(root.sourceline, None, _(
            "The codebook has no <Codes> element."))])
    rows: list[Row] = []
    problems: list[dict] = []

    def visit(element, parent_index):
        for child in element:
            if _local(child.tag) != "Code":
                continue
            line = child.sourceline
            name = (child.get("name") or "").strip()
            guid = (child.get("guid") or "").strip().strip("{}")
            if not name:
                problems.append(problem(line, "name", _("This Code has no name.")))
            if guid and not GUID_RE.match(guid):
                problems.append(problem(line, "guid", _(
                    "“%(guid)s” is not a guid.") % {"guid": guid[:60]}))
            row = Row(line=line, guid=guid, name=name, parent_row=parent_index,
                      columns={"key": "Description", "label_en": "name", "parent": "Code",
                               **dict.fromkeys(MARKED, "Description"), "definition_en":
                               "Description"})
            row.fields["label_en"] = name
            desc = next((e for e in child if _local(e.tag) == "Description"), None)
            if desc is not None:
                parsed = parse_description(desc.text or "")
                row.key = parsed.pop("key", "").strip()
                row.fields.update(parsed)
            if detect_language(name) == "km" and not row.fields.get("label_km"):
                row.fields["label_km"] = name  # a Khmer name: also the Khmer label
            rows.append(row)
            visit(child, len(rows) - 1)

    visit(codes, None)
    for row in rows:
        if row.parent_row is None:
            row.parent = ""  # at the top of the tree
    if problems:
        raise ImportProblems(problems)
    if not rows:
        raise ImportProblems([problem(codes.sourceline, None, _("The codebook has no Codes."))])
    return rows
