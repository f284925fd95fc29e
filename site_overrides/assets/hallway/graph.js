/* The whole-graph page (graph/): draws graph.json, laid out by the build
   (hallway/core/publish/graph_data.py), with the vendored graphology and sigma (WebGL).
   Filters by kind and by event or series; a node click opens its page. The list under the graph
   has the same links for keyboards and screen readers. Text goes in with textContent only. */
(function () {
  "use strict";
  var root = document.getElementById("hw-graph");
  if (!root) return;
  var stage = root.querySelector(".hw-graph-canvas");
  var status = root.querySelector(".hw-graph-status");
  var list = root.querySelector(".hw-graph-list ul");
  var more = root.querySelector(".hw-graph-list .hw-graph-more");
  var LIST_LIMIT = 300;

  function fail(message) {
    status.textContent = "The graph could not be drawn: " + message +
      ". The lists of talks, speakers, events, projects and topics have every link.";
  }
  if (!window.Sigma || !window.graphology) { fail("its scripts did not load"); return; }

  fetch(root.getAttribute("data-src")).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }).then(draw).catch(function (err) { fail(err.message); });

  function colour(name, fallback) {
    var value = getComputedStyle(root).getPropertyValue(name).trim();
    return value || fallback;
  }

  function draw(data) {
    var base = new URL(root.getAttribute("data-base").replace(/\/?$/, "/"), document.baseURI).href;
    var palette = data.kinds.map(function (kind) { return colour("--hw-graph-" + kind, "#888"); });
    var edgeColour = colour("--hw-graph-edge", "#ccc");
    var graph = new window.graphology.UndirectedGraph();
    data.nodes.forEach(function (n, i) {
      graph.addNode(i, { x: n[1], y: -n[2], size: Math.min(1.5 + n[3] * 0.6, 12), label: n[4], color: palette[n[0]],
                         kind: n[0], url: n[5], event: n[6] });
    });
    for (var e = 0; e + 1 < data.edges.length; e += 2) {
      graph.mergeEdge(data.edges[e], data.edges[e + 1]);
    }
    var visible = null;  // null: everything
    // Nodes as points and edges as lines: one vertex (two) each, where sigma's default circles and
    // rectangles draw an instance each, which software WebGL (a machine without a GPU, headless
    // Chromium) does one at a time: 2.5 s for the first frame of 7,000 nodes, 0.3 s as points.
    var rendering = window.Sigma.rendering;
    var renderer = new window.Sigma(graph, stage, {
      defaultNodeType: "point", defaultEdgeType: "line",
      nodeProgramClasses: { point: rendering.NodePointProgram },
      edgeProgramClasses: { line: rendering.EdgeLineProgram },
      defaultEdgeColor: edgeColour,
      labelColor: { color: colour("--hw-graph-label", "#333") },
      labelRenderedSizeThreshold: 9,
      nodeReducer: function (node, attrs) {
        return visible && !visible.has(node) ? Object.assign({}, attrs, { hidden: true }) : attrs;
      },
      edgeReducer: function (edge, attrs) {
        if (!visible) return attrs;
        var ends = graph.extremities(edge);
        return visible.has(ends[0]) && visible.has(ends[1]) ? attrs : Object.assign({}, attrs, { hidden: true });
      }
    });
    renderer.on("clickNode", function (event) {
      window.location.href = base + graph.getNodeAttribute(event.node, "url");
    });
    renderer.on("enterNode", function () { stage.style.cursor = "pointer"; });
    renderer.on("leaveNode", function () { stage.style.cursor = ""; });

    var form = root.querySelector(".hw-graph-filters");
    // Filters apply as they change; Enter in the form must not reload the page.
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    function apply() {
      var kinds = {};
      form.querySelectorAll("input[name=kind]").forEach(function (box) {
        kinds[data.kinds.indexOf(box.value)] = box.checked;
      });
      var where = form.querySelector("select[name=where]").value;
      var events = null;
      if (where) {
        var kind = where.slice(0, 1), slug = where.slice(2);
        var series = data.series.findIndex(function (s) { return s[0] === slug; });
        events = {};
        data.events.forEach(function (ev, i) {
          if ((kind === "e" && ev[0] === slug) || (kind === "s" && ev[2] === series)) events[i] = true;
        });
      }
      var shown = new Set();
      graph.forEachNode(function (node, attrs) {
        if (!kinds[attrs.kind]) return;
        if (!events || events[attrs.event]) shown.add(node);
      });
      if (events) {  // entities linked to a note or event that is shown
        Array.from(shown).forEach(function (node) {  // one hop: not what this loop adds
          graph.forEachNeighbor(node, function (other, attrs) { if (kinds[attrs.kind]) shown.add(other); });
        });
      }
      var all = !events && Object.keys(kinds).every(function (k) { return kinds[k]; });
      visible = all ? null : shown;
      renderer.refresh();
      fillList(all ? null : shown);
    }
    function fillList(shown) {
      var nodes = [];
      graph.forEachNode(function (node, attrs) { if (!shown || shown.has(node)) nodes.push(attrs); });
      nodes.sort(function (a, b) { return b.size - a.size || a.label.localeCompare(b.label); });
      list.textContent = "";
      nodes.slice(0, LIST_LIMIT).forEach(function (attrs) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = base + attrs.url;
        link.textContent = attrs.label;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" (" + data.kinds[attrs.kind] + ")"));
        list.appendChild(item);
      });
      more.textContent = nodes.length > LIST_LIMIT ? "… and " + (nodes.length - LIST_LIMIT) +
        " more: narrow the filter to list them." : "";
      status.textContent = nodes.length + " of " + graph.order + " nodes shown.";
    }
    form.addEventListener("change", apply);
    apply();
    root.hallwayGraph = { renderer: renderer, graph: graph };  // for tests and the console
    root.setAttribute("data-ready", String(Math.round(performance.now())));
  }
})();
