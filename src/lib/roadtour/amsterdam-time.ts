// Stop times are Zoetermeer's wall-clock times (Europe/Amsterdam), whatever the time zone of the
// device or the server (issue 20 item 10: a tablet set to another zone stored 14:00 as 15:00).
// Browser-safe and pure: the stop form, the API's schema and the pages all convert here.

export const stopTimeZone = 'Europe/Amsterdam';

/** A wall-clock date and time in Amsterdam, as the date and time fields hold them. */
export interface WallTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:MM (24 hours) */
  readonly time: string;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: stopTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Amsterdam's wall clock at an instant, as milliseconds on a UTC scale (for arithmetic). */
function wallClockMs(instant: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** Amsterdam's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
const offsetAt = (instant: number): number => wallClockMs(instant) - Math.floor(instant / 1000) * 1000;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instant of an Amsterdam wall-clock time, or null when the date or time is not one.
 * Around the clock changes it does what a person means (Temporal's "compatible"): a time that
 * does not exist (02:30 on the last Sunday of March) moves forward by the hour that was skipped
 * (03:30 summer time); a time that happens twice (02:30 on the last Sunday of October) is the
 * first one (summer time).
 */
export function amsterdamToInstant({ date, time }: WallTime): Date | null {
  const d = datePattern.exec(date);
  const t = timePattern.exec(time);
  if (!d || !t) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const wall = Date.UTC(year, month - 1, day, Number(t[1]), Number(t[2]));
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  // The offsets a day before and after bracket any clock change on this day.
  const before = offsetAt(wall - 86_400_000);
  const after = offsetAt(wall + 86_400_000);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wallClockMs(instant) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // Skipped by the clock change: the same time with the offset from before it.
  return new Date(wall - before);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Amsterdam wall-clock date and time of an instant (for the form's fields). */
export function instantToAmsterdam(instant: Date | string): WallTime {
  const ms = wallClockMs(typeof instant === 'string' ? Date.parse(instant) : instant.getTime());
  const w = new Date(ms);
  return {
    date: `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`,
    time: `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`,
  };
}

/** "2026-12-10T14:00": an Amsterdam wall-clock time as the stop API takes it (no offset). */
export const localDateTimePattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** Reads "YYYY-MM-DDTHH:MM" as Amsterdam time; null when it is not such a string or no time. */
export function parseAmsterdamDateTime(value: string): Date | null {
  const m = localDateTimePattern.exec(value);
  return m?.[1] && m[2] ? amsterdamToInstant({ date: m[1], time: m[2] }) : null;
}
