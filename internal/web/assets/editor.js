// The editor of one draft: the report's text with the words each value
// was read from marked, the draft record as a form built from the draft
// meeting's own shape, the two linked both ways, and the decision (accept
// into the candidate meeting or as new, or reject with a reason). Its
// writes go through the drafts API with If-Match.

import * as api from './api.js';
import { h, label, formatDate, countryName } from './format.js';

function percent(x) {
  return `${Math.round((x || 0) * 100)}%`;
}


/** JSON pointer helpers (RFC 6901). */
const ptr = {
  join: (base, key) => `${base}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`,
  get(obj, p) {
    let v = obj;
    for (const k of p.split('/').slice(1)) v = v?.[k.replace(/~1/g, '/').replace(/~0/g, '~')];
    return v;
  },
  set(obj, p, value) {
    const keys = p.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    let v = obj;
    for (const k of keys.slice(0, -1)) v = v[k];
    v[keys[keys.length - 1]] = value;
  },
};

const clone = (x) => JSON.parse(JSON.stringify(x));

/** Fields of a draft meeting no person edits: ids, versions, times, derived. */
const HIDDEN = new Set(['id', 'official_id', 'version', 'created_at', 'updated_at', 'parent_id', 'date_precision', 'meeting_id']);
/** Text fields that stay "" rather than null when emptied. */
const REQUIRED = new Set(['title', 'name', 'country', 'role', 'type', 'kind', 'language']);
/** What a new item of a list, or a missing object, starts as. */
const TEMPLATES = {
  delegations: () => ({ country: '', role: 'guest', head: null, members: [] }),
  members: () => ({ official_id: '', name: '', rank: null, position: null }),
  head: () => ({ official_id: '', name: '', rank: null, position: null }),
  recipient: () => ({ official_id: '', name: '', country: null, rank: null, position: null }),
  ceremonies: () => ({ type: 'other', site: null, honoured: null, description: null, award: null, recipient: null }),
  agreements: () => ({ id: '', title: '', type: 'other', period: null, signed_on: null, parties: [], signatories: [] }),
  signatories: () => ({ official_id: '', name: '', country: null }),
  sources: () => ({ url: null, outlet: null, title: null, published_at: null, language: 'en', alternate_titles: [] }),
  alternate_titles: () => ({ language: '', title: '' }),
  series: () => ({ name: '', edition: null }),
};

function enumFor(vocab, key, pointer) {
  if (key === 'kind') return vocab.kind;
  if (key === 'role') return vocab.role;
  if (key === 'type') return pointer.includes('/agreements/') ? vocab.agreement_type : vocab.ceremony;
  return null;
}

const fieldId = (pointer) => `f:${pointer}`;

/**
 * The editor of one draft: its working copy, and the DOM it keeps. vocab
 * holds the API's vocabularies; reopen is the link to the draft's page;
 * show(draft, etag, message) draws the draft an answer gave.
 */
export class Editor {
  constructor(draft, etag, { vocab, reopen, show }) {
    this.draft = draft;
    this.etag = etag;
    this.vocab = vocab;
    this.reopen = reopen;
    this.show = show;
    this.work = clone(draft.meeting);
    this.decided = draft.status !== 'pending';
  }

  get dirty() {
    return JSON.stringify(this.work) !== JSON.stringify(this.draft.meeting);
  }

  /** The merge patch from the stored draft meeting to the working copy. */
  patch() {
    const p = {};
    for (const [k, v] of Object.entries(this.work)) {
      if (JSON.stringify(v) !== JSON.stringify(this.draft.meeting[k])) p[k] = v;
    }
    if ('date' in p) p.date_precision = null; // the server works it out from the new date
    return p;
  }

  evidenceFor(pointer) {
    return this.draft.evidence.filter((e) => e.field === pointer);
  }

  // -- the form, built from the draft meeting's own shape --

