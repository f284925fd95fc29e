/* Link previews: hovering or focusing a link to a talk, write-up, speaker, event, project or topic
   in a page's content shows its title, speakers, event, date and summary. The facts come from
   previews/<folder>[/<n>].json, written by the build (hallway/core/publish/previews.py) and fetched only
   when first needed. Everything is plain text put in with textContent: nothing a note says is ever
   parsed as HTML here. Escape closes the preview. On touch screens a tap follows the link as usual;
   only a long press shows the preview. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var root = new URL("../../", script.src);  // the site's root: this file is assets/hallway/
  var FOLDERS = { talks: 1, posts: 1, speakers: 1, events: 1, projects: 1, topics: 1 };
  var SHARDS = { talks: 64, speakers: 32, topics: 8, projects: 8 };  // as SHARDS in previews.py
  var HOVER_DELAY = 350, HIDE_DELAY = 200, LONG_PRESS = 500;
  var shards = {};
  var box = null, current = null, showTimer = 0, hideTimer = 0, pressTimer = 0, lastTouch = 0;

  function target(link) {
    var href = link.getAttribute("href");
    if (!href || href.charAt(0) === "#") return null;
    var url;
    try { url = new URL(href, document.baseURI); } catch (err) { return null; }
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    var path = decodeURIComponent(url.pathname.slice(root.pathname.length));
    var parts = path.split("/");
    if (!FOLDERS[parts[0]] || parts.length < 2 || !parts[1] || parts[1] === "index.html") return null;
    if (url.pathname === window.location.pathname) return null;  // a link to this very page
    var buckets = SHARDS[parts[0]] || 1;
    var shard = buckets > 1 ? parts[0] + "/" + bucket(parts[1], buckets) : parts[0];
    return { key: path, shard: shard };
  }

  /* The file a page's preview is in: as shard_of() in hallway/core/publish/previews.py. */
  function bucket(name, buckets) {
    var value = 0;
    for (var i = 0; i < name.length; i++) value = (value * 31 + name.charCodeAt(i)) >>> 0;
    return value % buckets;
  }

  function load(shard) {
    if (!shards[shard]) {
      shards[shard] = fetch(new URL("previews/" + shard + ".json", root)).then(function (response) {
        return response.ok ? response.json() : {};
      }).catch(function () { return {}; });
    }
    return shards[shard];
  }

  function line(parent, css, text) {
    if (!text) return;
    var element = document.createElement("div");
    element.className = css;
    element.textContent = text;
    parent.appendChild(element);
  }

  function ensureBox() {
    if (box) return box;
    box = document.createElement("div");
    box.id = "hw-preview";
    box.className = "hw-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(box);
    return box;
  }

  function show(link) {
    var found = target(link);
    if (!found) return;
    current = link;
    load(found.shard).then(function (items) {
      var item = items[found.key];
      if (!item || current !== link) return;
      var element = ensureBox();
      element.textContent = "";
      line(element, "hw-preview__kind", item.k);
      line(element, "hw-preview__title", item.t);
      line(element, "hw-preview__meta", [item.s, item.e, item.d].filter(Boolean).join(" · "));
      line(element, "hw-preview__summary", item.u);
      element.hidden = false;
      var rect = link.getBoundingClientRect();
      var width = Math.min(360, document.documentElement.clientWidth - 16);
      element.style.maxWidth = width + "px";
      var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
      var below = rect.bottom + 6;
      var top = below + element.offsetHeight > window.innerHeight && rect.top > element.offsetHeight + 6
        ? rect.top - element.offsetHeight - 6 : below;
      element.style.left = (left + window.scrollX) + "px";
      element.style.top = (top + window.scrollY) + "px";
      link.setAttribute("aria-describedby", "hw-preview");
    });
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (box) box.hidden = true;
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function linkIn(event) {
    var element = event.target;
    if (!element || !element.closest) return null;
    var link = element.closest("a[href]");
    return link && link.closest(".md-content") && !link.closest(".hw-preview") ? link : null;
  }

  document.addEventListener("mouseover", function (event) {
    if (Date.now() - lastTouch < 1000) return;  // a tap's emulated mouse events: no preview
    var link = linkIn(event);
    if (!link || link === current) { if (link) clearTimeout(hideTimer); return; }
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    showTimer = setTimeout(function () { show(link); }, HOVER_DELAY);
  });
  document.addEventListener("mouseout", function (event) {
    if (linkIn(event)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = linkIn(event);
    if (link) { clearTimeout(hideTimer); show(link); }
  });
  document.addEventListener("focusout", function (event) {
    if (linkIn(event)) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && box && !box.hidden) hide();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType !== "touch") return;
    lastTouch = Date.now();
    hide();
    var link = linkIn(event);
    if (link) pressTimer = setTimeout(function () { show(link); }, LONG_PRESS);
  });
  ["pointerup", "pointercancel"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (event.pointerType === "touch") { lastTouch = Date.now(); clearTimeout(pressTimer); }
    });
  });
  document.addEventListener("contextmenu", function (event) {
    if (current && box && !box.hidden && Date.now() - lastTouch < 1000) event.preventDefault();
  });
})();
