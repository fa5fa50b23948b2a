"""`esfterm tm import / search / concordance / pretranslate / delete / export`: a thin layer over esfterm.tm."""

from __future__ import annotations

import click

from esfterm.cli.common import (echo_json, fail, format_option, handle_errors, json_option, output_option,
                                progress, tm_option, wait_option)
from esfterm.langs import require_known
from esfterm.tm import TranslationMemory, default_tm_path, export_tm, import_files
from esfterm.tm.concordance import concordance, mark
from esfterm.tm.exchange import EXPORT_FORMATS
from esfterm.tm.fuzzy import highlight
from esfterm.tm.pretranslate import output_paths, pretranslate_files


def _lang(value: str | None, option: str) -> str | None:
    return require_known(value, option=option) if value else None


@click.group("tm")
def tm_group() -> None:
    """Manage and query the translation memory.

    \b
    Example:
      esfterm tm import memory.tmx project.sdlxliff ca.po --src sv --tgt sl
      esfterm tm search "Europeiska socialfonden stöder lokala partnerskap" --src sv --tgt sl
      esfterm tm concordance "lokala partnerskap" --src sv --tgt sl --lemma
      esfterm tm pretranslate locale/sl/LC_MESSAGES/django.po --src en -o django.sl.po
      esfterm tm export -o out.tmx --src sv --tgt sl --since 2024-01-01
    """


@tm_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@tm_option()
@click.option("--src", help="Source language of PO (overrides X-Source-Language; default en) and of TSV "
                            "and XLIFF files that do not say.")
@click.option("--tgt", help="Target language of PO (overrides the header and the path) and of TSV and "
                            "XLIFF files that do not say.")
@click.option("--strict", is_flag=True, help="Refuse the whole import on the first bad unit.")
@click.option("--fuzzy", type=click.Choice(["skip", "flag"]), default="skip", show_default=True,
              help="PO fuzzy entries: leave out, or import flagged (prop x-fuzzy).")
@click.option("--drafts", is_flag=True, help="Also import XLIFF units in a draft/new state.")
@click.option("--document", help="Document name recorded as the units' origin (default: the path as given).")
@wait_option
@json_option
@handle_errors
def import_command(files, tm_path, src, tgt, strict, fuzzy, drafts, document, wait, as_json) -> None:
    """Import TMX, XLIFF (1.0-1.2, 2.0), PO or TSV/CSV files, all or nothing.

    A PO file's language is --tgt, else its Language or Language-Team header, else its path
    (locale/sl/LC_MESSAGES/django.po, sl.po, django-sl.po). A file that is broken (a PO file
    msgfmt would refuse, malformed XML) refuses the whole import, naming the file and line.

    \b
    Example:
      esfterm tm import omegat.tmx trados.sdlxliff locale/sl/LC_MESSAGES/django.po --tm my.sqlite
    """
    path = default_tm_path(tm_path)
    with TranslationMemory(path, wait=wait, on_wait=lambda message: progress(f"esfterm: {message}")) as tm:
        path = tm.path  # as shown: a database URL without its password
        stats = import_files(tm, files, src_lang=_lang(src, "--src"), tgt_lang=_lang(tgt, "--tgt"),
                             strict=strict, fuzzy=fuzzy, drafts=drafts, document=document,
                             on_bad=lambda exc: progress(f"esfterm: warning: skipped unit: {exc}"),
                             on_clean=lambda message: progress(f"esfterm: warning: {message}"),
                             on_warning=lambda message: progress(f"esfterm: warning: {message}"))
        total = len(tm)
    if as_json:
        echo_json({"tm": str(path), "added": stats.added, "merged": stats.merged,
                   "skipped": stats.skipped, "cleaned": stats.cleaned, "drafts": stats.drafts, "units": total,
                   "problems": stats.problems})
        return
    click.echo(f"{path}: {stats.added} units added, {stats.merged} duplicates merged, "
               f"{stats.skipped} bad units skipped, {stats.drafts} drafts left out"
               + (f", {stats.cleaned} cleaned of control characters" if stats.cleaned else "")
               + f"; {total} units in the TM")


