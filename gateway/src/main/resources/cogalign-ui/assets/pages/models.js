// Models: their lineage (BASE → SFT → COGPO) drawn as a graph, and each model's evaluations.

import {get} from '../api.js';
import {fill, h, s, table} from '../dom.js';
import {percent, time} from '../format.js';

const COLUMN = 220;
const ROW = 56;
const NODE = {width: 190, height: 40};

export async function modelsPage(main) {
  document.title = 'Models · CogAlign';
  const page = await get('/api/v1/models?limit=500');
  const models = [...page.items].sort((a, b) => a.id - b.id);
  fill(main,
    h('h1', {}, 'Models'),
    models.length === 0 ? h('p', {}, 'No model yet: POST /api/v1/models registers one.') : [
      h('section', {'aria-labelledby': 'lineage-title'}, h('h2', {id: 'lineage-title'}, 'Lineage'), lineage(models)),
      h('section', {'aria-labelledby': 'models-title'}, h('h2', {id: 'models-title'}, 'Models and evaluations'),
        models.map(modelCard)),
    ]);
  if (location.hash) document.getElementById(location.hash.slice(1))?.focus();
}

/** Each model a box, in the column of its depth; an arrow from parent to child. */
function lineage(models) {
  const known = new Set(models.map((model) => model.id));
  const children = new Map();
  for (const model of models) {
    const parent = known.has(model.parentId) ? model.parentId : 'root';
    children.set(parent, [...(children.get(parent) || []), model]);
  }
  const place = new Map();
  let row = 0;
  const visit = (model, depth) => {
    place.set(model.id, {x: 8 + depth * COLUMN, y: 8 + row * ROW});
    row++;
    for (const child of children.get(model.id) || []) visit(child, depth + 1);
  };
  for (const root of children.get('root') || []) visit(root, 0);
  const width = Math.max(...[...place.values()].map((p) => p.x)) + NODE.width + 16;
  const height = row * ROW + 8;
  const svg = s('svg', {
    'data-testid': 'model-lineage', 'data-models': models.length, class: 'lineage',
    viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `Lineage of ${models.length} models: ${models.map((m) => `${m.kind} ${m.id}${m.parentId ? ` from ${m.parentId}` : ''}`).join(', ')}`,
  },
  s('defs', {}, s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: 'userSpaceOnUse', orient: 'auto'},
    s('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head'}))));
  for (const model of models) {
    const to = place.get(model.id);
    const from = place.get(model.parentId);
    if (from) {
      svg.append(s('path', {class: 'edge', 'marker-end': 'url(#arrow)',
        d: `M${from.x + NODE.width},${from.y + NODE.height / 2} C${from.x + NODE.width + 20},${from.y + NODE.height / 2} ${to.x - 20},${to.y + NODE.height / 2} ${to.x},${to.y + NODE.height / 2}`}));
    }
  }
  for (const model of models) {
    const at = place.get(model.id);
    const link = s('a', {href: `#model-${model.id}`, 'data-model-id': model.id},
      s('rect', {x: at.x, y: at.y, width: NODE.width, height: NODE.height, rx: 6, class: `node kind-${model.kind.toLowerCase()}`}),
      s('text', {x: at.x + 10, y: at.y + 17, class: 'node-title'}, `${model.kind} #${model.id}`),
      s('text', {x: at.x + 10, y: at.y + 32, class: 'node-name'}, truncate(model.name, 26)));
    svg.append(link);
  }
  return svg;
}

function modelCard(model) {
  return h('article', {class: 'card', id: `model-${model.id}`, tabindex: '-1', 'data-testid': 'model'},
    h('h3', {}, `${model.kind} #${model.id} ${model.name}`),
    h('p', {class: 'muted'}, [
      model.parentId ? `from model ${model.parentId}` : 'registered',
      model.jobId ? ' by ' : '', model.jobId ? h('a', {href: `/ui/jobs/${model.jobId}`}, `job ${model.jobId}`) : '',
      ` · ${time(model.createdAt)} · ${model.path}`]),
    model.evaluations.length === 0 ? h('p', {}, 'Not evaluated yet.') :
      table('model-evaluations', null, ['Benchmark', 'Accuracy', 'Correct', 'Hit token limit', 'By job', 'When'],
        model.evaluations.map((e) => [e.benchmark, percent(e.accuracy), `${e.correct} / ${e.total}`, String(e.hitTokenLimit),
          h('a', {href: `/ui/jobs/${e.jobId}`}, `job ${e.jobId}`), time(e.createdAt)])));
}

function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
