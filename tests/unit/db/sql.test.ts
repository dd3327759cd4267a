import { describe, expect, test } from 'vitest';
import { becomeCaller, claimsOf } from '../../../src/lib/db/caller';
import { isRefusal, isUnavailable, sqlState } from '../../../src/lib/db/errors';
import { SerialQueue } from '../../../src/lib/db/serial-queue';
import { toQuery } from '../../../src/lib/db/sql';

const sql = (strings: TemplateStringsArray, ...values: unknown[]) => toQuery(strings, values);

describe('tagged SQL', () => {
  test('binds every value as a parameter', () => {
    const evil = "'; drop table input_items; --";
    expect(sql`select * from t where a = ${1} and b = ${evil}`).toEqual({
      text: 'select * from t where a = $1 and b = $2',
      params: [1, evil],
    });
  });
  test('leaves text without values alone', () =>
    expect(sql`select 1`).toEqual({ text: 'select 1', params: [] }));
});

describe('callers', () => {
  test('anon, service and staff claims', () => {
    expect(claimsOf({ kind: 'anon' })).toEqual({ role: 'anon' });
    expect(claimsOf({ kind: 'service' })).toEqual({ role: 'service_role' });
    expect(claimsOf({ kind: 'staff', userId: 'u', email: 'e@x.nl', staffRole: 'analyst' })).toEqual({
      role: 'authenticated',
      aud: 'authenticated',
      sub: 'u',
      email: 'e@x.nl',
      staff_role: 'analyst',
    });
  });
  test('the role is a bound parameter too, and the app’s own, never one the Data API can become', () => {
    expect(becomeCaller({ kind: 'anon' }).params[0]).toBe('doemee_anon');
    expect(becomeCaller({ kind: 'anon' }).text).not.toContain('anon');
    expect(becomeCaller({ kind: 'service' }).params[0]).toBe('doemee_service');
    expect(
      becomeCaller({ kind: 'staff', userId: 'u', email: 'e@x.nl', staffRole: 'analyst' }).params[0],
    ).toBe('doemee_staff');
    // The claims keep Supabase's shape, so auth.role() reads what it always read.
    expect(JSON.parse(becomeCaller({ kind: 'anon' }).params[1] ?? '{}')).toEqual({ role: 'anon' });
  });
});

describe('database errors', () => {
  test.each([
    ['23505', true],
    ['23514', true],
    ['42501', true],
    ['22001', true],
    ['42P01', false],
  ])('SQLSTATE %s is a refusal: %s', (code, refusal) => expect(isRefusal({ code })).toBe(refusal));
  test.each(['ECONNREFUSED', '57P01', '08006', 'CONNECTION_CLOSED'])('%s means unavailable', (code) =>
    expect(isUnavailable({ code })).toBe(true),
  );
  test('a constraint error is not an outage', () => expect(isUnavailable({ code: '23505' })).toBe(false));
  test('non-errors have no state', () => expect(sqlState('boom')).toBeUndefined());
});

describe('serial queue', () => {
  test('runs tasks one at a time in order, even when one fails', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      queue.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 20), task('b', 1, true), task('c', 5)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(queue.pending).toBe(0);
  });
});
