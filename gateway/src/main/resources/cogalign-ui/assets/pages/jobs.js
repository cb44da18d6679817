// Jobs: the newest training and evaluation jobs with status, progress and ETA.

import {get} from '../api.js';
import {fill, h, table} from '../dom.js';
import {ACTIVE, duration, statusClass, time} from '../format.js';
import {keepLive} from '../live.js';

export async function jobsPage(main) {
  document.title = 'Jobs · CogAlign';
  const list = h('div', {});
  const status = h('p', {class: 'muted', 'aria-live': 'polite'});
  fill(main, h('h1', {}, 'Jobs'), status, list);
  await keepLive(async () => {
    const page = await get('/api/v1/jobs?limit=100');
    fill(list, page.items.length === 0
      ? h('p', {}, 'No job yet: POST /api/v1/jobs submits one.')
      : table('jobs', 'Jobs, newest first', ['Job', 'Type', 'Status', 'Progress', 'ETA', 'Created'],
        page.items.map((job) => [
          h('a', {href: `/ui/jobs/${job.id}`}, `Job ${job.id}`),
          job.type,
          h('span', {class: statusClass(job.status)}, job.status),
          `${job.stepsCompleted} / ${job.totalSteps} steps`,
          ACTIVE.has(job.status) ? duration(job.estimatedRemainingSeconds) : '—',
          time(job.createdAt),
        ])));
    return page.items.some((job) => ACTIVE.has(job.status));
  }, status);
}
