// One problem: its revision tree, each revision's steps beside its parent's with a diff, the
// critiques, verifications and agent calls, and the pairs made from it.

import {get} from '../api.js';
import {facts, fill, h, table} from '../dom.js';
import {diff, sideBySide, words} from '../diff.js';
import {number, time} from '../format.js';

export async function problemPage(main, id) {
  document.title = `Problem ${id} · CogAlign`;
  const problem = await get(`/api/v1/problems/${id}`);
  const byId = new Map(problem.revisions.map((revision) => [revision.id, revision]));
  const runIds = [...new Set(problem.revisions.flatMap((revision) => [
    revision.runId, ...revision.critiques.map((c) => c.runId), ...revision.verifications.map((v) => v.runId)])
    .filter((runId) => runId !== null && runId !== undefined))].sort((a, b) => a - b);
  const pairs = h('div', {}, h('p', {class: 'muted'}, 'Loading pairs…'));
  fill(main,
    h('h1', {}, `Problem ${id}`),
    facts([
      ['Question', problem.question, 'problem-question'],
      ['Gold answer', problem.goldAnswer, 'problem-gold-answer'],
      ['Dataset', `${problem.datasetId}${problem.externalId ? ` (${problem.externalId})` : ''}`],
      ['Runs', runIds.length ? h('span', {}, runIds.map((runId) => h('a', {href: `/ui/runs/${runId}`, class: 'pill'}, `Run ${runId}`))) : 'none'],
    ]),
    h('section', {'aria-labelledby': 'tree-title'},
      h('h2', {id: 'tree-title'}, 'Revision tree'),
      tree(problem.revisions)),
    problem.revisions.map((revision) => revisionSection(revision, byId.get(revision.parentId))),
    h('section', {'aria-labelledby': 'calls-title'},
      h('h2', {id: 'calls-title'}, 'Agent calls'),
      agentCalls(problem.revisions)),
    h('section', {'aria-labelledby': 'pairs-title'},
      h('h2', {id: 'pairs-title'}, 'Preference pairs'),
      pairs));
  const found = [];
  for (const runId of runIds) {
    const exported = await get(`/api/v1/runs/${runId}/pairs`);
    found.push(...exported.filter((pair) => String(pair.problem_id) === String(id)).map((pair) => ({runId, ...pair})));
  }
  fill(pairs, found.length === 0 ? h('p', {}, 'No pair was made from this problem.') :
    table('problem-pairs', null, ['Run', 'Mini-task', 'β', 'Chosen', 'Rejected'], found.map((pair) => [
      h('a', {href: `/ui/runs/${pair.runId}`}, `Run ${pair.runId}`), pair.mini_task, String(pair.beta),
      h('a', {href: `#revision-${pair.chosen_revision_id}`}, `revision ${pair.chosen_revision_id}`),
      h('a', {href: `#revision-${pair.rejected_revision_id}`}, `revision ${pair.rejected_revision_id}`)])));
}

/** The revisions as nested lists: teacher → extended / simplified / perturbed → … */
function tree(revisions) {
  const children = new Map();
  for (const revision of revisions) {
    const key = revision.parentId ?? 'root';
    children.set(key, [...(children.get(key) || []), revision]);
  }
  const branch = (key) => {
    const below = children.get(key);
    return below ? h('ul', {}, below.map((revision) => h('li', {},
      h('a', {href: `#revision-${revision.id}`}, `${revision.origin} #${revision.id}`),
      revision.runId ? h('span', {class: 'muted'}, ` (run ${revision.runId})`) : null,
      verdictBadges(revision),
      branch(revision.id)))) : null;
  };
  return h('nav', {'data-testid': 'revision-tree', 'aria-label': 'Revision tree'}, branch('root'));
}

function verdictBadges(revision) {
  return [
    ...revision.critiques.map((c) => h('span', {class: `pill verdict-${c.verdict.toLowerCase()}`}, c.verdict)),
    ...revision.verifications.map((v) => h('span', {class: v.correct ? 'pill ok' : 'pill bad'}, v.correct ? 'verified' : 'refused')),
  ];
}

function revisionSection(revision, parent) {
  const title = `revision-${revision.id}-title`;
  return h('section', {
    id: `revision-${revision.id}`, class: 'revision', 'data-testid': 'revision',
    'data-origin': revision.origin, 'aria-labelledby': title, tabindex: '-1',
  },
  h('h2', {id: title}, `${revision.origin} revision #${revision.id}`,
    parent ? h('span', {class: 'muted'}, ` of ${parent.origin} #${parent.id}`) : null),
  facts([
    ['Final answer', revision.finalAnswer],
    ['Written by', revision.call ? callText(revision.call) : 'the teacher (as submitted)'],
    ['Created', time(revision.createdAt)],
  ]),
  parent ? stepDiff(parent, revision) : steps(revision),
  revision.critiques.map(critique),
  revision.verifications.map(verification));
}

