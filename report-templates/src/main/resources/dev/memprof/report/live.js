// The live-objects tab: switches the flamegraph to objects still alive at the end (weighed in sampled objects),
// and draws their tables: by allocation site with what holds them, and by holder. Honors the thread and the
// time range (objects allocated in it).
(() => {
  const TOP = 20;
  const live = profile.live;
  const panel = document.getElementById('flame-panel');
  const title = document.getElementById('flame-title');
  const tabs = { allocations: document.getElementById('tab-allocations'), live: document.getElementById('tab-live') };
  const allocationTables = document.getElementById('allocation-tables');
  const liveTables = document.getElementById('live-tables');
  const sitesBody = document.querySelector('#live-sites tbody');
  const holdersBody = document.querySelector('#live-holders tbody');
  const UNKNOWN = 'unknown: no path to a GC root (not searched, search cut off, or garbage since the last GC)';
  const holderName = (root) => (root < 0 ? UNKNOWN : live.roots[root]);

  const percentCell = (part, all) => {
    const td = element('td', 'num pct');
    const bar = element('span', 'bar');
    bar.style.width = (all > 0 ? (100 * part) / all : 0).toFixed(1) + '%';
    td.append(bar, element('span', null, fmt.percent(part, all)));
    return td;
  };

  const emptyRow = (body, columns) => {
    const tr = element('tr');
    const td = element('td', 'empty', SOURCES.live.none);
    td.colSpan = columns;
    tr.append(td);
    body.append(tr);
  };

  const render = () => {
    const objects = live.objects;
    const sites = new Map(), holders = new Map();
    let all = 0;
    view.forEachRow((r) => {
      const n = objects.samples[r];
      all += n;
      const site = sites.get(objects.node[r]) || { samples: 0, bytes: 0, holders: new Map() };
      site.samples += n;
      site.bytes += objects.bytes[r];
      site.holders.set(objects.root[r], (site.holders.get(objects.root[r]) || 0) + n);
      sites.set(objects.node[r], site);
      holders.set(objects.root[r], (holders.get(objects.root[r]) || 0) + n);
    });
    const ranked = [...sites.entries()].sort((a, b) => b[1].samples - a[1].samples || b[1].bytes - a[1].bytes).slice(0, TOP);
    sitesBody.replaceChildren(...ranked.map(([node, site]) => {
      const tr = element('tr');
      const heldBy = [...site.holders.entries()].sort((a, b) => b[1] - a[1]);
      const holderCell = element('td', 'holder', holderName(heldBy[0][0]) + (heldBy.length > 1 ? ' (+' + (heldBy.length - 1) + ' more)' : ''));
      holderCell.title = heldBy.map(([root, n]) => holderName(root) + ': ' + fmt.count(n)).join('\n');
      tr.append(memprofTables.siteCell(node), element('td', 'num', fmt.count(site.samples)), percentCell(site.samples, all),
        element('td', 'num', fmt.bytes(site.bytes)), holderCell);
      return tr;
    }));
    holdersBody.replaceChildren(...[...holders.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([root, n]) => {
      const tr = element('tr');
      tr.append(element('td', 'holder', holderName(root)), element('td', 'num', fmt.count(n)), percentCell(n, all));
      return tr;
    }));
    if (!sitesBody.children.length) emptyRow(sitesBody, 5);
    if (!holdersBody.children.length) emptyRow(holdersBody, 3);
    liveTables.querySelectorAll('.tables-scope').forEach((s) => { s.textContent = view.describe(); });
  };

  const show = () => {
    const isLive = view.source === 'live';
    for (const [name, tab] of Object.entries(tabs)) {
      tab.setAttribute('aria-pressed', String(name === view.source));
      tab.setAttribute('aria-selected', String(name === view.source));
    }
    title.textContent = isLive ? 'Live objects by allocation stack' : 'Allocation flamegraph';
    allocationTables.hidden = isLive;
    liveTables.hidden = !isLive;
    if (isLive) render();
  };

  tabs.allocations.addEventListener('click', () => view.set({ source: 'allocations' }));
  tabs.live.addEventListener('click', () => view.set({ source: 'live' }));
  view.onChange(show);
  if (panel.dataset.initialView === 'live') view.set({ source: 'live' }); else show();
})();
