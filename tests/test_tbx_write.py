"""Writing TBX: v3 valid against the TBX-Basic schemas, v2 readable by translate-toolkit, nothing lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from esfterm.errors import InputError
from esfterm.formats.tbx import TBX_NS, read_tbx, tbx_bytes, write_tbx
from esfterm.formats.tbx_read import TbxReader, squeeze
from esfterm.model import Extra, Termbase

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "terms"
REPO = Path(__file__).resolve().parents[1]
ESF = REPO / "termbase" / "esf.tbx"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def real_v3_files(shared: Path) -> list[Path]:
    return [ESF, FIXTURES / "markup-and-kept.tbx", shared / "standards" / "Example_Astronomy_DCA_VALID.tbx",
            shared / "interop-samples" / "tbx" / "criti-tbx-basic-v3-dca-converted.tbx"]


@pytest.fixture(scope="module")
def basic_rng() -> etree.RelaxNG:
    path = REPO.parent / "shared" / "standards" / "TBXcoreStructV03_TBX-Basic_integrated.rng"
    if not path.exists():
        pytest.skip("../shared/standards (TBX-Basic RELAX NG) is not beside this checkout")
    return etree.RelaxNG(etree.parse(str(path)))


def facts(root: etree._Element) -> Counter:
    """Everything a TBX body says, order-free: each text-bearing element with its ancestry,
    attributes and (whitespace-folded) content. Two files with equal facts hold the same data."""
    found: Counter = Counter()
    for el in root.iter(etree.Element):
        if el.text is None or not el.text.strip():
            if len(el) or not el.attrib:
                continue
        path = []
        node = el
        while node is not None:
            attrs = tuple(sorted((etree.QName(k).localname, v) for k, v in node.attrib.items()))
            path.append((etree.QName(node).localname, attrs))
            node = node.getparent()
        content = squeeze("".join(el.itertext())) if not len(el) else etree.tostring(el, method="c14n")
        found[(tuple(path), content)] += 1
    return found


def body_and_header_facts(path: Path | bytes) -> Counter:
    root = (etree.fromstring(path) if isinstance(path, bytes) else etree.parse(str(path)).getroot())
    return facts(root)


def test_v3_output_of_real_files_is_valid_tbx_basic(shared: Path, basic_rng: etree.RelaxNG) -> None:
    for path in real_v3_files(shared):
        doc = etree.fromstring(tbx_bytes(read_tbx(path)))
        assert basic_rng.validate(doc), f"{path.name}: {basic_rng.error_log.last_error}"


def test_v3_output_passes_the_tbx_basic_schematron(shared: Path, tmp_path: Path) -> None:
    from schematron import validate

    out = tmp_path / "esf.tbx"
    write_tbx(read_tbx(ESF), out)
    assert validate(shared / "standards" / "TBX-Basic_DCA.sch", out) == []


def test_round_trip_of_real_v3_files_loses_nothing(shared: Path) -> None:
    for path in real_v3_files(shared):
        written = tbx_bytes(read_tbx(path))
        assert body_and_header_facts(written) == body_and_header_facts(path), path.name


def test_writing_what_was_written_gives_identical_bytes(tmp_path: Path) -> None:
    first = tmp_path / "first.tbx"
    write_tbx(read_tbx(ESF), first)
    assert tbx_bytes(read_tbx(first)) == first.read_bytes()


def test_v2_output_is_plain_martif_without_namespace() -> None:
    root = etree.fromstring(tbx_bytes(read_tbx(ESF), version=2))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert not any(isinstance(el.tag, str) and el.tag.startswith("{") for el in root.iter())
    assert root.nsmap == {}
    assert TBX_NS.encode() not in tbx_bytes(read_tbx(ESF), version=2)
    entry = root.find("text/body/termEntry")
    assert entry.get("id") and entry.find("langSet/tig/term").text


def test_v2_output_parses_in_translate_toolkit() -> None:
    tbx = pytest.importorskip("translate.storage.tbx")
    tb = read_tbx(ESF)
    store = tbx.tbxfile.parsestring(tbx_bytes(tb, version=2))
    assert len(store.units) == len(tb)
    by_id = {u.getid(): u for u in store.units}
    esf = tb.concept("c-european-social-fund")
    assert by_id["c-european-social-fund"].source == esf.terms(tb.lang)[0].text


def test_v2_output_reads_back_into_the_same_model() -> None:
    tb = read_tbx(ESF)
    back = TbxReader("v2").termbase(etree.fromstring(tbx_bytes(tb, version=2)))
    added = [e for e in back.extra if e.kind == "encodingDesc"]
    assert back.concepts == tb.concepts and len(added) == 1


def test_foreign_v2_file_converts_to_v3_keeping_its_unknown_categories() -> None:
    tb = read_tbx(FIXTURES / "foreign-v2-iate-like.tbx")
    root = etree.fromstring(tbx_bytes(tb))
    ns = {"t": TBX_NS}
    codes = root.xpath("//t:descrip[@type='reliabilityCode']", namespaces=ns)
    assert [c.text for c in codes] == ["3", "3", "3"]
    assert root.xpath("//t:termSec[t:term='Europski socijalni fond']/t:termNote[@type='grammaticalNumber']/text()",
                      namespaces=ns) == ["singular"]


def test_write_is_atomic_and_leaves_the_old_file_on_error(tmp_path: Path) -> None:
    out = tmp_path / "out.tbx"
    out.write_text("old", encoding="utf-8")
    tb = read_tbx(ESF)
    tb.concepts[-1].extra.append(Extra(kind="note", type=None, text="", xml="<note>unclosed"))
    with pytest.raises(InputError):
        write_tbx(tb, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tbx"]


def test_an_empty_termbase_is_refused_rather_than_written_invalid(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no concepts"):
        write_tbx(Termbase(), tmp_path / "empty.tbx")
    assert not (tmp_path / "empty.tbx").exists()
