// memprof diff: the flamegraph of one recording's stacks (new, or base), each frame coloured by how its value
// (with its callees) changed from base to new: red grew, blue shrank, the deeper the more, against the largest change.
(() => {
  const diff = profile.diff;
  const N = tree.parent.length;
  const perSecond = diff.unit !== 'percent';
  const value = perSecond ? (n) => fmt.bytes(n) + '/s' : (n) => n.toFixed(2) + '%';
  const share = (n) => n.toFixed(2) + '%';
  const source = (rows, format, unit, all) => ({
    rows, weight: (r) => rows.bytes[r], format, unit, all, none: 'nothing in this recording',
  });
  SOURCES.allocations = source(profile.allocations, value, perSecond ? 'bytes/s' : 'share of bytes', 'new: all allocations');
  SOURCES.baseAllocations = source(profile.baseAllocations, value, perSecond ? 'bytes/s' : 'share of bytes', 'base: all allocations');
  SOURCES.live = source(profile.live.objects, share, 'share of live objects', 'new: all live objects');
  SOURCES.baseLive = source(profile.baseLive, share, 'share of live objects', 'base: all live objects');

  // each node's value with its callees; children come after their parent in the tree
  const totals = (rows) => {
    const t = new Float64Array(N);
    for (let r = 0; r < rows.node.length; r++) t[rows.node[r]] += rows.bytes[r];
    for (let n = N - 1; n > ROOT; n--) t[tree.parent[n]] += t[n];
    return t;
  };
  const compare = (base, next) => {
    const b = totals(base), n = totals(next);
    let largest = 0;
    for (let i = 1; i < N; i++) largest = Math.max(largest, Math.abs(n[i] - b[i]));
    return { base: b, next: n, largest };
  };
  const families = {
    allocations: Object.assign(compare(profile.baseAllocations, profile.allocations), { format: value }),
    live: Object.assign(compare(profile.baseLive, profile.live.objects), { format: share }),
  };
  let family = 'allocations', widthsFromBase = false;
  const current = () => families[family];

  const GREW = 'hsl(0, 80%, 58%)', SHRANK = 'hsl(215, 80%, 58%)', SAME = 'hsl(0, 0%, 92%)';
  flameHooks.fill = (node) => {
    const { base, next, largest } = current();
    const t = largest > 0 ? (next[node] - base[node]) / largest : 0;
    if (Math.abs(t) < 0.01) return SAME;
    return `hsl(${t > 0 ? 0 : 215}, 80%, ${Math.round(92 - 34 * Math.sqrt(Math.abs(t)))}%)`;
  };
  const signed = (d, format) => (d > 0 ? '+' : d < 0 ? '−' : '±') + format(Math.abs(d));
  const relative = (b, n) => (b > 0 ? ' (' + (n >= b ? '+' : '−') + Math.abs((100 * (n - b)) / b).toFixed(0) + '%)' : n > 0 ? ' (new)' : '');
  flameHooks.tipLines = (node) => {
    const { base, next, format } = current();
    return [['base', format(base[node])], ['new', format(next[node])],
      ['change', signed(next[node] - base[node], format) + relative(base[node], next[node])]];
  };
  flameHooks.status = () => {
    const { base, next, format } = current();
    return 'widths from ' + (widthsFromBase ? 'base' : 'new') + ' · base ' + format(base[ROOT]) + ' → new ' + format(next[ROOT]);
  };
  flameHooks.legend = (legend) => {
    for (const [color, text] of [[GREW, 'grew'], [SHRANK, 'shrank'], [SAME, 'about the same']]) {
      const item = element('li', null);
      item.append(swatch(color), element('span', null, text));
      legend.append(item);
    }
  };

  const show = () => view.set({ source: widthsFromBase ? 'base' + family[0].toUpperCase() + family.slice(1) : family });
  const press = (on, off) => { on.setAttribute('aria-pressed', 'true'); off.setAttribute('aria-pressed', 'false'); };
  const tabs = { allocations: document.getElementById('tab-allocations'), live: document.getElementById('tab-live') };
  tabs.live.disabled = diff.liveMissing != null;
  for (const [name, tab] of Object.entries(tabs)) {
    tab.addEventListener('click', () => {
      family = name;
      press(tab, name === 'live' ? tabs.allocations : tabs.live);
      show();
    });
  }
  const widthsNew = document.getElementById('widths-new'), widthsBase = document.getElementById('widths-base');
  widthsNew.addEventListener('click', () => { widthsFromBase = false; press(widthsNew, widthsBase); show(); });
  widthsBase.addEventListener('click', () => { widthsFromBase = true; press(widthsBase, widthsNew); show(); });
})();
