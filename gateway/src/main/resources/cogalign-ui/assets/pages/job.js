// One job: status, progress, ETA, events and its training curves, live while it runs; cancel.

import {get, post} from '../api.js';
import {lineChart} from '../chart.js';
import {facts, fill, h, table} from '../dom.js';
import {ACTIVE, duration, number, percent, statusClass, time} from '../format.js';
import {keepLive} from '../live.js';

const MINI_TASKS = ['ALIGN', 'CALIBRATE', 'CORRECT'];

export async function jobPage(main, id) {
  document.title = `Job ${id} · CogAlign`;
  const status = h('p', {class: 'muted', 'aria-live': 'polite'});
  const summary = h('section', {'aria-labelledby': 'job-summary-title'});
  const charts = h('section', {'aria-labelledby': 'charts-title', class: 'charts'});
  const events = h('section', {'aria-labelledby': 'events-title'});
  const steps = new Map();
  fill(main, h('h1', {}, `Job ${id}`), status, summary, charts, events);

  await keepLive(async () => {
    const job = await get(`/api/v1/jobs/${id}`);
    const since = steps.size ? Math.max(...steps.keys()) : 0;
    const metrics = await get(`/api/v1/jobs/${id}/metrics?sinceStep=${since}`);
    for (const point of metrics.items) steps.set(point.step, point.metrics);
    const log = await get(`/api/v1/jobs/${id}/events`);
    renderSummary(summary, job);
    renderCharts(charts, [...steps.entries()].sort((a, b) => a[0] - b[0]));
    fill(events, h('h2', {id: 'events-title'}, 'Events'),
      table('job-events', null, ['When', 'Status', 'Message', 'Worker'], log.items.map((event) => [
        time(event.at), h('span', {class: statusClass(event.status)}, event.status), event.message ?? '', event.worker ?? ''])));
    return ACTIVE.has(job.status);
  }, status);
}

function renderSummary(summary, job) {
  const cancel = ACTIVE.has(job.status) ? h('button', {type: 'button', class: 'danger', 'data-testid': 'cancel-job'}, 'Cancel job') : null;
  const said = h('p', {role: 'status'});
  cancel?.addEventListener('click', async () => {
    if (!window.confirm(`Cancel ${job.type} job ${job.id}? Its progress is kept as a checkpoint but it will not finish.`)) return;
    cancel.disabled = true;
    try {
      const now = await post(`/api/v1/jobs/${job.id}/cancel`);
      said.textContent = `Job ${job.id} is ${now.status}.`;
    } catch (error) {
      said.textContent = `Cancel failed: ${error.message}`;
      cancel.disabled = false;
    }
  });
  const fraction = job.totalSteps ? job.stepsCompleted / job.totalSteps : 0;
  fill(summary,
    h('h2', {id: 'job-summary-title'}, `${job.type} job`),
    facts([
      ['Status', h('span', {class: statusClass(job.status), 'data-testid': 'job-status'}, job.status)],
      job.error ? ['Error', job.error] : null,
      ['Progress', h('span', {},
        h('progress', {max: job.totalSteps || 1, value: job.stepsCompleted, 'aria-label': 'Steps done'}),
        ` step ${job.stepsCompleted} / ${job.totalSteps} (${percent(fraction)})`), 'job-progress'],
      ['Elapsed', duration(job.elapsedSeconds)],
      ['ETA', ACTIVE.has(job.status) ? duration(job.estimatedRemainingSeconds) : 'finished', 'job-eta'],
      ['Base model', job.baseModelId ? h('a', {href: `/ui/models#model-${job.baseModelId}`}, `Model ${job.baseModelId}`) : `waiting for job ${job.baseJobId}`],
      ['Output model', job.outputModelId ? h('a', {href: `/ui/models#model-${job.outputModelId}`}, `Model ${job.outputModelId}`) : '—'],
      ['Data', job.data?.runId ? h('a', {href: `/ui/runs/${job.data.runId}`}, `Run ${job.data.runId}`) : JSON.stringify(job.data ?? {})],
      ['Betas', job.effectiveBetas ? JSON.stringify(job.effectiveBetas) : null],
      ['Created', time(job.createdAt)],
    ]),
    cancel, said);
}

function series(steps, name, label = name) {
  return {name: label, points: steps.filter(([, m]) => typeof m[name] === 'number').map(([step, m]) => ({x: step, y: m[name]}))};
}

function renderCharts(charts, steps) {
  const has = (name) => steps.some(([, m]) => typeof m[name] === 'number');
  // a value table the user opened stays open across refreshes
  const open = new Set([...charts.querySelectorAll('details[open] table')].map((t) => t.dataset.testid));
  fill(charts,
    h('h2', {id: 'charts-title'}, 'Training curves'),
    lineChart({testid: 'loss-chart', title: 'Loss', series: [series(steps, 'loss')]}),
    has('rewards/margins') ? lineChart({
      testid: 'margins-chart', title: 'rewards/margins, overall and per mini-task',
      series: [series(steps, 'rewards/margins', 'overall'),
        ...MINI_TASKS.map((task) => series(steps, `rewards/margins/${task}`, task))],
    }) : null,
    has('rewards/accuracies') ? lineChart({
      testid: 'accuracies-chart', title: 'rewards/accuracies', series: [series(steps, 'rewards/accuracies')],
    }) : null,
    has('learning_rate') ? lineChart({
      testid: 'learning-rate-chart', title: 'Learning rate', series: [series(steps, 'learning_rate')],
    }) : null,
    steps.length ? h('p', {class: 'muted'}, `Last step ${steps[steps.length - 1][0]}: loss ${number(steps[steps.length - 1][1].loss)}`) : null);
  for (const table of charts.querySelectorAll('details table')) {
    if (open.has(table.dataset.testid)) table.closest('details').open = true;
  }
}
