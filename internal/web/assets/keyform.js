// The API key form: a key is entered once, kept in this tab's session
// storage (never in a URL, never in local storage) and sent as a bearer
// token.

import { h } from './format.js';
import { apiKey, setApiKey } from './api.js';

/** A form to enter (or forget) the API key; onChange runs after either. */
export function keyForm(onChange, why) {
  const input = h('input', { type: 'password', id: 'api-key', name: 'api-key', autocomplete: 'off', spellcheck: 'false', required: true });
  const form = h('form', { class: 'notice', id: 'key-form', novalidate: true },
    why ? h('p', {}, why) : null,
    h('label', { for: 'api-key' }, 'API key',
      h('span', { class: 'hint' }, 'Kept in this tab only (session storage), sent as a bearer token, never put in a URL.')),
    h('div', { class: 'actions' }, input, h('button', { type: 'submit' }, 'Use this key')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input.value.trim()) { input.focus(); return; }
    setApiKey(input.value.trim());
    input.value = '';
    onChange();
  });
  return form;
}

/** A line saying a key is in use, with a button to forget it. */
export function keyStatus(onChange) {
  if (!apiKey()) return null;
  return h('p', { class: 'status', id: 'key-status' }, 'An API key is in use in this tab. ',
    h('button', { type: 'button', class: 'secondary', onclick: () => { setApiKey(''); onChange(); } }, 'Forget the key'));
}
