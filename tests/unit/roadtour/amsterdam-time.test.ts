import { afterEach, describe, expect, test } from 'vitest';
import {
  amsterdamToInstant,
  instantToAmsterdam,
  parseAmsterdamDateTime,
} from '../../../src/lib/roadtour/amsterdam-time';
import { NewStopSchema } from '../../../src/lib/roadtour/schema';

// Issue 20 item 10: stop times are Zoetermeer's wall clock, whatever zone the device or server is in.

const zoneBefore = process.env.TZ;
afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('amsterdamToInstant', () => {
  test.each([
    ['winter time (+01:00)', '2026-12-10', '14:00', '2026-12-10T13:00:00.000Z'],
    ['summer time (+02:00)', '2026-07-01', '14:00', '2026-07-01T12:00:00.000Z'],
    ['midnight in winter belongs to that day', '2026-01-01', '00:00', '2025-12-31T23:00:00.000Z'],
    ['the last minute before summer time starts', '2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['the first minute of summer time', '2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    [
      'a time the spring change skips moves forward an hour',
      '2026-03-29',
      '02:30',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'a time the autumn change repeats is the first (summer time)',
      '2026-10-25',
      '02:30',
      '2026-10-25T00:30:00.000Z',
    ],
    ['the first minute after summer time ends', '2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
    ['the day before the autumn change', '2026-10-24', '14:00', '2026-10-24T12:00:00.000Z'],
    ['the day after the autumn change', '2026-10-26', '14:00', '2026-10-26T13:00:00.000Z'],
    ['a leap day', '2028-02-29', '10:15', '2028-02-29T09:15:00.000Z'],
  ])('%s: %s %s', (_, date, time, iso) => {
    expect(amsterdamToInstant({ date, time })?.toISOString()).toBe(iso);
  });

  test.each([
    ['2026-02-30', '14:00'],
    ['2026-13-01', '14:00'],
    ['2026-12-10', '24:00'],
    ['2026-12-10', '14:60'],
    ['10-12-2026', '14:00'],
    ['2026-12-10', '2 uur'],
    ['', ''],
  ])('refuses %j %j', (date, time) => {
    expect(amsterdamToInstant({ date, time })).toBeNull();
  });

  test.each(['America/New_York', 'Asia/Tokyo', 'UTC', 'Pacific/Kiritimati'])(
    'gives the same instant in a process whose zone is %s',
    (zone) => {
      process.env.TZ = zone;
      expect(amsterdamToInstant({ date: '2026-12-10', time: '14:00' })?.toISOString()).toBe(
        '2026-12-10T13:00:00.000Z',
      );
      expect(instantToAmsterdam('2026-12-10T13:00:00.000Z')).toEqual({ date: '2026-12-10', time: '14:00' });
    },
  );
});

describe('instantToAmsterdam', () => {
  test.each([
    ['2026-12-10T13:00:00.000Z', '2026-12-10', '14:00'],
    ['2026-07-01T12:00:00.000Z', '2026-07-01', '14:00'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01', '00:30'],
    ['2026-03-29T00:59:00.000Z', '2026-03-29', '01:59'],
    ['2026-03-29T01:00:00.000Z', '2026-03-29', '03:00'],
    ['2026-10-25T00:30:00.000Z', '2026-10-25', '02:30'],
    ['2026-10-25T01:30:00.000Z', '2026-10-25', '02:30'],
    ['2026-10-25T02:00:00.000Z', '2026-10-25', '03:00'],
  ])('%s is %s %s in Amsterdam', (iso, date, time) => {
    expect(instantToAmsterdam(iso)).toEqual({ date, time });
    expect(instantToAmsterdam(new Date(iso))).toEqual({ date, time });
  });

  test('every hour of a year goes there and back', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let t = start; t < start + 366 * 86_400_000; t += 3_600_000) {
      const wall = instantToAmsterdam(new Date(t));
      const back = amsterdamToInstant(wall);
      // Only the repeated autumn hour maps back to its first occurrence.
      if (back?.getTime() !== t) expect(t - (back?.getTime() ?? 0)).toBe(3_600_000);
    }
  });
});

describe('the stop API reads a time without offset as Amsterdam time', () => {
  const stop = {
    consultationId: '00000000-0000-4000-8000-000000000000',
    name: 'Ouderenbond',
    location: 'Buurthuis',
    groupType: 'ouderenbond',
  };

  test('a wall-clock time from the form', () => {
    process.env.TZ = 'America/New_York';
    const parsed = NewStopSchema.parse({ ...stop, startsAt: '2026-12-10T14:00', endsAt: '2026-12-10T16:00' });
    expect(parsed.startsAt.toISOString()).toBe('2026-12-10T13:00:00.000Z');
    expect(parsed.endsAt?.toISOString()).toBe('2026-12-10T15:00:00.000Z');
  });

  test('an instant with an offset stays that instant', () => {
    const parsed = NewStopSchema.parse({ ...stop, startsAt: '2026-12-10T14:00:00-05:00' });
    expect(parsed.startsAt.toISOString()).toBe('2026-12-10T19:00:00.000Z');
  });

  test.each(['2026-02-30T14:00', '2026-12-10T25:00', '2026-12-10 14:00', 'morgen'])(
    'refuses %j',
    (startsAt) => {
      expect(NewStopSchema.safeParse({ ...stop, startsAt }).success).toBe(false);
    },
  );

  test('parseAmsterdamDateTime', () => {
    expect(parseAmsterdamDateTime('2026-07-01T09:30')?.toISOString()).toBe('2026-07-01T07:30:00.000Z');
    expect(parseAmsterdamDateTime('2026-07-01T09:30Z')).toBeNull();
  });
});
