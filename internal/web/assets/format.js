// Building pages: a DOM helper (text is always set as text, never parsed
// as HTML), country names, labels of the API's vocabularies, and dates as
// precise as the reports give them.

import { get } from './api.js';

/** Makes an element: h('a', {href: '/'}, 'text', child, ...). */
export function h(tag, attrs, ...children) {
  const el = tag.includes(':')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, children);
  return el;
}

/** Appends children (nodes, text, arrays; null and false are skipped). */
export function add(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Makes an SVG element. */
export const s = (tag, attrs, ...children) => h(`svg:${tag}`, attrs, ...children);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

/**
 * A partial date in words: "10 December 2025", "December 2025", "2025",
 * "28 October, year unknown"; "date unknown" when there is none. A year
 * is never made up.
 */
export function formatDate(date) {
  if (!date) return 'date unknown';
  let m = /^--(\d\d)-(\d\d)$/.exec(date);
  if (m) return `${+m[2]} ${MONTHS[m[1] - 1]}, year unknown`;
  m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (m) return `${+m[3]} ${MONTHS[m[2] - 1]} ${m[1]}`;
  m = /^(\d{4})-(\d\d)$/.exec(date);
  if (m) return `${MONTHS[m[2] - 1]} ${m[1]}`;
  return date;
}

/** A <time> for a partial date, with a machine-readable datetime. */
export function dateElement(date) {
  const text = formatDate(date);
  if (!date) return h('span', { class: 'unknown' }, text);
  const yearless = date.startsWith('--');
  return h('time', { datetime: yearless ? date.slice(2) : date, class: yearless ? 'unknown' : null }, text);
}

/** A month as words: "2025-12" → "December 2025". */
export function formatPeriod(p) {
  return /^\d{4}-\d\d$/.test(p) ? `${MONTHS[p.slice(5) - 1]} ${p.slice(0, 4)}` : p;
}

/** A vocabulary value as words: "military_technical" → "Military technical". */
export function label(v) {
  if (!v) return '';
  const t = String(v).replace(/_/g, ' ');
  return t[0].toUpperCase() + t.slice(1);
}

let countries = null; // alpha2 → Country
let names = null; // folded name or code → alpha2

/** Folds text for matching: lower case, accents and punctuation dropped. */
export function fold(t) {
  return String(t).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Loads the country list (once) from GET /countries. */
export async function loadCountries() {
  if (countries) return countries;
  const { body } = await get('/countries');
  countries = new Map();
  names = new Map();
  for (const c of body.data) {
    countries.set(c.alpha2, c);
    names.set(fold(c.alpha2), c.alpha2);
    names.set(fold(c.alpha3), c.alpha2);
    for (const n of [c.name, c.official_name, ...(c.alt_names || [])]) {
      if (n && !names.has(fold(n))) names.set(fold(n), c.alpha2);
    }
  }
  return countries;
}

/** A country's name by its alpha-2 code (the code itself when unknown). */
export function countryName(code) {
  return countries?.get(code)?.name || code || '';
}

/** How a country is shown in a text field and its suggestions. */
export function countryOption(code) {
  const c = countries?.get(code);
  return c ? `${c.name} (${c.alpha2})` : code;
}

/**
 * The alpha-2 code a person typed: a code (alpha-2 or alpha-3, any case),
 * a name, or a suggestion "Name (CC)". null when nothing matches.
 */
export function resolveCountry(text) {
  const t = String(text || '').trim();
  if (!t || !names) return null;
  const m = /\(([A-Za-z]{2,3})\)\s*$/.exec(t);
  if (m && names.has(fold(m[1]))) return names.get(fold(m[1]));
  return names.get(fold(t)) || null;
}

let languageNames = null;
/** A language's English name from its ISO 639 code. */
export function languageName(code) {
  try {
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return languageNames.of(code) || code;
  } catch { return code; }
}

/** "1 meeting", "3 meetings". */
export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
