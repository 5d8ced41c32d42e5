// Two charts drawn as SVG with no library: a stacked bar timeline and a
// network of countries. Every bar, node and edge is a link (reachable by
// keyboard, named for screen readers) to the meetings it stands for.

import { s, plural } from './format.js';

/** The number of colours series get; later series share the last one. */
export const COLOURS = 10;

/** Round steps for an axis up to max. */
function ticks(max) {
  if (max <= 0) return [0];
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((x) => x * mag).find((x) => x >= raw));
  const out = [];
  for (let v = 0; v <= max + step / 2; v += step) out.push(v);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

/**
 * A stacked bar chart of meetings by period.
 * periods: the periods in order; series: [{key, name}] in stacking order,
 * the colour of each given by its index; count(period, key): meetings;
 * periodName(period): the period in words; href(period, key): a link.
 */
export function timelineChart({ periods, series, count, periodName, href, title }) {
  const W = 800;
  const H = 320;
  const m = { top: 16, right: 12, bottom: 44, left: 40 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const totals = periods.map((p) => series.reduce((t, sr) => t + count(p, sr.key), 0));
  const ys = ticks(Math.max(1, ...totals));
  const ymax = ys[ys.length - 1];
  const band = pw / Math.max(1, periods.length);
  const bar = Math.min(56, Math.max(2, band * 0.75));
  const y = (v) => m.top + ph - (v / ymax) * ph;
  const every = Math.max(1, Math.ceil(periods.length / Math.floor(pw / (periods[0]?.length > 4 ? 64 : 44))));

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': title, id: 'timeline-chart' },
    s('title', {}, title),
    s('g', { class: 'grid', 'aria-hidden': 'true' },
      ys.map((v) => s('line', { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v) }))),
    s('g', { class: 'axis', 'aria-hidden': 'true' },
      s('line', { x1: m.left, x2: W - m.right, y1: y(0), y2: y(0) }),
      ys.map((v) => s('text', { x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, v)),
      periods.map((p, i) => i % every === 0
        ? s('text', { x: m.left + band * (i + 0.5), y: H - m.bottom + 18, 'text-anchor': 'middle' }, p)
        : null)));
  const bars = s('g', { class: 'bars' });
  periods.forEach((p, i) => {
    let acc = 0;
    series.forEach((sr, j) => {
      const n = count(p, sr.key);
      if (!n) return;
      const text = `${periodName(p)}, ${sr.name}: ${plural(n, 'meeting')}`;
      bars.append(s('a', { href: href(p, sr.key), 'aria-label': text, 'data-nav': '', 'data-period': p, 'data-series': sr.key },
        s('rect', {
          class: `bar s${Math.min(j, COLOURS - 1)}`,
          x: m.left + band * i + (band - bar) / 2, width: bar,
          y: y(acc + n), height: Math.max(1, y(acc) - y(acc + n)),
        }, s('title', {}, text))));
      acc += n;
    });
  });
  svg.append(bars);
  return svg;
}

/**
 * Places nodes so that linked ones sit close: a force-directed layout
 * (Fruchterman–Reingold), started from a circle so that it is the same on
 * every run for the same data.
 */
