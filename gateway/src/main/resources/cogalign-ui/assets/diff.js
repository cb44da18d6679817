// A longest-common-subsequence diff of two lists (steps of a CoT, or the words of one step).

/**
 * The edit from `before` to `after` as operations in order: {op: 'same'|'del'|'ins', value}.
 * O(n·m) time and memory: CoTs have tens of steps and steps tens of words.
 */
export function diff(before, after) {
  const n = before.length;
  const m = after.length;
  // common[i][j]: length of the LCS of before[i..] and after[j..]
  const common = Array.from({length: n + 1}, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i][j] = before[i] === after[j]
        ? common[i + 1][j + 1] + 1
        : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const edits = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      edits.push({op: 'same', value: before[i]});
      i++;
      j++;
    } else if (common[i + 1][j] >= common[i][j + 1]) {
      edits.push({op: 'del', value: before[i++]});
    } else {
      edits.push({op: 'ins', value: after[j++]});
    }
  }
  while (i < n) edits.push({op: 'del', value: before[i++]});
  while (j < m) edits.push({op: 'ins', value: after[j++]});
  return edits;
}

/**
 * Side-by-side rows of a step diff: {left, right, kind} where kind is 'same', 'changed' (a removed
 * step facing the added step that took its place), 'del' or 'ins'.
 */
export function sideBySide(before, after) {
  const rows = [];
  const edits = diff(before, after);
  for (let k = 0; k < edits.length;) {
    if (edits[k].op === 'same') {
      rows.push({kind: 'same', left: edits[k].value, right: edits[k].value});
      k++;
      continue;
    }
    const removed = [];
    const added = [];
    while (k < edits.length && edits[k].op !== 'same') {
      (edits[k].op === 'del' ? removed : added).push(edits[k].value);
      k++;
    }
    for (let r = 0; r < Math.max(removed.length, added.length); r++) {
      const left = removed[r];
      const right = added[r];
      const kind = left !== undefined && right !== undefined ? 'changed' : left !== undefined ? 'del' : 'ins';
      rows.push({kind, left, right});
    }
  }
  return rows;
}

/** Words and the spaces between them, so that a word diff joins back into the text. */
export function words(text) {
  return text.match(/\s+|[^\s]+/g) || [];
}
