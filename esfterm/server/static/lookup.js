// The esfterm lookup page: one box, keyboard first, plain DOM (no build step, no libraries).
// Every text from the server goes in through textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const box = $("q"), srcSel = $("src"), tgtSel = $("tgt"), statusLine = $("status");
const lists = [$("terms"), $("matches"), $("usage")];
const SENTENCE_WORDS = 4;
let selected = null;
let token = sessionStorage.getItem("esfterm-token") || "";
let asked = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function say(message, isError) {
  statusLine.textContent = message;
  statusLine.classList.toggle("error", Boolean(isError));
}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) url.searchParams.set(key, value);
  const response = await fetch(url, {headers: token ? {Authorization: "Bearer " + token} : {}});
  const data = await response.json().catch(() => ({error: {message: response.statusText}}));
  if (response.status === 401) {
    $("auth").hidden = false;
    $("token").focus();
  }
  if (!response.ok) throw new Error(data.error ? data.error.message : response.statusText);
  return data;
}

function fillLanguages(info) {
  const langs = [...new Set([...info.tm.languages, ...info.termbase.languages])].sort();
  const remembered = JSON.parse(localStorage.getItem("esfterm-langs") || "null");
  const [src, tgt] = remembered || [langs.includes("sv") ? "sv" : langs[0], langs.includes("sl") ? "sl" : langs[1]];
  for (const select of [srcSel, tgtSel]) {
    select.replaceChildren(...langs.map((lang) => el("option", {value: lang, textContent: lang})));
  }
  srcSel.value = langs.includes(src) ? src : langs[0];
  tgtSel.value = langs.includes(tgt) ? tgt : langs[1] || langs[0];
  say(`${info.tm.units} units in the memory (${info.tm.backend}), ${info.termbase.concepts} concepts in the termbase`);
}

// ---------------------------------------------------------------- rendering

function marked(text, spans, className) {
  const out = [];
  let pos = 0;
  for (const [start, end] of spans) {
    out.push(text.slice(pos, start), el("mark", {class: className}, text.slice(start, end)));
    pos = end;
  }
  out.push(text.slice(pos));
  return out;
}

function diffed(pieces) {
  return pieces.map(([op, text, asked]) => {
    if (op === "equal") return text;
    if (op === "insert") return el("ins", {title: "not in your text"}, text);
    if (op === "delete") return el("del", {class: "missing", title: "only in your text"}, asked);
    return el("span", {class: "replaced"}, el("del", {class: "missing", title: "your text"}, asked),
      el("mark", {class: "changed", title: "the memory's text"}, text));
  });
}

function termItem(term) {
  const status = term.status ? el("span", {class: "status status-" + term.status}, term.status) : null;
  const type = term.type && term.type !== "fullForm" ? el("span", {class: "status"}, term.type) : null;
  return el("span", {class: "term" + (term.status === "deprecated" ? " deprecated" : "")},
    el("span", {class: "term-text"}, term.text), status, type);
}

function preferred(terms) {
  return (terms.find((t) => t.status === "preferred") || terms.find((t) => t.status !== "deprecated") || terms[0] || {}).text;
}

function conceptCard(hit, src, tgt) {
  const langs = Object.keys(hit.languages);
  const order = [src, tgt, ...langs.filter((l) => l !== src && l !== tgt)].filter((l) => langs.includes(l));
  const rows = order.map((lang) => {
    const terms = hit.languages[lang].terms;
    const context = terms.map((t) => t.contexts[0]).find(Boolean);
    return el("tr", {class: lang === tgt ? "target" : ""}, el("th", {}, lang),
      el("td", {}, ...terms.map(termItem),
        context ? el("div", {class: "context", title: context.text},
          "“" + context.text + "” — " + (context.source || "")) : null));
  });
  const kind = hit.match === "in-text" ? "in your text: " + hit.matched_term : hit.match + ": " + hit.matched_term;
  const copy = hit.languages[tgt] ? preferred(hit.languages[tgt].terms) : null;
  return el("li", {class: "hit", "data-copy": copy || ""},
    el("div", {class: "head"}, el("span", {class: "concept"}, hit.concept_id),
      el("span", {class: "kind"}, kind), hit.subject_field ? el("span", {class: "subject"}, hit.subject_field) : null),
    hit.definition ? el("p", {class: "definition"}, hit.definition.text) : null,
    el("table", {class: "langs"}, el("tbody", {}, ...rows)));
}

function matchCard(match) {
  return el("li", {class: "match", "data-copy": match.target},
    el("div", {class: "head"}, el("span", {class: "score" + (match.score === 100 ? " exact" : "")}, match.score + "%"),
      el("span", {class: "origin"}, match.origin + (match.tuid ? " · " + match.tuid : ""))),
    el("p", {class: "source", lang: match.source_lang}, ...diffed(match.pieces)),
    el("p", {class: "target", lang: match.target_lang}, match.target));
}

