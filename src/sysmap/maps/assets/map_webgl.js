/* sysmap network map, WebGL renderer: draws the data in #sysmap-data with sigma.js 3
 * (on a graphology graph) for networks too large for vis-network.
 *
 * It reads the same data block as the vis-network page (sysmap.maps.html.payload,
 * described in docs/maps.md) and offers the same legend, filters, overlays, search,
 * tooltips, details and neighbourhood highlight. Positions come from Python; there
 * is no physics. Two WebGL programs of our own draw sysmap's styles in one pass each:
 * nodes as circles, diamonds (brokers), stars (key players) or squares (isolates),
 * hollow with a dashed border (non-respondents); ties with their width, dashed when
 * weak, side by side when reciprocated, with arrow heads on directed maps (the
 * shaders follow sigma's own node-circle, edge-clamped and edge-arrow-head programs).
 *
 * Safety: every text from the data (names, attributes, labels) reaches the page
 * through textContent or the canvas, never through innerHTML. Everything runs
 * offline: no request is ever made.
 */
(function () {
  "use strict";
  const times = { start: performance.now() };
  const D = JSON.parse(document.getElementById("sysmap-data").textContent);
  var common = sysmapCommon(D);
  var el = common.el, isolate = common.isolate, fill = common.fill, fmt = common.fmt,
    shade = common.shade, norm = common.norm, table = common.table, numberFormat = common.numberFormat;
  const T = D.text;
  const N = D.nodes;
  const E = D.edges;
  const BITS = D.bits;
  const n = N.label.length;
  const m = E.from.length;
  const FADED = "rgba(190,190,190,0.35)";
  const EDGE = "rgba(110,110,110,0.55)";
  const EDGE_FOCUS = "#333333";
  const BRIDGE = "#000000";
  const LOCAL_BRIDGE = "#AA3377";
  const SELECTED = "#000000";
  const LABEL = "#222222";
  const FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
  /* Above this many ties, ties are hidden while the map moves, and can be hovered
   * only once zoomed in so far that about this many are in view: on software WebGL
   * (no graphics card, or headless) every tie drawn costs time, and a tie in a
   * hairball of 250,000 cannot be pointed at anyway. */
  const MANY_TIES = 50000;
  /* Search matches get a label box when there are at most this many (else only a
   * black border: hundreds of boxes would cover the map). */
  const LABELLED_MATCHES = 30;


  /* ---- state ------------------------------------------------------------ */
  const active = {};
  (D.legend.overlays || []).forEach(function (o) { active[o.key] = o.shown; });
  const checked = D.filters.map(function (g) { return g.items.map(function () { return true; }); });
  const visible = new Uint8Array(n).fill(1);
  let focus = null;            // index of the clicked actor
  let focusSet = null;         // it and its partners
  let selected = new Set();    // search matches
  const adjacency = new Array(n);
  for (let i = 0; i < n; i++) adjacency[i] = [];
  for (let k = 0; k < m; k++) { adjacency[E.from[k]].push(E.to[k]); adjacency[E.to[k]].push(E.from[k]); }
  function has(bits, key) { return active[key] === true && (bits & BITS[key]) !== 0; }
  const BORDERS = N.palette.map(function (c) { return shade(c, 0.6); });

  /* ---- WebGL programs ---------------------------------------------------- */
  const S = window.Sigma;
  const R = S && S.rendering;
  const floatColor = S && S.utils.floatColor;
  const GL = window.WebGLRenderingContext;

  /* The programs write every vertex (no instanced drawing: software WebGL, which
   * browsers use without a graphics card and headless, draws instances about
   * 40 times slower than plain triangles) and upload their buffers only after a
   * change, not on every frame. */

  /* Node shapes: 0 circle, 1 diamond, 2 star, 3 square; +4: hollow with a dashed
   * border. Sizes are radii in the page's pixels at zoom 1, as in vis-network. */
  const SHAPES = { dot: 0, diamond: 1, star: 2, square: 3 };
  const NODE_ANGLES = [0, 2 * Math.PI / 3, 4 * Math.PI / 3];
  const NODE_VERTEX = [
    "attribute vec4 a_id;",
    "attribute vec4 a_color;",
    "attribute vec4 a_borderColor;",
    "attribute vec2 a_position;",
    "attribute float a_size;",
    "attribute float a_shape;",
    "attribute float a_border;",
    "attribute float a_angle;",
    "uniform mat3 u_matrix;",
    "uniform float u_sizeRatio;",
    "uniform float u_correctionRatio;",
    "varying vec4 v_color;",
    "varying vec4 v_borderColor;",
    "varying vec2 v_local;",
    "varying float v_pixel;",
    "varying float v_shape;",
    "varying float v_border;",
    "const float bias = 255.0 / 254.0;",
    "const float EXTENT = 1.6;",  // room for the corners of squares, diamonds and stars
    "void main() {",
    "  float radiusPx = max(a_size / u_sizeRatio, 1.0);",  // at least one pixel on screen
    "  #ifdef PICKING_MODE",
    "  radiusPx = max(radiusPx, 3.0);",  // easy to hover when tiny
    "  #endif",
    "  float radius = radiusPx * 2.0 * u_correctionRatio;",
    "  vec2 diff = 2.0 * EXTENT * radius * vec2(cos(a_angle), sin(a_angle));",
    "  gl_Position = vec4((u_matrix * vec3(a_position + diff, 1)).xy, 0, 1);",
    "  v_local = diff / radius;",
    "  v_pixel = 1.0 / radiusPx;",
    "  v_shape = a_shape;",
    "  v_border = min(max(a_border / u_sizeRatio, 1.0) / radiusPx, 0.4);",
    "  #ifdef PICKING_MODE",
    "  v_color = a_id;",
    "  #else",
    "  v_color = a_color;",
    "  #endif",
    "  v_color.a *= bias;",
    "  v_borderColor = a_borderColor;",
    "}"
  ].join("\n");
  const NODE_FRAGMENT = [
    "precision highp float;",
    "varying vec4 v_color;",
    "varying vec4 v_borderColor;",
    "varying vec2 v_local;",
    "varying float v_pixel;",
    "varying float v_shape;",
    "varying float v_border;",
    "const float PI = 3.14159265;",
    // signed distance to a five-pointed star (Inigo Quilez, MIT)
    "float star(vec2 p, float r, float rf) {",
    "  const vec2 k1 = vec2(0.809016994375, -0.587785252292);",
    "  const vec2 k2 = vec2(-k1.x, k1.y);",
    "  p.x = abs(p.x);",
    "  p -= 2.0 * max(dot(k1, p), 0.0) * k1;",
    "  p -= 2.0 * max(dot(k2, p), 0.0) * k2;",
    "  p.x = abs(p.x);",
    "  p.y -= r;",
    "  vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);",
    "  float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);",
    "  return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);",
    "}",
    "float shape(vec2 p, float s) {",
    "  if (s < 0.5) return length(p) - 1.0;",
    "  if (s < 1.5) return (abs(p.x) + abs(p.y) - 1.3) * 0.70710678;",
    "  if (s < 2.5) return star(vec2(p.x, -p.y), 1.45, 0.45);",
    "  vec2 d = abs(p) - vec2(0.9);",
    "  return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);",
    "}",
    "void main(void) {",
    "  float hollow = step(3.5, v_shape);",
    "  float d = shape(v_local, v_shape - 4.0 * hollow);",
    "  #ifdef PICKING_MODE",
    "  gl_FragColor = d > 0.0 ? vec4(0.0) : v_color;",
    "  #else",
    "  float inner = smoothstep(-v_border - v_pixel, -v_border, d);",  // 0 inside the fill, 1 on the border
    "  if (hollow > 0.5 && fract(atan(v_local.y, v_local.x) / (2.0 * PI) * 12.0) > 0.6) inner = 0.0;",
    "  vec4 c = mix(v_color, v_borderColor, inner);",
    "  float a = c.a * (1.0 - smoothstep(-v_pixel, 0.0, d));",
    "  gl_FragColor = vec4(c.rgb * a, a);",
    "  #endif",
    "}"
  ].join("\n");

  /* Ties: a rectangle from source to target, moved sideways by a_offset (reciprocated
   * arcs of directed maps lie side by side), cut short at the target for the arrow
   * head (a_radius > 0), dashed when weak. Widths in pixels at zoom 1. a_corner says
   * which corner a vertex is: target end (+1), left side (+2), dashed tie (+4). */
  const EDGE_CORNERS = [0, 2, 1, 1, 2, 3];  // start left/right and end left/right, two triangles
  const ARROW_LENGTH = 2.5;    // arrow head length / tie width
  const ARROW_WIDTH = 2.0;     // half the arrow head's width / tie width
  const EDGE_VERTEX = [
    "attribute vec4 a_id;",
    "attribute vec4 a_color;",
    "attribute vec2 a_normal;",
    "attribute vec2 a_positionStart;",
    "attribute vec2 a_positionEnd;",
    "attribute float a_radius;",
    "attribute float a_offset;",
    "attribute float a_corner;",
    "uniform mat3 u_matrix;",
    "uniform float u_zoomRatio;",
    "uniform float u_sizeRatio;",
    "uniform float u_pixelRatio;",
    "uniform float u_correctionRatio;",
    "uniform float u_minEdgeThickness;",
    "uniform float u_feather;",
    "varying vec4 v_color;",
    "varying vec2 v_normal;",
    "varying float v_thickness;",
    "varying float v_feather;",
    "varying float v_along;",
    "varying float v_dash;",
    "const float bias = 255.0 / 254.0;",
    "void main() {",
    "  float dash = step(3.5, a_corner);",
    "  float corner = a_corner - 4.0 * dash;",
    "  float side = step(1.5, corner);",
    "  float positionCoef = corner - 2.0 * side;",
    "  float normalCoef = 1.0 - 2.0 * side;",
    "  float px = 2.0 * u_correctionRatio;",
    "  float normalLength = length(a_normal);",
    "  vec2 unitNormal = a_normal / normalLength;",
    "  vec2 dir = vec2(unitNormal.y, -unitNormal.x);",
    "  float halfWidth = max(normalLength / u_sizeRatio, u_minEdgeThickness) * u_correctionRatio;",
    "  vec2 shift = unitNormal * a_offset / u_sizeRatio * px;",
    "  float cut = a_radius > 0.0 ? a_radius / u_sizeRatio * px + halfWidth * 2.0 * " + ARROW_LENGTH.toFixed(1) + " : 0.0;",
    "  #ifdef PICKING_MODE",
    "  halfWidth = max(halfWidth, 3.0 * px);",  // a tie can be hovered within 3 px
    "  #endif",
    "  vec2 start = a_positionStart + shift;",
    "  vec2 end = a_positionEnd + shift - dir * cut;",
    "  vec2 position = mix(start, end, positionCoef) + unitNormal * halfWidth * normalCoef;",
    "  gl_Position = vec4((u_matrix * vec3(position, 1)).xy, 0, 1);",
    "  v_along = positionCoef * length(end - start) / px;",
    "  v_dash = dash * (6.0 + 8.0 * halfWidth / px);",  // dash period: 6 px + 4 tie widths
    "  v_thickness = halfWidth / u_zoomRatio;",
    "  v_normal = unitNormal * normalCoef;",
    "  v_feather = u_feather * u_correctionRatio / u_zoomRatio / u_pixelRatio * 2.0;",
    "  #ifdef PICKING_MODE",
    "  v_color = a_id;",
    "  #else",
    "  v_color = a_color;",
    "  #endif",
    "  v_color.a *= bias;",
    "}"
  ].join("\n");
  const EDGE_FRAGMENT = [
    "precision highp float;",
    "varying vec4 v_color;",
    "varying vec2 v_normal;",
    "varying float v_thickness;",
    "varying float v_feather;",
    "varying float v_along;",
    "varying float v_dash;",
    "void main(void) {",
    "  #ifdef PICKING_MODE",
    "  gl_FragColor = v_color;",
    "  #else",
    "  if (v_dash > 0.0 && mod(v_along, v_dash) > 0.6 * v_dash) discard;",  // dashes and gaps 3:2
    "  float dist = length(v_normal) * v_thickness;",
    "  float a = v_color.a * (1.0 - smoothstep(v_thickness - v_feather, v_thickness, dist));",
    "  gl_FragColor = vec4(v_color.rgb * a, a);",
    "  #endif",
    "}"
  ].join("\n");
  const ARROW_VERTEX = [
    "attribute vec4 a_id;",
    "attribute vec4 a_color;",
    "attribute vec2 a_position;",
    "attribute vec2 a_normal;",
    "attribute float a_radius;",
    "attribute float a_offset;",
    "attribute float a_corner;",  // 0: tip, 1 and 2: the back corners
    "uniform mat3 u_matrix;",
    "uniform float u_sizeRatio;",
    "uniform float u_correctionRatio;",
    "uniform float u_minEdgeThickness;",
    "varying vec4 v_color;",
    "const float bias = 255.0 / 254.0;",
    "void main() {",
    "  float px = 2.0 * u_correctionRatio;",
    "  float normalLength = length(a_normal);",
    "  vec2 unitNormal = a_normal / normalLength;",
    "  vec2 dir = vec2(unitNormal.y, -unitNormal.x);",
    "  float halfWidth = max(normalLength / u_sizeRatio, u_minEdgeThickness) * u_correctionRatio;",
    "  vec2 tip = a_position + unitNormal * a_offset / u_sizeRatio * px - dir * a_radius / u_sizeRatio * px;",
    "  vec2 back = tip - dir * halfWidth * 2.0 * " + ARROW_LENGTH.toFixed(1) + ";",
    "  vec2 side = unitNormal * halfWidth * " + ARROW_WIDTH.toFixed(1) + ";",
    "  vec2 position = a_corner < 0.5 ? tip : (a_corner < 1.5 ? back + side : back - side);",
    "  gl_Position = vec4((u_matrix * vec3(position, 1)).xy, 0, 1);",
    "  #ifdef PICKING_MODE",
    "  v_color = a_id;",
    "  #else",
    "  v_color = a_color;",
    "  #endif",
    "  v_color.a *= bias;",
    "}"
  ].join("\n");
  const ARROW_FRAGMENT = [
    "precision mediump float;",
    "varying vec4 v_color;",
    "void main(void) {",
    "  #ifdef PICKING_MODE",
    "  gl_FragColor = v_color;",
    "  #else",
    "  gl_FragColor = vec4(v_color.rgb * v_color.a, v_color.a);",
    "  #endif",
    "}"
  ].join("\n");

  function edgeNormal(s, t, thickness) {
    const dx = t.x - s.x, dy = t.y - s.y;
    const len = Math.sqrt(dx * dx + dy * dy);
    return len ? [-dy / len * thickness, dx / len * thickness] : [0, thickness];
  }
  function edgeOffset(data, s, t) {
    /* reciprocated arcs: a third of the smaller end's radius to the right */
    return data.curved ? 0.35 * Math.min(s.size, t.size) : 0;
  }

  function programs() {
    const FLOAT = GL.FLOAT, UBYTE = GL.UNSIGNED_BYTE;
    const COLOR = { size: 4, type: UBYTE, normalized: true };
    /* A program that sends its buffer to the graphics card only after a change,
     * once for both passes (drawing and picking share one buffer). */
    function uploadOnce(Base) {
      return class extends Base {
        constructor(gl, pickingBuffer, renderer) {
          super(gl, pickingBuffer, renderer);
          if (this.pickProgram) {
            gl.deleteBuffer(this.pickProgram.buffer);
            this.pickProgram.buffer = this.normalProgram.buffer;
          }
          this.uploaded = null;
        }
        process(...args) { this.uploaded = null; return super.process(...args); }
        reallocate(capacity) { this.uploaded = null; return super.reallocate(capacity); }
        bindProgram(program) {
          if (this.uploaded !== this.array) {
            this.uploaded = this.array;
            return super.bindProgram(program);
          }
          const gl = program.gl;
          let offset = 0;
          gl.bindBuffer(gl.ARRAY_BUFFER, program.buffer);
          this.ATTRIBUTES.forEach((attr) => { offset += this.bindAttribute(attr, program, offset); });
          gl.bindBuffer(gl.ARRAY_BUFFER, null);
        }
        kill() {
          if (this.pickProgram) this.pickProgram.buffer = null;
          return super.kill();
        }
      };
    }
    class NodeShapeProgram extends uploadOnce(R.NodeProgram) {
      getDefinition() {
        return {
          VERTICES: 3,
          VERTEX_SHADER_SOURCE: NODE_VERTEX,
          FRAGMENT_SHADER_SOURCE: NODE_FRAGMENT,
          METHOD: GL.TRIANGLES,
          UNIFORMS: ["u_sizeRatio", "u_correctionRatio", "u_matrix"],
          ATTRIBUTES: [
            { name: "a_position", size: 2, type: FLOAT },
            { name: "a_size", size: 1, type: FLOAT },
            Object.assign({ name: "a_color" }, COLOR),
            Object.assign({ name: "a_borderColor" }, COLOR),
            Object.assign({ name: "a_id" }, COLOR),
            { name: "a_shape", size: 1, type: FLOAT },
            { name: "a_border", size: 1, type: FLOAT },
            { name: "a_angle", size: 1, type: FLOAT }
          ]
        };
      }
      processVisibleItem(nodeIndex, i, data) {
        const a = this.array;
        const color = floatColor(data.color), border = floatColor(data.borderColor);
        for (let v = 0; v < 3; v++) {
          a[i++] = data.x;
          a[i++] = data.y;
          a[i++] = data.size;
          a[i++] = color;
          a[i++] = border;
          a[i++] = nodeIndex;
          a[i++] = data.shape;
          a[i++] = data.border;
          a[i++] = NODE_ANGLES[v];
        }
      }
      setUniforms(params, program) {
        const gl = program.gl, u = program.uniformLocations;
        gl.uniform1f(u.u_correctionRatio, params.correctionRatio);
        gl.uniform1f(u.u_sizeRatio, params.sizeRatio);
        gl.uniformMatrix3fv(u.u_matrix, false, params.matrix);
      }
    }
    function edgeUniforms(params, program) {
      const gl = program.gl, u = program.uniformLocations;
      gl.uniformMatrix3fv(u.u_matrix, false, params.matrix);
      if (u.u_zoomRatio) gl.uniform1f(u.u_zoomRatio, params.zoomRatio);
      gl.uniform1f(u.u_sizeRatio, params.sizeRatio);
      gl.uniform1f(u.u_correctionRatio, params.correctionRatio);
      if (u.u_pixelRatio) gl.uniform1f(u.u_pixelRatio, params.pixelRatio);
      if (u.u_feather) gl.uniform1f(u.u_feather, params.antiAliasingFeather);
      gl.uniform1f(u.u_minEdgeThickness, params.minEdgeThickness);
    }
    /* A tie program that draws its picking pass (what the pointer is over) only when
     * few enough ties are in view. */
    function pickWhenZoomedIn(Base) {
      return class extends Base {
        render(params) {
          const pick = this.pickProgram;
          if (m * Math.min(params.zoomRatio, 1) ** 2 > MANY_TIES) this.pickProgram = null;
          try { super.render(params); } finally { this.pickProgram = pick; }
        }
      };
    }
    class EdgeLineProgram extends pickWhenZoomedIn(uploadOnce(R.EdgeProgram)) {
      getDefinition() {
        return {
          VERTICES: 6,
          VERTEX_SHADER_SOURCE: EDGE_VERTEX,
          FRAGMENT_SHADER_SOURCE: EDGE_FRAGMENT,
          METHOD: GL.TRIANGLES,
          UNIFORMS: ["u_matrix", "u_zoomRatio", "u_sizeRatio", "u_correctionRatio",
                     "u_pixelRatio", "u_feather", "u_minEdgeThickness"],
          ATTRIBUTES: [
            { name: "a_positionStart", size: 2, type: FLOAT },
            { name: "a_positionEnd", size: 2, type: FLOAT },
            { name: "a_normal", size: 2, type: FLOAT },
            Object.assign({ name: "a_color" }, COLOR),
            Object.assign({ name: "a_id" }, COLOR),
            { name: "a_radius", size: 1, type: FLOAT },
            { name: "a_offset", size: 1, type: FLOAT },
            { name: "a_corner", size: 1, type: FLOAT }
          ]
        };
      }
      processVisibleItem(edgeIndex, i, s, t, data) {
        const normal = edgeNormal(s, t, data.size);
        const color = floatColor(data.color);
        const radius = D.directed ? t.size : 0;
        const offset = edgeOffset(data, s, t);
        const dash = data.dashed ? 4 : 0;
        const a = this.array;
        for (let v = 0; v < 6; v++) {
          a[i++] = s.x;
          a[i++] = s.y;
          a[i++] = t.x;
          a[i++] = t.y;
          a[i++] = normal[0];
          a[i++] = normal[1];
          a[i++] = color;
          a[i++] = edgeIndex;
          a[i++] = radius;
          a[i++] = offset;
          a[i++] = EDGE_CORNERS[v] + dash;
        }
      }
      setUniforms(params, program) { edgeUniforms(params, program); }
    }
    class EdgeArrowHeadProgram extends pickWhenZoomedIn(uploadOnce(R.EdgeProgram)) {
      getDefinition() {
        return {
          VERTICES: 3,
          VERTEX_SHADER_SOURCE: ARROW_VERTEX,
          FRAGMENT_SHADER_SOURCE: ARROW_FRAGMENT,
          METHOD: GL.TRIANGLES,
          UNIFORMS: ["u_matrix", "u_sizeRatio", "u_correctionRatio", "u_minEdgeThickness"],
          ATTRIBUTES: [
            { name: "a_position", size: 2, type: FLOAT },
            { name: "a_normal", size: 2, type: FLOAT },
            { name: "a_radius", size: 1, type: FLOAT },
            { name: "a_offset", size: 1, type: FLOAT },
            Object.assign({ name: "a_color" }, COLOR),
            Object.assign({ name: "a_id" }, COLOR),
            { name: "a_corner", size: 1, type: FLOAT }
          ]
        };
      }
      processVisibleItem(edgeIndex, i, s, t, data) {
        const normal = edgeNormal(s, t, data.size);
        const color = floatColor(data.color);
        const offset = edgeOffset(data, s, t);
        const a = this.array;
        for (let v = 0; v < 3; v++) {
          a[i++] = t.x;
          a[i++] = t.y;
          a[i++] = normal[0];
          a[i++] = normal[1];
          a[i++] = t.size;
          a[i++] = offset;
          a[i++] = color;
          a[i++] = edgeIndex;
          a[i++] = v;
        }
      }
      setUniforms(params, program) { edgeUniforms(params, program); }
    }
    return {
      node: NodeShapeProgram,
      edge: D.directed ? R.createEdgeCompoundProgram([EdgeLineProgram, EdgeArrowHeadProgram]) : EdgeLineProgram
    };
  }

  /* ---- styles ------------------------------------------------------------- */
  function nodeStyle(key, attr) {
    const i = attr.i;
    const bits = N.overlay[i];
    let shape = SHAPES.dot;
    if (has(bits, "key_players")) shape = SHAPES.star;
    else if (has(bits, "brokers")) shape = SHAPES.diamond;
    else if (has(bits, "isolates")) shape = SHAPES.square;
    const hollow = has(bits, "non_respondents");
    const faded = focusSet !== null && !focusSet.has(i);
    const marked = i === focus || selected.has(i);
    const base = N.palette[N.color[i]];
    attr.color = faded ? FADED : (hollow ? "#FFFFFF" : base);
    attr.borderColor = faded ? FADED : (marked ? SELECTED : (hollow ? base : BORDERS[N.color[i]]));
    attr.border = marked ? 3 : (hollow ? 3 : (shape === SHAPES.dot ? 1 : 2));
    attr.shape = shape + (hollow ? 4 : 0);
    attr.hidden = !visible[i];
    attr.highlighted = i === focus || (marked && selected.size <= LABELLED_MATCHES);
    attr.labelColor = faded ? "rgba(0,0,0,0.15)" : LABEL;
    return attr;
  }
  function edgeStyle(key, attr) {
    const k = attr.k;
    const bits = E.overlay[k];
    const s = E.from[k], t = E.to[k];
    let color = EDGE;
    if (has(bits, "bridges")) color = BRIDGE;
    else if (has(bits, "local_bridges")) color = LOCAL_BRIDGE;
    if (focus !== null) {
      if (s === focus || t === focus) { if (color === EDGE) color = EDGE_FOCUS; }
      else color = FADED;
    }
    attr.color = color;
    attr.size = E.width[k] + (has(bits, "bridges") ? 2 : 0);
    attr.hidden = !(visible[s] && visible[t]);
    return attr;
  }

  /* ---- the graph and the renderer ---------------------------------------- */
  /* Node and tie keys are their positions in the data block. The graph is a
   * multigraph only to skip graphology's duplicate checks: the data have none. */
  const container = document.getElementById("sysmap-canvas");
  let renderer = null;
  let graph = null;
  times.parsed = performance.now();
  const probe = document.createElement("canvas");
  if (S && window.graphology && (probe.getContext("webgl2") || probe.getContext("webgl"))) {
    graph = new window.graphology.Graph({
      type: D.directed ? "directed" : "undirected", multi: true, allowSelfLoops: false
    });
    for (let i = 0; i < n; i++) {
      graph.addNode(i, { i: i, x: N.x[i], y: -N.y[i], size: N.size[i], label: N.label[i] });
    }
    for (let k = 0; k < m; k++) {
      graph.addEdgeWithKey(k, E.from[k], E.to[k], { k: k, dashed: E.dashes[k] === 1, curved: E.curved[k] === 1 });
    }
    times.graph = performance.now();
    const P = programs();
    renderer = new S(graph, container, {
      defaultNodeType: "shape",
      defaultEdgeType: "tie",
      nodeProgramClasses: { shape: P.node },
      edgeProgramClasses: { tie: P.edge },
      nodeReducer: nodeStyle,
      edgeReducer: edgeStyle,
      /* sizes are pixels at zoom 1 and grow with the zoom, as positions do (vis-network) */
      itemSizesReference: "positions",
      zoomToSizeRatioFunction: function (ratio) { return ratio; },
      minEdgeThickness: 0.6,
      enableEdgeEvents: true,
      labelFont: FONT,
      labelSize: 13,
      labelColor: { attribute: "labelColor", color: LABEL },
      labelRenderedSizeThreshold: 7,
      labelDensity: 0.7,
      stagePadding: 30,
      /* ties reappear when panning or zooming stops */
      hideEdgesOnMove: m > MANY_TIES,
      zIndex: false
    });
  } else {  /* no WebGL (sigma.js does not even load without it): say what to do */
    const notice = el("p", null, T.webgl_missing);
    notice.style.padding = "2em";
    container.replaceChildren(notice);
  }
  times.network = performance.now();

  /* ---- tooltip and details ---------------------------------------------- */
  const tooltip = document.getElementById("sysmap-tooltip");
  const details = document.getElementById("sysmap-details");

  function fieldValue(f, i) {
    const v = f.values[i];
    if (f.type === "code") return v < 0 ? null : f.categories[v];
    if (f.type === "number") return v === null ? null : fmt(v);
    return v;
  }
  function nodeContent(i) {
    const box = document.createDocumentFragment();
    box.appendChild(el("div", "sysmap-tt-title", N.name[i]));
    const rows = [];
    D.nodeFields.forEach(function (f) {
      if (!f.title) rows.push([f.label, fieldValue(f, i)]);
    });
    (D.legend.overlays || []).forEach(function (o) {
      if ((N.overlay[i] & o.bit) !== 0) rows.push([T.overlay, o.label]);
    });
    box.appendChild(table(rows));
    return box;
  }
  function edgeContent(k) {
    const box = document.createDocumentFragment();
    const arrow = D.directed ? " \u2192 " : " \u2013 ";
    box.appendChild(el("div", "sysmap-tt-title", N.name[E.from[k]] + arrow + N.name[E.to[k]]));
    const rows = D.edgeFields.map(function (f) { return [f.label, fieldValue(f, k)]; });
    (D.legend.overlays || []).forEach(function (o) {
      if ((E.overlay[k] & o.bit) !== 0) rows.push([T.overlay, o.label]);
    });
    box.appendChild(table(rows));
    return box;
  }
  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    const rect = container.getBoundingClientRect();
    let x = rect.left + window.scrollX + pointer.x + 14;
    let y = rect.top + window.scrollY + pointer.y + 14;
    const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.scrollX + window.innerWidth - 8) x = Math.max(8, x - w - 28);
    if (y + h > window.scrollY + window.innerHeight - 8) y = Math.max(8, y - h - 28);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }

  function redraw() { if (renderer) renderer.refresh(); showCount(); }

  /* ---- neighbourhood highlight ------------------------------------------ */
  function focusNode(i) {
    focus = i;
    focusSet = new Set([i]);
    adjacency[i].forEach(function (j) { focusSet.add(j); });
    redraw();
    details.replaceChildren(nodeContent(i));
    details.hidden = false;
  }
  function clearFocus() {
    if (focus === null) return;
    focus = null;
    focusSet = null;
    redraw();
    details.hidden = true;
    details.replaceChildren();
  }

  /* ---- camera ------------------------------------------------------------ */
  /* Page pixels per layout pixel (the units of the data) when the camera shows the
   * whole map (ratio 1). */
  function pixelsAtRatio1() {
    const a = renderer.graphToViewport({ x: 0, y: 0 }), b = renderer.graphToViewport({ x: 100, y: 0 });
    return Math.hypot(b.x - a.x, b.y - a.y) / 100 * renderer.getCamera().getState().ratio;
  }
  /* The whole map with its circles, zoomed in no further than one page pixel per
   * layout pixel (vis-network's fit). */
  let extent = 0, largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, N.size[i]);
  if (n) extent = Math.max(Math.max.apply(null, N.x) - Math.min.apply(null, N.x),
                           Math.max.apply(null, N.y) - Math.min.apply(null, N.y));
  function fitRatio() {
    return Math.max(1, pixelsAtRatio1()) * (1 + 2 * largest / Math.max(extent, 1));
  }
  function fit() {
    if (renderer) renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: fitRatio(), angle: 0 });
  }
  /* Show the given actors: their box fills the view, zoomed in no further than
   * 1.5 page pixels per layout pixel (as vis-network's fit with maxZoomLevel 1.5). */
  function zoomTo(indices) {
    if (!renderer || !indices.length) return;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    indices.forEach(function (i) {
      const d = renderer.getNodeDisplayData(String(i));
      x0 = Math.min(x0, d.x); x1 = Math.max(x1, d.x); y0 = Math.min(y0, d.y); y1 = Math.max(y1, d.y);
    });
    const ratio = Math.max(Math.max(x1 - x0, y1 - y0) * 1.2, pixelsAtRatio1() / 1.5);
    renderer.getCamera().setState({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: Math.min(ratio, fitRatio()), angle: 0 });
  }
  if (renderer && fitRatio() > 1.01) fit();  /* small maps: not larger than life */

  /* ---- search ----------------------------------------------------------- */
  const haystack = new Array(n);
  for (let i = 0; i < n; i++) haystack[i] = norm(N.name[i] + " \u0001 " + N.actor[i]);
  const searchBox = document.getElementById("sysmap-search");
  const matchesOut = document.getElementById("sysmap-matches");
  function search(query) {
    const q = norm(query || "").trim();
    if (!q) { selected = new Set(); matchesOut.textContent = ""; redraw(); return []; }
    const hits = [];
    for (let i = 0; i < n; i++) if (visible[i] && haystack[i].indexOf(q) >= 0) hits.push(i);
    selected = new Set(hits);
    matchesOut.textContent = fill(T.search_matches, { n: hits.length });
    redraw();
    zoomTo(hits);
    return hits;
  }
  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      const hits = search(searchBox.value);
      if (hits.length) focusNode(hits[0]);
    }
  });

  /* ---- filters, overlays, legend ---------------------------------------- */
  function applyFilters() {
    for (let i = 0; i < n; i++) {
      let ok = true;
      for (let g = 0; g < D.filters.length && ok; g++) ok = checked[g][D.filters[g].codes[i]];
      visible[i] = ok ? 1 : 0;
    }
    if (focus !== null && !visible[focus]) { focus = null; focusSet = null; details.hidden = true; }
    redraw();
  }
  function setCategory(group, code, on) {
    checked[group][code] = !!on;
    const box = document.getElementById("sysmap-filter-" + group + "-" + code);
    if (box) box.checked = !!on;
    applyFilters();
  }
  function setOverlay(key, on) {
    active[key] = !!on;
    const box = document.getElementById("sysmap-overlay-" + key);
    if (box) box.checked = !!on;
    redraw();
  }
  function showCount() {
    let shown = 0;
    for (let i = 0; i < n; i++) shown += visible[i];
    document.getElementById("sysmap-count").textContent =
      shown === n ? "" : fill(T.nodes_shown, { shown: numberFormat.format(shown), n: numberFormat.format(n) });
  }

  const SVG = "http://www.w3.org/2000/svg";
  function symbol(kind, color) {
    const s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "28"); s.setAttribute("height", "16"); s.setAttribute("aria-hidden", "true");
    let shape;
    if (kind === "line" || kind === "dashed" || kind === "bridge" || kind === "local") {
      shape = document.createElementNS(SVG, "line");
      shape.setAttribute("x1", "2"); shape.setAttribute("y1", "8"); shape.setAttribute("x2", "26"); shape.setAttribute("y2", "8");
      shape.setAttribute("stroke", kind === "bridge" ? BRIDGE : (kind === "local" ? LOCAL_BRIDGE : "#777777"));
      shape.setAttribute("stroke-width", kind === "bridge" || kind === "local" ? "3" : "2");
      if (kind === "dashed") shape.setAttribute("stroke-dasharray", "5 3");
    } else if (kind === "hollow") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "14"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "6");
      shape.setAttribute("fill", "#ffffff");
      shape.setAttribute("stroke", "#555555");
      shape.setAttribute("stroke-width", "2");
      shape.setAttribute("stroke-dasharray", "3 2");
    } else {
      shape = document.createElementNS(SVG, "polygon");
      const pts = {
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
    const sw = el("span", "sysmap-swatch");
    sw.style.backgroundColor = color;
    return sw;
  }
  function checkRow(id, onChange, parts, count, on) {
    const row = el("label", "sysmap-row");
    const box = el("input");
    box.type = "checkbox"; box.checked = on !== false; box.id = id;
    box.addEventListener("change", function () { onChange(box.checked); });
    row.appendChild(box);
    parts.forEach(function (p) { row.appendChild(p); });
    if (count !== undefined && count !== null) row.appendChild(el("span", "sysmap-n", numberFormat.format(count)));
    return row;
  }

  const legend = document.getElementById("sysmap-legend-body");
  const L = D.legend;
  D.filters.forEach(function (g, gi) {
    const sec = el("section");
    const heading = g.colors ? fill(T.color_heading, { title: g.title }) : fill(T.filter_heading, { title: g.title });
    sec.appendChild(el("h2", null, heading));
    g.items.forEach(function (it, code) {
      const parts = [];
      if (it.color) parts.push(swatch(it.color));
      parts.push(el("span", "sysmap-label", it.label));
      sec.appendChild(checkRow("sysmap-filter-" + gi + "-" + code,
        function (on) { setCategory(gi, code, on); }, parts, it.count));
    });
    legend.appendChild(sec);
  });
  if (L.color && L.color.kind === "continuous") {
    const sec = el("section");
    sec.appendChild(el("h2", null, fill(T.color_heading, { title: L.color.title })));
    const bar = el("div", "sysmap-gradient");
    bar.style.background = "linear-gradient(to right, " + L.color.stops.join(", ") + ")";
    sec.appendChild(bar);
    const ends = el("div", "sysmap-ends");
    ends.appendChild(el("span", null, fmt(L.color.min)));
    ends.appendChild(el("span", null, fmt(L.color.max)));
    sec.appendChild(ends);
    if (L.color.missing) {
      const miss = el("div", "sysmap-row");
      miss.appendChild(swatch("#BBBBBB"));
      miss.appendChild(el("span", "sysmap-label", T.missing));
      miss.appendChild(el("span", "sysmap-n", numberFormat.format(L.color.missing)));
      sec.appendChild(miss);
    }
    legend.appendChild(sec);
  }
  if (L.size) {
    const ss = el("section");
    ss.appendChild(el("h2", null, fill(T.size_heading, { title: L.size.title })));
    ss.appendChild(el("p", null, fill(T.range, { min: fmt(L.size.min), max: fmt(L.size.max) })));
    if (L.size.sampled) ss.appendChild(el("p", "sysmap-note", fill(T.betweenness_sampled, { k: L.size.sampled })));
    legend.appendChild(ss);
  }
  const ts = el("section");
  ts.appendChild(el("h2", null, T.ties_heading));
  if (L.width) {
    ts.appendChild(el("p", null, fill(T.tie_width, { title: L.width.title }) + ": " +
      fill(T.range, { min: fmt(L.width.min), max: fmt(L.width.max) })));
  }
  if (L.strength) {
    const strong = el("div", "sysmap-row"); strong.appendChild(symbol("line")); strong.appendChild(el("span", "sysmap-label", L.strength.strong));
    strong.appendChild(el("span", "sysmap-n", numberFormat.format(L.strength.strong_count)));
    const weak = el("div", "sysmap-row"); weak.appendChild(symbol("dashed")); weak.appendChild(el("span", "sysmap-label", L.strength.weak));
    weak.appendChild(el("span", "sysmap-n", numberFormat.format(L.strength.weak_count)));
    ts.appendChild(strong); ts.appendChild(weak);
  }
  if (L.directed) ts.appendChild(el("p", null, T.arrows));
  if (ts.childNodes.length > 1) legend.appendChild(ts);  /* not just the heading */
  if ((L.overlays || []).length) {
    const os = el("section");
    os.appendChild(el("h2", null, T.overlays_heading));
    const kinds = { brokers: "diamond", key_players: "star", isolates: "square", non_respondents: "hollow",
                    bridges: "bridge", local_bridges: "local" };
    L.overlays.forEach(function (o) {
      os.appendChild(checkRow("sysmap-overlay-" + o.key, function (on) { setOverlay(o.key, on); },
        [symbol(kinds[o.key]), el("span", "sysmap-label", o.label)], o.count, o.shown));
    });
    legend.appendChild(os);
  }
  legend.appendChild(el("p", "sysmap-note", T.click_hint));

  /* ---- events and buttons ------------------------------------------------ */
  if (renderer) {
    renderer.on("enterNode", function (p) { showTooltip(nodeContent(Number(p.node)), p.event); });
    renderer.on("leaveNode", hideTooltip);
    renderer.on("enterEdge", function (p) { showTooltip(edgeContent(Number(p.edge)), p.event); });
    renderer.on("leaveEdge", hideTooltip);
    renderer.on("clickNode", function (p) { focusNode(Number(p.node)); });
    renderer.on("clickStage", clearFocus);
    renderer.getCamera().on("updated", hideTooltip);
  }
  document.getElementById("sysmap-fit").addEventListener("click", fit);
  document.getElementById("sysmap-clear").addEventListener("click", function () {
    searchBox.value = ""; search(""); clearFocus();
    D.filters.forEach(function (g, gi) { g.items.forEach(function (it, code) {
      checked[gi][code] = true;
      const box = document.getElementById("sysmap-filter-" + gi + "-" + code);
      if (box) box.checked = true;
    }); });
    applyFilters();
  });

  function counts() {
    let shownNodes = 0, shownEdges = 0, drawnNodes = 0, drawnEdges = 0;
    for (let i = 0; i < n; i++) {
      shownNodes += visible[i];
      if (renderer && !renderer.getNodeDisplayData(String(i)).hidden) drawnNodes++;
    }
    for (let k = 0; k < m; k++) {
      if (visible[E.from[k]] && visible[E.to[k]]) shownEdges++;
      if (renderer && !renderer.getEdgeDisplayData(String(k)).hidden) drawnEdges++;
    }
    return { nodes: n, edges: m, shownNodes: shownNodes, shownEdges: shownEdges,
             drawnNodes: drawnNodes, drawnEdges: drawnEdges };
  }
  /* where actor i is drawn, in pixels from the map's top left corner */
  function toScreen(i) {
    const d = graph.getNodeAttributes(String(i));
    return renderer.graphToViewport({ x: d.x, y: d.y });
  }
  window.sysmap = {
    renderer: renderer, graph: graph, data: D,
    search: search, focusNode: focusNode, clearFocus: clearFocus, fit: fit,
    setCategory: setCategory, setOverlay: setOverlay, counts: counts, toScreen: toScreen,
    nodeContent: function (i) { const d = el("div"); d.appendChild(nodeContent(i)); return d; }
  };
  document.documentElement.setAttribute("data-sysmap-renderer", renderer ? "webgl" : "none");
  times.script = performance.now();
  /* Ready once the first frame is on screen: the browser runs a frame callback only
   * after the drawing commands queued so far are done (software WebGL takes a while). */
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      times.drawn = performance.now();
      window.sysmapTimes = times;
      window.sysmapReady = true;
      document.documentElement.setAttribute("data-sysmap-ready", "1");
    });
  });
})();