@tm_group.command("search")
@click.argument("text")
@click.option("--src", required=True, help="Language of TEXT.")
@click.option("--tgt", required=True, help="Language of the translations wanted.")
@click.option("--min", "min_score", type=click.IntRange(1, 100), default=75, show_default=True,
              help="Lowest match percentage shown.")
@click.option("--top", type=click.IntRange(1, 100), default=5, show_default=True, help="Matches shown.")
@tm_option()
@json_option
@handle_errors
def search_command(text, src, tgt, min_score, top, tm_path, as_json) -> None:
    """Fuzzy matches for TEXT with CAT-style percentages.

    The score is word-level: 100 - the share of words changed, less small penalties
    (case 1, punctuation 1, spacing 1, each other number 2, each tag or placeholder 1);
    100% only for identical text. Each match's source is shown as stored, its
    differences marked [-your words-]{+the match's words+}.

    \b
    Example:
      esfterm tm search "Europeiska socialfonden stöder lokala partnerskap" --src sv --tgt sl
    """
    with TranslationMemory(default_tm_path(tm_path), readonly=True) as tm:
        matches = tm.search(text, require_known(src, option="--src"), require_known(tgt, option="--tgt"),
                            min_score=min_score, limit=top)
    if as_json:
        echo_json([m.to_dict() for m in matches])
        return
    if not matches:
        click.echo(f"no match of {min_score}% or more")
        return
    for m in matches:
        why = ", ".join(f"{name} -{points}" for name, points in m.penalties.items())
        click.echo(f"{m.score:3d}%  {highlight(text, m.source)}")
        click.echo(f"      {m.target}")
        click.echo(f"      ({m.origin}{', tuid ' + m.tuid if m.tuid else ''}"
                   f"{'; words ' + str(m.base) + '%, ' + why if why else ''})")


@tm_group.command("concordance")
@click.argument("phrase")
@click.option("--src", required=True, help="Language of PHRASE (the side searched).")
@click.option("--tgt", required=True, help="Language of the translations shown.")
@click.option("--lemma", is_flag=True, help="Match any inflected form of the phrase's words.")
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True, help="Units shown.")
@tm_option()
@json_option
@handle_errors
def concordance_command(phrase, src, tgt, lemma, top, tm_path, as_json) -> None:
    """Units whose source holds PHRASE (its words in a row, any case), newest first.

    The phrase is marked [[like this]] in the source as stored.

    \b
    Example:
      esfterm tm concordance "lokala partnerskap" --src sv --tgt sl --lemma
    """
    with TranslationMemory(default_tm_path(tm_path), create=False) as tm:
        found = concordance(tm, phrase, require_known(src, option="--src"), require_known(tgt, option="--tgt"),
                            lemma=lemma, limit=top)
    if as_json:
        echo_json([o.to_dict() for o in found])
        return
    if not found:
        click.echo(f"no unit holds {phrase!r}" + ("" if lemma else " (try --lemma for inflected forms)"))
        return
    for o in found:
        click.echo(mark(o.source, o.spans))
        click.echo(f"    {o.target}")
        click.echo(f"    ({o.origin}{', tuid ' + o.tuid if o.tuid else ''})")


@tm_group.command("pretranslate")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@tm_option()
@click.option("--src", help="Source language, for files that do not say (PO: default en).")
@click.option("--tgt", help="Target language, for files that do not say.")
@click.option("--min", "min_score", type=click.IntRange(1, 100), default=75, show_default=True,
              help="Lowest match percentage used.")
