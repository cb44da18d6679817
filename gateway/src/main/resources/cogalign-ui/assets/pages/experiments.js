// Experiments: the newest CRV comparisons with their status, arms and held-out size.

import {get} from '../api.js';
import {fill, h, table} from '../dom.js';
import {ACTIVE, duration, statusClass, time} from '../format.js';
import {keepLive} from '../live.js';

export async function experimentsPage(main) {
  document.title = 'Experiments · CogAlign';
  const list = h('div', {});
  const status = h('p', {class: 'muted', 'aria-live': 'polite'});
  fill(main, h('h1', {}, 'Experiments'), status, list);
  await keepLive(async () => {
    const page = await get('/api/v1/experiments?limit=100');
    fill(list, page.items.length === 0
      ? h('p', {}, 'No experiment yet: POST /api/v1/experiments starts one.')
      : table('experiments', 'Experiments, newest first', ['Experiment', 'Name', 'Status', 'Arms', 'Held-out problems', 'Time', 'Created'],
        page.items.map((experiment) => [
          h('a', {href: `/ui/experiments/${experiment.id}`}, `Experiment ${experiment.id}`),
          experiment.name,
          h('span', {class: statusClass(experiment.status)}, experiment.status),
          Object.keys(experiment.arms).join(', '),
          experiment.heldOut ?? '—',
          duration(experiment.wallSeconds),
          time(experiment.createdAt),
        ])));
    return page.items.some((experiment) => ACTIVE.has(experiment.status));
  }, status);
}
