import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import {
  previewVersion,
  publishVersion,
  readPublishing,
  sendResultsMail,
  withdrawPublication,
} from '../../../src/lib/publishing/versions.server';
import {
  forgetResults,
  readPublishedResults as readResults,
  readResults as readServedResults,
} from '../../../src/lib/results/read.server';
import { freezeSnapshot } from '../../../src/lib/theme-board/edit.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

const as = (persona: Persona) => forCaller(db, callerFor(persona));
const anonPage = (version?: string) => readResults(as('anon'), 'open', version);
async function freeze(label: string): Promise<string> {
  const frozen = await freezeSnapshot(as('analyst'), ids.openConsultation, label);
  if (!frozen.ok) throw new Error(frozen.code);
  return frozen.snapshotId;
}
async function publish(snapshot: string, title: string): Promise<string> {
  const result = await publishVersion(as('analyst'), ids.openConsultation, snapshot, title);
  if (!result.ok) throw new Error(result.code);
  return result.publicationId;
}
const outbox = () =>
  db.asOwner(
    (tx) =>
      tx.sql<{
        to_email: string;
      }>`select to_email from public.mail_outbox where consultation_id = ${ids.openConsultation}`,
  );

describe('publishing "wat we hoorden"', () => {
  let first = '';
  let firstVersion = '';

  test('nothing is public before a version is published, however the board looks', async () => {
    const results = await anonPage();
    expect(results?.publication).toBeNull();
    expect(results?.page.themes).toEqual([]);
  });

  test('the e-mail cannot be sent before a version is published', async () => {
    expect(await sendResultsMail(as('analyst'), db, ids.openConsultation, 'https://doemee.example')).toEqual({
      ok: false,
      code: 'publish.nothingPublished',
    });
    expect(await outbox()).toEqual([]);
  });

  test('the preview is the page a publication stores, with every theme new', async () => {
    firstVersion = await freeze('Concept beleidskader 6 december');
    const preview = await previewVersion(as('analyst'), ids.openConsultation, firstVersion);
    expect(preview?.page.themes.map((t) => t.label)).toEqual(['Buren en familie']);
    expect(preview?.changes).toEqual([{ kind: 'added', label: 'Buren en familie' }]);
    // Moderators do not even learn that the version exists.
    expect(await previewVersion(as('moderator'), ids.openConsultation, firstVersion)).toBeNull();
  });

  test('a published version shows its public title, frozen counts and quotes, never the internal name', async () => {
    first = await publish(firstVersion, 'Wat we hoorden in december');
    const results = await anonPage();
    expect(results?.publication).toMatchObject({
      id: first,
      title: 'Wat we hoorden in december',
      current: true,
    });
    expect(JSON.stringify(results)).not.toContain('Concept beleidskader');
    expect(results?.page.themes).toEqual([
      expect.objectContaining({
        id: ids.publishedTheme,
        label: 'Buren en familie',
        primary: 1,
        secondary: 0,
        primaryByAudience: { inwoner: 1 },
        quotes: [{ body: 'De buren helpen mee.', audience: 'inwoner', channel: 'online' }],
      }),
    ]);
  });

  test('board edits, new assignments and a newly marked theme leave the public page as it was', async () => {
    const before = await anonPage();
    await db.asOwner(async (tx) => {
      await tx.sql`update public.themes set label = 'Hernoemd', description_md = 'Nieuw' where id = ${ids.publishedTheme}`;
      await tx.sql`update public.themes set published_at = now() where id = ${ids.draftTheme}`;
      await tx.sql`insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
        values (${ids.publishedTheme}, ${ids.approvedItem}, ${ids.openConsultation}, 'auto', false, 0.5)`;
    });
    expect(await anonPage()).toEqual(before);
  });

  test('the next version changes the page; the earlier one stays listed and readable', async () => {
    const next = await freeze('Tweede concept');
    const preview = await previewVersion(as('analyst'), ids.openConsultation, next);
    expect(preview?.changes).toEqual(
      expect.arrayContaining([
        { kind: 'renamed', label: 'Hernoemd', detail: 'Buren en familie' },
        { kind: 'added', label: 'Vaste hulp' },
      ]),
    );
    const second = await publish(next, 'Wat we hoorden, januari');
    const results = await anonPage();
    expect(results?.publication).toMatchObject({ id: second, current: true });
    expect(results?.page.themes.map((t) => [t.label, t.primary, t.secondary])).toEqual(
      expect.arrayContaining([
        ['Hernoemd', 1, 1],
        ['Vaste hulp', 1, 0],
      ]),
    );
    expect(results?.versions.map((v) => v.title)).toEqual([
      'Wat we hoorden, januari',
      'Wat we hoorden in december',
    ]);
    const old = await anonPage(first);
    expect(old?.publication).toMatchObject({ id: first, current: false });
    expect(old?.page.themes.map((t) => t.label)).toEqual(['Buren en familie']);

    // Taking the newest off shows the one before again; the withdrawn one is no longer listed.
    expect(await withdrawPublication(as('analyst'), ids.openConsultation, second)).toEqual({ ok: true });
    expect((await anonPage())?.publication?.id).toBe(first);
    expect(await anonPage(second)).toBeNull();
    expect(await withdrawPublication(as('analyst'), ids.openConsultation, second)).toEqual({
      ok: false,
      code: 'publish.alreadyWithdrawn',
    });
    const log = await db.asOwner(
      (tx) =>
        tx.sql<{ action: string }>`select action from public.audit_log where entity = 'results_publications'`,
    );
    expect(log.map((l) => l.action)).toEqual(
      expect.arrayContaining(['results_publications.insert', 'results_publications.update']),
    );
  });

  test('a quote withdrawn after publication is no longer shown; the counts stay as published', async () => {
    await db.asOwner(
      (tx) => tx.sql`update public.input_items set status = 'hidden' where id = ${ids.publicItem}`,
    );
    try {
      const theme = (await anonPage())?.page.themes[0];
      expect(theme).toMatchObject({ primary: 1, quotes: [] });
    } finally {
      await db.asOwner(
        (tx) => tx.sql`update public.input_items set status = 'approved' where id = ${ids.publicItem}`,
      );
    }
  });

  test('refusals: no public themes, a draft consultation, someone else, an unknown version', async () => {
    await db.asOwner(
      (tx) =>
        tx.sql`update public.themes set published_at = null where consultation_id = ${ids.openConsultation}`,
    );
    const empty = await freeze('Leeg');
    expect(await publishVersion(as('analyst'), ids.openConsultation, empty, 'Titel')).toEqual({
      ok: false,
      code: 'publish.noThemes',
    });
    expect(await publishVersion(as('moderator'), ids.openConsultation, firstVersion, 'Titel')).toEqual({
      ok: false,
      code: 'publish.notFound',
    });
    expect(await publishVersion(as('analyst'), ids.openConsultation, ids.themeJob, 'Titel')).toEqual({
      ok: false,
      code: 'publish.notFound',
    });
    // A version of one consultation cannot be published as another's.
    expect(await publishVersion(as('analyst'), ids.draftConsultation, firstVersion, 'Titel')).toEqual({
      ok: false,
      code: 'publish.notFound',
    });
    const draftSnapshot = '90000000-0000-4000-8000-0000000000dd';
    await db.asOwner(
      (tx) => tx.sql`insert into public.theme_snapshots (id, consultation_id, label, themes, assignments)
        values (${draftSnapshot}, ${ids.draftConsultation}, 'x', '[]', '[]')`,
    );
    expect(await publishVersion(as('analyst'), ids.draftConsultation, draftSnapshot, 'Titel')).toEqual({
      ok: false,
      code: 'publish.draftConsultation',
    });
    expect(await anonPage('niet-een-id')).toBeNull();
    expect(await readResults(as('anon'), 'concept')).toBeNull();
  });

  test('the results e-mail: the recipient count first, then sent once, also when two click at once', async () => {
    const state = await readPublishing(as('analyst'), 'open');
    expect(state?.mail).toEqual({ sentAt: null, recipients: 1 });
    const send = () => sendResultsMail(as('analyst'), db, ids.openConsultation, 'https://doemee.example');
    const [a, b] = await Promise.all([send(), send()]);
    expect([a, b]).toEqual(
      expect.arrayContaining([
        { ok: true, queued: 1 },
        { ok: false, code: 'publish.mailAlreadySent' },
      ]),
    );
    expect(await send()).toEqual({ ok: false, code: 'publish.mailAlreadySent' });
    expect(await outbox()).toEqual([{ to_email: 'iemand@example.test' }]);
    expect((await readPublishing(as('analyst'), 'open'))?.mail.sentAt).toBeInstanceOf(Date);
    expect(
      await sendResultsMail(as('moderator'), db, ids.openConsultation, 'https://doemee.example'),
    ).toEqual({
      ok: false,
      code: 'publish.notAllowed',
    });
  });

  test('many visitors at once cost the database one read (the results e-mail sends everyone at once)', async () => {
    forgetResults();
    const anon = as('anon');
    let reads = 0;
    const counting = {
      caller: anon.caller,
      run: <T>(fn: Parameters<typeof anon.run<T>>[0]) => {
        reads++;
        return anon.run(fn);
      },
    };
    const pages = await Promise.all(Array.from({ length: 200 }, () => readServedResults(counting, 'open')));
    expect(reads).toBe(1);
    expect(new Set(pages.map((p) => p?.publication?.id)).size).toBe(1);
    // Publishing in this process shows the new version at once.
    await db.asOwner(
      (tx) => tx.sql`update public.themes set published_at = now() where id = ${ids.publishedTheme}`,
    );
    const newest = await publish(await freeze('Vierde versie'), 'Nieuwste');
    expect((await readServedResults(counting, 'open'))?.publication?.id).toBe(newest);
    expect(reads).toBe(2);
  });
});
