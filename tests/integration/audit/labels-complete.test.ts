/**
 * Every action and field the database can write to the audit log has a Dutch label (issue 18,
 * part 4). The lists come from the database itself, not from a copy in this test: a new audited
 * table, a new operation on one, a new column, or a new function that writes to the log fails
 * here until src/lib/audit/labels.nl.ts names it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { actionLabels, detailFields, entityLabels, tableFields } from '../../../src/lib/audit/labels.nl';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { repoRoot } from '../../support/paths';

interface Audited {
  table: string;
  ops: string[];
  columns: string[];
}

let db: TestDatabase;
let audited: Audited[];
let functionActions: { fn: string; actions: string[] }[];

beforeAll(async () => {
  db = await freshDatabase();
  const triggers = await db.asOwner((tx) =>
    tx.query<{ table: string; tgtype: number; def: string; columns: string[] }>(`
      select c.relname as table, t.tgtype::int as tgtype, pg_get_triggerdef(t.oid) as def,
        array(select a.attname::text from pg_attribute a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgfoid = 'private.audit_row'::regproc
      order by c.relname`),
  );
  const byTable = new Map<string, Audited>();
  for (const t of triggers) {
    const entry = byTable.get(t.table) ?? { table: t.table, ops: [], columns: t.columns };
    // Bits of pg_trigger.tgtype: 4 insert, 8 delete, 16 update.
    if (t.tgtype & 4) entry.ops.push('insert');
    if (t.tgtype & 8) entry.ops.push('delete');
    if (t.tgtype & 16) entry.ops.push('update');
    // Columns named in the trigger's arguments (texts, profile data) are never copied into the log.
    const hidden = [...(/audit_row\((.*)\)\s*$/.exec(t.def)?.[1] ?? '').matchAll(/'([^']+)'/g)].map(
      (m) => m[1],
    );
    entry.columns = entry.columns.filter((c) => !hidden.includes(c));
    byTable.set(t.table, entry);
  }
  audited = [...byTable.values()];
  // Functions other than the trigger that write to the log, and the action names in their source.
  const fns = await db.asOwner((tx) =>
    tx.query<{ fn: string; src: string }>(`
      select p.oid::regprocedure::text as fn, p.prosrc as src from pg_proc p
      where p.prosrc ilike '%insert into public.audit_log%' and p.oid <> 'private.audit_row'::regproc`),
  );
  functionActions = fns.map(({ fn, src }) => ({
    fn,
    actions: [...src.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1] as string),
  }));
});
afterAll(() => db?.dispose());

describe('Dutch labels for the audit log', () => {
  test('the database has audited tables and functions (the queries read something)', () => {
    expect(audited.length).toBeGreaterThanOrEqual(12);
    expect(audited.find((a) => a.table === 'input_items')?.columns).not.toContain('body');
    expect(functionActions.flatMap((f) => f.actions)).toEqual(
      expect.arrayContaining(['export.create', 'sign_in.failed']),
    );
  });

  test('every audited table and operation has an action label', () => {
    const missing = audited.flatMap(({ table, ops }) =>
      ops.map((op) => `${table}.${op}`).filter((action) => !actionLabels[action]),
    );
    expect(missing).toEqual([]);
  });

  test('every column the audit trigger copies has a field label', () => {
    const missing = audited.flatMap(({ table, columns }) =>
      columns.filter((column) => !tableFields[table]?.[column]).map((column) => `${table}.${column}`),
    );
    expect(missing).toEqual([]);
  });

  test('every audited table can be chosen in the "Soort" filter', () => {
    expect(audited.map((a) => a.table).filter((table) => !entityLabels[table])).toEqual([]);
  });

  test('every action a database function writes has a label', () => {
    expect(functionActions.length).toBeGreaterThanOrEqual(2);
    const missing = functionActions.flatMap(({ fn, actions }) =>
      actions.filter((a) => !actionLabels[a]).map((a) => `${fn}: ${a}`),
    );
    expect(missing).toEqual([]);
  });

  test('every action the server code writes has a label', async () => {
    const files = (await readdir(path.join(repoRoot, 'src'), { recursive: true })).filter((f) =>
      /\.(ts|astro)$/.test(f),
    );
    const written: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(repoRoot, 'src', file), 'utf8');
      for (const match of text.matchAll(
        /insert into public\.audit_log[\s\S]{0,400}?values\s*\(([\s\S]{0,300}?)\)/gi,
      ))
        for (const action of (match[1] as string).matchAll(/'([a-z_]+\.[a-z_]+)'/g))
          written.push(action[1] as string);
    }
    expect(written).toContain('retention.purge');
    expect(written.filter((a) => !actionLabels[a])).toEqual([]);
    expect(detailFields.consultations).toHaveProperty('expiredConsultations');
  });
});
