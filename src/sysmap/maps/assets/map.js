/* sysmap network map: draws the data in #sysmap-data with vis-network.
 *
 * Safety: every text from the data (names, attributes, labels) reaches the
 * page through textContent or the canvas, never through innerHTML.
 * Everything runs offline: no request is ever made.
 */
(function () {
  "use strict";
  var times = { start: performance.now() };
  var D = JSON.parse(document.getElementById("sysmap-data").textContent);
  var common = sysmapCommon(D);
  var el = common.el, isolate = common.isolate, fill = common.fill, fmt = common.fmt,
    shade = common.shade, norm = common.norm, table = common.table, numberFormat = common.numberFormat;
  var T = D.text;
  var N = D.nodes;
  var E = D.edges;
  var n = N.label.length;
  var m = E.from.length;
  var BITS = D.bits;
  var FADED = "rgba(190,190,190,0.35)";
  var EDGE = "rgba(110,110,110,0.55)";
  var BRIDGE = "#000000";
  var LOCAL_BRIDGE = "#AA3377";
  var big = m > 5000 || n > 2000;


  /* Change classes of a difference map (kept / formed / dissolved ties, joined /
   * left / stayed actors): each node or tie has one class, drawn in the class's
   * style and shown or hidden by its checkbox. Absent on ordinary maps. */
  var C = D.classes || {};
  var NC = C.nodes || null;
  var EC = C.edges || null;
  var classOn = {
    nodes: NC ? NC.items.map(function (it) { return it.shown !== false; }) : [],
    edges: EC ? EC.items.map(function (it) { return it.shown !== false; }) : []
  };

  /* ---- state ------------------------------------------------------------ */
  var active = {};
  (D.legend.overlays || []).forEach(function (o) { active[o.key] = o.shown; });
  var checked = D.filters.map(function (g) { return g.items.map(function () { return true; }); });
  var visible = new Array(n);
  var focus = null;          // index of the clicked actor
  var focusSet = null;       // it and its partners
  var adjacency = new Array(n);
  for (var i = 0; i < n; i++) { visible[i] = true; adjacency[i] = []; }
  for (var k = 0; k < m; k++) { adjacency[E.from[k]].push(E.to[k]); adjacency[E.to[k]].push(E.from[k]); }

  function has(bits, key) { return active[key] === true && (bits & BITS[key]) !== 0; }

  /* Node styles are vis "groups" (colour x shape x hollow x class x faded), so each
   * node carries only its group name: much faster for thousands of nodes. */
  var COLORS = N.palette;
  var SHAPES = ["dot", "diamond", "star", "square"];
  var CLASS_CODES = NC ? NC.items.map(function (it, c) { return c; }) : [0];
  var groups = {};
  COLORS.forEach(function (base, ci) {
    SHAPES.forEach(function (shape) {
      [0, 1].forEach(function (hollow) {
        [0, 1].forEach(function (faded) {
          CLASS_CODES.forEach(function (cc) {
            var it = NC ? NC.items[cc] : null;
            var hol = hollow || (it && it.hollow) ? 1 : 0;
            var bg = faded ? FADED : (hol ? "#FFFFFF" : base);
            var border = faded ? FADED : (it && it.border ? it.border : (hol ? base : shade(base, 0.6)));
            var bw = it && it.borderWidth ? it.borderWidth : (hollow ? 3 : (shape === "dot" ? 1 : 2));
            groups[ci + "|" + shape + "|" + hollow + "|" + cc + "|" + faded] = {
              shape: shape,
              borderWidth: bw,
              shapeProperties: { borderDashes: hollow || (it && it.dashes) ? [5, 3] : false },
              color: {
                background: bg, border: border,
                highlight: { background: bg, border: "#000000" },
                hover: { background: bg, border: "#000000" }
              }
            };
          });
        });
      });
    });
  });
  function nodeGroup(i) {
    var bits = N.overlay[i];
    var shape = "dot";
    if (has(bits, "key_players")) shape = "star";
    else if (has(bits, "brokers")) shape = "diamond";
    else if (has(bits, "isolates")) shape = "square";
    var hollow = has(bits, "non_respondents") ? 1 : 0;
    var faded = focusSet !== null && !focusSet.has(i) ? 1 : 0;
    return N.color[i] + "|" + shape + "|" + hollow + "|" + (NC ? NC.codes[i] : 0) + "|" + faded;
  }
  function edgeColor(k) {
    var bits = E.overlay[k];
    /* on large maps the partners' ties are highlighted by selection instead */
    if (!big && focusSet !== null && E.from[k] !== focus && E.to[k] !== focus) return FADED;
    if (has(bits, "bridges")) return BRIDGE;
    if (has(bits, "local_bridges")) return LOCAL_BRIDGE;
    if (EC) return EC.items[EC.codes[k]].color || null;
    return null;
  }
  function edgeHidden(k) {
    return !(visible[E.from[k]] && visible[E.to[k]]) || (EC !== null && !classOn.edges[EC.codes[k]]);
  }
  function edgeWidth(k) {
    return E.width[k] + (has(E.overlay[k], "bridges") ? 2 : 0);
  }

  /* ---- the network ------------------------------------------------------ */
  var nodeItems = new Array(n);
  var nodeState = new Array(n);   // group and hidden flag as drawn
  for (i = 0; i < n; i++) {
    var g0 = nodeGroup(i);
    nodeState[i] = g0 + "|false";
    nodeItems[i] = { id: i, x: N.x[i], y: N.y[i], value: N.size[i], group: g0 };  /* labels: below */
  }
  /* Canvas dash patterns are in drawing units: at the zoom that fits a large map
   * on screen, a 6-unit dash would be a fraction of a pixel and cost thousands of
   * segments per tie. Scale the pattern so dashes are about 6 px at that zoom. */
  var box = document.getElementById("sysmap-canvas").getBoundingClientRect();
  var xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (i = 0; i < n; i++) {
    xmin = Math.min(xmin, N.x[i]); xmax = Math.max(xmax, N.x[i]);
    ymin = Math.min(ymin, N.y[i]); ymax = Math.max(ymax, N.y[i]);
  }
  var fitScale = n ? Math.min(1, Math.max(box.width, 300) / Math.max(xmax - xmin, 1),
                                 Math.max(box.height, 300) / Math.max(ymax - ymin, 1)) : 1;
  var DASHES = [6 / fitScale, 4 / fitScale];
  var edgeItems = new Array(m);
  var edgeState = new Array(m);   // colour, width and hidden flag as drawn
  for (k = 0; k < m; k++) {
    var e = { id: k, from: E.from[k], to: E.to[k], width: edgeWidth(k) };
    var c0 = edgeColor(k);
    if (c0 !== null) e.color = c0;  /* a string is cheaper for vis than an object */
    var pattern = EC ? EC.items[EC.codes[k]].dashes : null;
    if (pattern) e.dashes = pattern.map(function (d) { return d / fitScale; });
    else if (E.dashes[k] === 1) e.dashes = DASHES;
    if (E.curved[k] === 1) e.smooth = { enabled: true, type: "curvedCW", roundness: 0.15 };
    edgeState[k] = c0 + "|" + e.width + "|" + false;
    edgeItems[k] = e;
  }
  times.items = performance.now();
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  times.datasets = performance.now();
  var container = document.getElementById("sysmap-canvas");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 0 },
    groups: groups,
    interaction: {
      hover: true, tooltipDelay: 60, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      keyboard: false, multiselect: false, navigationButtons: false
    },
    nodes: {
      shape: "dot",
      scaling: {
        min: D.radius[0], max: D.radius[1],
        /* value = radius in pixels, computed in Python: keep it as it is */
        customScalingFunction: function (lo, hi, total, value) {
          return (value - D.radius[0]) / (D.radius[1] - D.radius[0]);
        },
        label: { enabled: false }  /* sysmap writes the labels (common.labeller) */
      }
    },
    edges: {
      smooth: false, selectionWidth: 1, hoverWidth: 0.5, width: 1.5,
      color: { color: EDGE, highlight: "#333333", hover: "#333333", inherit: false },
      arrows: { to: { enabled: D.directed, scaleFactor: 0.5 } }
    }
  });
  times.network = performance.now();
  network.fit({ animation: false });
  network.moveTo({ scale: network.getScale() * 0.92, animation: false });
  /* labels where they fit, never on top of each other (common.js) */
  var drawnLabels = common.labeller(network, N, D.labelOrder, function (i) {
    return visible[i] && (focusSet === null || focusSet.has(i));
  });
  network.once("afterDrawing", function () {
    times.drawn = performance.now();
    window.sysmapTimes = times;
    window.sysmapReady = true;
    document.documentElement.setAttribute("data-sysmap-ready", "1");
  });

  /* Update only what changed since the last drawing. */
  function refresh() {
    var nu = [];
    for (var i = 0; i < n; i++) {
      var g = nodeGroup(i);
      var state = g + "|" + !visible[i];
      if (state !== nodeState[i]) {
        nodeState[i] = state;
        nu.push({ id: i, group: g, hidden: !visible[i] });
      }
    }
    if (nu.length) nodes.update(nu);
    var eu = [];
    for (var k = 0; k < m; k++) {
      var c = edgeColor(k), w = edgeWidth(k), hidden = edgeHidden(k);
      var key = c + "|" + w + "|" + hidden;
      if (key !== edgeState[k]) {
        edgeState[k] = key;
        eu.push({ id: k, width: w, hidden: hidden,
                  color: c === null ? { color: EDGE, highlight: "#333333", hover: "#333333" } : c });
      }
    }
    if (eu.length) edges.update(eu);
    showCount();
  }

  /* ---- tooltip and details ---------------------------------------------- */
  var tooltip = document.getElementById("sysmap-tooltip");
  var details = document.getElementById("sysmap-details");

  function fieldValue(f, i) {
    var v = f.values[i];
    if (f.type === "code") return v < 0 ? null : f.categories[v];
    if (f.type === "number") return v === null ? null : fmt(v);
    return v;
  }
  function nodeContent(i) {
    var box = document.createDocumentFragment();
    box.appendChild(el("div", "sysmap-tt-title", N.name[i]));
    var rows = [];
    if (NC) rows.push([NC.title, NC.items[NC.codes[i]].label]);
    D.nodeFields.forEach(function (f) {
      if (f.title) return;
      rows.push([f.label, fieldValue(f, i)]);
    });
    (D.legend.overlays || []).forEach(function (o) {
      if ((N.overlay[i] & o.bit) !== 0) rows.push([T.overlay, o.label]);
    });
    box.appendChild(table(rows));
    return box;
  }
  function edgeContent(k) {
    var box = document.createDocumentFragment();
    var arrow = D.directed ? " \u2192 " : " \u2013 ";
    box.appendChild(el("div", "sysmap-tt-title", isolate(N.name[E.from[k]]) + arrow + isolate(N.name[E.to[k]])));
    var rows = D.edgeFields.map(function (f) { return [f.label, fieldValue(f, k)]; });
    if (EC) rows.unshift([EC.title, EC.items[EC.codes[k]].label]);
    (D.legend.overlays || []).forEach(function (o) {
      if ((E.overlay[k] & o.bit) !== 0) rows.push([T.overlay, o.label]);
    });
    box.appendChild(table(rows));
    return box;
  }
  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + window.scrollX + pointer.x + 14;
    var y = rect.top + window.scrollY + pointer.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.scrollX + window.innerWidth - 8) x = Math.max(8, x - w - 28);
    if (y + h > window.scrollY + window.innerHeight - 8) y = Math.max(8, y - h - 28);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }
  network.on("hoverNode", function (p) { showTooltip(nodeContent(p.node), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("hoverEdge", function (p) { showTooltip(edgeContent(p.edge), p.pointer.DOM); });
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  /* ---- neighbourhood highlight ------------------------------------------ */
  function focusNode(i) {
    focus = i;
    focusSet = new Set([i]);
    adjacency[i].forEach(function (j) { focusSet.add(j); });
    refresh();
    network.selectNodes([i], true);
    details.replaceChildren(nodeContent(i));
    details.hidden = false;
  }
  function clearFocus() {
    if (focus === null) return;
    focus = null;
    focusSet = null;
    refresh();
    details.hidden = true;
    details.replaceChildren();
  }
  network.on("click", function (p) {
    if (p.nodes.length) focusNode(p.nodes[0]);
    else if (!p.edges.length) clearFocus();
  });

  /* ---- search ----------------------------------------------------------- */
  var haystack = new Array(n);
  for (i = 0; i < n; i++) haystack[i] = norm(N.name[i] + " \u0001 " + N.actor[i]);
  var searchBox = document.getElementById("sysmap-search");
  var matchesOut = document.getElementById("sysmap-matches");
  function search(query) {
    var q = norm(query || "").trim();
    if (!q) { network.unselectAll(); matchesOut.textContent = ""; return []; }
    var hits = [];
    for (var i = 0; i < n; i++) if (visible[i] && haystack[i].indexOf(q) >= 0) hits.push(i);
    network.selectNodes(hits, false);
    matchesOut.textContent = fill(T.search_matches, { n: hits.length });
    if (hits.length) network.fit({ nodes: hits, animation: false, maxZoomLevel: 1.5 });
    return hits;
  }
  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = search(searchBox.value);
      if (hits.length) focusNode(hits[0]);
    }
  });

  /* ---- filters, overlays, legend ---------------------------------------- */
  function applyFilters() {
    for (var i = 0; i < n; i++) {
      var ok = true;
      for (var g = 0; g < D.filters.length && ok; g++) ok = checked[g][D.filters[g].codes[i]];
      visible[i] = ok && (NC === null || classOn.nodes[NC.codes[i]]);
    }
    if (focus !== null && !visible[focus]) { focus = null; focusSet = null; details.hidden = true; }
    refresh();
  }
  function setCategory(group, code, on) {
    checked[group][code] = !!on;
    var box = document.getElementById("sysmap-filter-" + group + "-" + code);
    if (box) box.checked = !!on;
    applyFilters();
  }
  function setClass(kind, code, on) {
    classOn[kind][code] = !!on;
    var box = document.getElementById("sysmap-class-" + kind + "-" + code);
    if (box) box.checked = !!on;
    applyFilters();
  }
  function setOverlay(key, on) {
    active[key] = !!on;
    var box = document.getElementById("sysmap-overlay-" + key);
    if (box) box.checked = !!on;
    refresh();
  }
  function showCount() {
    var shown = 0;
    for (var i = 0; i < n; i++) if (visible[i]) shown++;
    document.getElementById("sysmap-count").textContent =
      shown === n ? "" : fill(T.nodes_shown, { shown: numberFormat.format(shown), n: numberFormat.format(n) });
  }

  var SVG = "http://www.w3.org/2000/svg";
  function symbol(kind, color) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "28"); s.setAttribute("height", "16"); s.setAttribute("aria-hidden", "true");
    var shape;
    if (kind === "line" || kind === "dashed" || kind === "bridge" || kind === "local") {
      shape = document.createElementNS(SVG, "line");
      shape.setAttribute("x1", "2"); shape.setAttribute("y1", "8"); shape.setAttribute("x2", "26"); shape.setAttribute("y2", "8");
      shape.setAttribute("stroke", kind === "bridge" ? BRIDGE : (kind === "local" ? LOCAL_BRIDGE : "#777777"));
      shape.setAttribute("stroke-width", kind === "bridge" || kind === "local" ? "3" : "2");
      if (kind === "dashed") shape.setAttribute("stroke-dasharray", "5 3");
    } else if (kind === "circle" || kind === "hollow") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "14"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "6");
      shape.setAttribute("fill", kind === "hollow" ? "#ffffff" : color);
      shape.setAttribute("stroke", kind === "hollow" ? "#555555" : "#555555");
      shape.setAttribute("stroke-width", kind === "hollow" ? "2" : "1");
      if (kind === "hollow") shape.setAttribute("stroke-dasharray", "3 2");
    } else {
      shape = document.createElementNS(SVG, "polygon");
      var pts = {
        diamond: "14,1 21,8 14,15 7,8",
        square: "8,2 20,2 20,14 8,14",
        star: "14,1 16,6 21,6 17,9.5 18.5,15 14,11.5 9.5,15 11,9.5 7,6 12,6"
      }[kind];
      shape.setAttribute("points", pts);
      shape.setAttribute("fill", "#999999");
      shape.setAttribute("stroke", "#333333");
    }
    s.appendChild(shape);
    return s;
  }
  function swatch(color) {
    var sw = el("span", "sysmap-swatch");
    sw.style.backgroundColor = color;
    return sw;
  }
  function checkRow(id, onChange, parts, count, on) {
    var row = el("label", "sysmap-row");
    var box = el("input");
    box.type = "checkbox"; box.checked = on !== false; box.id = id;
    box.addEventListener("change", function () { onChange(box.checked); });
    row.appendChild(box);
    parts.forEach(function (p) { row.appendChild(p); });
    if (count !== undefined && count !== null) row.appendChild(el("span", "sysmap-n", numberFormat.format(count)));
    return row;
  }

  function classSymbol(kind, it) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "28"); s.setAttribute("height", "16"); s.setAttribute("aria-hidden", "true");
    var shape;
    if (kind === "edges") {
      shape = document.createElementNS(SVG, "line");
      shape.setAttribute("x1", "2"); shape.setAttribute("y1", "8"); shape.setAttribute("x2", "26"); shape.setAttribute("y2", "8");
      shape.setAttribute("stroke", it.color || "#777777");
      shape.setAttribute("stroke-width", String(Math.min(it.width || 2, 5)));
      if (it.dashes) shape.setAttribute("stroke-dasharray", it.dashes.join(" "));
    } else {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "14"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "5.5");
      shape.setAttribute("fill", it.hollow ? "#FFFFFF" : (it.fill || "#BBBBBB"));
      shape.setAttribute("stroke", it.border || "#555555");
      shape.setAttribute("stroke-width", String(Math.min(it.borderWidth || 1, 3)));
      if (it.dashes) shape.setAttribute("stroke-dasharray", "3 2");
    }
    s.appendChild(shape);
    return s;
  }

  var legend = document.getElementById("sysmap-legend-body");
  var L = D.legend;
  [["nodes", NC], ["edges", EC]].forEach(function (pair) {
    var kind = pair[0], spec = pair[1];
    if (!spec) return;
    var sec = el("section", "sysmap-classes");
    sec.appendChild(el("h2", null, spec.title));
    spec.items.forEach(function (it, code) {
      sec.appendChild(checkRow("sysmap-class-" + kind + "-" + code,
        function (on) { setClass(kind, code, on); },
        [classSymbol(kind, it), el("span", "sysmap-label", it.label)], it.count, it.shown));
    });
    legend.appendChild(sec);
  });
  D.filters.forEach(function (g, gi) {
    var sec = el("section");
    var heading = g.colors ? fill(T.color_heading, { title: g.title }) : fill(T.filter_heading, { title: g.title });
    sec.appendChild(el("h2", null, heading));
    g.items.forEach(function (it, code) {
      var parts = [];
      if (it.color) parts.push(swatch(it.color));
      parts.push(el("span", "sysmap-label", it.label));
      sec.appendChild(checkRow("sysmap-filter-" + gi + "-" + code,
        function (on) { setCategory(gi, code, on); }, parts, it.count));
    });
    legend.appendChild(sec);
  });
  if (L.color && L.color.kind === "continuous") {
    var sec = el("section");
    sec.appendChild(el("h2", null, fill(T.color_heading, { title: L.color.title })));
    var bar = el("div", "sysmap-gradient");
    bar.style.background = "linear-gradient(to right, " + L.color.stops.join(", ") + ")";
    sec.appendChild(bar);
    var ends = el("div", "sysmap-ends");
    ends.appendChild(el("span", null, fmt(L.color.min)));
    ends.appendChild(el("span", null, fmt(L.color.max)));
    sec.appendChild(ends);
    if (L.color.missing) {
      var miss = el("div", "sysmap-row");
      miss.appendChild(swatch("#BBBBBB"));
      miss.appendChild(el("span", "sysmap-label", T.missing));
      miss.appendChild(el("span", "sysmap-n", numberFormat.format(L.color.missing)));
      sec.appendChild(miss);
    }
    legend.appendChild(sec);
  }
  if (L.size) {
    var ss = el("section");
    ss.appendChild(el("h2", null, fill(T.size_heading, { title: L.size.title })));
    ss.appendChild(el("p", null, fill(T.range, { min: fmt(L.size.min), max: fmt(L.size.max) })));
    if (L.size.sampled) ss.appendChild(el("p", "sysmap-note", fill(T.betweenness_sampled, { k: L.size.sampled })));
    legend.appendChild(ss);
  }
  var ts = el("section");
  ts.appendChild(el("h2", null, T.ties_heading));
  if (L.width) {
    ts.appendChild(el("p", null, fill(T.tie_width, { title: L.width.title }) + ": " +
      fill(T.range, { min: fmt(L.width.min), max: fmt(L.width.max) })));
  }
  if (L.strength) {
    var strong = el("div", "sysmap-row"); strong.appendChild(symbol("line")); strong.appendChild(el("span", "sysmap-label", L.strength.strong));
    strong.appendChild(el("span", "sysmap-n", numberFormat.format(L.strength.strong_count)));
    var weak = el("div", "sysmap-row"); weak.appendChild(symbol("dashed")); weak.appendChild(el("span", "sysmap-label", L.strength.weak));
    weak.appendChild(el("span", "sysmap-n", numberFormat.format(L.strength.weak_count)));
    ts.appendChild(strong); ts.appendChild(weak);
  }
  if (L.directed) ts.appendChild(el("p", null, T.arrows));
  if (ts.childNodes.length > 1) legend.appendChild(ts);  /* not just the heading */
  if ((L.overlays || []).length) {
    var os = el("section");
    os.appendChild(el("h2", null, T.overlays_heading));
    var kinds = { brokers: "diamond", key_players: "star", isolates: "square", non_respondents: "hollow",
                  bridges: "bridge", local_bridges: "local" };
    L.overlays.forEach(function (o) {
      os.appendChild(checkRow("sysmap-overlay-" + o.key, function (on) { setOverlay(o.key, on); },
        [symbol(kinds[o.key]), el("span", "sysmap-label", o.label)], o.count, o.shown));
    });
    legend.appendChild(os);
  }
  legend.appendChild(el("p", "sysmap-note", T.click_hint));

  /* ---- buttons ---------------------------------------------------------- */
  var relaxing = false;
  var relaxButton = document.getElementById("sysmap-relax");
  function relax(on) {
    relaxing = !!on;
    network.setOptions({ physics: { enabled: relaxing, solver: "forceAtlas2Based",
      stabilization: { enabled: false }, forceAtlas2Based: { springLength: 100 } } });
    relaxButton.textContent = relaxing ? T.relax_stop : T.relax;
    relaxButton.setAttribute("aria-pressed", relaxing ? "true" : "false");
  }
  relaxButton.addEventListener("click", function () { relax(!relaxing); });
  document.getElementById("sysmap-fit").addEventListener("click", function () { network.fit({ animation: false }); });
  document.getElementById("sysmap-clear").addEventListener("click", function () {
    searchBox.value = ""; search(""); clearFocus();
    D.filters.forEach(function (g, gi) { g.items.forEach(function (it, code) {
      checked[gi][code] = true;
      var box = document.getElementById("sysmap-filter-" + gi + "-" + code);
      if (box) box.checked = true;
    }); });
    ["nodes", "edges"].forEach(function (kind) { classOn[kind].forEach(function (on, code) {
      classOn[kind][code] = true;
      var box = document.getElementById("sysmap-class-" + kind + "-" + code);
      if (box) box.checked = true;
    }); });
    applyFilters();
  });

  function counts() {
    var shownNodes = nodes.get({ filter: function (x) { return !x.hidden; } }).length;
    var shownEdges = edges.get({ filter: function (x) { return !x.hidden; } }).length;
    var out = { nodes: nodes.length, edges: edges.length, shownNodes: shownNodes, shownEdges: shownEdges,
                drawnNodes: network.body.nodeIndices.length, drawnEdges: network.body.edgeIndices.length };
    if (NC || EC) {  /* drawn nodes and ties per change class */
      out.classes = {};
      [["nodes", NC, network.body.nodeIndices], ["edges", EC, network.body.edgeIndices]].forEach(function (t) {
        if (!t[1]) return;
        var per = {};
        t[1].items.forEach(function (it) { per[it.key] = 0; });
        t[2].forEach(function (id) { per[t[1].items[t[1].codes[id]].key] += 1; });
        out.classes[t[0]] = per;
      });
    }
    return out;
  }
  window.sysmap = {
    network: network, nodes: nodes, edges: edges, data: D,
    search: search, focusNode: focusNode, clearFocus: clearFocus,
    setCategory: setCategory, setOverlay: setOverlay, setClass: setClass, relax: relax, counts: counts,
    labels: drawnLabels,
    nodeContent: function (i) { var d = el("div"); d.appendChild(nodeContent(i)); return d; }
  };
})();
