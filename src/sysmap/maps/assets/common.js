/* sysmap: the helpers every map page shares (the vis-network map, the WebGL map
 * and the wave maps side by side). Each page's own script starts with
 *   var common = sysmapCommon(D);
 * where D is the page's data block (#sysmap-data; its schema: docs/maps.md,
 * "The page's data"), and takes the helpers from `common`.
 *
 * Safety: every text from the data reaches the page through textContent (el,
 * table) or the canvas, never through innerHTML; names put into sentences are
 * isolated (isolate, fill). Nothing here makes a request.
 */
function sysmapCommon(D) {
  "use strict";
  var T = D.text;
  var numberFormat = new Intl.NumberFormat(D.lang, { maximumFractionDigits: 2 });
  /* A name put into a sentence or next to other text: when it holds right-to-left
   * letters or direction controls, a first-strong isolate (U+2068 ... U+2069) without
   * its own embeddings, overrides and isolates, so a name with an unclosed
   * right-to-left override cannot reverse the rest (Unicode UAX #9; sysmap._text). */
  var BIDI = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]|[\uD802\uD803\uD83A\uD83B]/;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function isolate(text) {
    text = String(text);
    return BIDI.test(text) ? "\u2068" + text.replace(/[\u202A-\u202E\u2066-\u2069]/g, "") + "\u2069" : text;
  }
  /* `template` with each {key} replaced by the (isolated) value of `values`. */
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? isolate(values[key]) : all;
    });
  }
  /* A number in the page's language ("not available" for null). */
  function fmt(x) {
    return x === null || x === undefined ? T.not_available : numberFormat.format(x);
  }
  /* A "#rrggbb" colour darkened (f < 1) or lightened (f > 1). */
  function shade(hex, f) {
    var r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
    return "rgb(" + Math.round(r * f) + "," + Math.round(g * f) + "," + Math.round(b * f) + ")";
  }
  /* Text for search: without accents, lower case ("Müller" finds "muller"). */
  function norm(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  /* A two-column table (label, value) of the details panel and tooltips. */
  function table(rows) {
    var t = el("table");
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("th", null, r[0]));
      tr.appendChild(el("td", null, r[1] === null ? T.not_available : r[1]));
      t.appendChild(tr);
    });
    return t;
  }
  /* Labels that never overlap, drawn by sysmap instead of vis-network. After every
   * drawing of the vis-network `network`, the actors' labels (`nodes.label`) are
   * written under their circles, in the order `order` (the data's `labelOrder`: the backbone
   * organization first, then the marked key players and brokers, then the largest):
   * a label whose box would overlap one already written is left out (its tooltip
   * still names the actor), so zooming in shows more of them. `show(i)` says whether
   * actor i may be labelled now (not filtered out, not faded). Returns a function
   * that gives the boxes written last ({i, x, y, w, h} in CSS pixels of the canvas). */
  var LABEL_FONT = 12, LABEL_PAD = 2, LABEL_CELL = 48;
  function labeller(network, nodes, order, show) {
    var font = LABEL_FONT + "px system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
    var widths = {};
    var written = [];
    function collides(grid, b) {
      for (var cx = Math.floor(b.x / LABEL_CELL); cx <= Math.floor((b.x + b.w) / LABEL_CELL); cx++) {
        for (var cy = Math.floor(b.y / LABEL_CELL); cy <= Math.floor((b.y + b.h) / LABEL_CELL); cy++) {
          var cell = grid[cx + "," + cy];
          if (!cell) continue;
          for (var j = 0; j < cell.length; j++) {
            var o = cell[j];
            if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return true;
          }
        }
      }
      return false;
    }
    function insert(grid, b) {
      for (var cx = Math.floor(b.x / LABEL_CELL); cx <= Math.floor((b.x + b.w) / LABEL_CELL); cx++) {
        for (var cy = Math.floor(b.y / LABEL_CELL); cy <= Math.floor((b.y + b.h) / LABEL_CELL); cy++) {
          var key = cx + "," + cy;
          (grid[key] || (grid[key] = [])).push(b);
        }
      }
    }
    network.on("afterDrawing", function (ctx) {
      var canvas = ctx.canvas;
      var width = canvas.clientWidth, height = canvas.clientHeight;
      var ratio = canvas.width / Math.max(width, 1);
      var scale = network.getScale();
      var grid = {};
      written = [];
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.font = font;
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff";
      ctx.fillStyle = "#222222";
      for (var r = 0; r < order.length; r++) {
        var i = order[r];
        var text = nodes.label[i];
        if (!text || !show(i)) continue;
        var p = network.canvasToDOM(network.getPosition(i));
        var w = widths[i] || (widths[i] = ctx.measureText(text).width);
        var b = { i: i, x: p.x - w / 2 - LABEL_PAD, y: p.y + nodes.size[i] * scale + 1,
                  w: w + 2 * LABEL_PAD, h: LABEL_FONT + 2 * LABEL_PAD };
        if (b.x > width || b.x + b.w < 0 || b.y + b.h > height || b.y < 0) continue;
        b.x = Math.max(0, Math.min(b.x, width - b.w));  /* at the edges: moved inside */
        if (collides(grid, b)) continue;
        insert(grid, b);
        written.push(b);
        ctx.strokeText(text, b.x + b.w / 2, b.y + LABEL_PAD);
        ctx.fillText(text, b.x + b.w / 2, b.y + LABEL_PAD);
      }
      ctx.restore();
    });
    return function () { return written.slice(); };
  }
  return { numberFormat: numberFormat, el: el, isolate: isolate, fill: fill, fmt: fmt, shade: shade,
           norm: norm, table: table, labeller: labeller };
}
