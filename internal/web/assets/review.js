// The review of drafts: the queue of pending drafts; one draft with the
// report's text on one side, the words each value was read from marked
// and linked to the field they support, and the editable draft record on
// the other; accept (into the stored meeting it would merge into, or as a
// new one) or reject with a reason. It uses the drafts API with the key
// entered on this page, kept in session storage only.

import * as api from './api.js';
import { h, label, formatDate, countryName, loadCountries, plural } from './format.js';
import { keyForm, keyStatus } from './keyform.js';
import { Editor, problemBox } from './editor.js';

const view = document.getElementById('view');
const keyBox = document.getElementById('key');
let vocab = null;
let renderCount = 0;

const state = () => new URLSearchParams(location.search);
const link = (params) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '')).toString();
  return q ? `/review?${q}` : '/review';
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

function percent(x) {
  return `${Math.round((x || 0) * 100)}%`;
}

// ---- the queue ----

async function queueView(st) {
  const status = ['pending', 'accepted', 'rejected'].includes(st.get('status')) ? st.get('status') : 'pending';
  const q = new URLSearchParams({ status, limit: '20' });
  if (st.get('cursor')) q.set('cursor', st.get('cursor'));
  const { body } = await api.get(`/drafts?${q}`);
  const out = [
    h('p', { class: 'view-controls', role: 'group', 'aria-label': 'Status' },
      h('span', { class: 'status' }, 'Show:'),
      [['pending', 'Pending'], ['accepted', 'Accepted'], ['rejected', 'Rejected']].map(([v, t]) => h('a', {
        href: link({ status: v === 'pending' ? null : v }), 'data-nav': '',
        class: v === status ? 'button' : 'button secondary', 'aria-current': v === status ? 'true' : null,
      }, t))),
    h('h2', { tabindex: '-1', id: 'queue-heading' }, status === 'pending' ? 'Drafts waiting for review' : `${label(status)} drafts`),
  ];
  if (!body.data.length) {
    out.push(h('p', { class: 'notice', id: 'queue-empty' }, status === 'pending' ? 'No draft waits for review.' : 'None.'));
  } else {
    out.push(h('ol', { class: 'meetings', id: 'draft-list' }, body.data.map((d) => h('li', { 'data-draft': d.id },
      h('h3', {}, h('a', { href: link({ draft: d.id }), 'data-nav': '' }, d.title || 'Untitled draft')),
      h('p', { class: 'meta' },
        h('span', {}, d.date ? formatDate(d.date) : 'no date found'),
        h('span', {}, (d.countries || []).map(countryName).join(' – ') || 'no countries found'),
        h('span', {}, `confidence ${percent(d.confidence)}`),
        d.warnings ? h('span', {}, plural(d.warnings, 'warning')) : null,
        d.outlet ? h('span', {}, d.outlet) : null,
        d.published_at ? h('span', {}, `published ${formatDate(d.published_at)}`) : null)))));
  }
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  if (st.get('cursor')) pager.append(h('a', { href: link({ status: st.get('status') }), 'data-nav': '' }, 'First page'));
  if (body.next_cursor) pager.append(h('a', { href: link({ status: st.get('status'), cursor: body.next_cursor }), 'data-nav': '', rel: 'next', class: 'button' }, 'Next page'));
  if (pager.childNodes.length) out.push(pager);
  out.push(articleForm());
  return out;
}