function steps(revision) {
  return h('ol', {class: 'steps', 'data-testid': 'revision-steps'}, revision.steps.map((step) => h('li', {}, step)));
}

/** The parent's steps on the left, this revision's on the right, changes marked. */
function stepDiff(parent, revision) {
  const rows = sideBySide(parent.steps, revision.steps);
  const added = rows.filter((row) => row.kind === 'ins' || row.kind === 'changed').length;
  const removed = rows.filter((row) => row.kind === 'del' || row.kind === 'changed').length;
  return h('table', {
    class: 'diff', 'data-testid': 'revision-diff', 'data-added': added, 'data-removed': removed,
  },
  h('caption', {}, `Steps against ${parent.origin} #${parent.id}: ${added} added or changed, ${removed} removed or changed`),
  h('thead', {}, h('tr', {},
    h('th', {scope: 'col'}, `${parent.origin} #${parent.id}`),
    h('th', {scope: 'col'}, `${revision.origin} #${revision.id}`))),
  h('tbody', {}, rows.map((row) => {
    if (row.kind === 'changed') {
      const edits = diff(words(row.left), words(row.right));
      return h('tr', {class: 'changed', 'data-kind': 'changed'},
        h('td', {class: 'left'}, edits.filter((e) => e.op !== 'ins').map((e) => e.op === 'del' ? h('del', {}, e.value) : e.value)),
        h('td', {class: 'right'}, edits.filter((e) => e.op !== 'del').map((e) => e.op === 'ins' ? h('ins', {}, e.value) : e.value)));
    }
    return h('tr', {class: row.kind, 'data-kind': row.kind},
      h('td', {class: 'left'}, row.left === undefined ? '' : row.kind === 'del' ? h('del', {}, row.left) : row.left),
      h('td', {class: 'right'}, row.right === undefined ? '' : row.kind === 'ins' ? h('ins', {}, row.right) : row.right));
  })));
}

function critique(c) {
  return h('div', {class: 'finding', 'data-testid': 'critique'},
    h('h3', {}, 'Critique: ', h('span', {class: `pill verdict-${c.verdict.toLowerCase()}`, 'data-testid': 'critique-verdict'}, c.verdict),
      c.runId ? h('span', {class: 'muted'}, ` (run ${c.runId})`) : null),
    findings(c.reasons),
    h('p', {class: 'muted'}, callText(c.call)));
}

function verification(v) {
  return h('div', {class: 'finding', 'data-testid': 'verification'},
    h('h3', {}, 'Verifier: ', h('span', {class: v.correct ? 'pill ok' : 'pill bad'}, v.correct ? 'correct' : 'not correct'),
      ` (answer ${v.extractedAnswer ?? 'none'})`),
    findings(v.findings),
    h('p', {class: 'muted'}, callText(v.call)));
}

function findings(list) {
  if (!list || list.length === 0) return h('p', {class: 'muted'}, 'No per-step finding.');
  return h('ul', {class: 'findings'}, list.map((f) => h('li', {class: f.ok ? 'ok' : 'bad'},
    h('strong', {}, `${f.step === 0 ? 'Overall' : `Step ${f.step}`} ${f.ok ? 'fine' : 'flagged'}: `), f.message)));
}

function callText(call) {
  if (!call) return '';
  const tokens = call.promptTokens === null && call.completionTokens === null ? 'no token counts'
    : `${call.promptTokens ?? '?'} + ${call.completionTokens ?? '?'} tokens`;
  return `${call.agent} · ${call.backend} · ${call.model} · ${call.latencyMillis} ms · ${tokens}`;
}

function agentCalls(revisions) {
  const rows = [];
  for (const revision of revisions) {
    const what = `${revision.origin} #${revision.id}`;
    if (revision.call) rows.push([`wrote ${what}`, revision.call]);
    for (const c of revision.critiques) rows.push([`critiqued ${what}`, c.call]);
    for (const v of revision.verifications) rows.push([`verified ${what}`, v.call]);
  }
  const shown = rows.filter(([, call]) => call);
  if (shown.length === 0) return h('p', {}, 'No agent call.');
  return table('agent-calls', null, ['What', 'Agent', 'Backend', 'Model', 'Latency', 'Prompt tokens', 'Completion tokens'],
    shown.map(([what, call]) => [what, call.agent, call.backend, call.model, `${number(call.latencyMillis)} ms`,
      call.promptTokens === null ? '—' : String(call.promptTokens),
      call.completionTokens === null ? '—' : String(call.completionTokens)]));
}
