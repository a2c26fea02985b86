// Top allocation sites and top allocated classes, for the same thread and time range as the flamegraph.
(() => {
  const TOP = 20;
  const sitesBody = document.querySelector('#sites tbody');
  const classesBody = document.querySelector('#classes tbody');
  const scopes = document.querySelectorAll('.tables-scope');

  // the first frame, from the leaf up, that is not the JDK's: where the application asked for memory
  const firstAppFrame = (leaf) => {
    for (let n = leaf; n !== ROOT; n = tree.parent[n]) {
      if (libraryKind(frameLibrary(n)) !== 'jdk') return n;
    }
    return leaf;
  };

  const top = (map) => [...map.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, TOP);

  const add = (map, key, r) => {
    const e = map.get(key) || { bytes: 0, samples: 0 };
    e.bytes += rows.bytes[r];
    e.samples += rows.samples[r];
    map.set(key, e);
  };

  const numbers = (tr, e, all) => {
    const percent = element('td', 'num pct');
    const bar = element('span', 'bar');
    bar.style.width = (all > 0 ? (100 * e.bytes) / all : 0).toFixed(1) + '%';
    percent.append(bar, element('span', null, fmt.percent(e.bytes, all)));
    tr.append(element('td', 'num', fmt.bytes(e.bytes)), percent, element('td', 'num', fmt.count(e.samples)));
  };

  const siteCell = (leaf) => {
    const stack = [];
    for (let n = leaf; n !== ROOT; n = tree.parent[n]) stack.push(n);
    const app = firstAppFrame(leaf);
    const details = element('details');
    const summary = element('summary');
    summary.append(swatch(libraryColor(frameLibrary(app))), element('span', 'frame', simpleFrameName(frameName(app))));
    // the JDK frames between the application frame and the allocation, as a chain to the leaf
    const below = stack.indexOf(app);
    if (below > 0) summary.append(element('span', 'muted', (below > 1 ? '→ … ' : '') + '→ ' + simpleFrameName(frameName(leaf))));
    const list = element('ol', 'stack');
    for (const n of stack) {
      const li = element('li', n === app ? 'app' : null);
      li.title = frameLibrary(n);
      li.append(swatch(libraryColor(frameLibrary(n))), element('span', 'frame', frameName(n)));
      list.append(li);
    }
    details.append(summary, list);
    const td = element('td', 'site');
    td.title = stack.map(frameName).join('\n');
    td.append(details);
    return td;
  };

  const render = () => {
    if (view.source !== 'allocations') return; // live.js draws the live-object tables
    const sites = new Map(), classes = new Map();
    let all = 0;
    view.forEachRow((r) => {
      all += rows.bytes[r];
      add(sites, rows.node[r], r);
      add(classes, rows.objectClass[r], r);
    });
    sitesBody.replaceChildren(...top(sites).map(([leaf, e]) => {
      const tr = element('tr');
      tr.append(siteCell(leaf));
      numbers(tr, e, all);
      return tr;
    }));
    classesBody.replaceChildren(...top(classes).map(([cls, e]) => {
      const tr = element('tr');
      tr.append(element('td', 'class', profile.objectClasses[cls]));
      numbers(tr, e, all);
      return tr;
    }));
    for (const body of [sitesBody, classesBody]) {
      if (!body.children.length) {
        const tr = element('tr');
        const td = element('td', 'empty', 'no allocation samples in this selection');
        td.colSpan = 4;
        tr.append(td);
        body.append(tr);
      }
    }
    scopes.forEach((s) => { s.textContent = view.describe(); });
  };

  view.onChange(render);
  render();
  window.memprofTables = { siteCell }; // live.js shows its stacks the same way
})();
