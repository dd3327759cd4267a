/**
 * Issue 19, part 2: once the college adopted its response to an advice, a version of "wat we
 * hoorden" published afterwards shows the advice with every point and its response, frozen like
 * the rest of the page. Drafts of responses never reach visitors.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAdoption } from '../../../src/lib/advice/adopt.server';
import { saveResponse } from '../../../src/lib/advice/respond.server';
import { forCaller } from '../../../src/lib/db/types';
import { moderate } from '../../../src/lib/moderation/moderate.server';
import { previewVersion, publishVersion } from '../../../src/lib/publishing/versions.server';
import { readPublishedResults } from '../../../src/lib/results/read.server';
import { freezeSnapshot } from '../../../src/lib/theme-board/edit.server';
import { readWrittenInput } from '../../../src/lib/written-input/read.server';
import { createDraft, saveDraft } from '../../../src/lib/written-input/save.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

const as = (persona: Persona) => forCaller(db, callerFor(persona));
const anonPage = async () => (await readPublishedResults(as('anon'), 'open'))?.page;

const adviceText = [
  'Advies 1: Zorg dat inwoners een vaste hulp houden die hen kent.',
  'Advies 2: Betrek mantelzorgers bij het keukentafelgesprek.',
  'Advies 3: Met vriendelijke groet, de secretaris.',
].join('\n\n');

async function freezeAndPreview(label: string) {
  const frozen = await freezeSnapshot(as('analyst'), ids.openConsultation, label);
  if (!frozen.ok) throw new Error(frozen.code);
  const preview = await previewVersion(as('analyst'), ids.openConsultation, frozen.snapshotId);
  if (!preview) throw new Error('no preview');
  return { snapshotId: frozen.snapshotId, preview };
}

async function answer(pointId: string, responseMd: string, status: string, themeIds: string[] = []) {
  const doc = await readWrittenInput(as('analyst'), adviceId);
  const point = doc?.pointList.find((p) => p.id === pointId);
  if (!point) throw new Error('no point');
  const saved = await saveResponse(as('analyst'), {
    pointId,
    version: point.version,
    textHash: point.textHash,
    responseMd,
    status,
    themeIds,
  });
  if (!saved.ok) throw new Error(saved.code);
}

let adviceId = '';
let points: string[] = [];

describe('advices on the public results page', () => {
  beforeAll(async () => {
    const draft = await createDraft(
      as('moderator'),
      {
        consultationId: ids.openConsultation,
        kind: 'advies',
        sender: 'Adviesraad Sociaal Domein',
        audience: 'adviesraad',
        receivedOn: '2024-07-22',
        title: 'Advies hulp bij het huishouden',
      },
      { fileName: null, mediaType: 'text/plain', content: null, text: adviceText },
    );
    if (!draft.ok) throw new Error(draft.code);
    const saved = await saveDraft(as('moderator'), draft.id, draft.points);
    if (!saved.ok) throw new Error(saved.code);
    adviceId = draft.id;
    points = saved.points.map((p) => p.id);
    expect(points).toHaveLength(3);
    // Moderation keeps the two advice points and rejects the signature.
    for (const [n, action] of [
      [0, 'approve'],
      [1, 'approve'],
      [2, 'reject'],
    ] as const) {
      const result = await moderate(as('moderator'), {
        itemId: points[n] ?? '',
        expectedVersion: 1,
        action,
        ...(action === 'reject' ? { reason: 'off_topic' as const } : {}),
      });
      expect(result.ok).toBe(true);
    }
  });

  test('draft responses never reach the page or its preview', async () => {
    await answer(points[0] ?? '', 'Dit nemen we over: **vaste hulp** waar het kan.', 'overgenomen', [
      ids.publishedTheme,
      ids.draftTheme,
    ]);
    const { preview } = await freezeAndPreview('Zonder advies');
    expect(preview.page.advices).toEqual([]);
    // The version online (published before any advice) shows none either.
    expect((await anonPage())?.advices).toEqual([]);
  });

  test('adoption is refused in the future, before the advice came in, or with a point unanswered', async () => {
    expect(
      await recordAdoption(as('analyst'), { writtenInputId: adviceId, adoptedOn: '2999-01-01' }),
    ).toEqual({
      ok: false,
      code: 'adoption.future',
    });
    expect(
      await recordAdoption(as('analyst'), { writtenInputId: adviceId, adoptedOn: '2024-07-01' }),
    ).toEqual({
      ok: false,
      code: 'adoption.beforeReceived',
    });
    expect(
      await recordAdoption(as('analyst'), { writtenInputId: adviceId, adoptedOn: '2024-02-30' }),
    ).toEqual({
      ok: false,
      code: 'adoption.invalid',
    });
    // Point 3 was rejected by moderation, so only point 2 is missing.
    expect(
      await recordAdoption(as('analyst'), { writtenInputId: adviceId, adoptedOn: '2024-09-10' }),
    ).toEqual({
      ok: false,
      code: 'adoption.unanswered',
      positions: [2],
    });
  });

  test('moderators cannot record the adoption, not even straight in the database', async () => {
    expect(
      await recordAdoption(as('moderator'), { writtenInputId: adviceId, adoptedOn: '2024-09-10' }),
    ).toEqual({
      ok: false,
      code: 'adoption.forbidden',
    });
    await expect(
      as('moderator').run(
        (tx) =>
          tx.sql`update public.written_inputs set response_adopted_on = '2024-09-10' where id = ${adviceId}`,
      ),
    ).rejects.toThrow(/analysts and admins/);
  });

  test('an adopted advice shows on the next published version, with its points, responses and themes', async () => {
    await answer(points[1] ?? '', 'Wordt onderzocht met de mantelzorgorganisaties.', 'wordt_onderzocht');
    expect(
      await recordAdoption(as('analyst'), { writtenInputId: adviceId, adoptedOn: '2024-09-10' }),
    ).toEqual({
      ok: true,
      adoptedOn: '2024-09-10',
    });
    const { snapshotId, preview } = await freezeAndPreview('Met advies');
    expect(preview.changes).toContainEqual({
      kind: 'adviceAdded',
      label: 'Advies van Adviesraad Sociaal Domein',
    });
    const published = await publishVersion(as('analyst'), ids.openConsultation, snapshotId, 'Wat we hoorden');
    expect(published.ok).toBe(true);
    const page = await anonPage();
    expect(page?.advices).toEqual([
      {
        id: adviceId,
        sender: 'Adviesraad Sociaal Domein',
        title: 'Advies hulp bij het huishouden',
        receivedOn: '2024-07-22',
        adoptedOn: '2024-09-10',
        points: [
          {
            position: 1,
            text: expect.stringContaining('vaste hulp houden'),
            status: 'overgenomen',
            responseMd: 'Dit nemen we over: **vaste hulp** waar het kan.',
            // Only the themes on this page: the draft theme is not public.
            themeIds: [ids.publishedTheme],
          },
          {
            position: 2,
            text: expect.stringContaining('mantelzorgers'),
            status: 'wordt_onderzocht',
            responseMd: 'Wordt onderzocht met de mantelzorgorganisaties.',
            themeIds: [],
          },
        ],
      },
    ]);
    // The preview showed exactly what was published.
    expect(preview.page.advices).toEqual(page?.advices);
  });

  test('a response changed later waits for the next version; the preview names the point', async () => {
    const before = await anonPage();
    await answer(points[1] ?? '', 'Dit nemen we over vanaf 2025.', 'overgenomen');
    expect(await anonPage()).toEqual(before);
    const { preview } = await freezeAndPreview('Reactie gewijzigd');
    expect(preview.changes).toContainEqual({
      kind: 'adviceResponses',
      label: 'Advies van Adviesraad Sociaal Domein',
      detail: 'punt 2',
    });
  });

  test('a point moderation withdraws later is no longer shown', async () => {
    await db.asOwner((tx) => tx.sql`update public.input_items set status = 'hidden' where id = ${points[1]}`);
    try {
      expect((await anonPage())?.advices[0]?.points.map((p) => p.position)).toEqual([1]);
    } finally {
      await db.asOwner(
        (tx) => tx.sql`update public.input_items set status = 'approved' where id = ${points[1]}`,
      );
    }
  });

  test('taking the adoption back takes the advice off the next version, not the current one', async () => {
    expect(await recordAdoption(as('analyst'), { writtenInputId: adviceId, adoptedOn: '' })).toEqual({
      ok: true,
      adoptedOn: null,
    });
    expect((await anonPage())?.advices).toHaveLength(1);
    const { preview } = await freezeAndPreview('Zonder vaststelling');
    expect(preview.page.advices).toEqual([]);
    expect(preview.changes).toContainEqual({
      kind: 'adviceRemoved',
      label: 'Advies van Adviesraad Sociaal Domein',
    });
  });

  test('a letter has no college response to adopt', async () => {
    const draft = await createDraft(
      as('analyst'),
      {
        consultationId: ids.openConsultation,
        kind: 'brief',
        sender: 'Ouderenbond',
        audience: 'ouderenbond',
        receivedOn: '2024-08-01',
        title: '',
      },
      { fileName: null, mediaType: 'text/plain', content: null, text: '1. Een punt.' },
    );
    if (!draft.ok) throw new Error(draft.code);
    expect((await saveDraft(as('analyst'), draft.id, draft.points)).ok).toBe(true);
    expect(
      await recordAdoption(as('analyst'), { writtenInputId: draft.id, adoptedOn: '2024-09-10' }),
    ).toEqual({
      ok: false,
      code: 'adoption.notAdvice',
    });
  });
});
