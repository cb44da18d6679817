// Keeping a page current: calls `refresh` every few seconds while it answers true.

import {h} from './dom.js';

export const POLL_MILLIS = 2000;

/**
 * Runs `refresh` now and again every POLL_MILLIS while it returns true (the thing shown is still
 * QUEUED or RUNNING); a failed refresh is shown in `status` and retried.
 */
export async function keepLive(refresh, status) {
  let again;
  try {
    again = await refresh();
    status.replaceChildren(again ? h('span', {class: 'live'}, 'Live: updating every 2 s') : '');
  } catch (error) {
    if (error.status === 401) return;
    status.replaceChildren(h('span', {class: 'error', role: 'alert'}, `Update failed: ${error.message}`));
    again = true;
  }
  if (again) setTimeout(() => keepLive(refresh, status), POLL_MILLIS);
}
