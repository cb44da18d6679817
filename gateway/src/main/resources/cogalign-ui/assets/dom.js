// Building the page with elements (never innerHTML: every text from the API stays text).

const SVG = 'http://www.w3.org/2000/svg';

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** An HTML element: h('a', {href: '/ui/runs', class: 'x'}, 'Runs'). */
export function h(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element. */
export function s(tag, attributes, ...children) {
  return build(document.createElementNS(SVG, tag), attributes, children);
}

/** Replaces what `parent` holds. */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return build(parent, {}, children);
}

/** A table: headers and rows of cells (strings or nodes). */
export function table(testid, caption, headers, rows) {
  return h('table', {'data-testid': testid},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((name) => h('th', {scope: 'col'}, name)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))));
}

/** A term/value list. */
export function facts(entries) {
  return h('dl', {class: 'facts'}, entries.filter(Boolean).map(([term, value, testid]) => [
    h('dt', {}, term), h('dd', testid ? {'data-testid': testid} : {}, value ?? '—')]));
}
