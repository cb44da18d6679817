// The dashboard: picks the page from the path, renders it in <main>, keeps it live while it asks.

import {apiKey, forgetKey, SIGN_IN, toSignIn} from './api.js';
import {fill, h} from './dom.js';
import {signInPage} from './pages/sign-in.js';
import {runsPage} from './pages/runs.js';
import {runPage} from './pages/run.js';
import {problemPage} from './pages/problem.js';
import {jobsPage} from './pages/jobs.js';
import {jobPage} from './pages/job.js';
import {modelsPage} from './pages/models.js';
import {experimentsPage} from './pages/experiments.js';
import {experimentPage} from './pages/experiment.js';

const ROUTES = [
  [/^\/ui\/sign-in$/, signInPage],
  [/^\/ui\/runs$/, runsPage],
  [/^\/ui\/runs\/(\d+)$/, runPage],
  [/^\/ui\/problems\/(\d+)$/, problemPage],
  [/^\/ui\/jobs$/, jobsPage],
  [/^\/ui\/jobs\/(\d+)$/, jobPage],
  [/^\/ui\/models$/, modelsPage],
  [/^\/ui\/experiments$/, experimentsPage],
  [/^\/ui\/experiments\/(\d+)$/, experimentPage],
];

const main = document.getElementById('main');
const path = location.pathname.replace(/\/+$/, '') || '/';

if (path === '/ui') {
  location.replace(apiKey() ? '/ui/runs' : SIGN_IN);
} else if (path !== SIGN_IN && !apiKey()) {
  toSignIn();
} else {
  start();
}

function start() {
  const signOut = document.getElementById('sign-out');
  signOut.hidden = !apiKey();
  signOut.addEventListener('click', () => {
    forgetKey();
    location.assign(SIGN_IN);
  });
  for (const link of document.querySelectorAll('nav a')) {
    if (path.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page');
  }
  const route = ROUTES.find(([pattern]) => pattern.test(path));
  if (!route) {
    fill(main, h('h1', {}, 'Not found'), h('p', {}, `No page at ${path}.`));
    return;
  }
  const [pattern, page] = route;
  const id = path.match(pattern)[1];
  page(main, id).catch((error) => showError(main, error));
}

/** A failure of the page's first load, said where the page would be. */
export function showError(where, error) {
  where.append(h('p', {class: 'error', role: 'alert', 'data-testid': 'error'}, error.message));
}
