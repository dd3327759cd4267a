/**
 * Issue 19, parts 1 and 2: a formal advice comes in as a document, its points become input
 * items (personal-data detection, moderation), the college answers each point, and the appendix
 * comes out as Word with every point and its response in order.
 */
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportAdvice } from '../../../src/lib/advice/export.server';
import { saveResponse } from '../../../src/lib/advice/respond.server';
import { forCaller } from '../../../src/lib/db/types';
import { listQueue } from '../../../src/lib/moderation/queue.server';
import { purgeExpired } from '../../../src/lib/retention/purge.server';
import { readOriginal, readWrittenInput } from '../../../src/lib/written-input/read.server';
import { createDraft, saveDraft } from '../../../src/lib/written-input/save.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

const seed = (name: string) =>
  readFileSync(new URL(`../../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const seed000 = () => seed('000_7b8cba60bcc3d8d6.txt');

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

const meta = {
  consultationId: ids.openConsultation,
  kind: 'advies' as const,
  sender: 'Adviesraad Sociaal Domein Zoetermeer',
  audience: 'adviesraad' as const,
  receivedOn: '2024-07-22',
  title: 'Advies Positieve gezondheid in het huishouden',
};

async function savedAdvice(persona: 'admin' | 'analyst' | 'moderator' = 'admin', text = seed000()) {
  const as = forCaller(db, callerFor(persona));
  const draft = await createDraft(as, meta, {
    fileName: 'advies.txt',
    mediaType: 'text/plain',
    content: new TextEncoder().encode(text),
    text,
  });
  if (!draft.ok) throw new Error(draft.code);
  const kept = draft.points.filter((p) => p.keep);
  const saved = await saveDraft(as, draft.id, kept);
  if (!saved.ok) throw new Error(saved.code);
  return { id: draft.id, saved, as };
}

describe('written input', () => {
  test('the points of seed 000 become input items awaiting moderation, in order', async () => {
    const { id, saved, as } = await savedAdvice('moderator');
    expect(saved.points.map((p) => p.point)).toEqual([1, 2, 3, 4, 5]);
    expect(saved.points[0]?.text).toMatch(/^Goed om nu maatregelen te nemen/);
    const items = await db.asOwner((tx) =>
      tx.query<{ channel: string; kind: string; status: string; audience: string }>(
        `select i.channel::text, i.kind::text, i.status::text, i.audience::text from public.input_items i
         join public.written_points p on p.input_item_id = i.id where p.written_input_id = $1 order by p.position`,
        [id],
      ),
    );
    expect(items).toHaveLength(5);
    expect(new Set(items.map((i) => `${i.channel}/${i.kind}/${i.status}/${i.audience}`))).toEqual(
      new Set(['schriftelijk/point/new/adviesraad']),
    );
    // The moderation queue says where each point came from.
    const queue = await listQueue(as, { consultationId: ids.openConsultation, channel: 'schriftelijk' });
    if (!queue.ok) throw new Error(queue.code);
    const first = queue.items.find((i) => i.id === saved.points[0]?.id);
    expect(first?.writtenSource).toEqual({ sender: meta.sender, kind: 'advies', position: 1 });
    // A moderator may not answer: the document's own responses are not stored for them.
    const detail = await readWrittenInput(as, id);
    expect(detail?.pointList.every((p) => p.responseMd === '')).toBe(true);
  });

  test('a point with personal data gets the detector’s proposals, like an online answer', async () => {
    const text = 'Advies 1: Bel mevrouw Jansen op 06-12345678 over de wachtlijst.\n\nAdvies 2: Meer hulp.';
    const { saved } = await savedAdvice('admin', text);
    const [row] = await db.asOwner((tx) =>
      tx.query<{ spans: { type: string }[] }>(
        `select pii_spans as spans from public.input_items where id = $1`,
        [saved.points[0]?.id],
      ),
    );
    expect(row?.spans.map((s) => s.type)).toContain('PHONE');
  });

  test('saving twice stores once', async () => {
    const as = forCaller(db, callerFor('analyst'));
    const draft = await createDraft(as, meta, {
      fileName: null,
      mediaType: 'text/plain',
      content: null,
      text: '1. Een.\n2. Twee.',
    });
    if (!draft.ok) throw new Error(draft.code);
    expect((await saveDraft(as, draft.id, draft.points)).ok).toBe(true);
    expect(await saveDraft(as, draft.id, draft.points)).toEqual({ ok: false, code: 'written.alreadySaved' });
  });

  test('facilitators and visitors cannot bring in letters', async () => {
    for (const persona of ['facilitator', 'anon'] as const) {
      const result = await createDraft(forCaller(db, callerFor(persona)), meta, {
        fileName: null,
        mediaType: 'text/plain',
        content: null,
        text: '1. Een.',
      });
      expect(result.ok).toBe(false);
    }
  });

  test('the original is for admins only and goes at the retention date', async () => {
    const { id } = await savedAdvice('analyst');
    expect((await readOriginal(forCaller(db, callerFor('admin')), id))?.body).toMatch(/Reactie college/);
    expect(await readOriginal(forCaller(db, callerFor('analyst')), id)).toBeNull();
    await db.asOwner((tx) =>
      tx.execute(`update public.consultations set retention_until = current_date - 1 where id = $1`, [
        ids.openConsultation,
      ]),
    );
    try {
      const counts = await purgeExpired(db);
      expect(counts.originals).toBeGreaterThanOrEqual(1);
      expect(await readOriginal(forCaller(db, callerFor('admin')), id)).toBeNull();
    } finally {
      await db.asOwner((tx) =>
        tx.execute(`update public.consultations set retention_until = null where id = $1`, [
          ids.openConsultation,
        ]),
      );
    }
  });
});

describe('the college’s response per point', () => {
  test('responses entered for each point come back in the appendix, in order', async () => {
    const { id } = await savedAdvice('admin', seed000());
    const analyst = forCaller(db, callerFor('analyst'));
    const advice = await readWrittenInput(analyst, id);
    if (!advice) throw new Error('advice not found');
    for (const point of advice.pointList) {
      const result = await saveResponse(analyst, {
        pointId: point.id,
        version: point.version,
        textHash: point.textHash,
        responseMd: `Het college reageert op punt ${point.position}: **dank** voor dit advies.`,
        status: point.position % 2 ? 'overgenomen' : 'wordt_onderzocht',
        themeIds: point.position === 1 ? [ids.draftTheme] : [],
      });
      expect(result.ok).toBe(true);
    }
    const after = await readWrittenInput(analyst, id);
    expect(after?.answered).toBe(5);
    expect(after?.pointList[0]?.themeIds).toEqual([ids.draftTheme]);
    expect(after?.pointList[0]?.respondedBy).toBeTruthy();

    const exported = await exportAdvice(analyst, id, 'bijlage');
    if (!exported.ok) throw new Error(exported.code);
    const { value: text } = await mammoth.extractRawText({ buffer: exported.bytes });
    expect(text).toContain('Bijlage 1: reactie college per advies van Adviesraad Sociaal Domein Zoetermeer');
    let at = 0;
    for (const n of [1, 2, 3, 4, 5]) {
      const point = text.indexOf(after?.pointList[n - 1]?.text.slice(0, 40) ?? '?', at);
      const response = text.indexOf(`Reactie college: Het college reageert op punt ${n}: dank`, at);
      expect(point, `point ${n}`).toBeGreaterThan(at - 1);
      expect(response, `response ${n} after its point`).toBeGreaterThan(point);
      at = response;
    }
    const html = (await mammoth.convertToHtml({ buffer: exported.bytes })).value;
    expect(html).toMatch(/<em>Reactie college: Het college reageert op punt 1: <\/em><strong><em>dank/);

    const tabel = await exportAdvice(analyst, id, 'tabel');
    if (!tabel.ok) throw new Error(tabel.code);
    const tableHtml = (await mammoth.convertToHtml({ buffer: tabel.bytes })).value;
    expect(tableHtml).toContain('<table>');
    const rows = tableHtml.split('<tr>').slice(1);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toContain('Reactie van het college');
    expect(rows[3]).toMatch(/3\. De ASD adviseert het toepassen.*Overgenomen.*reageert op punt 3/s);

    const [logged] = await db.asOwner((tx) =>
      tx.query<{ n: number }>(
        `select count(*)::int as n from public.audit_log where action = 'export.create' and entity_id = $1`,
        [`advies:${id}`],
      ),
    );
    expect(logged?.n).toBe(2);
  });

  test('a point changed or deleted meanwhile gets the stale-edit message, a moderator may not answer', async () => {
    const { id } = await savedAdvice('admin', 'Advies 1: Eerste.\n\nAdvies 2: Tweede.');
    const analyst = forCaller(db, callerFor('analyst'));
    const [first, second] = (await readWrittenInput(analyst, id))?.pointList ?? [];
    if (!first || !second) throw new Error('points missing');
    const answer = (point: typeof first, text: string) =>
      saveResponse(analyst, {
        pointId: point.id,
        version: point.version,
        textHash: point.textHash,
        responseMd: text,
        status: 'al_geregeld',
      });
    expect(
      await saveResponse(forCaller(db, callerFor('moderator')), {
        pointId: first.id,
        version: first.version,
        textHash: first.textHash,
        responseMd: 'x',
        status: 'al_geregeld',
      }),
    ).toEqual({ ok: false, code: 'response.forbidden' });

    // A moderator approving the point meanwhile does not make the form stale.
    await db.transaction(callerFor('moderator'), (tx) =>
      tx.execute(`update public.input_items set status = 'approved' where id = $1`, [second.id]),
    );
    // A moderator redacts the point after the analyst opened the form.
    await db.transaction(callerFor('moderator'), (tx) =>
      tx.execute(`update public.input_items set body = 'Eerste, aangepast.' where id = $1`, [first.id]),
    );
    expect(await answer(first, 'Reactie.')).toEqual({ ok: false, code: 'response.stale' });

    // Someone else answered first.
    expect((await answer(second, 'Eerste reactie.')).ok).toBe(true);
    expect(await answer(second, 'Tweede reactie.')).toEqual({ ok: false, code: 'response.stale' });

    // An admin deleted the point.
    await db.transaction(callerFor('admin'), (tx) =>
      tx.execute('delete from public.input_items where id = $1', [first.id]),
    );
    expect(await answer(first, 'Reactie.')).toEqual({ ok: false, code: 'response.gone' });
    expect(await answer({ ...first }, '')).toEqual({ ok: false, code: 'response.empty' });
  });
});
