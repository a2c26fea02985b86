// The allocation flamegraph: bytes by stack, summed from the allocation rows that pass the view's
// filter, then up the tree to the root. Drawn on one canvas; frames under ~1px are skipped.
(() => {
  const ROW = 18, MIN_WIDTH = 0.8;
  const N = tree.parent.length;
  const canvas = document.getElementById('flamegraph');
  const status = document.getElementById('flame-status');
  const searchBox = document.getElementById('search');
  const matchedLabel = document.getElementById('matched');
  const resetZoom = document.getElementById('reset-zoom');
  const classLeavesBox = document.getElementById('class-leaves');
  const threadSelect = document.getElementById('thread');
  const icicleButton = document.getElementById('icicle'), flameButton = document.getElementById('flame');
  const legend = document.getElementById('library-legend');
  const CLASS_COLOR = 'hsl(268, 45%, 80%)', MATCH_COLOR = 'hsl(305, 85%, 62%)';

  // children sorted by name, so the layout is the same whatever order the recording had
  const children = Array.from({ length: N }, () => []);
  for (let n = 1; n < N; n++) children[tree.parent[n]].push(n);
  const byName = (a, b) => (frameName(a) < frameName(b) ? -1 : frameName(a) > frameName(b) ? 1 : 0);
  children.forEach((list) => list.sort(byName));
  const preorder = [];
  for (const stack = [ROOT]; stack.length;) {
    const n = stack.pop();
    preorder.push(n);
    for (let i = children[n].length - 1; i >= 0; i--) stack.push(children[n][i]);
  }

  let icicle = true, zoom = ROOT, classLeaves = false, query = null;
  let self, total, samples, leafClasses, selfMatch, classMatch;
  let drawn = [], levels = [], maxLevel = 0, hovered = '', width = 0;
  const keyOf = (f) => (f ? f.node + ':' + f.cls : '');

  const aggregate = () => {
    self = new Float64Array(N);
    samples = new Float64Array(N);
    leafClasses = new Map();
    const weight = view.measure().weight;
    view.forEachRow((r) => {
      const n = rows.node[r];
      self[n] += weight(r);
      samples[n] += rows.samples[r];
      if (!classLeaves) return;
      let byClass = leafClasses.get(n);
      if (!byClass) leafClasses.set(n, (byClass = new Map()));
      const c = byClass.get(rows.objectClass[r]) || { cls: rows.objectClass[r], bytes: 0, samples: 0 };
      c.bytes += weight(r);
      c.samples += rows.samples[r];
      byClass.set(c.cls, c);
    });
    total = Float64Array.from(self);
    for (let i = preorder.length - 1; i > 0; i--) {
      const n = preorder[i];
      total[tree.parent[n]] += total[n];
      samples[tree.parent[n]] += samples[n];
    }
    for (const [n, byClass] of leafClasses) {
      leafClasses.set(n, [...byClass.values()].sort((a, b) => (profile.objectClasses[a.cls] < profile.objectClasses[b.cls] ? -1 : 1)));
    }
    if (total[zoom] === 0) zoom = ROOT;
  };

  // "/regex/" is a regular expression, anything else a case-insensitive substring
  const parseQuery = (text) => {
    if (!text) return null;
    const regex = /^\/(.+)\/([a-z]*)$/.exec(text);
    if (regex) {
      try { return new RegExp(regex[1], regex[2].replace(/[gy]/g, '')); } catch (e) { return undefined; }
    }
    const lower = text.toLowerCase();
    return { test: (s) => s.toLowerCase().includes(lower) };
  };

  const search = () => {
    query = parseQuery(searchBox.value.trim());
    searchBox.classList.toggle('invalid', query === undefined);
    selfMatch = classMatch = null;
    if (query) {
      selfMatch = new Uint8Array(N);
      for (let n = 1; n < N; n++) selfMatch[n] = query.test(frameName(n)) ? 1 : 0;
      classMatch = profile.objectClasses.map((name) => query.test(name));
    }
    updateMatched();
  };

  // each stack's bytes count once, however many of its frames match
  const updateMatched = () => {
    if (!selfMatch) {
      matchedLabel.textContent = '';
      canvas.dataset.matchedPercent = '';
      return;
    }
    const onPath = new Uint8Array(N);
    for (const n of preorder) onPath[n] = selfMatch[n] || (n !== ROOT && onPath[tree.parent[n]]);
    let matched = 0, all = 0;
    const { weight, unit, format } = view.measure();
    view.forEachRow((r) => {
      all += weight(r);
      if (onPath[rows.node[r]] || (classLeaves && classMatch[rows.objectClass[r]])) matched += weight(r);
    });
    const percent = all > 0 ? (100 * matched) / all : 0;
    matchedLabel.textContent = 'matched ' + fmt.percent(matched, all) + ' of ' + unit + ' (' + format(matched) + ')';
    canvas.dataset.matchedPercent = percent.toFixed(2);
  };

  const layout = () => {
    drawn = [];
    const chain = [];
    for (let n = zoom; n !== -1; n = tree.parent[n]) chain.unshift(n);
    chain.slice(0, -1).forEach((n, level) => drawn.push({ x: 0, w: width, level, node: n, cls: -1, faded: true }));
    const visit = (n, x, w, level) => {
      drawn.push({ x, w, level, node: n, cls: -1, faded: false });
      const scale = w / total[n];
      let cx = x;
      for (const c of children[n]) {
        const cw = total[c] * scale;
        if (cw >= MIN_WIDTH) visit(c, cx, cw, level + 1);
        cx += cw;
      }
      for (const leaf of (classLeaves && leafClasses.get(n)) || []) {
        const cw = leaf.bytes * scale;
        if (cw >= MIN_WIDTH) drawn.push({ x: cx, w: cw, level: level + 1, node: n, cls: leaf.cls, faded: false, leaf });
        cx += cw;
      }
    };
    if (total[zoom] > 0) visit(zoom, 0, width, chain.length - 1);
    maxLevel = drawn.reduce((m, f) => Math.max(m, f.level), 0);
    levels = Array.from({ length: maxLevel + 1 }, () => []);
    for (const f of drawn) levels[f.level].push(f);
  };

  const yOf = (level) => (icicle ? level : maxLevel - level) * ROW;

  const label = (f) => (f.cls >= 0 ? profile.objectClasses[f.cls] : frameName(f.node));

  // fits a name into a width: full, then without the package, then cut with an ellipsis
  const fitText = (ctx, text, room, isClass) => {
    if (ctx.measureText(text).width <= room) return text;
    const simple = isClass ? simpleClassName(text) : simpleFrameName(text);
    if (ctx.measureText(simple).width <= room) return simple;
    const chars = Math.floor((room / ctx.measureText(simple).width) * simple.length) - 1;
    return chars >= 2 ? simple.slice(0, chars) + '…' : '';
  };

  const fillOf = (f) => {
    if (selfMatch && (f.cls >= 0 ? classMatch[f.cls] : selfMatch[f.node])) return MATCH_COLOR;
    if (f.cls >= 0) return CLASS_COLOR;
    if (f.node === ROOT) return 'hsl(215, 12%, 82%)';
    if (flameHooks.fill) return flameHooks.fill(f.node);
    return libraryColor(frameLibrary(f.node), (hash(frameName(f.node)) % 5) - 2);
  };

  const draw = () => {
    width = canvas.parentElement.clientWidth;
    layout();
    const height = (maxLevel + 1) * ROW;
    const ctx = fitCanvas(canvas, width, height);
    ctx.clearRect(0, 0, width, height);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    for (const f of drawn) {
      const y = yOf(f.level);
      ctx.globalAlpha = f.faded ? 0.55 : 1;
      ctx.fillStyle = fillOf(f);
      ctx.fillRect(f.x, y, Math.max(f.w - 1, 0.5), ROW - 1);
      if (f.w >= 24) {
        const text = fitText(ctx, f.node === ROOT && f.cls < 0 ? view.measure().all + ' (' + view.measure().format(total[ROOT]) + ')' : label(f), f.w - 8, f.cls >= 0);
        ctx.fillStyle = '#15191f';
        if (text) ctx.fillText(text, f.x + 4, y + ROW / 2);
      }
    }
    ctx.globalAlpha = 1;
    const outlined = drawn.find((f) => keyOf(f) === hovered);
    if (outlined) {
      ctx.strokeStyle = '#15191f';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(outlined.x + 0.75, yOf(outlined.level) + 0.75, Math.max(outlined.w - 2.5, 1), ROW - 2.5);
      ctx.lineWidth = 1;
    }
    if (total[ROOT] === 0) {
      ctx.fillStyle = '#5b6470';
      ctx.fillText(view.measure().none, 8, ROW / 2);
    }
    canvas.dataset.framesDrawn = String(drawn.length);
    canvas.dataset.zoom = zoom === ROOT ? '' : frameName(zoom);
    canvas.dataset.totalBytes = String(total[ROOT]);
    canvas.dataset.source = view.source;
    resetZoom.disabled = zoom === ROOT;
    status.textContent = (flameHooks.status ? flameHooks.status(total[ROOT])
      : view.measure().format(total[ROOT]) + ' in ' + fmt.count(samples[ROOT]) + ' samples · ' + view.describe())
      + (zoom === ROOT ? '' : ' · zoomed into ' + frameName(zoom));
  };

  const frameAt = (event) => {
    const rect = canvas.getBoundingClientRect();
    const x = event.clientX - rect.left, y = event.clientY - rect.top;
    const row = Math.floor(y / ROW);
    const level = icicle ? row : maxLevel - row;
    return (levels[level] || []).find((f) => x >= f.x && x < f.x + f.w) || null;
  };

  const showTip = (event, f) => {
    const lines = [];
    const { unit, format } = view.measure();
    if (f.cls >= 0) {
      lines.push(['allocated in', frameName(f.node)]);
      lines.push([unit, format(f.leaf.bytes) + '  (' + fmt.percent(f.leaf.bytes, total[ROOT]) + ' of selection)']);
      lines.push(['samples', fmt.count(f.leaf.samples)]);
    } else {
      if (f.node !== ROOT) lines.push(['library', frameLibrary(f.node) + '  (' + libraryKind(frameLibrary(f.node)) + ')']);
      lines.push([unit, format(total[f.node]) + '  (' + fmt.percent(total[f.node], total[ROOT]) + ' of selection)']);
      if (self[f.node] > 0) lines.push(['allocated here', format(self[f.node])]);
      if (flameHooks.tipLines) lines.push(...flameHooks.tipLines(f.node));
      else lines.push(['samples', fmt.count(samples[f.node])]);
    }
    tooltip.show(event, label(f), lines);
  };

  canvas.addEventListener('mousemove', (event) => {
    const f = frameAt(event);
    if (keyOf(f) !== hovered) {
      hovered = keyOf(f);
      canvas.style.cursor = f ? 'pointer' : 'default';
      draw();
    }
    if (f) showTip(event, f); else tooltip.hide();
  });
  canvas.addEventListener('mouseleave', () => {
    hovered = '';
    tooltip.hide();
    draw();
  });
  canvas.addEventListener('click', (event) => {
    const f = frameAt(event);
    if (!f) return;
    zoom = f.node;
    hovered = '';
    tooltip.hide();
    draw();
  });
  resetZoom.addEventListener('click', () => { zoom = ROOT; draw(); });
  const orient = (isIcicle) => {
    icicle = isIcicle;
    icicleButton.setAttribute('aria-pressed', String(icicle));
    flameButton.setAttribute('aria-pressed', String(!icicle));
    draw();
  };
  icicleButton.addEventListener('click', () => orient(true));
  flameButton.addEventListener('click', () => orient(false));
  classLeavesBox.addEventListener('change', () => {
    classLeaves = classLeavesBox.checked;
    aggregate();
    updateMatched();
    draw();
  });
  searchBox.addEventListener('input', () => { search(); draw(); });
  threadSelect.addEventListener('change', () => view.set({ thread: Number(threadSelect.value) }));

  // threads, busiest first
  const threadBytes = new Float64Array(profile.threads.length);
  for (let r = 0; r < rows.node.length; r++) threadBytes[rows.thread[r]] += rows.bytes[r];
  [...profile.threads.keys()].filter((t) => threadBytes[t] > 0).sort((a, b) => threadBytes[b] - threadBytes[a])
    .forEach((t) => threadSelect.add(new Option(profile.threads[t] + ' (' + fmt.bytes(threadBytes[t]) + ')', String(t))));

  // legend: the libraries that have frames, application first, JDK last
  if (flameHooks.legend) flameHooks.legend(legend);
  const used = flameHooks.legend ? [] : [...new Set(frames.library)].map((i) => profile.libraries[i])
    .sort((a, b) => kindOrder[libraryKind(a)] - kindOrder[libraryKind(b)] || (a < b ? -1 : 1));
  for (const name of used) {
    const item = element('li', null);
    item.append(swatch(libraryColor(name)), element('span', null, name));
    item.title = libraryKind(name) === 'jdk' ? 'JDK module' : libraryKind(name) === 'app' ? 'application code' : libraryKind(name);
    legend.append(item);
  }
  const extra = element('li', 'extra');
  if (!flameHooks.legend) extra.append(swatch(CLASS_COLOR), element('span', null, 'allocated class'));
  extra.append(swatch(MATCH_COLOR), element('span', null, 'search match'));
  legend.append(extra);

  view.onChange(() => { aggregate(); updateMatched(); draw(); });
  window.addEventListener('resize', draw);

  // for tests and scripting: where a frame is on screen, by a substring of its name
  window.memprof = Object.assign(window.memprof || {}, {
    locateFrame(text) {
      const f = drawn.filter((d) => label(d).includes(text)).sort((a, b) => b.w - a.w)[0];
      if (!f) return null;
      const rect = canvas.getBoundingClientRect();
      return { x: rect.left + f.x + f.w / 2, y: rect.top + yOf(f.level) + ROW / 2 };
    },
  });

  aggregate();
  search();
  draw();
})();
