// The public API, called with the user's key. The key lives in this tab's sessionStorage only.

const KEY = 'cogalign.apiKey';

export const SIGN_IN = '/ui/sign-in';

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function keepKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** Back to the sign-in page, returning here afterwards. */
export function toSignIn() {
  forgetKey();
  location.assign(`${SIGN_IN}?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/** A refused call, with the problem details' text. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A call with `key` (the kept key by default); JSON back, or a list for JSON Lines. */
export async function call(method, path, {body, key = apiKey(), signInOn401 = true} = {}) {
  const headers = {Authorization: `Bearer ${key}`, Accept: 'application/json, application/x-ndjson'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store',
  });
  if (response.status === 401 && signInOn401) {
    toSignIn();
    throw new ApiError(401, 'Your API key was not accepted; sign in again.');
  }
  if (!response.ok) {
    let message = `${method} ${path} answered ${response.status}`;
    try {
      const problem = await response.json();
      message = problem.detail || problem.title || message;
    } catch (ignored) {
      // not problem details: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('ndjson')) {
    return (await response.text()).split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
  }
  return response.json();
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, {body});
