
"use strict";
// The review report's behaviour: filters, and the moderator's decisions (kept in localStorage, exported
// as decisions.jsonl). Page data is hostile: it is read from data-* attributes and textContent and only
// ever written back with textContent. The one HTML this script parses is the report's own markup of a
// page's body, which the report builder rendered with every page text escaped, as it renders the rest of
// the file.
//
// Lazy by design, so a report of a thousand pages is quick to open: a page's body (paragraphs, flags,
// sections) waits as a JSON string in a data <script> (the HTML parser only scans a script's text) until
// the page is open and near the screen, or until a search or an export needs its paragraphs; it is then
// parsed into an inert <template>, and moved into the page when the page is built. Its review controls are
// cloned from one <template> at that time, and every control works through one delegated listener.
(() => {
  const $ = (id) => document.getElementById(id);
  const pages = Array.from(document.querySelectorAll("#pages > details.page"));
  const storageKey = "detector-review:v1:" + document.body.dataset.reportId;
  const filters = { verdict: $("f-verdict"), label: $("f-label"), cred: $("f-cred"), search: $("f-search") };
  const haystacks = new Map();
  const labelNames = new Map(Array.from(filters.label.options).filter((o) => o.value).map((o) => [o.value, o.text]));
  let decisions = loadDecisions();

  // -- lazy page bodies ----------------------------------------------------------------------------

  // A page's body, parsed from its JSON string on first need into an inert template (not rendered, no
  // styles, no requests): kept until the page is built.
  const inert = new WeakMap();
  function unbuilt(page) {
    let template = inert.get(page);
    if (!template) {
      const data = page.querySelector("script.page-content");
      template = document.createElement("template");
      template.innerHTML = data ? JSON.parse(data.textContent) : "";
      inert.set(page, template);
    }
    return template;
  }

  // Where a page's paragraphs are: still in its inert template, or in the page once it was built.
  function contentRoot(page) {
    return page.dataset.built ? page : unbuilt(page).content;
  }

  function build(page) {
    if (page.dataset.built) return;
    const template = unbuilt(page);
    const data = page.querySelector("script.page-content");
    if (data) data.replaceWith(template.content);
    inert.delete(page);
    page.dataset.built = "yes";
    prepare(page);
  }

  const observer = "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting && entry.target.open) build(entry.target);
    }, { rootMargin: "1500px 0px" })
    : null;
  // The browser fires "toggle" for each page that starts open: that one is not the moderator opening it.
  const startedOpen = new WeakSet(pages.filter((page) => page.open));

  // -- filters -------------------------------------------------------------------------------------

  function haystack(page) {
    let text = haystacks.get(page);
    if (text === undefined) {
      const parts = [page.dataset.source, page.dataset.title];
      for (const p of contentRoot(page).querySelectorAll(".para-text")) parts.push(p.textContent);
      text = parts.join("\n").toLowerCase();
      haystacks.set(page, text);
    }
    return text;
  }

  function matches(page, verdict, label, maxCred, query) {
    if (verdict === "error" ? page.dataset.error !== "yes" : verdict && page.dataset.verdict !== verdict) return false;
    if (label && !page.dataset.labels.split(" ").includes(label)) return false;
    // a page not scored has no credibility: it is below no threshold, so it shows only while the slider is at 1
    const cred = page.dataset.credibility;
    if (cred === "" ? maxCred < 1 : Number(cred) > maxCred + 1e-9) return false;
    return !query || haystack(page).includes(query);
  }

  function applyFilters() {
    const maxCred = Number(filters.cred.value);
    const query = filters.search.value.trim().toLowerCase();
    let shown = 0;
    for (const page of pages) {
      const ok = matches(page, filters.verdict.value, filters.label.value, maxCred, query);
      page.hidden = !ok;
      shown += ok;
    }
    $("f-cred-value").textContent = maxCred.toFixed(2);
    const counter = $("shown-count");
    counter.textContent = `${shown} of ${pages.length} pages shown`;
    counter.dataset.shown = String(shown);
    counter.dataset.total = String(pages.length);
    $("no-match").hidden = shown > 0;
  }

  let searchTimer = 0;
  filters.search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(applyFilters, 120);
  });
  for (const el of [filters.verdict, filters.label, filters.cred]) el.addEventListener("input", applyFilters);

  // -- decisions -----------------------------------------------------------------------------------

  // Other file:// pages share this storage: keep only well-formed decisions on known labels.
  function loadDecisions() {
    const valid = {};
    let stored = {};
    try {
      stored = JSON.parse(localStorage.getItem(storageKey) || "{}") || {};
    } catch (err) {
      return valid;
    }
    for (const [key, value] of Object.entries(stored)) {
      if (/^\d+:\d+$/.test(key) && value && labelNames.has(value.label) && typeof value.decided_at === "string") {
        valid[key] = { label: value.label, decided_at: value.decided_at };
      }
    }
    return valid;
  }

  function saveDecisions() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(decisions));
    } catch (err) {
      note("Could not save decisions in this browser: " + err.message + ". Export them before closing.");
    }
    $("decision-count").textContent = String(Object.keys(decisions).length);
  }

  function note(text) {
    $("decision-note").textContent = text;
  }

  const paraKey = (para) => para.closest("details.page").dataset.line + ":" + para.dataset.index;
  const labelName = (label) => labelNames.get(label) || label;

  function showDecision(para) {
    const box = para.querySelector(".decision");
    if (!box) return;
    const decision = decisions[paraKey(para)];
    const original = para.dataset.label;
    para.classList.toggle("decided", Boolean(decision));
    box.querySelector("[data-action=undo]").hidden = !decision;
    box.querySelector("select").value = decision ? decision.label : "";
    let status = "";
    if (decision && decision.label === original) status = `Confirmed: ${labelName(original)}`;
    else if (decision) status = `Relabelled: ${labelName(decision.label)} (model said ${labelName(original)})`;
    box.querySelector(".decision-status").textContent = status;
  }

  // The review controls of a built page's flagged paragraphs and sections, from the two templates.
  function prepare(page) {
    if (page.dataset.prepared) return;
    page.dataset.prepared = "yes";
    const template = $("decision-template");
    for (const para of page.querySelectorAll("li.para.flagged")) {
      const box = template.content.firstElementChild.cloneNode(true);
      box.querySelector("[data-action=confirm]").textContent = `Confirm: ${labelName(para.dataset.label)}`;
      // a credible paragraph in doubt is confirmed credible, or relabelled: "Mark credible" would say the same
      if (para.dataset.label === "credible") box.querySelector("[data-action=credible]").remove();
      para.querySelector(".decision-slot").append(box);
      showDecision(para);
    }
    const sectionTemplate = $("section-decision-template");
    for (const slot of page.querySelectorAll(".section-decision-slot")) {
      slot.append(sectionTemplate.content.firstElementChild.cloneNode(true));
    }
    const templateTemplate = $("template-decision-template");
    for (const slot of page.querySelectorAll(".template-decision-slot")) {
      slot.append(templateTemplate.content.firstElementChild.cloneNode(true));
    }
  }

  function decide(para, label) {
    const key = paraKey(para);
    if (label) decisions[key] = { label, decided_at: new Date().toISOString() };
    else delete decisions[key];
    saveDecisions();
    showDecision(para);
    note("");
  }

  const pagesEl = $("pages");
  // A section's decision is its flagged paragraphs' decisions, one each (exported the same way).
  function decideSection(section, action, label) {
    for (const para of section.querySelectorAll("li.para.flagged")) {
      decide(para, action === "confirm" ? para.dataset.label : action === "relabel" ? label : "");
    }
  }

  // A repeated template's decision is the section decision on each of its sections in this report: the
  // pages that hold one are built first (their paragraphs are only then in the page, with their keys).
  function decideTemplate(number, action, label) {
    for (const page of pages) {
      if (!page.dataset.templates.split(" ").includes(number)) continue;
      build(page);
      for (const section of page.querySelectorAll(`li.section[data-template="${number}"]`)) {
        decideSection(section, action, label);
      }
    }
  }

  pagesEl.addEventListener("click", (event) => {
    const templateButton = event.target.closest("button[data-template-action]");
    if (templateButton) {
      decideTemplate(templateButton.closest("li.section").dataset.template, templateButton.dataset.templateAction, "");
      return;
    }
    const sectionButton = event.target.closest("button[data-section-action]");
    if (sectionButton) {
      decideSection(sectionButton.closest("li.section"), sectionButton.dataset.sectionAction, "");
      return;
    }
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const para = button.closest("li.para");
    const action = button.dataset.action;
    decide(para, action === "confirm" ? para.dataset.label : action === "credible" ? "credible" : "");
  });
  pagesEl.addEventListener("change", (event) => {
    const templateSelect = event.target.closest("select[data-template-action=relabel]");
    if (templateSelect) {
      if (templateSelect.value) decideTemplate(templateSelect.closest("li.section").dataset.template, "relabel", templateSelect.value);
      templateSelect.value = "";
      return;
    }
    const sectionSelect = event.target.closest("select[data-section-action=relabel]");
    if (sectionSelect) {
      if (sectionSelect.value) decideSection(sectionSelect.closest("li.section"), "relabel", sectionSelect.value);
      sectionSelect.value = "";
      return;
    }
    const select = event.target.closest("select[data-action=relabel]");
    if (select && select.value) decide(select.closest("li.para"), select.value);
  });
  // A paragraph's "Other evidence", rendered (as text) from its JSON data block the first time it is opened.
  function span(cls, ...children) {
    const el = document.createElement("span");
    if (cls) el.className = cls;
    el.append(...children);
    return el;
  }

  function wrap(tag, text) {
    const el = document.createElement(tag);
    el.textContent = text;
    return el;
  }

  function renderOther(details) {
    if (details.dataset.rendered) return;
    details.dataset.rendered = "yes";
    let flags = [];
    try {
      flags = JSON.parse(details.querySelector("script.flags-data").textContent);
    } catch (err) {
      return;
    }
    const list = details.querySelector("ul.flags");
    for (const [c, s, r, w, m, e] of flags) {
      const flag = { c, s, r, w, m, e };
      const item = document.createElement("li");
      item.className = "flag";
      const chip = span("chip small", labelName(flag.c));
      if (labelNames.has(flag.c)) chip.classList.add("label-" + flag.c);
      const rule = flag.r ? span("flag-rule", "rule ", wrap("code", flag.r)) : span("flag-rule", "classifier");
      const evidence = wrap("q", "");
      evidence.append(wrap("bdi", flag.e));
      item.append(span("flag-stance", flag.s), " ", chip, " ", rule, " ", span("flag-score", flag.w), " ",
        span("flag-reason", wrap("bdi", flag.m)), " ", span("flag-evidence", "Evidence: ", evidence));
      list.append(item);
    }
  }

  pagesEl.addEventListener("toggle", (event) => {
    const page = event.target;
    if (page.matches("details.other-evidence")) {
      if (page.open) renderOther(page);
      return;
    }
    if (!page.matches("details.page")) return;
    if (startedOpen.has(page)) startedOpen.delete(page);
    else if (page.open) build(page);
  }, true);

  // A decided paragraph, wherever it is: in its built page, or still in its page's template.
  function findPara(line, index) {
    const page = $(`page-${line}`);
    return page ? [page, contentRoot(page).querySelector(`#p-${line}-${index}`)] : [null, null];
  }

  function exportRows() {
    const keys = Object.keys(decisions).map((key) => key.split(":").map(Number));
    keys.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const rows = [];
    for (const [line, index] of keys) {
      const [page, para] = findPara(line, index);
      if (!para || !para.classList.contains("flagged")) continue;
      const decision = decisions[`${line}:${index}`];
      rows.push(JSON.stringify({
        source: page.dataset.source,
        index: Number(para.dataset.index),
        text_sha256: para.dataset.textSha256,
        text: para.querySelector(".para-text").textContent,
        label: decision.label,
        original_label: para.dataset.label,
        model_version: page.dataset.modelVersion,
        decided_at: decision.decided_at,
      }));
    }
    return rows;
  }

  $("export-decisions").addEventListener("click", () => {
    const rows = exportRows();
    if (!rows.length) {
      note("No decisions to export yet.");
      return;
    }
    const url = URL.createObjectURL(new Blob([rows.join("\n") + "\n"], { type: "application/x-ndjson" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "decisions.jsonl";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    note(`Exported ${rows.length} decision${rows.length === 1 ? "" : "s"} to decisions.jsonl.`);
  });

  let clearArmed = 0;
  const clearButton = $("clear-decisions");
  clearButton.addEventListener("click", () => {
    const count = Object.keys(decisions).length;
    if (!count) {
      note("There are no decisions to clear.");
      return;
    }
    if (!clearArmed) {
      clearButton.textContent = `Click again to clear ${count} decision${count === 1 ? "" : "s"}`;
      clearArmed = setTimeout(() => { clearArmed = 0; clearButton.textContent = "Clear decisions"; }, 5000);
      return;
    }
    clearTimeout(clearArmed);
    clearArmed = 0;
    clearButton.textContent = "Clear decisions";
    decisions = {};
    saveDecisions();
    for (const para of document.querySelectorAll("li.para.decided")) showDecision(para);
    note(`Cleared ${count} decision${count === 1 ? "" : "s"}.`);
  });

  window.addEventListener("beforeprint", () => {
    for (const page of pages) {
      if (!page.hidden) {
        page.open = true;
        build(page);
      }
    }
  });

  // the first pages are built straight away; the others when they come near the screen, or are opened
  let built = 0;
  for (const page of pages) {
    if (page.open && built < 3) {
      build(page);
      built += 1;
    }
    if (observer) observer.observe(page);
    else if (page.open) build(page);
  }
  $("decision-count").textContent = String(Object.keys(decisions).length);
  applyFilters();
  document.body.dataset.ready = String(performance.now());
})();
