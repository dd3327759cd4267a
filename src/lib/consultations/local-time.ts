/** Times in the editor are typed and shown in Europe/Amsterdam, whatever the server's zone. */
const zone = 'Europe/Amsterdam';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function fields(d: Date): Record<string, number> {
  return Object.fromEntries(
    parts
      .formatToParts(d)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
}

/** The value of an `<input type="datetime-local">`: 2026-11-01T00:00 in Amsterdam. */
export function toLocalInput(d: Date): string {
  const f = fields(d);
  const pad = (n: number | undefined, w = 2) => String(n ?? 0).padStart(w, '0');
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/** An Amsterdam wall-clock time (YYYY-MM-DDTHH:mm) as an instant, or null when it is no time. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(wall).getUTCDate() !== d || h > 23 || mi > 59) return null;
  // The zone's offset at that moment, found in two steps (exact except in the hour a clock skips).
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const f = fields(new Date(guess));
    const shown = Date.UTC(
      f.year ?? 0,
      (f.month ?? 1) - 1,
      f.day ?? 1,
      f.hour ?? 0,
      f.minute ?? 0,
      f.second ?? 0,
    );
    guess = guess - (shown - wall);
  }
  return new Date(guess);
}
