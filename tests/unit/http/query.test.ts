import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditFilterSchema, decodeAuditCursor } from '../../../src/lib/audit/schema';
import { DashboardFiltersSchema } from '../../../src/lib/dashboard/read.server';
import { isBadInput } from '../../../src/lib/db/errors';
import { ExportRequestSchema } from '../../../src/lib/exports/filters';
import { isRealDay, isRealInstant, queryObject, queryText } from '../../../src/lib/http/query';
import { decodeCursor } from '../../../src/lib/moderation/cursor';
import { QueueFilterSchema } from '../../../src/lib/moderation/schema';

// Issue 16, item 12: values that only look right used to reach Postgres and answer 500.
const cursorOf = (at: string, id: unknown) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

describe('query string values', () => {
  it('knows which days exist', () => {
    for (const day of ['2026-02-28', '2028-02-29', '2026-12-31', '1000-01-01', '9999-12-31'])
      expect(isRealDay(day), day).toBe(true);
    for (const day of [
      '2026-02-30',
      '2026-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '0000-01-01',
      '0999-12-31',
      '2026-2-3',
      '2026-02-28x',
      '',
    ])
      expect(isRealDay(day), day).toBe(false);
  });

  it('knows which instants exist', () => {
    expect(isRealInstant('2026-11-24T10:00:00.123456Z')).toBe(true);
    expect(isRealInstant('2026-11-24T23:59:59Z')).toBe(true);
    for (const at of [
      '2026-02-30T10:00:00.000000Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2026-01-01T10:00:60Z',
      '0000-01-01T00:00:00Z',
      '2026-01-01T10:00:00.1234567Z',
    ])
      expect(isRealInstant(at), at).toBe(false);
  });

  it('refuses cursors that carry a day that does not exist', () => {
    const id = randomUUID();
    expect(decodeCursor(cursorOf('2026-11-24T10:00:00.123456Z', id))).toEqual({
      at: '2026-11-24T10:00:00.123456Z',
      id,
    });
    expect(decodeCursor(cursorOf('2026-02-30T10:00:00.000000Z', id))).toBeUndefined();
    expect(decodeAuditCursor(cursorOf('2026-02-30T10:00:00.000000Z', 5))).toBeUndefined();
    expect(decodeAuditCursor(cursorOf('2026-02-28T24:00:00Z', 5))).toBeUndefined();
    expect(decodeAuditCursor(cursorOf('2026-02-28T10:00:00Z', 5))).toEqual({
      at: '2026-02-28T10:00:00Z',
      id: 5,
    });
  });

  it('refuses filters with 30 February or a NUL byte', () => {
    expect(AuditFilterSchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(AuditFilterSchema.safeParse({ to: '2026-02-30' }).success).toBe(false);
    expect(AuditFilterSchema.safeParse({ entityId: 'a\u0000b' }).success).toBe(false);
    expect(AuditFilterSchema.safeParse({ from: '2026-02-28', entityId: 'abc' }).success).toBe(true);
    expect(DashboardFiltersSchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(DashboardFiltersSchema.safeParse({ to: '2026-02-28' }).success).toBe(true);
    const request = { consultation: 'krachtig-oud-worden', format: 'csv' };
    expect(ExportRequestSchema.safeParse({ ...request, from: '2026-02-30' }).success).toBe(false);
    expect(ExportRequestSchema.safeParse({ ...request, from: '2026-02-28' }).success).toBe(true);
    expect(QueueFilterSchema.safeParse({ search: 'a\u0000b' }).success).toBe(false);
    expect(QueueFilterSchema.safeParse({ search: ' vaste hulp ' }).success).toBe(true);
  });

  it('cleans search text and takes the first of repeated parameters', () => {
    expect(queryText('  a\u0000b\r\nc\ud800 ')).toBe('a b  c');
    expect(queryText('x'.repeat(500), 200)).toHaveLength(200);
    expect(queryText(null)).toBe('');
    const params = new URLSearchParams('van=2026-01-01&van=2026-02-30&__proto__=x');
    const object = queryObject(params);
    expect(object.van).toBe('2026-01-01');
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.keys(object)).toEqual(['van', '__proto__']);
  });

  it('classifies data exceptions from the database as bad input', () => {
    expect(isBadInput({ code: '22008' })).toBe(true);
    expect(isBadInput({ code: '22021' })).toBe(true);
    expect(isBadInput(Object.assign(new Error('wrapped'), { cause: { code: '22P02' } }))).toBe(true);
    expect(isBadInput({ code: '23505' })).toBe(false);
    expect(isBadInput({ code: '08006' })).toBe(false);
    expect(isBadInput(new Error('x'))).toBe(false);
  });
});
