// The explorer: meetings filtered, listed page by page, shown whole, and
// drawn as a timeline and a partner network. Everything it shows comes
// from the public API; all of its state is in the query string, so that
// every view can be bookmarked and shared.

import * as api from './api.js';
import {
  h, formatPeriod, label, loadCountries, countryName, countryOption, resolveCountry, plural,
} from './format.js';
import { summaryItem, meetingBody } from './meeting.js';
import { timelineChart, networkChart, COLOURS } from './charts.js';
import { keyForm } from './keyform.js';

/** The query parameters that are filters of GET /meetings. */
const FILTERS = ['country', 'partner', 'from', 'to', 'topic', 'kind', 'q'];
/** The parameters that say what is shown; a new filter drops them. */
const PLACE = ['cursor', 'meeting', 'pick'];
const PAGE = 20;
/** At most this many meetings are read for a chart. */
const CHART_MAX = 10000;
const DATE = /^\d{4}(-\d\d(-\d\d)?)?$/;

const view = document.getElementById('view');
const form = document.getElementById('filters');
let vocab = null;
let renderCount = 0;

const state = () => new URLSearchParams(location.search);

/** The filters of a state, as GET /meetings takes them. */
function filters(st) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (st.get(k)) p.set(k, st.get(k));
  return p;
}

/** A link to the explorer: the current state, less where it is, with changes (null drops one). */
function link(changes, from = state()) {
  const p = new URLSearchParams(from);
  for (const k of PLACE) if (!(k in changes)) p.delete(k);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') p.delete(k); else p.set(k, v);
  }
  const q = p.toString();
  return q ? `/?${q}` : '/';
}

const links = {
  meeting: (id) => link({ meeting: id }),
  list: (changes) => link({ view: null, ...Object.fromEntries(FILTERS.map((k) => [k, null])), ...changes }),
};

function go(url) {
  history.pushState(null, '', url);
  render(true);
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  go(a.getAttribute('href'));
});
window.addEventListener('popstate', () => render(false));

// ---- the filter form ----

function fieldError(name, message) {
  const input = form.elements[name];
  const p = document.getElementById(`e-${name}`);
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    p.textContent = message;
    p.hidden = false;
  } else {
    input.removeAttribute('aria-invalid');
    p.hidden = true;
  }
  return !message;
}

/** The codes of the countries typed in a field, or an error message. */
function countryCodes(text) {
  const t = text.trim();
  if (!t) return { codes: '' };
  const whole = resolveCountry(t);
  if (whole) return { codes: whole };
  const codes = [];
  for (const part of t.split(',').map((x) => x.trim()).filter(Boolean)) {
    const c = resolveCountry(part);
    if (!c) return { error: `No country is called “${part}”. Type a name or an ISO code and pick a suggestion.` };
    codes.push(c);
  }
  return { codes: codes.join(',') };
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const st = state();
  const p = new URLSearchParams();
  let ok = true;
  for (const name of ['country', 'partner']) {
    const r = countryCodes(form.elements[name].value);
    ok = fieldError(name, r.error) && ok;
    if (r.codes) p.set(name, r.codes);
  }
  if (ok && p.get('partner') && !p.get('country')) ok = fieldError('partner', 'Choose a country first: this field is its partner.');
  for (const name of ['from', 'to']) {
    const v = form.elements[name].value.trim();
    ok = fieldError(name, v && !DATE.test(v) ? 'Write a year (2024), a month (2024-05) or a day (2024-05-17).' : null) && ok;
    if (v) p.set(name, v);
  }
  for (const name of ['topic', 'kind', 'q']) {
    const v = form.elements[name].value.trim();
    if (v) p.set(name, v);
  }
  if (!ok) {
    form.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  for (const k of ['view', 'by', 'split', 'limit']) if (st.get(k)) p.set(k, st.get(k));
  go(p.toString() ? `/?${p}` : '/');
});

