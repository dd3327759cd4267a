import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConsultations } from '../../../src/lib/content/load.server';
import { ConsultationSchema } from '../../../src/lib/content/schema';
import { syncConsultation } from '../../../src/lib/content/sync.server';
import { anonymous } from '../../../src/lib/db/caller';
import { sqlState } from '../../../src/lib/db/errors';
import { migrate } from '../../../src/lib/db/migrate.server';
import { openPglite } from '../../../src/lib/db/pglite.server';
import { submitAnswers } from '../../../src/lib/inputs/submit.server';
import { attempt, freshDatabase, type TestDatabase } from '../../support/db';
import { contentDir, migrationsDir, platformSql } from '../../support/paths';
import { buildWorld, ids } from '../../support/world';

// Issue 16, item 11: `wijk` was free text that skipped moderation and the personal-data detector
// and went verbatim into the report. Now it is one of the consultation's wijken from content/.
const secret = new TextEncoder().encode('test-secret-for-reference-codes-0123456789');
let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

const resident = (wijk: unknown) => ({
  submissionId: randomUUID(),
  audience: 'inwoner',
  answers: { belangrijk: 'Dat ik zelf kan blijven koken.' },
  consent: true,
  wijk,
});
const storedWijk = async (id: string) =>
  (
    await db.asOwner(
      (tx) => tx.sql<{ wijk: string | null }>`select wijk from public.submissions where id = ${id}`,
    )
  )[0]?.wijk;

describe('wijk is one of a closed list', () => {
  test('a listed wijk is stored; "zeg ik liever niet" (empty) stores none', async () => {
    const listed = resident('Meerzicht');
    expect(await submitAnswers(db, secret, 'open', listed)).toMatchObject({ ok: true });
    expect(await storedWijk(listed.submissionId)).toBe('Meerzicht');
    const none = resident('');
    expect(await submitAnswers(db, secret, 'open', none)).toMatchObject({ ok: true });
    expect(await storedWijk(none.submissionId)).toBeNull();
  });

  test.each([
    'Jan de Vries, Dorpsstraat 3, 06-12345678',
    'Stadshart',
    'dorp',
    ' Dorp',
    'Oude Wijk',
    'Dorp\u0000',
  ])('the server refuses %j with a Dutch message', async (wijk) => {
    const input = resident(wijk);
    const result = await submitAnswers(db, secret, 'open', input);
    expect(result).toMatchObject({ ok: false, status: 400, errors: { wijk: 'profile.invalid' } });
    expect(await storedWijk(input.submissionId)).toBeUndefined();
  });

  test('the database refuses a wijk that is not on the list, whoever writes it', async () => {
    const insert = (wijk: string) => `
      insert into public.submissions (id, consultation_id, audience, consent_at, reference_code, wijk)
      values ('${randomUUID()}', '${ids.openConsultation}', 'inwoner', now(), 'WXYZ-2345', '${wijk}')`;
    for (const wijk of ['Jan de Vries, Dorpsstraat 3', 'dorp']) {
      const asVisitor = await attempt(db, anonymous, (tx) => tx.query(insert(wijk))).catch((e: unknown) => e);
      expect(sqlState(asVisitor)).toBe('23503');
      const asOwner = await db.asOwner((tx) => tx.query(insert(wijk))).catch((e: unknown) => e);
      expect(sqlState(asOwner)).toBe('23503');
    }
    // Listed for another consultation is not enough.
    const other = await db
      .asOwner((tx) => tx.query(insert('Meerzicht').replace(ids.openConsultation, ids.closedConsultation)))
      .catch((e: unknown) => e);
    expect(sqlState(other)).toBe('23503');
  });

  test('visitors can read the list of a published consultation, nobody can change it', async () => {
    const read = await attempt(
      db,
      anonymous,
      (tx) =>
        tx.sql<{
          name: string;
        }>`select name from public.wijken where consultation_id = ${ids.openConsultation} order by position`,
    );
    expect(read.map((r) => r.name)).toEqual(['Dorp', 'Meerzicht', 'Oude Wijk']);
    const write = await attempt(db, anonymous, (tx) =>
      tx.query(
        `insert into public.wijken (consultation_id, name) values ('${ids.openConsultation}', 'Mijn straat 1')`,
      ),
    ).catch((e: unknown) => e);
    expect(sqlState(write)).toBe('42501');
  });

  test('content lists each wijk once, and not "zeg ik liever niet"', async () => {
    const [consultation] = await loadConsultations(contentDir);
    if (!consultation) throw new Error('no consultation in content/');
    expect(consultation.wijken.length).toBeGreaterThan(5);
    const withTwice = {
      ...consultation,
      wijken: [...consultation.wijken, consultation.wijken[0]?.toUpperCase()],
    };
    expect(ConsultationSchema.safeParse(withTwice).success).toBe(false);
    const withRefusal = { ...consultation, wijken: [...consultation.wijken, 'Zeg ik liever niet'] };
    expect(ConsultationSchema.safeParse(withRefusal).success).toBe(false);
  });
});

