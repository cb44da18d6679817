// One run: status, progress and ETA, counts per state, pairs per mini-task, its problems by state.

import {get} from '../api.js';
import {facts, fill, h, table} from '../dom.js';
import {ACTIVE, duration, number, percent, statusClass, time} from '../format.js';
import {keepLive} from '../live.js';

const STATES = ['PENDING', 'VERIFIED', 'REJECTED', 'SKIPPED', 'FAILED'];
const MINI_TASKS = ['ALIGN', 'CALIBRATE', 'CORRECT'];
const PAGE = 100;

export async function runPage(main, id) {
  document.title = `Run ${id} · CogAlign`;
  const summary = h('section', {'aria-labelledby': 'summary-title'});
  const status = h('p', {class: 'muted', 'aria-live': 'polite'});
  const filter = h('select', {id: 'state-filter', 'data-testid': 'problem-state-filter'},
    h('option', {value: ''}, 'every state'), STATES.map((state) => h('option', {value: state}, state)));
  const problems = h('div', {});
  const more = h('button', {type: 'button', hidden: true}, 'More problems');
  let cursor = null;

  async function loadProblems(append) {
    const query = new URLSearchParams({limit: PAGE});
    if (filter.value) query.set('state', filter.value);
    if (append && cursor) query.set('cursor', cursor);
    const page = await get(`/api/v1/runs/${id}/problems?${query}`);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    const rows = page.items.map((item) => h('tr', {'data-state': item.state},
      h('td', {}, h('a', {href: `/ui/problems/${item.problemId}`}, `Problem ${item.problemId}`)),
      h('td', {}, h('span', {class: statusClass(item.state)}, item.state)),
      h('td', {}, item.reason ?? ''),
      h('td', {}, time(item.finishedAt))));
    const shown = problems.querySelector('table');
    if (append && shown) {
      shown.querySelector('tbody').append(...rows);
    } else {
      fill(problems,
        h('table', {'data-testid': 'run-problems', 'data-filter': filter.value || 'all'},
          h('caption', {}, filter.value ? `Problems in state ${filter.value}` : 'Problems in every state'),
          h('thead', {}, h('tr', {}, ['Problem', 'State', 'Reason', 'Finished'].map((name) => h('th', {scope: 'col'}, name)))),
          h('tbody', {}, rows)),
        page.items.length === 0 ? h('p', {}, 'No problem in this state.') : null);
    }
  }

  filter.addEventListener('change', () => loadProblems(false).catch((e) => status.replaceChildren(e.message)));
  more.addEventListener('click', () => loadProblems(true).catch((e) => status.replaceChildren(e.message)));

  fill(main,
    h('h1', {}, `Run ${id}`), status, summary,
    h('section', {'aria-labelledby': 'problems-title'},
      h('h2', {id: 'problems-title'}, 'Problems'),
      h('label', {for: 'state-filter'}, 'Show problems in '), filter,
      problems, more));

  await keepLive(async () => {
    const run = await get(`/api/v1/runs/${id}`);
    const pairs = await get(`/api/v1/runs/${id}/pairs`);
    renderSummary(summary, run, pairs);
    if (!cursor) await loadProblems(false);
    return ACTIVE.has(run.status);
  }, status);
}

function renderSummary(summary, run, pairs) {
  const done = run.total - (run.counts.PENDING ?? 0);
  const perTask = Object.fromEntries(MINI_TASKS.map((task) => [task, 0]));
  for (const pair of pairs) perTask[pair.mini_task] = (perTask[pair.mini_task] ?? 0) + 1;
  fill(summary,
    h('h2', {id: 'summary-title'}, 'Summary'),
    facts([
      ['Status', h('span', {class: statusClass(run.status), 'data-testid': 'run-status'}, run.status)],
      run.reason ? ['Reason', run.reason] : null,
      ['Progress', h('span', {},
        h('progress', {max: run.total || 1, value: done, 'aria-label': 'Problems done'}),
        ` ${done} / ${run.total} (${percent(run.total ? done / run.total : 0)})`), 'run-progress'],
      ['Rate', `${number(run.problemsPerSecond, 2)} problems/s`],
      ['ETA', ACTIVE.has(run.status) ? duration(run.estimatedRemainingSeconds) : 'finished', 'run-eta'],
      ['Dataset', String(run.datasetId)],
      ['Started', time(run.startedAt)],
      ['Finished', time(run.finishedAt)],
    ]),
    table('run-counts', 'Problems per state', STATES, [STATES.map((state) =>
      h('span', {'data-testid': `run-count-${state}`}, String(run.counts[state] ?? 0)))]),
    table('run-pairs', `Preference pairs per mini-task (${pairs.length} in all)`, MINI_TASKS.map((task) =>
      `${task} (β ${run.config?.betas?.[task] ?? '—'})`), [MINI_TASKS.map((task) =>
      h('span', {'data-testid': `run-pairs-${task}`}, String(perTask[task])))]));
}
