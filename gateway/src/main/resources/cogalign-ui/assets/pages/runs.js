// Runs: the newest CRV runs with their status and progress.

import {get} from '../api.js';
import {fill, h, table} from '../dom.js';
import {ACTIVE, duration, statusClass, time} from '../format.js';
import {keepLive} from '../live.js';

export async function runsPage(main) {
  document.title = 'Runs · CogAlign';
  const list = h('div', {});
  const status = h('p', {class: 'muted', 'aria-live': 'polite'});
  fill(main, h('h1', {}, 'Runs'), status, list);
  await keepLive(async () => {
    const runs = await get('/api/v1/runs?limit=100');
    fill(list, runs.length === 0
      ? h('p', {}, 'No run yet: POST /api/v1/runs starts one.')
      : table('runs', 'CRV runs, newest first',
        ['Run', 'Dataset', 'Status', 'Done', 'Pairs', 'ETA', 'Created'],
        runs.map((run) => [
          h('a', {href: `/ui/runs/${run.id}`}, `Run ${run.id}`),
          String(run.datasetId),
          h('span', {class: statusClass(run.status)}, run.status),
          `${run.total - (run.counts.PENDING ?? 0)} / ${run.total}`,
          String(run.pairs),
          ACTIVE.has(run.status) ? duration(run.estimatedRemainingSeconds) : '—',
          time(run.createdAt),
        ])));
    return runs.some((run) => ACTIVE.has(run.status));
  }, status);
}