  field(pointer, key, value) {
    const id = fieldId(pointer);
    const ev = this.evidenceFor(pointer);
    const lab = h('label', { for: id }, label(key),
      ev.map((e, i) => h('a', { class: 'hint evidence-link', href: `#ev:${this.draft.evidence.indexOf(e)}`, 'data-ev': String(this.draft.evidence.indexOf(e)) },
        `${i ? ' · ' : ' '}in the text (${percent(e.confidence)})`)));
    let input;
    const choices = enumFor(this.vocab, key, pointer);
    if (choices) {
      input = h('select', { id, 'data-pointer': pointer },
        choices.map((c) => h('option', { value: c, selected: c === value ? true : null }, label(c))));
      if (value && !choices.includes(value)) input.prepend(h('option', { value, selected: true }, value));
      if (!value) input.prepend(h('option', { value: '', selected: true }, '—'));
    } else if (key === 'summary' || key === 'description' || key === 'honoured') {
      input = h('textarea', { id, 'data-pointer': pointer, rows: key === 'summary' ? '5' : '2' });
      input.value = value ?? '';
    } else if (key === 'edition') {
      input = h('input', { type: 'number', min: '1', id, 'data-pointer': pointer, value: value ?? '' });
    } else if (key === 'parties') {
      input = h('input', { type: 'text', id, 'data-pointer': pointer, 'data-list': '', value: (value || []).join(', ') });
    } else {
      input = h('input', { type: 'text', id, 'data-pointer': pointer, value: value ?? '', spellcheck: key === 'title' || key === 'summary' ? 'true' : 'false' });
    }
    input.addEventListener('input', () => this.read(input, key, value));
    input.addEventListener('change', () => this.read(input, key, value));
    return h('div', { class: 'evidence-field', 'data-field': pointer }, lab, input, h('p', { class: 'field-error', hidden: true }));
  }