function fillForm(st) {
  for (const name of ['country', 'partner']) {
    form.elements[name].value = (st.get(name) || '').split(',').filter(Boolean).map((c) => countryOption(resolveCountry(c) || c.toUpperCase())).join(', ');
    fieldError(name, null);
  }
  for (const name of ['from', 'to', 'topic', 'kind', 'q']) {
    form.elements[name].value = st.get(name) || '';
    if (name === 'from' || name === 'to') fieldError(name, null);
  }
}

function fillChoices() {
  const list = document.getElementById('country-list');
  list.replaceChildren(...[...loadedCountries.values()].map((c) => h('option', { value: `${c.name} (${c.alpha2})` })));
  const sel = (name, values) => form.elements[name].append(...values.map((v) => h('option', { value: v }, label(v))));
  sel('topic', vocab.topic);
  sel('kind', vocab.kind);
}

/** The filters of a state in words. */
function describe(st) {
  const parts = [];
  const names = (v) => v.split(',').map((c) => countryName(resolveCountry(c) || c.toUpperCase())).join(' or ');
  if (st.get('country')) parts.push(`of ${names(st.get('country'))}`);
  if (st.get('partner')) parts.push(`with ${names(st.get('partner'))}`);
  if (st.get('from')) parts.push(`from ${st.get('from')}`);
  if (st.get('to')) parts.push(`to ${st.get('to')}`);
  if (st.get('topic')) parts.push(`on ${label(st.get('topic')).toLowerCase()}`);
  if (st.get('kind')) parts.push(`of the kind ${label(st.get('kind')).toLowerCase()}`);
  if (st.get('q')) parts.push(`matching “${st.get('q')}”`);
  return parts.join(', ');
}

// ---- views ----

async function listView(st) {
  const p = filters(st);
  p.set('limit', /^\d{1,3}$/.test(st.get('limit') || '') ? st.get('limit') : String(PAGE));
  p.set('count', 'estimated');
  if (st.get('cursor')) p.set('cursor', st.get('cursor'));
  const { body } = await api.get(`/meetings?${p}`);
  const total = body.total ?? body.data.length;
  const what = describe(st);
  const out = [
    h('h2', { tabindex: '-1', id: 'results' }, `${body.total_exact === false ? 'About ' : ''}${plural(total, 'meeting')}${what ? ` ${what}` : ''}`),
  ];
  if (!body.data.length) {
    out.push(h('p', { class: 'notice' }, 'No meeting passes these filters. Try fewer, or a wider date range; a meeting whose year is unknown never falls in a date range.'));
  } else {
    out.push(h('ol', { class: 'meetings', id: 'meeting-list' }, body.data.map((m) => summaryItem(m, links.meeting))));
  }
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  if (st.get('cursor')) pager.append(h('a', { href: link({ cursor: null }), 'data-nav': '' }, 'First page'));
  if (body.next_cursor) pager.append(h('a', { href: link({ cursor: body.next_cursor }), 'data-nav': '', rel: 'next', class: 'button' }, 'Next page'));
  if (pager.childNodes.length) out.push(pager);
  return out;
}

async function meetingView(st) {
  const id = st.get('meeting');
  const { body: m } = await api.get(`/meetings/${encodeURIComponent(id)}`);
  document.title = `${m.title} · milmeet`;
  return [
    h('p', {}, h('a', { href: link({ meeting: null }), 'data-nav': '' }, '← Back to the meetings')),
    h('article', { class: 'meeting', 'data-meeting-page': m.id },
      h('h2', { tabindex: '-1' }, m.title),
      meetingBody(m, links, 3)),
    h('p', { class: 'meta' }, h('a', { href: `/meetings/${m.id}` }, 'This record as JSON')),
  ];
}

/** Links that set one parameter of a view, the current one marked. */
function switcher(name, param, options, current) {
  return h('p', { class: 'view-controls', role: 'group', 'aria-label': name },
    h('span', { class: 'status' }, `${name}:`),
    options.map(([value, text]) => h('a', {
      href: link({ [param]: value }), 'data-nav': '', 'aria-current': value === current ? 'true' : null,
      class: value === current ? 'button' : 'button secondary',
    }, text)));
}