describe('content sync keeps the list', () => {
  test('offers the wijken of content/ in order; one that answers name stays, no longer offered', async () => {
    const fresh = await freshDatabase();
    try {
      const [consultation] = await loadConsultations(contentDir);
      if (!consultation) throw new Error('no consultation in content/');
      await syncConsultation(fresh, consultation);
      const list = () =>
        fresh.asOwner(
          (tx) => tx.sql<{ name: string; offered: boolean }>`
            select w.name, w.offered from public.wijken w join public.consultations c on c.id = w.consultation_id
            where c.slug = ${consultation.slug} order by w.offered desc, w.position`,
        );
      expect((await list()).map((w) => w.name)).toEqual(consultation.wijken);
      const [first, second, ...rest] = consultation.wijken;
      const id = randomUUID();
      await fresh.asOwner(
        (
          tx,
        ) => tx.sql`insert into public.submissions (id, consultation_id, audience, consent_at, reference_code, wijk)
          select ${id}, c.id, 'inwoner', now(), 'WXYZ-2345', ${first ?? ''} from public.consultations c where c.slug = ${consultation.slug}`,
      );
      await syncConsultation(fresh, { ...consultation, wijken: rest });
      expect(await list()).toEqual([
        ...rest.map((name) => ({ name, offered: true })),
        { name: first, offered: false },
      ]);
      expect((await list()).some((w) => w.name === second)).toBe(false);
      await syncConsultation(fresh, consultation);
      expect((await list()).map((w) => w.name)).toEqual(consultation.wijken);
    } finally {
      await fresh.dispose();
    }
  });
});

describe('free text written before the list', () => {
  test('is mapped to the list ignoring case and spaces, anything else becomes no wijk', async () => {
    // A database as it was before this change, with free-text values in it.
    const before = await mkdtemp(path.join(tmpdir(), 'dm-wijk-migrations-'));
    const db0 = await openPglite();
    try {
      for (const file of await readdir(migrationsDir))
        if (file.endsWith('.sql') && file < '20261206070400')
          await copyFile(path.join(migrationsDir, file), path.join(before, file));
      await migrate(db0, { migrationsDir: before, platformSql });
      const [consultation] = await loadConsultations(contentDir);
      if (!consultation) throw new Error('no consultation in content/');
      const written = {
        exact: 'Dorp',
        lower: 'de leyens',
        spaced: '  SEGHWAERT ',
        personal: 'Jan de Vries, Dorpsstraat 3',
        unknown: 'Stadshart',
      };
      const submissionIds = Object.fromEntries(Object.keys(written).map((k) => [k, randomUUID()]));
      await db0.asOwner(async (tx) => {
        await tx.sql`insert into public.consultations (slug, title, status, opens_at, closes_at)
          values (${consultation.slug}, 'Oud', 'published', now() - interval '1 day', now() + interval '1 day')`;
        let n = 0;
        for (const [k, wijk] of Object.entries(written))
          await tx.sql`insert into public.submissions (id, consultation_id, audience, consent_at, reference_code, wijk)
            select ${submissionIds[k] ?? ''}, id, 'inwoner', now(), ${`WXYZ-23${String.fromCharCode(65 + n++)}${'A'}`}, ${wijk}
            from public.consultations where slug = ${consultation.slug}`;
      });
      // Then this change: the migration sets the values aside, content sync maps them.
      await migrate(db0, { migrationsDir, platformSql });
      const afterMigration = await db0.asOwner(
        (tx) =>
          tx.sql<{ n: number }>`select count(*)::int as n from public.submissions where wijk is not null`,
      );
      expect(afterMigration[0]?.n).toBe(0);
      await syncConsultation(db0, consultation);
      const rows = await db0.asOwner(
        (tx) => tx.sql<{ id: string; wijk: string | null }>`select id, wijk from public.submissions`,
      );
      const wijkOf = (k: string) => rows.find((r) => r.id === submissionIds[k])?.wijk;
      expect(wijkOf('exact')).toBe('Dorp');
      expect(wijkOf('lower')).toBe('De Leyens');
      expect(wijkOf('spaced')).toBe('Seghwaert');
      expect(wijkOf('personal')).toBeNull();
      expect(wijkOf('unknown')).toBeNull();
      // Nothing of the free text is kept anywhere.
      const left = await db0.asOwner(
        (tx) => tx.sql<{ n: number }>`select count(*)::int as n from private.written_wijken`,
      );
      expect(left[0]?.n).toBe(0);
    } finally {
      await db0.close();
      await rm(before, { recursive: true, force: true });
    }
  }, 120_000);
});
