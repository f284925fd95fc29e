/* Hallway's site search: Pagefind behind Material's header search box, and the search page.
 *
 * - Header: results as you type (title, event, speakers, highlighted snippet); "/", "s" or "f"
 *   focus the box as in Material; arrows move through results, Enter opens the first, Esc closes.
 * - Search page (search/): words plus filters with counts; reads and keeps ?q=…&topic=…&speaker=…
 *   in the address, so topic, speaker, event and project pages can link to a pre-filtered search.
 *
 * Paths are computed from this script's own address (assets/hallway/search.js), never from the
 * site root, so the site works under a GitHub Pages project subpath and from a local build.
 * Every text from the index is inserted as text: notes are untrusted.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const siteRoot = new URL("../../", script ? script.src : location.href);
  const FACETS = ["topic", "speaker", "event", "project", "kind", "year"];
  const HEADER_RESULTS = 8;
  const PAGE_SIZE = 10;  // each result's text comes in a bundle of ~16 KB: the first query stays small
  const FACET_SHOWN = 12;

  let pagefindPromise = null;

  /** Pagefind's API, loaded on first use (a few small files; the index comes in chunks later). */
  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (pf) => {
        await pf.options({ baseUrl: siteRoot.pathname, excerptLength: 26 });
        return pf;
      });
      pagefindPromise.catch(() => { pagefindPromise = null; });
    }
    return pagefindPromise;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** Append Pagefind's excerpt (text with <mark> around matches, < and > escaped) as DOM nodes. */
  function appendExcerpt(parent, excerpt) {
    let marked = false;
    for (const part of String(excerpt || "").split(/(<mark>|<\/mark>)/)) {
      if (part === "<mark>") { marked = true; continue; }
      if (part === "</mark>") { marked = false; continue; }
      if (!part) continue;
      const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      parent.appendChild(marked ? el("mark", "", text) : document.createTextNode(text));
    }
  }

  /** An excerpt that starts with the page's title (as with filters only) reads better without it. */
  function withoutTitle(excerpt, title) {
    const text = String(excerpt || "");
    return title && text.startsWith(title) ? text.slice(title.length).replace(/^[.\s]+/, "") : text;
  }

  /** A result's event, speakers and year, read from the filters Pagefind already keeps with each
      result: metadata repeating them cost Pagefind ~130 MB more at 21,000 talks (issue 16). The
      year is left out when the event's name says it ("PyCon AU 2019"). */
  function metaLine(data) {
    const filters = data.filters || {};
    const event = (filters.event || [])[0] || "";
    const year = (filters.year || [])[0] || "";
    const speakers = (filters.speaker || []).join(", ");
    return [event, speakers, year && !event.includes(year) ? year : ""].filter(Boolean).join(" · ");
  }

  function kindOf(data) {
    return ((data.filters || {}).kind || [])[0] || "";
  }

  /** A name folded as hallway/core/kb/names.py's fold() does: case, accents and spacing ignored. */
  function fold(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
      .replace(/\u2019/g, "'").split(/\s+/).filter(Boolean).join(" ");
  }

  function plural(count, one, many) {
    // 12,761 rather than 12761 on an archive; in the page's language.
    return `${count.toLocaleString(document.documentElement.lang || undefined)} ${count === 1 ? one : many}`;
  }

  /* ---- Header search box ---------------------------------------------------------------- */

  // Material Design Icons "arrow-left" and "close" (Apache-2.0), as Material's header draws them.
  const ARROW = "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z";
  const CLOSE = "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z";
  const icon = (path) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${path}"/></svg>`;

  /** The dialog's inside, Material's search markup: built here rather than sent with every page. */
  function buildHeaderBox(box, searchPage) {
    if (box.querySelector("[data-hw-search-input]")) return;
    const magnifier = document.querySelector('label[for="__search"] svg');
    box.innerHTML = `<label class="md-search__overlay" for="__search"></label>
<div class="md-search__inner" role="search" aria-label="Quick search">
<form class="md-search__form" name="search" method="get">
<input type="text" class="md-search__input" name="q" aria-label="Search talks" placeholder="Search talks"
 autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" required
 aria-controls="hw-search-results" aria-keyshortcuts="/ s f" data-hw-search-input>
<label class="md-search__icon md-icon" for="__search">${icon(ARROW)}</label>
<nav class="md-search__options" aria-label="Search options">
<button type="reset" class="md-search__icon md-icon" title="Clear" aria-label="Clear" tabindex="-1">${icon(CLOSE)}</button>
</nav>
</form>
<div class="md-search__output">
<div class="md-search__scrollwrap" tabindex="0">
<div class="md-search-result" aria-live="polite">
<div class="md-search-result__meta" data-hw-search-meta>Type to search talks, speakers, topics…</div>
<ol class="md-search-result__list" id="hw-search-results" role="presentation" data-hw-search-list></ol>
<a class="hw-search-all" data-hw-search-all hidden>All results, with filters →</a>
</div>
</div>
</div>
</div>`;
    box.querySelector("form").action = searchPage.href;
    box.querySelector("[data-hw-search-all]").href = searchPage.href;
    if (magnifier) box.querySelector(".md-search__icon").prepend(magnifier.cloneNode(true));
  }

  function setupHeader() {
    const box = document.querySelector("[data-hw-search]");
    if (!box) return;
    buildHeaderBox(box, new URL(box.getAttribute("data-hw-search-page"), location.href));
    const input = box.querySelector("[data-hw-search-input]");
    const list = box.querySelector("[data-hw-search-list]");
    const meta = box.querySelector("[data-hw-search-meta]");
    const all = box.querySelector("[data-hw-search-all]");
    const toggle = document.getElementById("__search");
    const searchPage = new URL(box.getAttribute("data-hw-search-page"), location.href);
    const idle = meta.textContent;
    let sequence = 0;

    const isOpen = () => Boolean(toggle && toggle.checked);
    const open = () => { if (toggle) toggle.checked = true; };
    const close = () => {
      if (toggle) toggle.checked = false;
      if (box.contains(document.activeElement)) document.activeElement.blur();
    };

    input.addEventListener("focus", () => { open(); pagefind(); });
    if (toggle) {
      toggle.addEventListener("change", () => {
        if (toggle.checked) input.focus();
      });
    }

    async function run() {
      const mine = ++sequence;
      const term = input.value.trim();
      if (!term) {
        list.replaceChildren();
        delete list.dataset.query;
        meta.textContent = idle;
        all.hidden = true;
        return;
      }
      let search;
      try {
        const pf = await pagefind();
        search = await pf.debouncedSearch(term, {}, 120);
      } catch (err) {
        meta.textContent = "Search is not available (the search index did not load).";
        return;
      }
      if (search === null || mine !== sequence) return;
      const datas = await Promise.all(search.results.slice(0, HEADER_RESULTS).map((r) => r.data()));
      if (mine !== sequence) return;
      const total = search.results.length;
      meta.textContent = total ? plural(total, "matching note", "matching notes") : "No matching notes";
      list.replaceChildren(...datas.map(headerItem));
      list.dataset.query = term;
      const url = new URL(searchPage);
      url.searchParams.set("q", term);
      all.href = url.href;
      all.textContent = total > HEADER_RESULTS ? `All ${total} results, with filters →` : "Filter these results →";
      all.hidden = total === 0;
    }

    function headerItem(data) {
      const item = el("li", "md-search-result__item");
      const link = el("a", "md-search-result__link");
      link.href = data.url;
      const article = el("article", "md-search-result__article md-typeset");
      article.appendChild(el("div", "md-search-result__icon md-icon"));
      article.appendChild(el("h1", "", (data.meta && data.meta.title) || data.url));
      const line = metaLine(data);
      if (line) article.appendChild(el("p", "hw-search-meta", line));
      const excerpt = el("p", "hw-search-excerpt");
      appendExcerpt(excerpt, data.excerpt);
      article.appendChild(excerpt);
      link.appendChild(article);
      item.appendChild(link);
      return item;
    }

    input.addEventListener("input", run);
    input.form.addEventListener("reset", () => setTimeout(() => { run(); input.focus(); }, 0));
    input.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = list.querySelector("a");
      if (first) location.href = first.href;
      else if (input.value.trim()) location.href = all.href;
    });

    const targets = () => [input, ...list.querySelectorAll("a"), ...(all.hidden ? [] : [all])];

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isOpen() && box.contains(document.activeElement)) {
        if (event.key === "Escape") {
          event.preventDefault();
          close();
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          const items = targets();
          const at = items.indexOf(document.activeElement);
          const next = event.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
          items[next].focus();
        }
        return;
      }
      const target = event.target;
      const typing = target instanceof HTMLElement &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        input.focus();
        input.select();
      } else if (event.key === "Escape" && isOpen()) {
        close();
      }
    });
  }

  /* ---- Search page ------------------------------------------------------------------------ */

  function setupPage() {
    const app = document.querySelector("[data-hw-search-app]");
    if (!app || app.dataset.ready) return;
    app.dataset.ready = "yes";
    const form = app.querySelector("[data-hw-app-form]");
    const input = app.querySelector("[data-hw-app-input]");
    const status = app.querySelector("[data-hw-app-status]");
    const results = app.querySelector("[data-hw-app-results]");
    const more = app.querySelector("[data-hw-app-more]");
    const facetBoxes = Object.fromEntries(FACETS.map((name) => [name, app.querySelector(`[data-hw-facet="${name}"]`)]));
    const expanded = new Set();
    const params = new URLSearchParams(location.search);
    const state = { q: params.get("q") || "", filters: {} };
    // A filter with thousands of values (13,000 speakers) or notes is a large download: its counts
    // load when the reader asks for them or filters by it (issue 16: the first query stays under 1 MB).
    const lazy = new Set((app.dataset.hwLazyFacets || "").split(" ").filter(Boolean));
    const loaded = new Set(FACETS.filter((name) => !lazy.has(name)));
    const namesNode = app.querySelector("[data-hw-filter-names]");
    let names = {};
    try { names = namesNode ? JSON.parse(namesNode.textContent) : {}; } catch (err) { names = {}; }
    // ?topic=legacy-systems, ?topic=Legacy%20systems and an alias all mean the same filter value.
    const known = (name, value) => (names[name] || {})[fold(value)] || value;
    /** The filters in the address; on a large site their names come from search/names/<filter>.json. */
    async function readFilters() {
      const src = app.dataset.hwFilterNamesSrc;
      if (src) {
        const asked = FACETS.filter((name) => params.getAll(name).some(Boolean));
        await Promise.all(asked.map((name) => fetch(new URL(`${name}.json`, new URL(src, location.href)))
          .then((response) => (response.ok ? response.json() : {}))
          .catch(() => ({}))
          .then((map) => { names[name] = map; })));
      }
      for (const name of FACETS) {
        const values = [...new Set(params.getAll(name).filter(Boolean).map((value) => known(name, value)))];
        if (values.length) state.filters[name] = values;
      }
    }
    input.value = state.q;
    let sequence = 0;
    let pending = [];
    const facetsBox = app.querySelector("[data-hw-facets]");
    const facetsToggle = app.querySelector("[data-hw-facets-toggle]");
    facetsToggle.addEventListener("click", () => {
      const open = facetsToggle.getAttribute("aria-expanded") !== "true";
      facetsToggle.setAttribute("aria-expanded", String(open));
      facetsBox.classList.toggle("hw-facets--open", open);
    });

    function labelToggle() {
      const chosen = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
      facetsToggle.textContent = chosen ? `Filters (${chosen} chosen)` : "Filters";
    }

    function syncAddress() {
      const url = new URL(location.href);
      url.search = "";
      if (state.q) url.searchParams.set("q", state.q);
      for (const [name, values] of Object.entries(state.filters)) {
        for (const value of values) url.searchParams.append(name, value);
      }
      history.replaceState(null, "", url.href);
    }

    function pagefindFilters(except) {
      const filters = {};
      for (const [name, values] of Object.entries(state.filters)) {
        if (name !== except && values.length) filters[name] = { any: values };
      }
      return filters;
    }

    async function run() {
      const mine = ++sequence;
      syncAddress();
      labelToggle();
      let pf;
      try {
        pf = await pagefind();
      } catch (err) {
        status.textContent = "Search is not available: the search index did not load.";
        return;
      }
      const term = state.q.trim() || null;
      const filtered = Object.keys(state.filters).length > 0;
      for (const name of Object.keys(state.filters)) loaded.add(name);
      // Loads the chosen filters' values once; searches then count each of them, used or not.
      await pf.preload(null, { filters: Object.fromEntries([...loaded].map((name) => [name, ""])) });
      let counts;
      let found = [];
      let message;
      if (!term && !filtered) {
        counts = (await pf.search(null, {})).filters;
        if (mine !== sequence) return;
        message = "Type some words, or choose a topic, speaker, event, project, kind or year.";
      } else {
        const options = { filters: pagefindFilters(null) };
        if (!term) options.sort = { date: "desc" };
        const search = await pf.search(term, options);
        if (mine !== sequence) return;
        found = search.results;
        counts = Object.assign({}, search.filters);
        // A facet's own counts ignore its own selection, so other values can still be added (OR).
        for (const name of Object.keys(state.filters)) {
          const others = await pf.search(term, { filters: pagefindFilters(name) });
          counts[name] = (others.filters || {})[name] || {};
        }
        message = found.length ? plural(found.length, "matching note", "matching notes")
          : "No notes match. Try fewer words or remove a filter.";
      }
      if (mine !== sequence) return;
      renderFacets(counts || {});
      results.replaceChildren();
      pending = found;
      await showMore(mine);
      // Said once the first results are drawn, so the count and the list always agree.
      if (mine === sequence) status.textContent = message;
    }

    async function showMore(mine) {
      const batch = pending.slice(0, PAGE_SIZE);
      pending = pending.slice(PAGE_SIZE);
      const datas = await Promise.all(batch.map((r) => r.data()));
      if (mine !== sequence) return;
      results.append(...datas.map(pageItem));
      more.hidden = pending.length === 0;
    }

    function pageItem(data) {
      const item = el("li", "hw-result");
      const link = el("a", "hw-result__title", (data.meta && data.meta.title) || data.url);
      link.href = data.url;
      item.appendChild(link);
      const kind = kindOf(data);
      if (kind && kind !== "Talk") item.appendChild(el("span", "hw-kind", kind));
      const line = metaLine(data);
      if (line) item.appendChild(el("div", "hw-result__meta", line));
      const excerpt = el("p", "hw-result__excerpt");
      appendExcerpt(excerpt, withoutTitle(data.excerpt, link.textContent));
      item.appendChild(excerpt);
      return item;
    }

    function renderFacets(counts) {
      for (const name of FACETS) {
        const box = facetBoxes[name];
        if (!box) continue;
        const button = box.querySelector(".hw-facet__more");
        if (!loaded.has(name)) {
          box.querySelector("ul").replaceChildren();
          button.hidden = false;
          button.textContent = `Show ${box.querySelector("legend").textContent.toLowerCase()}`;
          button.onclick = () => { loaded.add(name); run(); };
          box.hidden = false;
          continue;
        }
        const selected = state.filters[name] || [];
        const values = Object.entries(counts[name] || {}).filter(([value, count]) => count > 0 || selected.includes(value));
        for (const value of selected) {
          if (!values.some(([v]) => v === value)) values.push([value, 0]);
        }
        values.sort(name === "year"
          ? (a, b) => b[0].localeCompare(a[0])
          : (a, b) => (b[1] - a[1]) || a[0].localeCompare(b[0]));
        const shownAll = expanded.has(name) || values.length <= FACET_SHOWN + 2;
        const shown = shownAll ? values
          : values.filter(([value], index) => index < FACET_SHOWN || selected.includes(value));
        const list = box.querySelector("ul");
        list.replaceChildren(...shown.map(([value, count]) => facetItem(name, value, count, selected.includes(value))));
        button.hidden = shownAll;
        button.textContent = `Show all ${values.length}`;
        button.onclick = () => { expanded.add(name); renderFacets(counts); };
        box.hidden = values.length === 0;
      }
    }

    function facetItem(name, value, count, checked) {
      const item = el("li", "hw-facet__value");
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.name = name;
      box.value = value;
      box.checked = checked;
      box.addEventListener("change", () => {
        const values = new Set(state.filters[name] || []);
        if (box.checked) values.add(value); else values.delete(value);
        if (values.size) state.filters[name] = [...values]; else delete state.filters[name];
        run();
      });
      label.append(box, " ", value, " ", el("span", "hw-count", String(count)));
      item.appendChild(label);
      return item;
    }

    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.q = input.value; run(); }, 150);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      state.q = input.value;
      run();
    });
    more.addEventListener("click", () => showMore(sequence));
    readFilters().then(run);
  }

  setupHeader();
  // With Material's instant navigation, pages arrive without a reload: document$ announces each.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => setupPage());
  } else {
    setupPage();
  }
})();