async function readAll(st) {
  const { items, complete } = await api.getAll('/meetings', filters(st), CHART_MAX);
  const meetings = items.filter((m) => !m.deleted);
  const notes = complete ? [] : [h('p', { class: 'notice' }, `Drawn from the first ${meetings.length.toLocaleString('en')} meetings only; narrow the filters to see all.`)];
  return { meetings, notes };
}

/** Consecutive periods from the first to the last of a set. */
function periodRange(set, by) {
  const sorted = [...set].sort();
  if (!sorted.length) return [];
  const out = [];
  if (by === 'year') {
    for (let y = +sorted[0]; y <= +sorted[sorted.length - 1]; y++) out.push(String(y));
    return out;
  }
  let [y, mo] = sorted[0].split('-').map(Number);
  const [ly, lm] = sorted[sorted.length - 1].split('-').map(Number);
  while (y < ly || (y === ly && mo <= lm)) {
    out.push(`${y}-${String(mo).padStart(2, '0')}`);
    mo += 1;
    if (mo > 12) { mo = 1; y += 1; }
  }
  return out;
}

async function timelineView(st) {
  let by = st.get('by') === 'month' ? 'month' : 'year';
  const focus = (st.get('country') || '').split(',').filter(Boolean).map((c) => resolveCountry(c) || c.toUpperCase());
  let split = st.get('split') === 'kind' ? 'kind' : 'partner';
  const { meetings, notes } = await readAll(st);
  if (split === 'partner' && !focus.length) {
    split = 'kind';
    notes.push(h('p', { class: 'notice' }, 'Choose a country above to split its meetings by partner; without one they are split by kind.'));
  }
  const periodOf = (m) => {
    if (m.date_precision === 'month_day') return null;
    if (by === 'year') return m.date.slice(0, 4);
    return m.date_precision === 'year' ? null : m.date.slice(0, 7);
  };
  const keysOf = (m) => {
    if (split === 'kind') return [m.kind];
    const others = m.countries.filter((c) => !focus.includes(c));
    return others.length ? others : [m.countries[0]];
  };
  let seen = new Set(meetings.map(periodOf).filter(Boolean));
  if (by === 'month' && periodRange(seen, 'month').length > 600) {
    by = 'year';
    seen = new Set(meetings.map(periodOf).filter(Boolean));
    notes.push(h('p', { class: 'notice' }, 'Too many months to draw: counted by year instead.'));
  }
  const counts = new Map();
  const totals = new Map();
  const undated = [];
  for (const m of meetings) {
    const p = periodOf(m);
    if (!p) { undated.push(m); continue; }
    for (const k of keysOf(m)) {
      if (!counts.has(p)) counts.set(p, new Map());
      counts.get(p).set(k, (counts.get(p).get(k) || 0) + 1);
      totals.set(k, (totals.get(k) || 0) + 1);
    }
  }
  const nameOf = (k) => (split === 'kind' ? label(k) : countryName(k));
  let series = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => ({ key, name: nameOf(key) }));
  const grouped = new Map(); // a series key → the key it is drawn under
  if (series.length > COLOURS) {
    for (const sr of series.slice(COLOURS - 1)) grouped.set(sr.key, '_other');
    series = [...series.slice(0, COLOURS - 1), { key: '_other', name: 'Others' }];
  }
  const count = (p, key) => {
    const c = counts.get(p);
    if (!c) return 0;
    if (key !== '_other') return c.get(key) || 0;
    let n = 0;
    for (const [k, v] of c) if (grouped.get(k) === '_other') n += v;
    return n;
  };
  const periods = periodRange(seen, by);
  const listFor = (p, key) => {
    const ch = { from: p, to: p };
    if (key !== '_other') ch[split === 'kind' ? 'kind' : 'partner'] = key;
    return link({ view: null, by: null, split: null, ...ch });
  };
  const what = describe(st);
  const title = `Meetings${what ? ` ${what}` : ''} by ${by}, split by ${split}`;
  const out = [
    h('h2', { tabindex: '-1' }, title),
    switcher('Count by', 'by', [['year', 'Year'], ['month', 'Month']], by),
    switcher('Split by', 'split', [['partner', 'Partner'], ['kind', 'Kind']], split),
    ...notes,
  ];
  if (!periods.length) {
    out.push(h('p', { class: 'notice' }, 'No meeting here has a date with this period to draw.'));
  } else {
    out.push(h('figure', { class: 'chart' },
      timelineChart({ periods, series, count, periodName: formatPeriod, href: listFor, title }),
      h('figcaption', {}, `${plural(meetings.length - undated.length, 'meeting')} drawn. Choose a bar to list its meetings.`)));
    out.push(h('ul', { class: 'legend', 'aria-label': 'Legend' }, series.map((sr, i) => h('li', {},
      h('span', { class: `swatch s${Math.min(i, COLOURS - 1)}`, 'aria-hidden': 'true' }), sr.name))));
    out.push(h('details', {}, h('summary', {}, 'The counts as a table'),
      h('div', { class: 'table-scroll' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, by === 'year' ? 'Year' : 'Month'),
          series.map((sr) => h('th', { scope: 'col', class: 'num' }, sr.name)))),
        h('tbody', {}, periods.filter((p) => counts.has(p)).map((p) => h('tr', {},
          h('th', { scope: 'row' }, formatPeriod(p)),
          series.map((sr) => h('td', { class: 'num' }, count(p, sr.key) || '')))))))));
  }
  if (undated.length) {
    out.push(h('h3', {}, `Not drawn: ${plural(undated.length, 'meeting')} whose ${by === 'year' ? 'year' : 'month'} is not known`),
      h('ol', { class: 'meetings' }, undated.map((m) => summaryItem(m, links.meeting))));
  }
  return out;
}

