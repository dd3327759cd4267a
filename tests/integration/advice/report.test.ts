/**
 * The participatieverslag has a chapter on formal advice: each advice with its approved points and
 * the college's response, marked as a draft until the college adopted it. Read back from the
 * Word file (mammoth) and the Markdown.
 */
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAdoption } from '../../../src/lib/advice/adopt.server';
import { saveResponse } from '../../../src/lib/advice/respond.server';
import { forCaller } from '../../../src/lib/db/types';
import type { ExportFormat, ExportRequest } from '../../../src/lib/exports/filters';
import { startExport } from '../../../src/lib/exports/index.server';
import { moderate } from '../../../src/lib/moderation/moderate.server';
import { readWrittenInput } from '../../../src/lib/written-input/read.server';
import { createDraft, saveDraft } from '../../../src/lib/written-input/save.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';
import { Collect } from '../exports/support';

let db: TestDatabase;
let adviceId = '';
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  const analyst = forCaller(db, callerFor('analyst'));
  const draft = await createDraft(
    analyst,
    {
      consultationId: ids.openConsultation,
      kind: 'advies',
      sender: 'Adviesraad Sociaal Domein',
      audience: 'adviesraad',
      receivedOn: '2026-07-22',
      title: 'Advies hulp bij het huishouden',
    },
    {
      fileName: null,
      mediaType: 'text/plain',
      content: null,
      text: 'Advies 1: Houd de hulp vast.\n\nAdvies 2: Leg positieve gezondheid uit.\n\nAdvies 3: Bel mij op 06-12345678.',
    },
  );
  if (!draft.ok) throw new Error(draft.code);
  const saved = await saveDraft(analyst, draft.id, draft.points);
  if (!saved.ok) throw new Error(saved.code);
  adviceId = draft.id;
  const moderator = forCaller(db, callerFor('moderator'));
  // Points 1 and 2 approved; point 3 (a phone number) still waits for moderation.
  for (const point of saved.points.slice(0, 2))
    expect((await moderate(moderator, { itemId: point.id, expectedVersion: 1, action: 'approve' })).ok).toBe(
      true,
    );
  const doc = await readWrittenInput(analyst, adviceId);
  for (const [n, text, status] of [
    [0, 'Het college **neemt dit over**.', 'overgenomen'],
    [1, 'Wordt onderzocht.', 'wordt_onderzocht'],
  ] as const) {
    const point = doc?.pointList[n];
    if (!point) throw new Error('no point');
    const result = await saveResponse(analyst, {
      pointId: point.id,
      version: point.version,
      textHash: point.textHash,
      responseMd: text,
      status,
    });
    expect(result.ok).toBe(true);
  }
}, 120_000);
afterAll(() => db?.dispose());

async function exported(format: ExportFormat, extra: Partial<ExportRequest> = {}) {
  const prepared = await startExport(forCaller(db, callerFor('analyst')), {
    consultation: 'open',
    source: 'current',
    format,
    ...extra,
  });
  const out = new Collect();
  await prepared.write(out);
  return out.buffer;
}

const wordText = async (buffer: Buffer) =>
  (await mammoth.extractRawText({ buffer })).value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

describe('formal advice in the participatieverslag', () => {
  test('a draft response is in the report, marked as not yet adopted, without unmoderated points', async () => {
    const lines = await wordText(await exported('docx'));
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('Formele adviezen')).toBeGreaterThan(at('Thema'));
    expect(at('Advies van Adviesraad Sociaal Domein')).toBeGreaterThan(at('Formele adviezen'));
    expect(lines).toContain(
      'De reactie is nog niet vastgesteld door het college: wat hieronder staat is een concept.',
    );
    expect(lines).toContain('Eén punt wacht nog op moderatie en staat hier niet in.');
    expect(at('1. Houd de hulp vast.')).toBeLessThan(at('Het college neemt dit over.'));
    expect(at('Het college neemt dit over.')).toBeLessThan(at('2. Leg positieve gezondheid uit.'));
    expect(at('Wordt onderzocht')).toBeGreaterThan(at('2. Leg positieve gezondheid uit.'));
    expect(lines.join('\n')).not.toContain('06-12345678');
  });

  test('once adopted, the report says when; the Markdown report says the same', async () => {
    // The college answers every point moderation kept: point 3 is rejected first.
    const waiting = (await readWrittenInput(forCaller(db, callerFor('analyst')), adviceId))?.pointList[2];
    const rejected = await moderate(forCaller(db, callerFor('moderator')), {
      itemId: waiting?.id ?? '',
      expectedVersion: 1,
      action: 'reject',
      reason: 'other',
    });
    expect(rejected.ok).toBe(true);
    const adopted = await recordAdoption(forCaller(db, callerFor('analyst')), {
      writtenInputId: adviceId,
      adoptedOn: '2026-09-10',
    });
    expect(adopted).toEqual({ ok: true, adoptedOn: '2026-09-10' });
    const lines = await wordText(await exported('docx'));
    expect(lines).toContain(
      'Advies hulp bij het huishouden. Ontvangen op 22 juli 2026; de reactie is vastgesteld door het college op 10 september 2026.',
    );
    expect(lines.join('\n')).not.toContain('concept.');
    expect(lines.join('\n')).not.toContain('wacht nog op moderatie');
    const markdown = (await exported('md')).toString('utf8');
    expect(markdown).toContain('## Formele adviezen');
    expect(markdown).toContain('### Advies van Adviesraad Sociaal Domein');
    expect(markdown).toContain('**Punt 1.** Houd de hulp vast.');
    expect(markdown).toContain('_Reactie college (overgenomen):_\n\nHet college **neemt dit over**.');
  });

  test('a selection without written input, or of another audience, leaves the chapter out', async () => {
    for (const extra of [{ channel: 'online' as const }, { audience: 'inwoner' as const }]) {
      const lines = await wordText(await exported('docx', extra));
      expect(lines).not.toContain('Formele adviezen');
    }
    const lines = await wordText(await exported('docx', { channel: 'schriftelijk' }));
    expect(lines).toContain('Formele adviezen');
  });
});
