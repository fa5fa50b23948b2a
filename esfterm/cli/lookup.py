"""`esfterm lookup TERM`: the concepts a term names, in every language (thin layer over esfterm.terms)."""

from __future__ import annotations

import click

from esfterm.cli.common import EXIT_FINDINGS, echo_json, handle_errors, json_option, termbase_option
from esfterm.langs import primary, require_known
from esfterm.terms import guess_query_lang, load_index, lookup
from esfterm.terms.render import hit_dict, hit_text


def split_langs(values: tuple[str, ...], option: str) -> list[str] | None:
    """'--to sl,lt --to sv' -> ['sl', 'lt', 'sv'] (checked); None when not given."""
    langs = [require_known(part, option=option) for v in values for part in v.split(",") if part.strip()]
    return [primary(lang) for lang in langs] or None


@click.command("lookup")
@click.argument("term")
@click.option("--lang", "lang", metavar="L", help="Language of TERM (guessed when absent).")
@click.option("--to", "to", multiple=True, metavar="L,L", help="Languages to show (default: all).")
@termbase_option("TBX (v3 or v2), TSV or CSV termbase (default: the ESF termbase shipped with esfterm).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="At most this many concepts.")
@json_option
@handle_errors
def lookup_command(term: str, lang: str | None, to: tuple[str, ...], termbase: str | None,
                   limit: int, as_json: bool) -> None:
    """Find the concept(s) for TERM in any language and any form, shown in every language.

    Matches exact text (any case), inflected forms (each word of a multiword term may be
    inflected), acronyms with case endings (ESS-a, ESF:s), then part of a longer term, then
    typos ("did you mean"). Exit 1 when nothing is found, 2 for bad input.

    \b
    Examples:
      esfterm lookup "socialinių inovacijų"
      esfterm lookup ESF --to sl
      esfterm lookup "europeiska socialfonden" --json
    """
    targets = split_langs(to, "--to")
    index = load_index(termbase)
    hits = lookup(term, lang=lang, to=targets, termbase=index, limit=limit)
    query_lang = primary(require_known(lang)) if lang else guess_query_lang(term, hits)
    if as_json:
        echo_json({"query": term, "query_lang": query_lang, "lang_guessed": lang is None,
                   "hits": [hit_dict(h, targets) for h in hits]})
    elif hits:
        if query_lang:
            about = f"query language {query_lang}{' (guessed)' if lang is None else ''}"
        else:
            about = "query matches terms in " + ", ".join(dict.fromkeys(x for h in hits for x in h.langs))
        if hits[0].kind == "fuzzy":
            click.echo(f"No exact or inflected match for {term!r}. Did you mean:")
        else:
            click.echo(f"{len(hits)} concept(s) for {term!r}; {about}:")
        for hit in hits:
            click.echo("")
            click.echo(hit_text(hit, targets))
    else:
        click.echo(f"No concept found for {term!r}.", err=True)
    if not hits:
        raise SystemExit(EXIT_FINDINGS)


COMMANDS = [lookup_command]