async function networkView(st) {
  const { meetings, notes } = await readAll(st);
  const nodeCount = new Map();
  const edgeCount = new Map();
  for (const m of meetings) {
    const cs = [...new Set(m.countries)].sort();
    for (const c of cs) nodeCount.set(c, (nodeCount.get(c) || 0) + 1);
    for (let i = 0; i < cs.length; i++) {
      for (let j = i + 1; j < cs.length; j++) {
        const id = `${cs[i]}-${cs[j]}`;
        edgeCount.set(id, (edgeCount.get(id) || 0) + 1);
      }
    }
  }
  const nodes = [...nodeCount.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, count]) => ({ id, count }));
  const edges = [...edgeCount.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, count]) => ({ a: id.slice(0, 2), b: id.slice(3), count }));
  const picked = st.get('pick') || '';
  const what = describe(st);
  const title = `Partner network of the meetings${what ? ` ${what}` : ''}`;
  const out = [h('h2', { tabindex: '-1' }, title), ...notes];
  if (!nodes.length) {
    out.push(h('p', { class: 'notice' }, 'No meeting passes these filters.'));
    return out;
  }
  out.push(h('figure', { class: 'chart' },
    networkChart({
      nodes, edges, nameOf: countryName, picked, title,
      nodeHref: (c) => link({ pick: c }), edgeHref: (a, b) => link({ pick: `${a}-${b}` }),
    }),
    h('figcaption', {}, `${plural(nodes.length, 'country', 'countries')}, ${plural(edges.length, 'pair')} that met, from ${plural(meetings.length, 'meeting')}. A line is as wide as its pair's meetings are many. Choose a country or a line to list its meetings.`)));
  if (picked) {
    const pair = /^([A-Z]{2})-([A-Z]{2})$/.exec(picked);
    const has = pair ? (m) => m.countries.includes(pair[1]) && m.countries.includes(pair[2]) : (m) => m.countries.includes(picked);
    const chosen = meetings.filter(has);
    const heading = pair ? `${countryName(pair[1])} and ${countryName(pair[2])}` : countryName(picked);
    out.push(h('section', { id: 'picked', 'data-picked': picked },
      h('h3', { tabindex: '-1', 'data-focus': '' }, `${heading}: ${plural(chosen.length, 'meeting')}`),
      h('ol', { class: 'meetings' }, chosen.map((m) => summaryItem(m, links.meeting))),
      h('p', {}, h('a', { href: link({ pick: null }), 'data-nav': '' }, 'Clear the choice'))));
  }
  out.push(h('details', {}, h('summary', {}, 'The pairs as a table'),
    h('div', { class: 'table-scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Countries'), h('th', { scope: 'col', class: 'num' }, 'Meetings'))),
      h('tbody', {}, edges.map((e) => h('tr', {},
        h('td', {}, h('a', { href: link({ pick: `${e.a}-${e.b}` }), 'data-nav': '' }, `${countryName(e.a)} and ${countryName(e.b)}`)),
        h('td', { class: 'num' }, e.count))))))));
  return out;
}