/** A form to read a new report into a pending draft (POST /articles). */
function articleForm() {
  const msg = h('div', { role: 'status' });
  const form = h('form', { id: 'article-form', novalidate: true },
    h('div', {},
      h('label', { for: 'a-text' }, 'The report’s text', h('span', { class: 'hint' }, 'in English, as published')),
      h('textarea', { id: 'a-text', name: 'text', rows: '8', required: true })),
    h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'a-url' }, 'Address (URL)'), h('input', { type: 'text', id: 'a-url', name: 'url', inputmode: 'url' })),
      h('div', {}, h('label', { for: 'a-outlet' }, 'Outlet'), h('input', { type: 'text', id: 'a-outlet', name: 'outlet' })),
      h('div', {}, h('label', { for: 'a-published' }, 'Published on', h('span', { class: 'hint' }, 'YYYY-MM-DD')),
        h('input', { type: 'text', id: 'a-published', name: 'published_at', inputmode: 'numeric' }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Read it into a draft')),
    msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = form.elements;
    if (!f.text.value.trim()) { f.text.focus(); return; }
    const body = { text: f.text.value };
    for (const k of ['url', 'outlet', 'published_at']) body[k] = f[k].value.trim() || null;
    try {
      const res = await api.send('POST', '/articles', body, { 'Idempotency-Key': crypto.randomUUID() });
      go(link({ draft: res.body.id }));
    } catch (err) {
      msg.replaceChildren(problemBox(err));
    }
  });
  return h('details', { class: 'card' }, h('summary', {}, 'Add a report'), form);
}

/** A new editor of a draft, which draws itself again after each write. */
function editor(draft, etag) {
  return new Editor(draft, etag, {
    vocab,
    reopen: link({ draft: draft.id }),
    show: (next, nextTag, message) => {
      const ed = editor(next, nextTag);
      view.replaceChildren(...ed.render().flat(Infinity).filter(Boolean));
      ed.status.replaceChildren(h('p', { class: 'success' }, message));
      ed.status.setAttribute('tabindex', '-1');
      ed.status.focus();
    },
  });
}

async function draftView(st) {
  const id = st.get('draft');
  const { body, headers } = await api.get(`/drafts/${encodeURIComponent(id)}`);
  document.title = `${body.meeting.title || 'Draft'} · Review · milmeet`;
  return editor(body, headers.get('ETag')).render();
}

function errorView(err) {
  if (err instanceof api.ApiError && err.status === 401) {
    api.setApiKey('');
    return [h('h2', { tabindex: '-1' }, 'The key was not accepted'), keyForm(() => start(), 'Enter a key with the write scope.')];
  }
  if (err instanceof api.ApiError && err.status === 403) {
    return [h('h2', { tabindex: '-1' }, 'This key cannot review drafts'),
      h('p', {}, 'Reviewing drafts needs a key with the write scope.'),
      h('button', { type: 'button', onclick: () => { api.setApiKey(''); start(); } }, 'Use another key')];
  }
  return [h('h2', { tabindex: '-1' }, 'Something went wrong'), problemBox(err)];
}

async function render(focus) {
  const n = ++renderCount;
  const st = state();
  document.title = 'Review drafts · milmeet';
  keyBox.replaceChildren(...[keyStatus(() => start())].filter(Boolean));
  if (!api.apiKey()) {
    keyBox.replaceChildren();
    view.replaceChildren(h('h2', { tabindex: '-1' }, 'Your API key'),
      keyForm(() => start(), 'Drafts are not records yet: reading and deciding them needs a key with the write scope.'));
    view.dataset.ready = `key-${n}`;
    if (focus) document.getElementById('api-key')?.focus();
    return;
  }
  view.setAttribute('aria-busy', 'true');
  let out;
  try {
    out = st.get('draft') ? await draftView(st) : await queueView(st);
  } catch (err) {
    out = errorView(err);
  }
  if (n !== renderCount) return;
  view.replaceChildren(...out.flat(Infinity).filter(Boolean));
  view.removeAttribute('aria-busy');
  view.dataset.ready = String(n);
  if (focus) (view.querySelector('h2') || view).focus();
}

async function start() {
  try {
    if (!vocab) vocab = await fetch('/assets/vocab.json').then((r) => r.json());
    if (api.apiKey()) await loadCountries();
  } catch (err) {
    view.replaceChildren(...errorView(err));
    view.dataset.ready = 'error';
    return;
  }
  render(true);
}

start();
