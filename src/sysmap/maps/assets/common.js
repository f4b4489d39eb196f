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
  return { numberFormat: numberFormat, el: el, isolate: isolate, fill: fill, fmt: fmt, shade: shade, norm: norm, table: table };
}