function errorView(err) {
  if (err instanceof api.ApiError && err.status === 401) {
    return [h('h2', { tabindex: '-1' }, 'This server needs an API key to read'),
      keyForm(() => start(), 'Enter a key with the read scope.')];
  }
  const fields = err instanceof api.ApiError ? err.fields : [];
  return [h('div', { class: 'alert', role: 'alert' },
    h('h2', { tabindex: '-1' }, err instanceof api.ApiError ? `The server answered ${err.status}` : 'Something went wrong'),
    h('p', {}, err.message),
    fields.length ? h('ul', {}, fields.map((f) => h('li', {}, `${f.parameter || f.pointer || ''}: ${f.message || f.detail || ''}`))) : null)];
}

function updateChrome(st) {
  const current = st.get('meeting') ? null : (st.get('view') || 'list');
  for (const a of document.querySelectorAll('nav.views a')) {
    const v = a.dataset.view;
    a.setAttribute('href', link({ view: v === 'list' ? null : v, pick: null }));
    a.setAttribute('data-nav', '');
    if (v === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const f = filters(st).toString();
  document.getElementById('dl-csv').href = `/meetings?${f ? `${f}&` : ''}format=csv`;
  document.getElementById('dl-ndjson').href = `/meetings?${f ? `${f}&` : ''}format=ndjson`;
  // A meeting's page is a record of its own: no filters, views or downloads.
  for (const id of ['filters', 'downloads']) document.getElementById(id).hidden = Boolean(st.get('meeting'));
  document.querySelector('nav.views').hidden = Boolean(st.get('meeting'));
  document.getElementById('clear').setAttribute('href', link({ ...Object.fromEntries(FILTERS.map((k) => [k, null])) }));
  document.getElementById('clear').setAttribute('data-nav', '');
  document.title = 'milmeet explorer';
}

async function render(focus) {
  const st = state();
  const n = ++renderCount;
  fillForm(st);
  updateChrome(st);
  view.setAttribute('aria-busy', 'true');
  view.replaceChildren(h('p', { class: 'status' }, 'Loading…'));
  let out;
  try {
    if (st.get('meeting')) out = await meetingView(st);
    else if (st.get('view') === 'timeline') out = await timelineView(st);
    else if (st.get('view') === 'network') out = await networkView(st);
    else out = await listView(st);
  } catch (err) {
    out = errorView(err);
  }
  if (n !== renderCount) return; // a later render has begun
  view.replaceChildren(...out.flat(Infinity).filter(Boolean));
  view.removeAttribute('aria-busy');
  view.dataset.ready = String(n);
  if (focus) (view.querySelector('[data-focus]') || view.querySelector('h2') || view).focus();
}

let loadedCountries = null;

async function start() {
  try {
    [loadedCountries, vocab] = await Promise.all([
      loadCountries(),
      vocab || fetch('/assets/vocab.json').then((r) => r.json()),
    ]);
  } catch (err) {
    view.replaceChildren(...errorView(err));
    view.dataset.ready = 'error';
    return;
  }
  if (!form.elements.topic.options[1]) fillChoices();
  render(false);
}

start();
