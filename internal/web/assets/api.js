// The public API as a browser app calls it: JSON with ETags kept and sent
// back as If-None-Match (a 304 reuses the kept body), pages followed by
// cursor, problems turned into errors, and the API key (when one was
// entered) kept in session storage and sent as a bearer token.

const KEY = 'milmeet.key';
const kept = new Map(); // URL → {etag, body}

/** The API key entered in this tab, or "". */
export function apiKey() {
  try { return sessionStorage.getItem(KEY) || ''; } catch { return ''; }
}

/** Keeps the API key for this tab only; "" forgets it. */
export function setApiKey(token) {
  kept.clear(); // answers may differ by key
  if (token) sessionStorage.setItem(KEY, token); else sessionStorage.removeItem(KEY);
}

/** An answer that is not 2xx, with the problem the API gave. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem || {};
  }
  /** Each parameter or field the problem names, with its message. */
  get fields() { return Array.isArray(this.problem.errors) ? this.problem.errors : []; }
}

function headers(extra) {
  const h = { Accept: 'application/json', ...extra };
  const key = apiKey();
  if (key) h.Authorization = `Bearer ${key}`;
  return h;
}

async function failure(res) {
  let problem = null;
  try { problem = await res.json(); } catch { /* not JSON */ }
  return new ApiError(res.status, problem);
}

/**
 * GETs url and returns {body, headers, status}. A body kept from an earlier
 * answer is revalidated with its ETag and reused on 304.
 */
export async function get(url) {
  const old = kept.get(url);
  const res = await fetch(url, {
    headers: headers(old ? { 'If-None-Match': old.etag } : {}),
    cache: 'no-store', // the ETag check is ours, made in the open
  });
  if (res.status === 304 && old) return { body: old.body, headers: res.headers, status: 304 };
  if (!res.ok) throw await failure(res);
  const body = await res.json();
  const etag = res.headers.get('ETag');
  if (etag) kept.set(url, { etag, body });
  return { body, headers: res.headers, status: res.status };
}

/**
 * Every item of a list, page after page by cursor, at most max items.
 * Returns {items, complete}; complete is false when max cut it short.
 */
export async function getAll(path, params, max = 10000) {
  const items = [];
  let cursor = null;
  for (;;) {
    const q = new URLSearchParams(params);
    q.set('limit', '500');
    if (cursor) q.set('cursor', cursor);
    const { body } = await get(`${path}?${q}`);
    items.push(...body.data);
    cursor = body.next_cursor;
    if (!cursor) return { items, complete: true };
    if (items.length >= max) return { items, complete: false };
  }
}

/** Sends a write (POST, PATCH, ...) with a JSON body; returns {body, headers, status}. */
export async function send(method, url, body, extra = {}) {
  const h = headers(extra);
  const init = { method, headers: h, cache: 'no-store' };
  if (body !== undefined) {
    if (!h['Content-Type']) h['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  if (!res.ok) throw await failure(res);
  const text = await res.text();
  return { body: text ? JSON.parse(text) : null, headers: res.headers, status: res.status };
}
