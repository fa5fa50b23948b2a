"""Every file in ../shared/interop-samples is imported (the hostile ones refused cleanly), and what
is read is asserted text for text (large files: count, first and last unit)."""

from __future__ import annotations

import csv

import pytest

from esfterm.errors import InputError
from esfterm.formats.detect import read_units
from esfterm.formats.termfile import read_termbase
from esfterm.tm import TranslationMemory, export_tm, import_files

#: Every unit's (language, text) pairs as read, in file order.
TEXTS = {
    "po/evolution-ca-obsolete-previous-msgid-fuzzy.po": [
        [('en', 'This address book could not be opened.'), ('ca', "No s'ha pogut obrir aquesta llibreta d'adreces.")],
    ],
    "po/msgctxt-plural-same-msgid-diff-context.po": [
        [('en', 'some string'), ('fr', 'une chaîne avec contexte')],
        [('en', 'singular'), ('fr', 'singulier')],
        [('en', 'some string'), ('fr', 'une chaîne sans contexte')],
    ],
    "tmx/heartsome-tmserver-utf16le-bom-declared-UTF-16LE-no-version.tmx": [
        [('en-US', ' status="show" showtext="[Show Source]" hidetext="[Hide Source]"&gt;'), ('zh', '显示源代码显示源代码]" hidetext="[隐藏源代码]"&gt;')],
        [('en-US', '&lt;syntaxhighlight lang="java"&gt;'), ('zh', '&lt;syntaxhighlight lang="java"&gt;')],
    ],
    "tmx/lisa-kit-ImportTest1A-utf16le-crlf-charref-whitespace.tmx": [
        [('en-US', 'First segment with [\t\t   ]'), ('fr-CA', 'Premier segment avec [\t\t   ]')],
        [('en-US', 'Second segment with [  \t\t]'), ('fr-CA', 'Second segment avec [  \t\t]')],
    ],
    "tmx/lisa-kit-ImportTest2A-utf16le-bpt-ept-it-ph-hi.tmx": [
        [('en-US', 'The big black cat sleeps.'), ('fr-CA', 'Le gros chat noir dors.')],
        [('en-US', 'Test for special characters = <=lt, >=gt, &=amp, "=quot.'), ('fr-CA', 'Test pour caractères spéciaux = <=lt, >=gt, &=amp, "=quot.')],
        [('en-US', 'Nested formatting = Bold+Italic+Underlined, Bold+Italic, Bold.'), ('fr-CA', 'Format en gigogne = gras+italique+souligné, gras+italique, gras.')],
        [('en-US', 'First sentence.'), ('fr-CA', 'Première phrase.')],
        [('en-US', 'Second sentence.'), ('fr-CA', 'Seconde phrase.')],
        [('en-US', 'Picture: '), ('fr-CA', 'Image: ')],
        [('fr-CA', 'Du texte avec une portion délimitée.'), ('en-US', 'Some text with a part highlighted.')],
    ],
    "tmx/omegat-2.1.3-tmx11-mixed-lang-and-xmllang.tmx": [
        [('en', 'entuv'), ('be', 'betuv')],
        [('en', 'First part'), ('en-US', 'lang1'), ('be', 'tr1')],
        [('en', 'lang2'), ('es', 'lang2z'), ('be', 'tr2')],
        [('en-GB', 'lang3'), ('es', 'lang3z'), ('be', 'tr3')],
    ],
    "tmx/omegat-6.1-project_save-tuv-attrs-comments.tmx": [
        [('en', 'Apertium'), ('fr', 'Apertium')],
        [('en', 'Birds in Oregon'), ('fr', 'Birds in Oregon')],
        [('en', 'Connect to custom server {0} instead of apertium.org'), ('fr', 'Connectez-vous à un serveur personnalisé au lieu de apertium.org')],
        [('en', 'Error while reading MT results'), ('fr', 'Erreur lors de la lecture des résultats de TA')],
        [('en', 'Error {0}: {1}'), ('fr', 'Error {0}: {1}')],
    ],
    "tmx/trados-tw4win-ed7-utf16le-rtf-header-props.tmx": [
        [('en-US', 'start &lt; of &lt; body text'), ('fr-FR', 'stXrt &lt; Xf &lt; bXdy tXxt')],
        [('en-US', 'First header tag'), ('fr-FR', 'FXrst hXader tXg')],
        [('en-US', 'Second paragraph tag'), ('fr-FR', 'SXcXnd pXrXgrXph tXg')],
        [('en-US', 'To view this click This is a link here'), ('fr-FR', 'TX vXXw thXs clXck ThXs Xs X lXnk hXrX')],
        [('en-US', 'This is a link to Page 1'), ('fr-FR', 'ThXs Xs X lXnk tX PXgX 1')],
        [('en-US', 'This text is a link to a page on this Web site.'), ('fr-FR', 'ThXs tXxt Xs X lXnk tX X pXge Xn thXs WXb sXtX.')],
        [('en-US', 'This isa paragraph with line breaks'), ('fr-FR', 'ThXs XsX pXrXgrXph wXth lXne brXXks')],
        [('en-US', 'You can also use an Image as a link:'), ('fr-FR', 'YXX cXn XlsX XsX Xn XmXge Xs X lXnk:')],
        [('en-US', 'end of © body &amp; text'), ('fr-FR', 'Xnd Xf © bXdy &amp; tXxt')],
        [('en-US', 'Before  After.'), ('fr-FR', 'Fore  efter.')],
        [('en-US', 'Alfa beta zeta.'), ('fr-FR', 'Alfx betx ze\\tx')],
    ],
    "xliff/memoq-xliff12-mq-status-bpt-ept.xlf": [
        [('en', ''), ('fr', '')],
    ],
    "xliff/trados-studio-sdlxliff-seg-defs-conf-locked.sdlxliff": [
        [('en-US', 'First sentence.'), ('fr-FR', 'Première phrase')],
        [('en-US', 'Second longer sentence.'), ('fr-FR', 'Seconde phrase, plus longue.')],
        [('en-US', 'Followed by a third one.'), ('fr-FR', 'Et ensuite une troisième.')],
        [('en-US', 'Modify. '), ('fr-FR', 'Modifier ')],
        [('en-US', 'And CM match.'), ('fr-FR', 'Et match CM.')],
    ],
}
#: Large files: unit count, first and last unit.
LARGE = {
    "xliff/openxliff-xliff20-state-final-skeleton-mda.xlf": (
        35, [("en", "Reload with DTD"), ("es", "Recargar con DTD")],
        [("en", "Selected file is valid TMX"), ("es", "El archivo seleccionado es TMX válido")]),
}
#: Languages a file does not state, given as a translator would.
LANGS = {"po/msgctxt-plural-same-msgid-diff-context.po": {"tgt_lang": "fr"}}
#: Units that tm import leaves out by default: XLIFF drafts (memoQ NotStarted, SDL Draft).
DRAFTS = {"xliff/memoq-xliff12-mq-status-bpt-ept.xlf": 1,
          "xliff/trados-studio-sdlxliff-seg-defs-conf-locked.sdlxliff": 1}  # conf=Draft