function layout(nodes, edges, W, H, pad) {
  const n = nodes.length;
  if (n === 1) return [{ x: W / 2, y: H / 2 }];
  const pos = nodes.map((_, i) => ({
    x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / n),
    y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / n),
  }));
  const index = new Map(nodes.map((nd, i) => [nd.id, i]));
  const k = Math.sqrt((W * H) / n) * 0.55;
  let temp = W / 8;
  for (let it = 0; it < 300; it++) {
    const d = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x;
        const dy = pos[i].y - pos[j].y;
        const dist = Math.max(0.01, Math.hypot(dx, dy));
        const f = (k * k) / dist;
        d[i].x += (dx / dist) * f; d[i].y += (dy / dist) * f;
        d[j].x -= (dx / dist) * f; d[j].y -= (dy / dist) * f;
      }
    }
    for (const e of edges) {
      const i = index.get(e.a);
      const j = index.get(e.b);
      const dx = pos[i].x - pos[j].x;
      const dy = pos[i].y - pos[j].y;
      const dist = Math.max(0.01, Math.hypot(dx, dy));
      const f = (dist * dist) / k;
      d[i].x -= (dx / dist) * f; d[i].y -= (dy / dist) * f;
      d[j].x += (dx / dist) * f; d[j].y += (dy / dist) * f;
    }
    for (let i = 0; i < n; i++) {
      d[i].x += (W / 2 - pos[i].x) * 0.1; // a little gravity keeps islands in view
      d[i].y += (H / 2 - pos[i].y) * 0.1;
      const len = Math.max(0.01, Math.hypot(d[i].x, d[i].y));
      pos[i].x += (d[i].x / len) * Math.min(len, temp);
      pos[i].y += (d[i].y / len) * Math.min(len, temp);
    }
    temp = Math.max(0.5, temp * 0.97);
  }
  // Fit into the box.
  const xs = pos.map((p) => p.x);
  const ysx = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ysx), Math.max(...ysx)];
  const sx = (W - 2 * pad) / Math.max(1, x1 - x0);
  const sy = (H - 2 * pad) / Math.max(1, y1 - y0);
  const sc = Math.min(sx, sy);
  const ox = (W - sc * (x1 - x0)) / 2;
  const oy = (H - sc * (y1 - y0)) / 2;
  return pos.map((p) => ({ x: ox + (p.x - x0) * sc, y: oy + (p.y - y0) * sc }));
}

/**
 * A network of countries: nodes [{id, count}] sized by their meetings,
 * edges [{a, b, count}] as wide as their meetings. nameOf(code) names a
 * country; nodeHref(code) and edgeHref(a, b) link to their meetings;
 * picked is the node ("AZ") or edge ("AZ-TR") shown as chosen.
 */
export function networkChart({ nodes, edges, nameOf, nodeHref, edgeHref, picked, title }) {
  const W = 800;
  const H = 520;
  const maxNode = Math.max(1, ...nodes.map((x) => x.count));
  const maxEdge = Math.max(1, ...edges.map((x) => x.count));
  const radius = (c) => 16 + 14 * Math.sqrt(c / maxNode);
  const pos = layout(nodes, edges, W, H, 70);
  const at = new Map(nodes.map((nd, i) => [nd.id, pos[i]]));

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': title, id: 'network-chart' },
    s('title', {}, title));
  const eg = s('g', { class: 'edges' });
  for (const e of edges) {
    const p = at.get(e.a);
    const q = at.get(e.b);
    const id = `${e.a}-${e.b}`;
    const text = `${nameOf(e.a)} and ${nameOf(e.b)}: ${plural(e.count, 'meeting')}`;
    eg.append(s('a', { href: edgeHref(e.a, e.b), 'data-nav': '', 'data-edge': id, 'aria-label': text, class: picked === id ? 'picked' : null },
      s('title', {}, text),
      s('line', { class: 'hit', x1: p.x, y1: p.y, x2: q.x, y2: q.y }),
      s('line', { class: 'edge', x1: p.x, y1: p.y, x2: q.x, y2: q.y, 'stroke-width': 2 + 8 * Math.sqrt(e.count / maxEdge) }),
      s('text', { class: 'edge-label', x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 - 6 }, e.count)));
  }
  const ng = s('g', { class: 'nodes' });
  for (const nd of nodes) {
    const p = at.get(nd.id);
    const r = radius(nd.count);
    const text = `${nameOf(nd.id)}: ${plural(nd.count, 'meeting')}`;
    ng.append(s('a', { href: nodeHref(nd.id), 'data-nav': '', 'data-node': nd.id, 'aria-label': text, class: picked === nd.id ? 'picked' : null },
      s('title', {}, text),
      s('circle', { class: 'node', cx: p.x, cy: p.y, r }),
      s('text', { class: 'node-label', x: p.x, y: p.y }, nd.id),
      s('text', { x: p.x, y: p.y + r + 14, 'text-anchor': 'middle' }, nameOf(nd.id))));
  }
  svg.append(eg, ng);
  return svg;
}
