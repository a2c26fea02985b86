// The native-memory tab (recorded with --native): the flamegraph of native bytes not freed by the end, or of all
// bytes malloc'ed, and the stacks that hold the most. Thread and time range as for live objects: mallocs by that
// thread, in that range (and, for "not freed", still allocated at the end).
(() => {
  const TOP = 20;
  const native = profile.native.rows;
  const panel = document.getElementById('flame-panel');
  const tab = document.getElementById('tab-native');
  const title = document.getElementById('flame-title');
  const measure = document.getElementById('native-measure');
  const classLeavesBox = document.getElementById('class-leaves');
  const nativeTables = document.getElementById('native-tables');
  const body = document.querySelector('#native-sites tbody');
  const rowsOf = (bytes, samples) => ({ node: native.node, thread: native.thread, bucket: native.bucket, bytes, samples });

  SOURCES.nativeUnfreed = {
    rows: rowsOf(native.unfreedBytes, native.unfreedCount), weight: (r) => native.unfreedBytes[r], format: (n) => fmt.bytes(n),
    unit: 'bytes not freed', all: 'native memory not freed by the end', none: 'no native memory left unfreed',
  };
  SOURCES.nativeMalloc = {
    rows: rowsOf(native.bytes, native.count), weight: (r) => native.bytes[r], format: (n) => fmt.bytes(n),
    unit: "bytes malloc'ed", all: "all native memory malloc'ed", none: 'no native memory in this recording',
  };
  const isNative = () => view.source in { nativeUnfreed: 1, nativeMalloc: 1 };

  const render = () => {
    const sites = new Map();
    let unfreed = 0;
    view.forEachRow((r) => {
      const site = sites.get(native.node[r]) || { unfreed: 0, bytes: 0, count: 0 };
      site.unfreed += native.unfreedBytes[r];
      site.bytes += native.bytes[r];
      site.count += native.count[r];
      sites.set(native.node[r], site);
      unfreed += native.unfreedBytes[r];
    });
    const ranked = [...sites.entries()].sort((a, b) => b[1].unfreed - a[1].unfreed || b[1].bytes - a[1].bytes).slice(0, TOP);
    body.replaceChildren(...ranked.map(([node, site]) => {
      const tr = element('tr');
      const percent = element('td', 'num pct');
      const bar = element('span', 'bar');
      bar.style.width = (unfreed > 0 ? (100 * site.unfreed) / unfreed : 0).toFixed(1) + '%';
      percent.append(bar, element('span', null, fmt.percent(site.unfreed, unfreed)));
      tr.append(memprofTables.siteCell(node), element('td', 'num', fmt.bytes(site.unfreed)), percent,
        element('td', 'num', fmt.bytes(site.bytes)), element('td', 'num', fmt.count(site.count)));
      return tr;
    }));
    nativeTables.querySelectorAll('.tables-scope').forEach((s) => { s.textContent = view.describe(); });
  };

  const show = () => {
    const on = isNative();
    tab.setAttribute('aria-pressed', String(on));
    tab.setAttribute('aria-selected', String(on));
    nativeTables.hidden = !on;
    if (!on) return;
    // live.js and tables.js know only their own sources: take over the title and the tables
    title.textContent = 'Native memory by stack';
    document.getElementById('allocation-tables').hidden = true;
    document.getElementById('live-tables').hidden = true;
    measure.value = view.source;
    render();
  };

  tab.hidden = native.node.length === 0;
  tab.addEventListener('click', () => view.set({ source: measure.value }));
  measure.addEventListener('change', () => view.set({ source: measure.value }));
  // a malloc has no allocated class
  view.onChange(() => {
    classLeavesBox.disabled = isNative();
    if (isNative() && classLeavesBox.checked) {
      classLeavesBox.checked = false;
      classLeavesBox.dispatchEvent(new Event('change'));
    }
  });
  view.onChange(show);
  if (panel.dataset.initialView === 'native' && native.node.length > 0) view.set({ source: 'nativeUnfreed' });
})();
