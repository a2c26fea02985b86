'use strict';
// Shared by every memprof view: the payload, number formats, library colours, the row filter and the
// tooltip. Names from the recording reach the page only as textContent, canvas text or DOM properties.

const profile = JSON.parse(document.getElementById('profile').textContent);
if (profile.allocations.packed) profile.allocations = unpackAllocations(profile.allocations);
if (profile.tree.packed) Object.assign(profile, unpackTree(profile.tree));
const tree = profile.tree;
const frames = profile.frames;
let rows = profile.allocations; // the rows of view.source
const ROOT = 0;

const fmt = {
  bytes(n) {
    if (n == null || n < 0) return 'n/a';
    if (n < 1024) return Math.round(n) + ' B';
    const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    let u = -1;
    do { n /= 1024; u++; } while (n >= 1024 && u < units.length - 1);
    return n.toFixed(1) + ' ' + units[u];
  },
  percent(part, total) {
    return (total > 0 ? 100 * part / total : 0).toFixed(2) + '%';
  },
  seconds(ms) {
    return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  },
  count(n) {
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  },
};

// JDK modules are named modules of the platform; everything else is the application or a library.
const JDK_MODULE = /^(java|jdk|javafx|sun|com\.sun|oracle)(\.[A-Za-z0-9_]+)+$/;

const libraryKind = (name) => {
  if (name == null || name === 'unknown') return 'unknown';
  if (JDK_MODULE.test(name)) return 'jdk';
  // a classes folder or, without code sources, a package: the application's own code
  if (name.endsWith('/') || name.endsWith('.*')) return 'app';
  return 'library';
};

const hash = (s) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

// A stable colour per library (the same library gets the same colour in every report), one hue
// family per kind: JDK blues, application greens, third-party jars warm.
const libraryColor = (name, shade = 0) => {
  const kind = libraryKind(name);
  if (kind === 'unknown') return `hsl(0, 0%, ${78 + shade}%)`;
  const h = hash(name);
  // [first hue, hue range, saturation, lightness]
  const families = { jdk: [188, 64, 48, 71], app: [95, 55, 48, 62], library: [15, 45, 78, 63] };
  const [hue0, hueRange, sat, light] = families[kind];
  return `hsl(${hue0 + h % hueRange}, ${sat + (h >>> 8) % 12}%, ${light + (h >>> 16) % 9 + shade}%)`;
};

const kindOrder = { app: 0, library: 1, jdk: 2, unknown: 3 };

// com.example.Cache.put -> Cache.put; java.lang.String[] -> String[]
const simpleFrameName = (name) => name.replace(/^([\w$]+\.)+(?=[^.]+\.[^.]+$)/, '');
const simpleClassName = (name) => name.replace(/^([\w$]+\.)+(?=[^.]+$)/, '');

const frameName = (node) => node === ROOT ? view.measure().all : frames.name[tree.frame[node]];
const frameLibrary = (node) => node === ROOT ? null : profile.libraries[frames.library[tree.frame[node]]];

// What the views count: sampled allocations, weighed in bytes, or sampled objects still alive at the end,
// weighed in objects (each stands for about the same number of allocated bytes; the sampled objects' own
// sizes would count big objects twice).
const SOURCES = {
  allocations: {
    rows: profile.allocations, weight: (r) => profile.allocations.bytes[r], format: (n) => fmt.bytes(n),
    unit: 'bytes', all: 'all allocations', none: 'no allocation samples in this selection',
  },
  live: {
    rows: profile.live.objects, weight: (r) => profile.live.objects.samples[r], format: (n) => fmt.count(n) + ' objects',
    unit: 'live objects', all: 'all live objects', none: 'no live-object samples in this selection',
  },
};

// Which rows count: allocations or live objects, one thread or all, and a range of timeline buckets
// (for live objects: when they were allocated). Views redraw on change.
const view = {
  source: 'allocations',
  measure() { return SOURCES[this.source]; },
  thread: -1,
  from: 0,
  to: profile.timeline.buckets - 1,
  listeners: [],
  onChange(listener) { this.listeners.push(listener); },
  set(changes) {
    Object.assign(this, changes);
    // merged time buckets (a long recording): a selection covers whole ones, so its numbers are what it says
    const span = profile.allocations.bucketSpan || 1;
    if (span > 1) {
      this.from -= this.from % span;
      this.to = Math.min(profile.timeline.buckets - 1, this.to - this.to % span + span - 1);
    }
    rows = SOURCES[this.source].rows;
    this.listeners.forEach((listener) => listener());
  },
  wholeRange() { return this.from === 0 && this.to === profile.timeline.buckets - 1; },
  forEachRow(fn) {
    const { thread, from, to } = this;
    for (let r = 0; r < rows.node.length; r++) {
      const b = rows.bucket[r];
      if (b + (rows.bucketSpan || 1) - 1 < from || b > to || (thread >= 0 && rows.thread[r] !== thread)) continue;
      fn(r);
    }
  },
  describe() {
    const ms = profile.timeline.bucketMillis;
    const who = this.thread < 0 ? 'all threads' : 'thread ' + profile.threads[this.thread];
    const when = this.wholeRange() ? 'whole recording'
      : fmt.seconds(this.from * ms) + ' – ' + fmt.seconds((this.to + 1) * ms);
    return who + ' · ' + when;
  },
};

// What another page may change in flamegraph.js (memprof diff colours frames by change): each null keeps the
// report's own. fill(node) -> colour; tipLines(node) -> [label, value] pairs; legend(ul); status(total, zoom) -> text.
const flameHooks = { fill: null, tipLines: null, legend: null, status: null };

const element = (tag, className, text) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
};

const swatch = (color) => {
  const s = element('i', 'swatch');
  s.style.background = color;
  return s;
};

const tooltip = {
  box: document.getElementById('tooltip'),
  // lines: [label, value] pairs
  show(event, title, lines) {
    const box = this.box;
    box.replaceChildren(element('div', 'tip-title', title));
    for (const [label, value] of lines) {
      const line = element('div', 'tip-line');
      line.append(element('span', 'tip-label', label), element('span', 'tip-value', value));
      box.append(line);
    }
    box.hidden = false;
    const pad = 14, w = box.offsetWidth, h = box.offsetHeight;
    let x = event.clientX + pad, y = event.clientY + pad;
    if (x + w > window.innerWidth - 4) x = Math.max(4, event.clientX - pad - w);
    if (y + h > window.innerHeight - 4) y = Math.max(4, event.clientY - pad - h);
    box.style.left = x + 'px';
    box.style.top = y + 'px';
  },
  hide() { this.box.hidden = true; },
};

// A canvas sized to its box in CSS pixels, drawn sharp on high-DPI screens.
const fitCanvas = (canvas, cssWidth, cssHeight) => {
  const ratio = window.devicePixelRatio || 1;
  canvas.style.height = cssHeight + 'px';
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
};

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