@output_option("Pre-translated file (one input).")
@click.option("--output-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for the pre-translated files (paths below the inputs' common folder kept).")
@click.option("--suffix", help="Write each file beside its input, SUFFIX added: django.po -> django.SUFFIX.po.")
@json_option
@handle_errors
def pretranslate_command(files, tm_path, src, tgt, min_score, output, output_dir, suffix, as_json) -> None:
    """Fill the empty targets of PO and XLIFF files from the TM.

    Exact matches are marked translated; fuzzy ones (at or above --min) fuzzy / needs-review,
    with the score in a comment or note. New files are written atomically, and only once
    every input has been read.

    \b
    Example:
      esfterm tm pretranslate django.po --src en --tgt sl -o django.sl.po
      esfterm tm pretranslate locale/*/LC_MESSAGES/*.po --output-dir pretranslated --min 80
    """
    outputs = output_paths(list(files), output, output_dir, suffix)
    with TranslationMemory(default_tm_path(tm_path), create=False) as tm:
        results = pretranslate_files(tm, list(files), outputs, src=_lang(src, "--src"), tgt=_lang(tgt, "--tgt"),
                                     min_score=min_score,
                                     on_file=(lambda f: progress(f"esfterm: pre-translating {f}"))
                                     if len(files) > 1 else None)
    if as_json:
        echo_json([r.as_dict() for r in results])
        return
    for r in results:
        click.echo(f"{r.output}: {r.exact} exact, {r.fuzzy} fuzzy, {r.none} none"
                   f"{f', {r.kept} already translated' if r.kept else ''}"
                   f"{f', {r.skipped} left (inline codes)' if r.skipped else ''} ({r.src} -> {r.tgt})")
    if len(results) > 1:
        click.echo(f"total: {sum(r.exact for r in results)} exact, {sum(r.fuzzy for r in results)} fuzzy, "
                   f"{sum(r.none for r in results)} none in {len(results)} files")


@tm_group.command("delete")
@click.option("--document", help="Delete every unit imported from this document (origin).")
@tm_option()
@json_option
@handle_errors
def delete_command(document, tm_path, as_json) -> None:
    """Delete units from the TM (the fuzzy index follows at once).

    \b
    Example:
      esfterm tm delete --document old-guidelines.tmx
    """
    if not document:
        fail("say what to delete: --document NAME")
    path = default_tm_path(tm_path)
    with TranslationMemory(path, create=False) as tm:
        path = tm.path
        deleted = tm.delete_document(document)
        total = len(tm)
    if as_json:
        echo_json({"tm": str(path), "deleted": deleted, "units": total})
        return
    click.echo(f"{path}: {deleted} units from {document!r} deleted; {total} units in the TM")


@tm_group.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@output_option("File to write (or give it as FILE).")
@tm_option()
@format_option(EXPORT_FORMATS, "tmx", "tmx = TMX 1.4b; po = gettext PO (msgfmt -c clean); xliff = XLIFF 1.2; "
                                      "tsv = two columns.")
@click.option("--src", help="Only units with this source language...")
@click.option("--tgt", help="...and this target language (both variants only).")
@click.option("--document", help="Only units from this document (origin: the imported path as given).")
@click.option("--since", help="Only units changed on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only units changed before this date (YYYY-MM-DD).")
@json_option
@handle_errors
def export_command(file, output, tm_path, fmt, src, tgt, document, since, until, as_json) -> None:
    """Write the TM (or part of it) as TMX 1.4b, TSV, PO or XLIFF 1.2, atomically.

    What a format cannot hold as it is (two translations of one msgid in PO, plural forms
    beyond the language's rule) is fitted and said on the last lines.

    \b
    Example:
      esfterm tm export -o sv-sl.tmx --src sv --tgt sl
      esfterm tm export -o sv-sl.po --format po --src sv --tgt sl
      esfterm tm export sv-sl.xlf --format xliff --src sv --tgt sl
    """
    if file and output and file != output:
        fail(f"two output files given ({file} and {output}): give one, with -o")
    target = output or file
    if not target:
        fail("no output file given (use -o FILE)")
    with TranslationMemory(default_tm_path(tm_path), readonly=True) as tm:
        report = export_tm(tm, target, fmt=fmt, src=_lang(src, "--src"), tgt=_lang(tgt, "--tgt"),
                           document=document, since=since, until=until)
    if as_json:
        echo_json({"output": target, "format": fmt, "written": report.written, "notes": report.notes})
        return
    click.echo(f"{target}: {report.written} units written ({fmt})")
    for note in report.notes:
        click.echo(f"  {note}")


COMMANDS = [tm_group]
