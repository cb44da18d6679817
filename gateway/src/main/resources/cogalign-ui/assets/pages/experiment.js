// One experiment: its status, each arm's held-out accuracy with its 95% interval, the paired
// comparisons and the accuracy chart; live while its jobs run.

import {get} from '../api.js';
import {intervalChart} from '../chart.js';
import {facts, fill, h, table} from '../dom.js';
import {ACTIVE, duration, percent, statusClass, time} from '../format.js';
import {keepLive} from '../live.js';

export async function experimentPage(main, id) {
  document.title = `Experiment ${id} · CogAlign`;
  const status = h('p', {class: 'muted', 'aria-live': 'polite'});
  const summary = h('section', {'aria-labelledby': 'experiment-summary-title'});
  const report = h('section', {'aria-labelledby': 'report-title'});
  fill(main, h('h1', {}, `Experiment ${id}`), status, summary, report);

  await keepLive(async () => {
    const experiment = await get(`/api/v1/experiments/${id}`);
    renderSummary(summary, experiment);
    renderReport(report, experiment);
    return ACTIVE.has(experiment.status);
  }, status);
}

function renderSummary(summary, experiment) {
  fill(summary,
    h('h2', {id: 'experiment-summary-title'}, experiment.name),
    facts([
      ['Status', h('span', {class: statusClass(experiment.status), 'data-testid': 'experiment-status'}, experiment.status)],
      experiment.reason ? ['Reason', experiment.reason] : null,
      ['Held-out problems', experiment.heldOut === null ? 'known once an arm is evaluated' : `${experiment.heldOut} per replicate`],
      ['Time', duration(experiment.wallSeconds)],
      ['Created', time(experiment.createdAt)],
      ['Finished', time(experiment.finishedAt)],
    ]),
    table('experiment-replicates', 'Replicates', ['Seed', 'CRV run', 'Held-out dataset', 'Base model'],
      experiment.replicates.map((r) => [
        r.seed ?? '—', h('a', {href: `/ui/runs/${r.runId}`}, `Run ${r.runId}`), `Dataset ${r.heldOutDatasetId}`,
        /^\d+$/.test(r.baseModel) ? h('a', {href: `/ui/models#model-${r.baseModel}`}, `Model ${r.baseModel}`) : r.baseModel])));
}

function renderReport(report, experiment) {
  const arms = Object.entries(experiment.arms);
  const plotted = arms.filter(([, arm]) => arm.mean !== null && arm.ci95)
    .map(([name, arm]) => ({label: name, y: arm.mean, low: arm.ci95[0], high: arm.ci95[1]}));
  const open = report.querySelector('details[open]') !== null;
  fill(report,
    h('h2', {id: 'report-title'}, 'Report'),
    intervalChart({
      testid: 'accuracy-chart', title: 'Held-out accuracy per arm, with 95% intervals', yLabel: 'accuracy', points: plotted,
      empty: 'No arm evaluated yet.',
    }),
    table('experiment-arms', 'Held-out accuracy per arm (mean over every replicate\'s problems, 95% bootstrap interval)',
      ['Arm', 'Status (train / eval)', 'Accuracy per replicate', 'Mean', '95% interval', 'n (correct / problems)', 'Hit token limit', 'Steps', 'Jobs'],
      arms.map(([name, arm]) => armRow(name, arm))),
    table('experiment-comparisons', 'Comparisons: difference of mean accuracy, paired 95% bootstrap interval',
      ['Arm', 'Baseline', 'Difference', '95% interval'],
      experiment.comparisons.map((c) => [c.arm, c.baseline, points(c.difference), `${points(c.ci95[0])} to ${points(c.ci95[1])}`])),
    experiment.comparisons.length === 0 ? h('p', {class: 'muted'}, 'Comparisons appear once both arms of a pair are evaluated.') : null);
  if (open) report.querySelector('details').open = true;
}

function armRow(name, arm) {
  const known = arm.total.filter((t) => t !== null);
  const correct = arm.correct.filter((c) => c !== null).reduce((a, b) => a + b, 0);
  const total = known.reduce((a, b) => a + b, 0);
  return [
    name,
    arm.status.map((both) => h('span', {class: statusClass(worst(both))}, both)),
    arm.accuracy.map((a) => (a === null ? '—' : percent(a))).join(', '),
    arm.mean === null ? '—' : percent(arm.mean),
    arm.ci95 ? `${percent(arm.ci95[0])} to ${percent(arm.ci95[1])}` : '—',
    known.length ? `${correct} / ${total}` : '—',
    arm.hitTokenLimit.map((x) => x ?? '—').join(', '),
    `${arm.steps} × batch ${arm.batchSize}`,
    h('span', {}, arm.jobs.map((job, i) => [
      h('a', {href: `/ui/jobs/${job}`}, `train ${job}`), ' ',
      arm.evalJobs[i] ? h('a', {href: `/ui/jobs/${arm.evalJobs[i]}`}, `eval ${arm.evalJobs[i]}`) : null, ' ',
      arm.modelIds[i] ? h('a', {href: `/ui/models#model-${arm.modelIds[i]}`}, `model ${arm.modelIds[i]}`) : null, ' '])),
  ];
}

/** The status that colours "TRAIN/EVAL" (the words say both). */
function worst(both) {
  const parts = both.split('/').filter((part) => part !== '-');
  return ['FAILED', 'CANCELLED', 'RUNNING', 'QUEUED'].find((s) => parts.includes(s)) ?? (parts.length === 2 ? 'SUCCEEDED' : 'QUEUED');
}

/** A difference of accuracies in percentage points, signed. */
function points(difference) {
  const value = 100 * difference;
  return `${value > 0 ? '+' : ''}${value.toFixed(1)} pp`;
}
