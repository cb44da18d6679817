// Sign in: an API key, checked against the API, then kept in this tab's sessionStorage.

import {call, keepKey} from '../api.js';
import {fill, h} from '../dom.js';

export async function signInPage(main) {
  document.title = 'Sign in · CogAlign';
  const input = h('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true,
    'data-testid': 'api-key', 'aria-describedby': 'api-key-help',
  });
  const message = h('p', {class: 'error', role: 'alert', 'data-testid': 'sign-in-error', hidden: true});
  const form = h('form', {class: 'sign-in', 'aria-labelledby': 'sign-in-title'},
    h('h1', {id: 'sign-in-title'}, 'Sign in'),
    h('label', {for: 'api-key'}, 'API key'),
    input,
    h('p', {id: 'api-key-help', class: 'muted'},
      'A key with the read scope (an admin key is in <data-dir>/admin.key). It is kept for this browser tab only.'),
    h('button', {type: 'submit', 'data-testid': 'sign-in'}, 'Sign in'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    message.hidden = true;
    try {
      await call('GET', '/api/v1/runs?limit=1', {key, signInOn401: false});
      keepKey(key);
      location.assign(safeNext(new URLSearchParams(location.search).get('next')));
    } catch (error) {
      message.textContent = error.status === 401
        ? 'This API key was not accepted.'
        : error.status === 403 ? 'This API key lacks the read scope.' : `Sign-in failed: ${error.message}`;
      message.hidden = false;
      input.focus();
    }
  });
  fill(main, form);
  input.focus();
}

/** Only a page of the dashboard itself. */
function safeNext(next) {
  return next && /^\/ui\/[\w/?=&%-]*$/.test(next) && !next.startsWith('/ui/sign-in') ? next : '/ui/runs';
}