TERMBASES = {"tbx/criti-tbx-basic-v3-dca-converted.tbx": 25, "tbx/ibm-sample-tbx2-martif-ntig-admin.tbx": 5,
             "tbx/tbx3-min-dca-bom.tbx": 45}
HOSTILE = {"hostile/billion-laughs-xmlbomb.xml": r"billion-laughs-xmlbomb.xml:2: refused: the DTD declares entities",
           "hostile/xxe-external-http-entity.xml": r"xxe-external-http-entity.xml:2: refused: the DTD declares entities",
           "hostile/empty-zero-bytes.tmx": r"empty-zero-bytes.tmx: file is empty"}


def manifest_files(shared) -> list[str]:
    with open(shared / "interop-samples" / "MANIFEST.tsv", encoding="utf-8") as fh:
        return [row["file"] for row in csv.DictReader(fh, delimiter="\t")]


def test_every_sample_is_covered_here(shared):
    on_disk = {str(p.relative_to(shared / "interop-samples")) for p in (shared / "interop-samples").rglob("*")
               if p.is_file() and p.name != "MANIFEST.tsv"}
    assert on_disk == set(manifest_files(shared)) == set(TEXTS) | set(LARGE) | set(TERMBASES) | set(HOSTILE)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_translation_samples_read_text_for_text(shared, name):
    units = list(read_units(shared / "interop-samples" / name, **LANGS.get(name, {})))
    assert [[(v.lang, v.text) for v in u.variants] for u in units] == TEXTS[name]


@pytest.mark.parametrize("name", sorted(LARGE))
def test_large_samples_read_count_first_and_last(shared, name):
    units = list(read_units(shared / "interop-samples" / name))
    count, first, last = LARGE[name]
    assert (len(units), [(v.lang, v.text) for v in units[0].variants],
            [(v.lang, v.text) for v in units[-1].variants]) == (count, first, last)


@pytest.mark.parametrize("name", sorted(set(TEXTS) | set(LARGE)))
def test_translation_samples_import_into_the_tm_and_export_back(shared, tmp_path, name):
    count = len(TEXTS[name]) if name in TEXTS else LARGE[name][0]
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        stats = import_files(tm, [shared / "interop-samples" / name], **LANGS.get(name, {}))
        assert (stats.added + stats.merged, stats.drafts, stats.skipped) == (count - DRAFTS.get(name, 0),
                                                                            DRAFTS.get(name, 0), 0)
        assert {u.origin for u in tm.iter_units()} <= {str(shared / "interop-samples" / name)}
        assert export_tm(tm, tmp_path / "out.tmx").written == len(tm)


@pytest.mark.parametrize("name", sorted(TERMBASES))
def test_termbase_samples_read(shared, name):
    assert len(read_termbase(shared / "interop-samples" / name)) == TERMBASES[name]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_samples_are_refused_cleanly_and_import_nothing(shared, tmp_path, name):
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        with pytest.raises(InputError, match=HOSTILE[name]):
            import_files(tm, [shared / "interop-samples" / name])
        assert len(tm) == 0
