// Numbers, durations and dates as a person reads them.

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return 'unknown';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function number(value, digits = 4) {
  if (value === null || value === undefined) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1e-3 || value === 0 ? value.toFixed(digits) : value.toExponential(2);
}

export function percent(fraction) {
  return `${(100 * fraction).toFixed(1)} %`;
}

export function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/** A status as a badge whose class colours it (text carries the meaning, not colour alone). */
export function statusClass(status) {
  return `status status-${String(status).toLowerCase()}`;
}

export const ACTIVE = new Set(['QUEUED', 'RUNNING']);