  read(input, key, original) {
    let v = input.value;
    if (input.type === 'number') v = v === '' ? null : Number.parseInt(v, 10);
    else if (input.hasAttribute('data-list')) v = v.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean);
    else if (v.trim() === '') v = original === null || !REQUIRED.has(key) ? null : '';
    ptr.set(this.work, input.dataset.pointer, v);
    this.changed();
  }

  topics(pointer, value) {
    const ev = this.evidenceFor.bind(this);
    return h('fieldset', { 'data-field': pointer },
      h('legend', {}, 'Topics'),
      h('div', { class: 'row' }, this.vocab.topic.map((t) => {
        const i = value.indexOf(t);
        const evs = i >= 0 ? ev(`${pointer}/${i}`) : [];
        const box = h('input', { type: 'checkbox', id: fieldId(`${pointer}=${t}`), value: t, checked: i >= 0 ? true : null });
        box.addEventListener('change', () => {
          const now = this.vocab.topic.filter((x) => (x === t ? box.checked : this.work.topics.includes(x)));
          // keep the draft's own order, new ones at the end
          this.work.topics = [...this.work.topics.filter((x) => now.includes(x)), ...now.filter((x) => !this.work.topics.includes(x))];
          this.changed();
        });
        return h('div', { class: 'evidence-field', 'data-field': i >= 0 ? `${pointer}/${i}` : null },
          h('label', { for: fieldId(`${pointer}=${t}`), class: 'check' }, box, ` ${label(t)}`,
            evs.map((e) => h('a', { class: 'hint evidence-link', href: `#ev:${this.draft.evidence.indexOf(e)}`, 'data-ev': String(this.draft.evidence.indexOf(e)) }, ` in the text (${percent(e.confidence)})`))));
      })));
  }

  /** The editor of a value at pointer, whatever its shape. */
  node(pointer, key, value) {
    if (HIDDEN.has(key)) return null;
    if (key === 'topics' && Array.isArray(value)) return this.topics(pointer, value);
    if (Array.isArray(value) && key !== 'parties') return this.list(pointer, key, value);
    if (value && typeof value === 'object' && !Array.isArray(value)) return this.object(pointer, key, value);
    if (value === null && TEMPLATES[key]) {
      return h('div', { 'data-field': pointer },
        h('p', { class: 'meta' }, `${label(key)}: none. `,
          this.decided ? null : h('button', {
            type: 'button', class: 'secondary',
            onclick: () => { ptr.set(this.work, pointer, TEMPLATES[key]()); this.rebuild(pointer); },
          }, `Add ${label(key).toLowerCase()}`)));
    }
    return this.field(pointer, key, value);
  }

  object(pointer, key, obj) {
    const title = key === 'head' ? 'Head of the delegation' : label(key);
    return h('fieldset', { 'data-field': pointer },
      h('legend', {}, title),
      this.decided || !TEMPLATES[key] || ['series', 'head', 'recipient'].indexOf(key) < 0 ? null
        : h('button', { type: 'button', class: 'secondary', onclick: () => { ptr.set(this.work, pointer, null); this.rebuild(pointer); } }, `Remove ${label(key).toLowerCase()}`),
      Object.entries(obj).map(([k, v]) => this.node(ptr.join(pointer, k), k, v)));
  }

  list(pointer, key, items) {
    const one = key === 'delegations' ? 'delegation' : key === 'ceremonies' ? 'ceremony' : key === 'child_meetings' ? 'meeting held within' : label(key).replace(/s$/, '').toLowerCase();
    return h('fieldset', { 'data-field': pointer },
      h('legend', {}, `${label(key)} (${items.length})`),
      items.map((item, i) => {
        const p = ptr.join(pointer, i);
        const what = key === 'delegations' ? `${countryName(item.country) || 'Delegation'}, ${item.role}`
          : `${label(one)} ${i + 1}`;
        return h('fieldset', { 'data-field': p },
          h('legend', {}, what),
          this.decided ? null : h('button', {
            type: 'button', class: 'secondary',
            onclick: () => { ptr.get(this.work, pointer).splice(i, 1); this.rebuild(pointer); },
          }, `Remove this ${one}`),
          item && typeof item === 'object' ? Object.entries(item).map(([k, v]) => this.node(ptr.join(p, k), k, v))
            : this.field(p, key, item));
      }),
      this.decided || !TEMPLATES[key] ? null : h('button', {
        type: 'button', class: 'secondary',
        onclick: () => { ptr.get(this.work, pointer).push(TEMPLATES[key]()); this.rebuild(pointer); },
      }, `Add a ${one}`));
  }

  /** Draws the part of the form at pointer again (after a list or object changed shape). */
  rebuild(pointer) {
    this.changed();
    this.formBody.replaceChildren(...this.fields());
    document.getElementById(fieldId(pointer))?.focus();
  }

  fields() {
    return Object.entries(this.work).map(([k, v]) => this.node(`/${k}`, k, v)).filter(Boolean);
  }

  changed() {
    const dirty = this.dirty;
    this.saveButton.disabled = !dirty;
    this.acceptButton.disabled = dirty || this.draft.problems.length > 0;
    this.acceptNote.textContent = dirty ? 'Save your changes before accepting.'
      : this.draft.problems.length ? 'The draft cannot be accepted until its problems are settled.' : '';
  }

  // -- the report's text with its evidence marked --

  text() {
    const t = this.draft.article.text;
    const evs = this.draft.evidence.map((e, i) => ({ i, from: e.utf16_offset, to: e.utf16_offset + e.utf16_length, e }))
      .filter((x) => x.to > x.from && x.to <= t.length);
    const cuts = new Set([0, t.length]);
    for (const x of evs) { cuts.add(x.from); cuts.add(x.to); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const [a, b] = [points[k], points[k + 1]];
      const piece = t.slice(a, b);
      const over = evs.filter((x) => x.from <= a && x.to >= b);
      if (!over.length) { out.push(piece); continue; }
      // The narrowest span names the part; the others are listed in its title.
      over.sort((x, y) => (x.to - x.from) - (y.to - y.from));
      const first = over[0];
      // A long span (a whole sentence for the summary) is underlined, not
      // filled, so that the names and dates within it stand out.
      const wide = first.to - first.from > 80;
      out.push(h('mark', { 'data-ev': over.map((x) => x.i).join(' '), id: a === first.from ? `ev:${first.i}` : null, class: wide ? 'wide' : null },
        h('a', { href: `#${fieldId(first.e.field)}`, 'data-field-link': first.e.field, title: over.map((x) => `${x.e.field}: ${percent(x.e.confidence)}`).join('\n') }, piece)));
    }
    return out;
  }

  // -- the page --

  render() {
    const d = this.draft;
    const a = d.article;
    this.saveButton = h('button', { type: 'submit', disabled: true }, 'Save changes');
    this.acceptButton = h('button', { type: 'button', id: 'accept' }, 'Accept');
    this.acceptNote = h('p', { class: 'hint', role: 'status' });
    this.status = h('div', { id: 'draft-status', role: 'status' });
    this.formBody = h('div', {});
    this.formBody.append(...this.fields());
    const form = h('form', { id: 'draft-form', novalidate: true },
      h('fieldset', { disabled: this.decided ? true : null, class: 'plain' },
        this.formBody,
        this.decided ? null : h('div', { class: 'actions' }, this.saveButton)));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.save(); });

    const textBox = h('div', { class: 'text', id: 'article-text', lang: a.language || 'en', tabindex: '0', 'aria-label': 'The report’s text' }, this.text());
    textBox.addEventListener('click', (e) => {
      const l = e.target.closest('a[data-field-link]');
      if (!l) return;
      e.preventDefault();
      this.focusField(l.dataset.fieldLink);
    });
    form.addEventListener('click', (e) => {
      const l = e.target.closest('a.evidence-link');
      if (!l) return;
      e.preventDefault();
      this.focusEvidence(l.dataset.ev);
    });

    const out = [
      h('p', {}, h('a', { href: '/review', 'data-nav': '' }, '← Back to the drafts')),
      h('h2', { tabindex: '-1', id: 'draft-title' }, this.work.title || 'Untitled draft'),
      h('p', { class: 'meta' },
        h('span', { id: 'draft-state' }, `${label(d.status)}${d.auto_accepted ? ' (accepted by the threshold)' : ''}`),
        h('span', { class: 'confidence' }, `confidence ${percent(d.confidence)}`),
        h('span', {}, `read by ${d.extractor}`),
        h('span', {}, `posted by ${d.created_by}`)),
      this.status,
    ];
    if (d.warnings.length) out.push(h('section', {}, h('h3', {}, 'Warnings'), h('ul', { class: 'warnings' }, d.warnings.map((w) => h('li', {}, w)))));
    if (d.problems.length) {
      out.push(h('section', { class: 'alert', id: 'problems' }, h('h3', {}, 'What keeps it from being accepted'),
        h('ul', {}, d.problems.map((p) => h('li', {}, p.pointer ? h('a', { href: `#${fieldId(p.pointer)}` }, p.pointer) : null, ` ${p.detail || p.message || ''}`)))));
    }
    out.push(h('div', { class: 'review' },
      h('section', { 'aria-labelledby': 'report-heading' },
        h('h3', { id: 'report-heading' }, 'The report'),
        h('p', { class: 'meta' },
          a.title ? h('span', {}, a.title) : null,
          a.outlet ? h('span', {}, a.outlet) : null,
          a.published_at ? h('span', {}, `published ${formatDate(a.published_at)}`) : null,
          a.url ? h('a', { href: a.url, rel: 'noopener noreferrer external' }, 'the report online') : null),
        h('p', { class: 'hint' }, 'Marked words are those a value was read from; choose one to go to its field.'),
        textBox),
      h('section', { 'aria-labelledby': 'record-heading' },
        h('h3', { id: 'record-heading' }, 'The draft record'),
        form)));
    out.push(this.decision());
    return out;
  }

  candidate() {
    const c = this.draft.candidate;
    if (!c) return [h('p', { id: 'candidate' }, 'No stored meeting is this one: an accept records a new meeting.'), null];
    const m = c.meeting;
    const choices = [c.meeting.id, ...(c.other_ids || [])];
    const radios = h('fieldset', { id: 'merge-choice' }, h('legend', {}, 'Accept into'),
      choices.map((id, i) => h('label', {},
        h('input', { type: 'radio', name: 'merge_into', value: id, checked: i === 0 ? true : null }),
        ' ', i === 0 ? 'the meeting above (merge)' : h('a', { href: `/?meeting=${id}` }, `stored meeting ${id}`))),
      h('label', {}, h('input', { type: 'radio', name: 'merge_into', value: '' }), ' a new meeting (as new)'));
    return [h('section', { id: 'candidate', class: 'card' },
      h('h4', {}, 'The stored meeting it would merge into'),
      h('p', {}, h('a', { href: `/?meeting=${m.id}` }, m.title)),
      h('p', { class: 'meta' },
        h('span', {}, formatDate(m.date)),
        h('span', {}, m.delegations.map((x) => countryName(x.country)).join(' – ')),
        h('span', {}, m.delegations.filter((x) => x.head).map((x) => x.head.name).join(', '))),
      h('p', { class: 'hint' }, `Found because: ${c.reason}`)), radios];
  }

  decision() {
    const d = this.draft;
    if (d.status === 'accepted') {
      return h('section', { class: 'success', id: 'decision' }, h('h3', {}, 'Accepted'),
        h('p', {}, d.outcome === 'merged' ? 'Merged into ' : 'Recorded as ',
          h('a', { href: `/?meeting=${d.meeting_id}` }, 'the meeting'), ` by ${d.decided_by}.`));
    }
    if (d.status === 'rejected') {
      return h('section', { class: 'notice', id: 'decision' }, h('h3', {}, 'Rejected'),
        h('p', {}, `By ${d.decided_by}: ${d.reason}`));
    }
    const [cand, choice] = this.candidate();
    this.acceptButton.addEventListener('click', () => this.accept(choice));
    const reason = h('textarea', { id: 'reject-reason', name: 'reason', rows: '3', required: true, maxlength: '2000', 'aria-describedby': 'reject-error' });
    const rejectError = h('p', { class: 'field-error', id: 'reject-error', hidden: true });
    const reject = h('form', { id: 'reject-form', novalidate: true },
      h('label', { for: 'reject-reason' }, 'Why reject it?', h('span', { class: 'hint' }, 'for the people who read it later')),
      reason, rejectError,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Reject')));
    reject.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!reason.value.trim()) {
        reason.setAttribute('aria-invalid', 'true');
        rejectError.textContent = 'Say why the draft is rejected.';
        rejectError.hidden = false;
        reason.focus();
        return;
      }
      this.reject(reason.value.trim());
    });
    const out = h('section', { id: 'decision', 'aria-labelledby': 'decide-heading' },
      h('h3', { id: 'decide-heading' }, 'Decide'),
      h('div', { class: 'cards' },
        h('div', { class: 'card' }, cand, choice, h('div', { class: 'actions' }, this.acceptButton), this.acceptNote),
        h('div', { class: 'card' }, reject)));
    this.changed();
    return out;
  }

  focusField(pointer) {
    let p = pointer;
    let el = document.getElementById(fieldId(p));
    const topic = /^\/topics\/(\d+)$/.exec(p);
    if (topic) el = document.getElementById(fieldId(`/topics=${this.work.topics[+topic[1]]}`));
    while (!el && p.includes('/')) {
      p = p.slice(0, p.lastIndexOf('/'));
      el = document.querySelector(`[data-field="${CSS.escape(p)}"]`);
    }
    if (!el) return;
    for (const x of document.querySelectorAll('.active')) x.classList.remove('active');
    (el.closest('.evidence-field') || el).classList.add('active');
    el.scrollIntoView({ block: 'center' });
    el.focus();
  }

  focusEvidence(i) {
    for (const x of document.querySelectorAll('.active')) x.classList.remove('active');
    const marks = [...document.querySelectorAll('#article-text mark')].filter((m) => m.dataset.ev.split(' ').includes(String(i)));
    for (const m of marks) m.classList.add('active');
    if (marks[0]) {
      marks[0].scrollIntoView({ block: 'center' });
      marks[0].querySelector('a')?.focus();
    }
  }

  showErrors(err) {
    for (const p of document.querySelectorAll('#draft-form .field-error')) p.hidden = true;
    for (const x of document.querySelectorAll('#draft-form [aria-invalid]')) x.removeAttribute('aria-invalid');
    let first = null;
    for (const f of err.fields) {
      const el = f.pointer && document.getElementById(fieldId(f.pointer));
      if (!el) continue;
      el.setAttribute('aria-invalid', 'true');
      const p = el.parentElement.querySelector('.field-error');
      if (p) { p.textContent = f.detail || f.message || ''; p.hidden = false; }
      first ??= el;
    }
    this.status.replaceChildren(problemBox(err));
    (first || this.status).focus?.();
  }

  async save() {
    try {
      const res = await api.send('PATCH', `/drafts/${this.draft.id}`, this.patch(),
        { 'If-Match': this.etag, 'Content-Type': 'application/merge-patch+json' });
      this.replace(res, 'Saved. The values you changed now rest on you, not on the report.');
    } catch (err) {
      if (err.status === 412) {
        this.status.replaceChildren(h('p', { class: 'alert' }, 'Someone changed this draft since you opened it. ',
          h('a', { href: this.reopen, 'data-nav': '' }, 'Open it again'), ' (your changes here are not saved).'));
      } else this.showErrors(err);
    }
  }

  async accept(choice) {
    const body = {};
    const picked = choice?.querySelector('input[name=merge_into]:checked')?.value;
    if (choice && picked === '') body.as_new = true;
    else if (picked && picked !== this.draft.candidate?.meeting.id) body.merge_into = picked;
    try {
      const res = await api.send('POST', `/drafts/${this.draft.id}/accept`, body, { 'If-Match': this.etag });
      this.replace(res, res.body.outcome === 'merged' ? 'Accepted: merged into the stored meeting.' : 'Accepted: recorded as a new meeting.');
    } catch (err) {
      this.showErrors(err);
    }
  }

  async reject(reason) {
    try {
      const res = await api.send('POST', `/drafts/${this.draft.id}/reject`, { reason }, { 'If-Match': this.etag });
      this.replace(res, 'Rejected.');
    } catch (err) {
      this.showErrors(err);
    }
  }

  /** Takes the draft an answer holds, and has the page drawn again. */
  replace(res, message) {
    this.show(res.body, res.headers.get('ETag') || this.etag, message);
  }
}

/** A problem the API answered, for people. */
export function problemBox(err) {
  const fields = err instanceof api.ApiError ? err.fields : [];
  return h('div', { class: 'alert', role: 'alert' },
    h('p', {}, err instanceof api.ApiError ? `The server answered ${err.status}: ${err.message}` : String(err)),
    fields.length ? h('ul', {}, fields.map((f) => h('li', {}, `${f.pointer || f.parameter || ''} ${f.detail || f.message || ''}`))) : null);
}
