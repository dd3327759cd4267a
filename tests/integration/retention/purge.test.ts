import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openPglite } from '../../../src/lib/db/pglite.server';
import type { Database } from '../../../src/lib/db/types';
import { purgeExpired } from '../../../src/lib/retention/purge.server';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import { repoRoot } from '../../support/paths';
import { buildWorld, ids } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

function counts(target: Database) {
  return target.asOwner(async (tx) => {
    const [row] = await tx.sql<Record<string, number>>`
      select (select count(*)::int from public.contact_emails where consultation_id = ${ids.openConsultation}) as "openEmails",
             (select count(*)::int from public.contact_emails where consultation_id = ${ids.closedConsultation}) as "closedEmails",
             (select count(*)::int from public.mail_outbox) as outbox,
             (select count(*)::int from public.input_originals) as originals,
             (select count(*)::int from public.input_items) as items`;
    return row;
  });
}

const setRetention = (target: Database, consultation: string, days: number) =>
  target.asOwner(
    (tx) =>
      tx.sql`update public.consultations set retention_until = current_date + ${days}::int where id = ${consultation}`,
  );

describe('the retention job', () => {
  test('deletes addresses and originals only after the retention date, once', async () => {
    await db.asOwner(
      (tx) => tx.sql`
        insert into public.contact_emails (consultation_id, email, unsubscribe_token)
        values (${ids.closedConsultation}, 'oud@example.test', 'token-bbbbbbbbbbbbbbbbbbbbbbbb')`,
    );
    await setRetention(db, ids.closedConsultation, -1); // yesterday: past
    await setRetention(db, ids.openConsultation, 0); // today: not yet past
    const before = await counts(db);
    expect(before).toMatchObject({ openEmails: 1, closedEmails: 1, outbox: 1, originals: 1 });

    expect(await purgeExpired(db)).toEqual({
      consultations: 1,
      contactEmails: 1,
      outboxMessages: 1,
      originals: 0,
      uploads: 0,
      documents: 0,
    });
    expect(await counts(db)).toEqual({ ...before, closedEmails: 0, outbox: 0 });
    // Idempotent.
    expect(await purgeExpired(db)).toEqual({
      consultations: 1,
      contactEmails: 0,
      outboxMessages: 0,
      originals: 0,
      uploads: 0,
      documents: 0,
    });

    await setRetention(db, ids.openConsultation, -1);
    expect(await purgeExpired(db)).toEqual({
      consultations: 2,
      contactEmails: 1,
      outboxMessages: 0,
      originals: 1,
      // The spreadsheet the analyst uploaded for the open consultation and never imported.
      uploads: 1,
      documents: 0,
    });
    // The redacted text stays; only the original and the address go.
    expect(await counts(db)).toEqual({ ...before, openEmails: 0, closedEmails: 0, outbox: 0, originals: 0 });

    const audit = await db.asOwner(
      (tx) => tx.sql<{ actor_role: string; detail: Record<string, unknown> }>`
        select actor_role, detail from public.audit_log where action = 'retention.purge' order by id`,
    );
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({
      actor_role: 'service_role',
      detail: { contactEmails: 1, outboxMessages: 1 },
    });
    expect(JSON.stringify(audit)).not.toMatch(/@example\.test|06-12345678/);
  });

  test('keeps originals until their own purge date when the consultation has no retention date', async () => {
    const fresh = await freshDatabase();
    try {
      await buildWorld(fresh);
      expect(await purgeExpired(fresh)).toEqual({
        consultations: 0,
        contactEmails: 0,
        outboxMessages: 0,
        originals: 0,
        uploads: 0,
        documents: 0,
      });
      await fresh.asOwner(
        (tx) => tx.sql`update public.import_uploads set expires_at = now() - interval '1 minute'`,
      );
      expect((await purgeExpired(fresh)).uploads).toBe(1);
      await fresh.asOwner((tx) => tx.sql`update public.input_originals set purge_after = current_date - 1`);
      expect((await purgeExpired(fresh)).originals).toBe(1);
      expect((await counts(fresh))?.openEmails).toBe(1);
    } finally {
      await fresh.dispose();
    }
  });
});

function retentionCli(env: Record<string, string>) {
  return spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['src/cli/retention.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SUPABASE_URL: '',
      AUTH_JWT_SECRET: 'a-test-secret-of-at-least-thirty-two-characters',
      ...env,
    },
    encoding: 'utf8',
  });
}

describe('npm run retention', () => {
  test.runIf(driver === 'pglite')(
    'runs on the embedded database and prints counts',
    { timeout: 120_000 },
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'dm-retention-'));
      try {
        const target = await openPglite({
          dataDir: path.join(dataDir, 'pglite'),
          loadDataDir: new Blob([await readFile(inject('migratedTemplate'))]),
        });
        await buildWorld(target);
        await setRetention(target, ids.openConsultation, -3);
        await target.close();
        const first = retentionCli({ DATA_DIR: dataDir, DATABASE_URL: '' });
        expect(first.status, first.stderr).toBe(0);
        expect(first.stdout).toMatch(
          /1 consultation\(s\).*deleted 1 contact e-mail address\(es\), 0 outbox message\(s\), 1 unredacted original\(s\)/,
        );
        const again = retentionCli({ DATA_DIR: dataDir, DATABASE_URL: '' });
        expect(again.stdout).toMatch(
          /deleted 0 contact e-mail address\(es\), 0 outbox message\(s\), 0 unredacted original\(s\)/,
        );
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );

  test.runIf(driver === 'postgres')(
    'runs on DATABASE_URL and prints counts',
    { timeout: 60_000 },
    async () => {
      const target = await freshDatabase();
      try {
        await buildWorld(target);
        await setRetention(target, ids.openConsultation, -3);
        const run = retentionCli({ DATABASE_URL: target.url ?? '' });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toMatch(
          /deleted 1 contact e-mail address\(es\), 0 outbox message\(s\), 1 unredacted original\(s\)/,
        );
        expect((await counts(target))?.openEmails).toBe(0);
      } finally {
        await target.dispose();
      }
    },
  );
});
