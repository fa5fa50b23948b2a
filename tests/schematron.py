"""Run an ISO Schematron schema (XSLT2 query binding) with Saxon, for the tests only.

lxml's isoschematron supports XPath 1.0 only and no ISO skeleton ships with saxonche, so
this compiles the subset of Schematron the TBX dialect schemas use (ns, pattern, rule,
assert, report) into an XSLT 3.0 stylesheet. As in Schematron, a node is checked against
the first rule of each pattern whose context it matches; constructs outside the subset
(let, phase, abstract patterns, includes, ...) are refused rather than silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from esfterm.xmlsafe import parse_xml, parse_xml_bytes

SCH = "http://purl.oclc.org/dsdl/schematron"
SUPPORTED = {"schema", "ns", "pattern", "rule", "assert", "report", "title", "p"}


@dataclass(frozen=True)
class Failure:
    """One failed assert or fired report: which pattern, where, and its message."""

    pattern: str
    location: str
    message: str


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def compile_schematron(sch_path: Path) -> str:
    """The XSLT stylesheet (as text) that reports every failure of the schema at `sch_path`."""
    schema = parse_xml(sch_path).getroot()
    for el in schema.iter(etree.Element):
        if etree.QName(el).namespace == SCH and _local(el) not in SUPPORTED:
            raise ValueError(f"{sch_path}: unsupported Schematron element <{_local(el)}>")
    if schema.get("queryBinding", "xslt2") not in ("xslt2", "xslt3"):
        raise ValueError(f"{sch_path}: query binding {schema.get('queryBinding')!r} is not XSLT 2/3")
    nss = " ".join(f"xmlns:{ns.get('prefix')}={quoteattr(ns.get('uri'))}"
                   for ns in schema.iterfind(f"{{{SCH}}}ns"))
    modes, templates = [], []
    for p_index, pattern in enumerate(schema.iterfind(f"{{{SCH}}}pattern")):
        mode, name = f"p{p_index}", pattern.get("id") or f"pattern-{p_index}"
        modes.append(mode)
        rules = list(pattern.iterfind(f"{{{SCH}}}rule"))
        for r_index, rule in enumerate(rules):
            checks = []
            for check in rule:
                if not isinstance(check.tag, str) or _local(check) not in ("assert", "report"):
                    continue
                test = check.get("test")
                cond = f"not({test})" if _local(check) == "assert" else f"({test})"
                message = " ".join("".join(check.itertext()).split())
                checks.append(
                    f'<xsl:if test={quoteattr(cond)}><failure pattern={quoteattr(name)} '
                    f'location="{{path()}}">{_escape(message)}</failure></xsl:if>')
            templates.append(
                f'<xsl:template match={quoteattr(rule.get("context"))} mode="{mode}" '
                f'priority="{len(rules) - r_index}">{"".join(checks)}'
                f'<xsl:apply-templates select="@*|node()" mode="{mode}"/></xsl:template>')
        templates.append(
            f'<xsl:template match="/|@*|node()" mode="{mode}" priority="-1">'
            f'<xsl:apply-templates select="@*|node()" mode="{mode}"/></xsl:template>')
    runs = "".join(f'<xsl:apply-templates select="/" mode="{m}"/>' for m in modes)
    return (f'<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" {nss}>'
            f'<xsl:template match="/"><failures>{runs}</failures></xsl:template>'
            f'{"".join(templates)}</xsl:stylesheet>')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def validate(sch_path: Path, xml_path: Path) -> list[Failure]:
    """Every failure of the document at `xml_path` against the schema at `sch_path`."""
    from saxonche import PySaxonProcessor

    with PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor()
        executable = xslt.compile_stylesheet(stylesheet_text=compile_schematron(sch_path))
        result = executable.transform_to_string(source_file=str(xml_path))
    report = parse_xml_bytes(result.encode("utf-8"), source="schematron report")
    return [Failure(f.get("pattern"), f.get("location"), f.text or "") for f in report]
