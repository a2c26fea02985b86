// Heap over time: memory (heap committed, heap used after GC, metaspace) above, allocation rate below,
// one shared time axis. Dragging selects a range of buckets, which filters the other views.
(() => {
  const tl = profile.timeline;
  const B = tl.buckets, bucketMs = tl.bucketMillis;
  const canvas = document.getElementById('timeline');
  const resetButton = document.getElementById('reset-range');
  const rangeLabel = document.getElementById('range-label');
  const M = { left: 74, right: 14, top: 26, memory: 92, gap: 32, rate: 44, axis: 22 };
  const HEIGHT = M.top + M.memory + M.gap + M.rate + M.axis;
  const COLORS = {
    committed: 'rgba(120, 144, 176, 0.22)', committedLine: 'rgba(96, 120, 156, 0.7)',
    afterGc: '#1f5fbf', metaspace: '#c2410c', rate: '#5b9a8b', grid: '#e6e9ee', text: '#5b6470',
  };

  // GC-time readings hold until the next one
  const carried = (values) => {
    let last = -1;
    return values.map((v) => (last = v >= 0 ? v : last));
  };
  const committed = carried(tl.heapCommittedBytes);
  const metaspace = carried(tl.metaspaceUsedBytes);
  const afterGc = tl.heapAfterGcMaxBytes;
  const rate = tl.allocatedBytes.map((b) => b / (bucketMs / 1000));
  const hasMemory = committed.some((v) => v >= 0) || metaspace.some((v) => v >= 0) || afterGc.some((v) => v >= 0);

  let width = 0, plot = 0, drag = null, hover = -1;

  const xOf = (b) => M.left + (b / B) * plot;
  const bucketAt = (px) => Math.max(0, Math.min(B - 1, Math.floor(((px - M.left) / plot) * B)));

  // about `count` steps of 1, 2 or 5 times a power of ten, labelled in the unit (KiB, MiB, ...) of the maximum
  const byteTicks = (max, count, suffix) => {
    const power = Math.min(5, Math.max(0, Math.floor(Math.log(Math.max(max, 1)) / Math.log(1024))));
    const unit = Math.pow(1024, power), name = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'][power];
    const raw = max / unit / count;
    const pow = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw);
    const ticks = [];
    for (let i = 0; i === 0 || ticks[i - 1].value < max; i++) {
      const inUnit = Number((i * step).toPrecision(6));
      ticks.push({ value: inUnit * unit, label: i === 0 ? '0' : inUnit + ' ' + name + suffix });
    }
    return ticks;
  };

  const timeTicks = () => {
    const totalMs = B * bucketMs, raw = totalMs / Math.max(2, Math.floor(plot / 90));
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw);
    const ticks = [];
    for (let t = 0; t <= totalMs + 1e-9; t += step) ticks.push(t);
    return ticks;
  };

  const yAxis = (ctx, top, height, max, count, suffix) => {
    const ticks = byteTicks(max, count, suffix), scaleTop = ticks[ticks.length - 1].value;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const { value, label } of ticks) {
      const y = top + height - (value / scaleTop) * height;
      ctx.strokeStyle = COLORS.grid;
      ctx.beginPath(); ctx.moveTo(M.left, Math.round(y) + 0.5); ctx.lineTo(M.left + plot, Math.round(y) + 0.5); ctx.stroke();
      ctx.fillStyle = COLORS.text;
      ctx.fillText(label, M.left - 6, y);
    }
    return (v) => top + height - (v / scaleTop) * height;
  };

  const stepLine = (ctx, values, yOf, color, fill) => {
    ctx.beginPath();
    let started = false, lastX = 0;
    for (let b = 0; b < B; b++) {
      if (values[b] < 0) continue;
      const y = yOf(values[b]);
      if (!started) { ctx.moveTo(xOf(b), y); started = true; } else ctx.lineTo(xOf(b), y);
      ctx.lineTo((lastX = xOf(b + 1)), y);
    }
    if (!started) return;
    if (fill) {
      ctx.lineTo(lastX, yOf(0));
      ctx.lineTo(xOf(values.findIndex((v) => v >= 0)), yOf(0));
      ctx.closePath();
      ctx.fillStyle = fill;
      ctx.fill();
    } else {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.lineWidth = 1;
    }
  };

  const draw = () => {
    width = canvas.parentElement.clientWidth;
    plot = Math.max(10, width - M.left - M.right);
    const ctx = fitCanvas(canvas, width, HEIGHT);
    ctx.clearRect(0, 0, width, HEIGHT);
    ctx.font = FONT;

    const memTop = M.top, rateTop = M.top + M.memory + M.gap;

    // memory panel
    const memMax = Math.max(1, ...committed, ...metaspace, ...afterGc);
    const yMem = yAxis(ctx, memTop, M.memory, memMax, 3, '');
    if (hasMemory) {
      stepLine(ctx, committed, yMem, null, COLORS.committed);
      stepLine(ctx, committed, yMem, COLORS.committedLine);
      stepLine(ctx, metaspace, yMem, COLORS.metaspace);
      ctx.strokeStyle = COLORS.afterGc;
      ctx.fillStyle = COLORS.afterGc;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      let started = false;
      for (let b = 0; b < B; b++) {
        if (afterGc[b] < 0) continue;
        const x = xOf(b + 0.5), y = yMem(afterGc[b]);
        if (started) ctx.lineTo(x, y); else { ctx.moveTo(x, y); started = true; }
      }
      ctx.stroke();
      ctx.lineWidth = 1;
      for (let b = 0; b < B; b++) {
        if (afterGc[b] < 0) continue;
        ctx.beginPath(); ctx.arc(xOf(b + 0.5), yMem(afterGc[b]), 2.5, 0, 2 * Math.PI); ctx.fill();
      }
    } else {
      ctx.fillStyle = COLORS.text;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('no heap readings in this recording (jdk.GCHeapSummary off, or no GC)', M.left + plot / 2, memTop + M.memory / 2);
    }

    // allocation rate panel
    const yRate = yAxis(ctx, rateTop, M.rate, Math.max(1, ...rate), 1, '/s');
    ctx.fillStyle = COLORS.rate;
    const barWidth = Math.max(1, plot / B - (plot / B > 3 ? 1 : 0));
    for (let b = 0; b < B; b++) {
      if (rate[b] <= 0) continue;
      const y = yRate(rate[b]);
      ctx.fillRect(xOf(b), y, barWidth, rateTop + M.rate - y);
    }

    // time axis
    const axisY = rateTop + M.rate;
    ctx.strokeStyle = '#b8bec7';
    ctx.beginPath(); ctx.moveTo(M.left, axisY + 0.5); ctx.lineTo(M.left + plot, axisY + 0.5); ctx.stroke();
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of timeTicks()) {
      const x = M.left + (t / (B * bucketMs)) * plot;
      ctx.beginPath(); ctx.moveTo(Math.round(x) + 0.5, axisY); ctx.lineTo(Math.round(x) + 0.5, axisY + 4); ctx.stroke();
      ctx.fillText(fmt.seconds(t), Math.min(Math.max(x, M.left + 12), M.left + plot - 12), axisY + 6);
    }

    // selection: dim what is outside it
    const [from, to] = drag ? [Math.min(drag.start, drag.end), Math.max(drag.start, drag.end)] : [view.from, view.to];
    if (drag || !view.wholeRange()) {
      ctx.fillStyle = 'rgba(245, 246, 248, 0.72)';
      ctx.fillRect(M.left, memTop, xOf(from) - M.left, axisY - memTop);
      ctx.fillRect(xOf(to + 1), memTop, M.left + plot - xOf(to + 1), axisY - memTop);
      ctx.strokeStyle = '#1f5fbf';
      ctx.strokeRect(Math.round(xOf(from)) + 0.5, memTop + 0.5, Math.round(xOf(to + 1) - xOf(from)), axisY - memTop - 1);
    }
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText('memory', 6, memTop - 10);
    ctx.fillText('allocation rate', 6, rateTop - 10);
    if (hover >= 0 && !drag) {
      ctx.strokeStyle = 'rgba(30, 40, 60, 0.45)';
      const x = Math.round(xOf(hover + 0.5)) + 0.5;
      ctx.beginPath(); ctx.moveTo(x, memTop); ctx.lineTo(x, axisY); ctx.stroke();
    }
  };

  const showTip = (event, b) => {
    const reading = (v) => (v >= 0 ? fmt.bytes(v) : 'n/a');
    tooltip.show(event, fmt.seconds(b * bucketMs) + ' – ' + fmt.seconds((b + 1) * bucketMs), [
      ['heap used after GC', afterGc[b] >= 0 ? fmt.bytes(afterGc[b]) : 'no GC in this interval'],
      ['heap committed', reading(committed[b])],
      ['metaspace used', reading(metaspace[b])],
      ['allocated', fmt.bytes(tl.allocatedBytes[b]) + '  (' + fmt.bytes(rate[b]) + '/s)'],
    ]);
  };

  const localX = (event) => event.clientX - canvas.getBoundingClientRect().left;

  canvas.addEventListener('mousedown', (event) => {
    if (event.button !== 0 || localX(event) < M.left) return;
    const b = bucketAt(localX(event));
    drag = { start: b, end: b, x: event.clientX };
    tooltip.hide();
    event.preventDefault();
  });
  window.addEventListener('mousemove', (event) => {
    if (drag) {
      drag.end = bucketAt(localX(event));
      draw();
    }
  });
  window.addEventListener('mouseup', (event) => {
    if (!drag) return;
    const { start, end, x } = drag;
    drag = null;
    if (Math.abs(event.clientX - x) >= 3) view.set({ from: Math.min(start, end), to: Math.max(start, end) });
    else draw();
  });
  canvas.addEventListener('mousemove', (event) => {
    if (drag) return;
    const x = localX(event);
    hover = x >= M.left && x <= M.left + plot ? bucketAt(x) : -1;
    if (hover >= 0) showTip(event, hover); else tooltip.hide();
    draw();
  });
  canvas.addEventListener('mouseleave', () => { hover = -1; tooltip.hide(); draw(); });
  resetButton.addEventListener('click', () => view.set({ from: 0, to: B - 1 }));

  view.onChange(() => {
    resetButton.disabled = view.wholeRange();
    rangeLabel.textContent = view.wholeRange() ? 'drag on the chart to select a time range'
      : 'selected ' + fmt.seconds(view.from * bucketMs) + ' – ' + fmt.seconds((view.to + 1) * bucketMs);
    draw();
  });
  window.addEventListener('resize', draw);
  draw();
})();
