/* sysmap wave maps: several waves of one network side by side, one layout, synchronized views.
 *
 * Safety: every text from the data (names, attributes, labels) reaches the
 * page through textContent or the canvas, never through innerHTML.
 * Everything runs offline: no request is ever made.
 */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("sysmap-data").textContent);
  var common = sysmapCommon(D);
  var el = common.el, isolate = common.isolate, fill = common.fill, fmt = common.fmt,
    shade = common.shade, norm = common.norm, table = common.table, numberFormat = common.numberFormat;
  var T = D.text;
  var L = D.legend;
  var BITS = D.bits;
  var FADED = "rgba(190,190,190,0.35)";
  var EDGE = "rgba(110,110,110,0.55)";
  var BRIDGE = "#000000";
  var LOCAL_BRIDGE = "#AA3377";
  var SHAPES = ["dot", "diamond", "star", "square"];


  /* ---- shared state ------------------------------------------------------ */
  var active = {};
  L.overlays.forEach(function (o) { active[o.key] = o.shown; });
  var checked = L.filters.map(function (g) { return g.items.map(function () { return true; }); });
  var focusActor = null;
  var mode = "side";
  var current = 0;
  function has(bits, key) { return active[key] === true && (bits & BITS[key]) !== 0; }

  /* Node styles are vis "groups" shared by all panels (colour x shape x hollow x faded). */
  var groups = {};
  D.palette.forEach(function (base, ci) {
    SHAPES.forEach(function (shape) {
      [0, 1].forEach(function (hollow) {
        [0, 1].forEach(function (faded) {
          var bg = faded ? FADED : (hollow ? "#FFFFFF" : base);
          var border = faded ? FADED : (hollow ? base : shade(base, 0.6));
          groups[ci + "|" + shape + "|" + hollow + "|" + faded] = {
            shape: shape,
            borderWidth: hollow ? 3 : (shape === "dot" ? 1 : 2),
            shapeProperties: { borderDashes: hollow ? [5, 3] : false },
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

  /* The drawing extent of all waves together (the same in every panel). */
  var box = { xmin: Infinity, xmax: -Infinity, ymin: Infinity, ymax: -Infinity };
  D.waves.forEach(function (W) {
    for (var i = 0; i < W.nodes.x.length; i++) {
      var r = W.nodes.size[i];
      box.xmin = Math.min(box.xmin, W.nodes.x[i] - r); box.xmax = Math.max(box.xmax, W.nodes.x[i] + r);
      box.ymin = Math.min(box.ymin, W.nodes.y[i] - r); box.ymax = Math.max(box.ymax, W.nodes.y[i] + r);
    }
  });
  if (!isFinite(box.xmin)) box = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };

  var tooltip = document.getElementById("sysmap-tooltip");
  var details = document.getElementById("sysmap-details");
  var drawn = 0;
  var panels = [];
  var syncing = false;

  function fieldValue(f, i) {
    var v = f.values[i];
    if (f.type === "code") return v < 0 ? null : f.categories[v];
    if (f.type === "number") return v === null ? null : fmt(v);
    return v;
  }

  /* ---- one panel per wave ------------------------------------------------- */
  function makePanel(W, wi) {
    var N = W.nodes, E = W.edges;
    var n = N.actor.length, m = E.from.length;
    var big = m > 5000 || n > 2000;
    var P = { index: wi, data: W, n: n, m: m, visible: new Array(n), focusSet: null, focus: null,
              byActor: {}, adjacency: new Array(n) };
    for (var i = 0; i < n; i++) { P.visible[i] = true; P.adjacency[i] = []; P.byActor[N.actor[i]] = i; }
    for (var k = 0; k < m; k++) { P.adjacency[E.from[k]].push(E.to[k]); P.adjacency[E.to[k]].push(E.from[k]); }

    function nodeGroup(i) {
      var bits = N.overlay[i];
      var shape = "dot";
      if (has(bits, "key_players")) shape = "star";
      else if (has(bits, "brokers")) shape = "diamond";
      else if (has(bits, "isolates")) shape = "square";
      var hollow = has(bits, "non_respondents") ? 1 : 0;
      var faded = P.focusSet !== null && !P.focusSet.has(i) ? 1 : 0;
      return N.color[i] + "|" + shape + "|" + hollow + "|" + faded;
    }
    function edgeColor(k) {
      if (!big && P.focusSet !== null && E.from[k] !== P.focus && E.to[k] !== P.focus) return FADED;
      if (has(E.overlay[k], "bridges")) return BRIDGE;
      if (has(E.overlay[k], "local_bridges")) return LOCAL_BRIDGE;
      return null;
    }
    function edgeWidth(k) { return E.width[k] + (has(E.overlay[k], "bridges") ? 2 : 0); }

    var container = document.getElementById("sysmap-canvas-" + wi);
    var rect = container.getBoundingClientRect();
    var fitScale = Math.min(1, Math.max(rect.width, 300) / Math.max(box.xmax - box.xmin, 1),
                               Math.max(rect.height, 300) / Math.max(box.ymax - box.ymin, 1));
    var DASHES = [6 / fitScale, 4 / fitScale];
    var nodeItems = new Array(n), nodeState = new Array(n);
    for (i = 0; i < n; i++) {
      var g0 = nodeGroup(i);
      nodeState[i] = g0 + "|false";
      nodeItems[i] = { id: i, x: N.x[i], y: N.y[i], value: N.size[i], group: g0 };  /* labels: below */
    }
    var edgeItems = new Array(m), edgeState = new Array(m);
    for (k = 0; k < m; k++) {
      var e = { id: k, from: E.from[k], to: E.to[k], width: edgeWidth(k) };
      var c0 = edgeColor(k);
      if (c0 !== null) e.color = c0;
      if (E.dashes[k] === 1) e.dashes = DASHES;
      if (E.curved[k] === 1) e.smooth = { enabled: true, type: "curvedCW", roundness: 0.15 };
      edgeState[k] = c0 + "|" + e.width + "|" + false;
      edgeItems[k] = e;
    }
    var nodes = new vis.DataSet(nodeItems);
    var edges = new vis.DataSet(edgeItems);
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
      autoResize: true,
      physics: { enabled: false },
      layout: { improvedLayout: false, randomSeed: 0 },
      groups: groups,
      interaction: {
        hover: true, tooltipDelay: 60, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
        dragNodes: false, keyboard: false, multiselect: false, navigationButtons: false
      },
      nodes: {
        shape: "dot",
        scaling: {
          min: D.radius[0], max: D.radius[1],
          customScalingFunction: function (lo, hi, total, value) {
            return (value - D.radius[0]) / (D.radius[1] - D.radius[0]);
          },
          label: { enabled: false }  /* sysmap writes the labels (common.labeller) */
        }
      },
      edges: {
        smooth: false, selectionWidth: 1, hoverWidth: 0.5, width: 1.5,
        color: { color: EDGE, highlight: "#333333", hover: "#333333", inherit: false },
        arrows: { to: { enabled: W.directed, scaleFactor: 0.5 } }
      }
    });
    P.network = network; P.nodes = nodes; P.edges = edges; P.container = container;
    /* labels where they fit, never on top of each other (common.js) */
    P.labels = common.labeller(network, N, W.labelOrder, function (i) {
      return P.visible[i] && (P.focusSet === null || P.focusSet.has(i));
    });

    P.refresh = function () {
      var nu = [];
      for (var i = 0; i < n; i++) {
        var g = nodeGroup(i);
        var state = g + "|" + !P.visible[i];
        if (state !== nodeState[i]) { nodeState[i] = state; nu.push({ id: i, group: g, hidden: !P.visible[i] }); }
      }
      if (nu.length) nodes.update(nu);
      var eu = [];
      for (var k = 0; k < m; k++) {
        var c = edgeColor(k), w = edgeWidth(k), hidden = !(P.visible[E.from[k]] && P.visible[E.to[k]]);
        var key = c + "|" + w + "|" + hidden;
        if (key !== edgeState[k]) {
          edgeState[k] = key;
          eu.push({ id: k, width: w, hidden: hidden,
                    color: c === null ? { color: EDGE, highlight: "#333333", hover: "#333333" } : c });
        }
      }
      if (eu.length) edges.update(eu);
    };
    P.nodeContent = function (i) {
      var frag = document.createDocumentFragment();
      frag.appendChild(el("div", "sysmap-tt-title", N.name[i]));
      var rows = [[T.field_wave, W.label]];
      W.nodeFields.forEach(function (f) { if (!f.title) rows.push([f.label, fieldValue(f, i)]); });
      L.overlays.forEach(function (o) {
        if ((N.overlay[i] & o.bit) !== 0) rows.push([T.overlay, W.overlayLabels[o.key] || o.label]);
      });
      frag.appendChild(table(rows));
      return frag;
    };
    function edgeContent(k) {
      var frag = document.createDocumentFragment();
      var arrow = W.directed ? " \u2192 " : " \u2013 ";
      frag.appendChild(el("div", "sysmap-tt-title", isolate(N.name[E.from[k]]) + arrow + isolate(N.name[E.to[k]])));
      var rows = [[T.field_wave, W.label]];
      W.edgeFields.forEach(function (f) { rows.push([f.label, fieldValue(f, k)]); });
      L.overlays.forEach(function (o) {
        if ((E.overlay[k] & o.bit) !== 0) rows.push([T.overlay, W.overlayLabels[o.key] || o.label]);
      });
      frag.appendChild(table(rows));
      return frag;
    }
    function showTooltip(content, pointer) {
      tooltip.replaceChildren(content);
      tooltip.hidden = false;
      var r = container.getBoundingClientRect();
      var x = r.left + window.scrollX + pointer.x + 14, y = r.top + window.scrollY + pointer.y + 14;
      var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
      if (x + w > window.scrollX + window.innerWidth - 8) x = Math.max(8, x - w - 28);
      if (y + h > window.scrollY + window.innerHeight - 8) y = Math.max(8, y - h - 28);
      tooltip.style.left = x + "px";
      tooltip.style.top = y + "px";
    }
    function hideTooltip() { tooltip.hidden = true; }
    network.on("hoverNode", function (p) { showTooltip(P.nodeContent(p.node), p.pointer.DOM); });
    network.on("blurNode", hideTooltip);
    network.on("hoverEdge", function (p) { showTooltip(edgeContent(p.edge), p.pointer.DOM); });
    network.on("blurEdge", hideTooltip);
    network.on("dragStart", hideTooltip);
    network.on("zoom", function () { hideTooltip(); sync(P); });
    network.on("dragging", function () { sync(P); });
    network.on("dragEnd", function () { sync(P); });
    network.on("click", function (p) {
      if (p.nodes.length) focus(N.actor[p.nodes[0]], wi);
      else if (!p.edges.length) clearFocus();
    });
    network.once("afterDrawing", function () {
      drawn += 1;
      if (drawn === D.waves.length) {
        window.sysmapReady = true;
        document.documentElement.setAttribute("data-sysmap-ready", "1");
      }
    });
    return P;
  }

  /* ---- synchronized views -------------------------------------------------- */
  function sync(P) {
    if (syncing) return;
    syncing = true;
    var view = { position: P.network.getViewPosition(), scale: P.network.getScale(), animation: false };
    panels.forEach(function (Q) { if (Q !== P) Q.network.moveTo(view); });
    syncing = false;
  }
  function shownPanels() {
    return panels.filter(function (P) { return mode === "side" || P.index === current; });
  }
  function fitAll() {
    var P = shownPanels()[0];
    if (!P) return;
    var r = P.container.getBoundingClientRect();
    var w = Math.max(box.xmax - box.xmin, 1), h = Math.max(box.ymax - box.ymin, 1);
    var scale = 0.92 * Math.min(Math.max(r.width, 50) / w, Math.max(r.height, 50) / h);
    var view = { position: { x: (box.xmin + box.xmax) / 2, y: (box.ymin + box.ymax) / 2 },
                 scale: scale, animation: false };
    panels.forEach(function (Q) { Q.network.moveTo(view); });
  }

  /* ---- focus on one actor in every wave ------------------------------------ */
  function focus(actor, fromWave) {
    focusActor = actor;
    var name = null;
    var rows = [];
    panels.forEach(function (P) {
      var i = P.byActor[actor];
      if (i === undefined) {
        P.focus = null; P.focusSet = null; P.network.unselectAll();
        rows.push([P.data.label, T.waves_absent]);
      } else {
        P.focus = i;
        P.focusSet = new Set([i]);
        P.adjacency[i].forEach(function (j) { P.focusSet.add(j); });
        P.network.selectNodes([i], true);
        if (name === null) name = P.data.nodes.name[i];
        rows.push([P.data.label, fill(T.waves_present, { n: numberFormat.format(P.adjacency[i].length) })]);
      }
      P.refresh();
    });
    var source = panels[fromWave === undefined ? 0 : fromWave];
    var at = source.byActor[actor];
    if (at === undefined) {
      source = panels.filter(function (P) { return P.byActor[actor] !== undefined; })[0];
      at = source ? source.byActor[actor] : undefined;
    }
    var content = el("div");
    if (source && at !== undefined) content.appendChild(source.nodeContent(at));
    content.appendChild(table(rows));
    details.replaceChildren(content);
    details.hidden = false;
  }
  function clearFocus() {
    if (focusActor === null) return;
    focusActor = null;
    panels.forEach(function (P) { P.focus = null; P.focusSet = null; P.network.unselectAll(); P.refresh(); });
    details.hidden = true;
    details.replaceChildren();
  }

  /* ---- search -------------------------------------------------------------- */
  var searchBox = document.getElementById("sysmap-search");
  var matchesOut = document.getElementById("sysmap-matches");
  function search(query) {
    var q = norm(query || "").trim();
    var found = [];
    var seen = {};
    panels.forEach(function (P) {
      if (!q) { P.network.unselectAll(); return; }
      var hits = [];
      for (var i = 0; i < P.n; i++) {
        if (!P.visible[i]) continue;
        var hay = P.hay || (P.hay = P.data.nodes.name.map(function (nm, j) {
          return norm(nm + " \u0001 " + P.data.nodes.actor[j]);
        }));
        if (hay[i].indexOf(q) >= 0) {
          hits.push(i);
          var a = P.data.nodes.actor[i];
          if (!seen[a]) { seen[a] = true; found.push(a); }
        }
      }
      P.network.selectNodes(hits, false);
    });
    matchesOut.textContent = q ? fill(T.search_matches, { n: found.length }) : "";
    return found;
  }
  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = search(searchBox.value);
      if (hits.length) focus(hits[0]);
    }
  });

  /* ---- filters and overlays ------------------------------------------------ */
  function applyFilters() {
    panels.forEach(function (P) {
      for (var i = 0; i < P.n; i++) {
        var ok = true;
        for (var g = 0; g < L.filters.length && ok; g++) {
          var codes = L.filters[g].codes[P.index];
          if (codes && codes[i] >= 0) ok = checked[g][codes[i]];
        }
        P.visible[i] = ok;
      }
      P.refresh();
    });
    showCount();
  }
  function setCategory(group, code, on) {
    checked[group][code] = !!on;
    var b = document.getElementById("sysmap-filter-" + group + "-" + code);
    if (b) b.checked = !!on;
    applyFilters();
  }
  function setOverlay(key, on) {
    active[key] = !!on;
    var b = document.getElementById("sysmap-overlay-" + key);
    if (b) b.checked = !!on;
    panels.forEach(function (P) { P.refresh(); });
  }
  function showCount() {
    var shown = 0, total = 0;
    panels.forEach(function (P) { total += P.n; for (var i = 0; i < P.n; i++) if (P.visible[i]) shown++; });
    document.getElementById("sysmap-count").textContent =
      shown === total ? "" : fill(T.nodes_shown, { shown: numberFormat.format(shown), n: numberFormat.format(total) });
  }

  /* ---- side by side or one at a time ----------------------------------------- */
  var panelBox = document.getElementById("sysmap-panels");
  var modeButton = document.getElementById("sysmap-mode");
  function layoutChanged() {
    shownPanels().forEach(function (P) { P.network.setSize("100%", "100%"); P.network.redraw(); });
    fitAll();
  }
  function setMode(next, wave) {
    mode = next === "single" ? "single" : "side";
    if (wave !== undefined) current = wave;
    panelBox.classList.toggle("sysmap-single", mode === "single");
    panels.forEach(function (P) {
      document.getElementById("sysmap-panel-" + P.index).classList.toggle("sysmap-current", P.index === current);
      var tab = document.getElementById("sysmap-tab-" + P.index);
      tab.setAttribute("aria-selected", mode === "single" && P.index === current ? "true" : "false");
    });
    modeButton.textContent = mode === "single" ? T.waves_side : T.waves_one;
    modeButton.setAttribute("aria-pressed", mode === "single" ? "true" : "false");
    layoutChanged();
  }
  function showWave(i) { setMode("single", Math.max(0, Math.min(panels.length - 1, i))); }
  modeButton.addEventListener("click", function () { setMode(mode === "side" ? "single" : "side"); });
  document.addEventListener("keydown", function (ev) {
    if (mode !== "single" || ev.target === searchBox) return;
    if (ev.key === "ArrowRight") showWave(current + 1);
    else if (ev.key === "ArrowLeft") showWave(current - 1);
  });

  /* ---- legend ---------------------------------------------------------------- */
  var SVG = "http://www.w3.org/2000/svg";
  function symbol(kind) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "28"); s.setAttribute("height", "16"); s.setAttribute("aria-hidden", "true");
    var shape;
    if (kind === "line" || kind === "dashed" || kind === "bridge" || kind === "local") {
      shape = document.createElementNS(SVG, "line");
      shape.setAttribute("x1", "2"); shape.setAttribute("y1", "8"); shape.setAttribute("x2", "26"); shape.setAttribute("y2", "8");
      shape.setAttribute("stroke", kind === "bridge" ? BRIDGE : (kind === "local" ? LOCAL_BRIDGE : "#777777"));
      shape.setAttribute("stroke-width", kind === "bridge" || kind === "local" ? "3" : "2");
      if (kind === "dashed") shape.setAttribute("stroke-dasharray", "5 3");
    } else if (kind === "hollow") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "14"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "6");
      shape.setAttribute("fill", "#ffffff"); shape.setAttribute("stroke", "#555555");
      shape.setAttribute("stroke-width", "2"); shape.setAttribute("stroke-dasharray", "3 2");
    } else {
      shape = document.createElementNS(SVG, "polygon");
      shape.setAttribute("points", {
        diamond: "14,1 21,8 14,15 7,8",
        square: "8,2 20,2 20,14 8,14",
        star: "14,1 16,6 21,6 17,9.5 18.5,15 14,11.5 9.5,15 11,9.5 7,6 12,6"
      }[kind]);
      shape.setAttribute("fill", "#999999"); shape.setAttribute("stroke", "#333333");
    }
    s.appendChild(shape);
    return s;
  }
  function swatch(color) {
    var sw = el("span", "sysmap-swatch");
    sw.style.backgroundColor = color;
    return sw;
  }
  function perWave(counts) {
    return el("span", "sysmap-counts", counts.map(function (c) { return numberFormat.format(c); }).join(" \u00b7 "));
  }
  function checkRow(id, onChange, parts, counts, on) {
    var row = el("label", "sysmap-row");
    var b = el("input");
    b.type = "checkbox"; b.checked = on !== false; b.id = id;
    b.addEventListener("change", function () { onChange(b.checked); });
    row.appendChild(b);
    parts.forEach(function (p) { row.appendChild(p); });
    if (counts) row.appendChild(perWave(counts));
    return row;
  }
  var legend = document.getElementById("sysmap-legend-body");
  var labels = D.waves.map(function (W) { return isolate(W.label); });
  legend.appendChild(el("p", "sysmap-note", T.waves_counts + ": " + labels.join(" \u00b7 ")));
  L.filters.forEach(function (g, gi) {
    var sec = el("section");
    sec.appendChild(el("h2", null, g.colors ? fill(T.color_heading, { title: g.title }) : fill(T.filter_heading, { title: g.title })));
    g.items.forEach(function (it, code) {
      var parts = [];
      if (it.color) parts.push(swatch(it.color));
      parts.push(el("span", "sysmap-label", it.label));
      sec.appendChild(checkRow("sysmap-filter-" + gi + "-" + code, function (on) { setCategory(gi, code, on); },
        parts, it.counts));
    });
    legend.appendChild(sec);
  });
  if (L.continuous) {
    var cs = el("section");
    cs.appendChild(el("h2", null, fill(T.color_heading, { title: L.continuous.title })));
    var bar = el("div", "sysmap-gradient");
    bar.style.background = "linear-gradient(to right, " + L.continuous.stops.join(", ") + ")";
    cs.appendChild(bar);
    L.continuous.ranges.forEach(function (r, wi) {
      cs.appendChild(el("p", null, labels[wi] + ": " + fill(T.range, { min: fmt(r[0]), max: fmt(r[1]) })));
    });
    legend.appendChild(cs);
  }
  if (L.size) {
    var ss = el("section");
    ss.appendChild(el("h2", null, fill(T.size_heading, { title: L.size.title })));
    ss.appendChild(el("p", null, fill(T.range, { min: fmt(L.size.min), max: fmt(L.size.max) })));
    legend.appendChild(ss);
  }
  var ts = el("section");
  ts.appendChild(el("h2", null, T.ties_heading));
  if (L.width) {
    ts.appendChild(el("p", null, fill(T.tie_width, { title: L.width.title }) + ": " +
      fill(T.range, { min: fmt(L.width.min), max: fmt(L.width.max) })));
  }
  if (L.strength) {
    var strong = el("div", "sysmap-row");
    strong.appendChild(symbol("line")); strong.appendChild(el("span", "sysmap-label", L.strength.strong));
    strong.appendChild(perWave(L.strength.strong_counts));
    var weak = el("div", "sysmap-row");
    weak.appendChild(symbol("dashed")); weak.appendChild(el("span", "sysmap-label", L.strength.weak));
    weak.appendChild(perWave(L.strength.weak_counts));
    ts.appendChild(strong); ts.appendChild(weak);
  }
  if (L.directed) ts.appendChild(el("p", null, T.arrows));
  if (ts.childNodes.length > 1) legend.appendChild(ts);
  if (L.overlays.length) {
    var os = el("section");
    os.appendChild(el("h2", null, T.overlays_heading));
    var kinds = { brokers: "diamond", key_players: "star", isolates: "square", non_respondents: "hollow",
                  bridges: "bridge", local_bridges: "local" };
    L.overlays.forEach(function (o) {
      os.appendChild(checkRow("sysmap-overlay-" + o.key, function (on) { setOverlay(o.key, on); },
        [symbol(kinds[o.key]), el("span", "sysmap-label", o.label)], o.counts, o.shown));
    });
    legend.appendChild(os);
  }
  legend.appendChild(el("p", "sysmap-note", T.waves_hint));

  /* ---- build ------------------------------------------------------------------ */
  D.waves.forEach(function (W, wi) { panels.push(makePanel(W, wi)); });
  panels.forEach(function (P) {
    document.getElementById("sysmap-tab-" + P.index).addEventListener("click", function () { showWave(P.index); });
  });
  setMode("side");
  document.getElementById("sysmap-fit").addEventListener("click", fitAll);
  document.getElementById("sysmap-clear").addEventListener("click", function () {
    searchBox.value = ""; search(""); clearFocus();
    L.filters.forEach(function (g, gi) { g.items.forEach(function (it, code) {
      checked[gi][code] = true;
      var b = document.getElementById("sysmap-filter-" + gi + "-" + code);
      if (b) b.checked = true;
    }); });
    applyFilters();
  });

  function counts() {
    return panels.map(function (P) {
      return {
        nodes: P.nodes.length, edges: P.edges.length,
        shownNodes: P.nodes.get({ filter: function (x) { return !x.hidden; } }).length,
        shownEdges: P.edges.get({ filter: function (x) { return !x.hidden; } }).length,
        drawnNodes: P.network.body.nodeIndices.length, drawnEdges: P.network.body.edgeIndices.length
      };
    });
  }
  function positions(wi) {
    var P = panels[wi], pos = P.network.getPositions(), out = {};
    Object.keys(pos).forEach(function (id) { out[P.data.nodes.actor[+id]] = pos[id]; });
    return out;
  }
  function view(wi) {
    var P = panels[wi];
    return { position: P.network.getViewPosition(), scale: P.network.getScale() };
  }
  window.sysmap = {
    panels: panels, data: D, search: search, focus: focus, clearFocus: clearFocus,
    setCategory: setCategory, setOverlay: setOverlay, setMode: setMode, showWave: showWave,
    fit: fitAll, counts: counts, positions: positions, view: view
  };
})();