function usageCard(occurrence) {
  return el("li", {class: "usage", "data-copy": occurrence.target},
    el("p", {class: "source", lang: occurrence.source_lang}, ...marked(occurrence.source, occurrence.spans, "term-hit")),
    el("p", {class: "target", lang: occurrence.target_lang}, occurrence.target),
    el("div", {class: "origin"}, occurrence.origin));
}

function show(list, items, empty) {
  list.replaceChildren(...(items.length ? items : empty ? [el("li", {class: "empty"}, empty)] : []));
}

// ---------------------------------------------------------------- searching

async function search() {
  const q = box.value.trim();
  if (!q) return;
  const src = srcSel.value, tgt = tgtSel.value;
  localStorage.setItem("esfterm-langs", JSON.stringify([src, tgt]));
  const sentence = q.split(/\s+/).length >= SENTENCE_WORDS;
  const mine = ++asked;
  say("searching…");
  const lookup = api("/api/lookup", sentence ? {q, lang: src, mode: "text"} : {q, mode: "term"});
  const matches = api("/api/search", {q, src, tgt, min: 50, top: 10});
  const usage = sentence ? Promise.resolve(null) : api("/api/concordance", {q, src, tgt, lemma: true, top: 10});
  const [terms, found, used] = await Promise.allSettled([lookup, matches, usage]);
  if (mine !== asked) return;
  select(null);
  const failed = [terms, found, used].find((r) => r.status === "rejected");
  show($("terms"), terms.status === "fulfilled" ? terms.value.hits.map((h) => conceptCard(h, src, tgt)) : [],
    "No concept in the termbase.");
  show($("matches"), found.status === "fulfilled" ? found.value.matches.map(matchCard) : [],
    `No match of 50% or more (${src} → ${tgt}).`);
  const occurrences = used.status === "fulfilled" && used.value ? used.value.occurrences : [];
  $("usage-title").hidden = !occurrences.length;
  show($("usage"), occurrences.map(usageCard), null);
  if (failed) {
    say(failed.reason.message, true);
  } else {
    const hits = terms.value.hits.length, n = found.value.matches.length;
    say(`${hits} concept${hits === 1 ? "" : "s"}, ${n} TM match${n === 1 ? "" : "es"}` +
      (occurrences.length ? `, used in ${occurrences.length} unit${occurrences.length === 1 ? "" : "s"}` : "") +
      " — ↓ to move through them, c to copy a target");
  }
}

// ---------------------------------------------------------------- keyboard

function items() {
  return lists.flatMap((list) => [...list.querySelectorAll("li:not(.empty)")]);
}

function select(item) {
  if (selected) selected.classList.remove("selected");
  selected = item;
  if (item) {
    item.classList.add("selected");
    item.scrollIntoView({block: "nearest"});
  }
}

function move(step) {
  const all = items();
  if (!all.length) return;
  const at = all.indexOf(selected);
  if (at + step < 0) {
    select(null);
    box.focus();
    return;
  }
  select(all[Math.min(all.length - 1, at + step)]);
  box.blur();
}

async function copySelected() {
  const text = selected && selected.dataset.copy;
  if (!text) {
    say("nothing to copy here: this concept has no term in " + tgtSel.value, true);
    return;
  }
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const area = el("textarea", {value: text});
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  statusLine.dataset.copied = text;
  say("copied: " + text);
}

document.addEventListener("keydown", (event) => {
  const inBox = document.activeElement === box;
  if (event.altKey && event.key.toLowerCase() === "x") {
    event.preventDefault();
    $("swap").click();
  } else if (event.key === "ArrowDown" && (inBox || selected)) {
    event.preventDefault();
    move(1);
  } else if (event.key === "ArrowUp" && selected) {
    event.preventDefault();
    move(-1);
  } else if (inBox || ["INPUT", "SELECT"].includes(document.activeElement.tagName)) {
    return;
  } else if (event.key === "c" && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    copySelected();
  } else if (event.key === "/" || event.key === "Escape") {
    event.preventDefault();
    select(null);
    box.focus();
    box.select();
  }
});

$("search").addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
$("swap").addEventListener("click", () => {
  [srcSel.value, tgtSel.value] = [tgtSel.value, srcSel.value];
  box.focus();
  if (box.value.trim()) search();
});
$("auth").addEventListener("submit", (event) => {
  event.preventDefault();
  token = $("token").value.trim();
  sessionStorage.setItem("esfterm-token", token);
  $("auth").hidden = true;
  start();
});

function start() {
  api("/api/info").then(fillLanguages, (error) => say(error.message, true));
  box.focus();
}
start();
