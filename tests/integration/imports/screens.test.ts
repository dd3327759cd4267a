import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import {
  importUpload,
  loadUpload,
  readBatch,
  saveMapping,
  uploadSpreadsheet,
} from '../../../src/lib/imports/web.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';

// Issue 19, part 3: the staff screens' steps, as each role: upload → mapping → preview → import.
let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

const as = (persona: Persona) => forCaller(db, callerFor(persona));
const bom = '\uFEFF';
const csvFile = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
const halfValid = `${bom}Volgnummer;Doelgroep;Wijk;Wat is voor u belangrijk?;Opmerking\n1;inwoner;Dorp;Een vaste hulp, mail mij op jan@example.nl;\n2;inwoner;Stadshart;Wijk bestaat niet;\n3;inwoner;Meerzicht;Zelf boodschappen doen;overgetypt door Piet\n`;
const itemsOf = (source: string) =>
  db.asOwner((tx) =>
    tx.query<{ body: string; status: string; pii: number; channel: string }>(
      `select i.body, i.status::text, jsonb_array_length(i.pii_spans) as pii, i.channel::text
       from public.input_items i join public.import_rows r on r.submission_id = i.submission_id
       join public.import_sources s on s.id = r.source_id where s.name = $1 order by r.point`,
      [source],
    ),
  );

async function upload(persona: Persona, source: string, file: File) {
  const result = await uploadSpreadsheet(as(persona), {
    consultationId: ids.openConsultation,
    sourceId: '',
    newSource: source,
    audience: '',
    file,
  });
  if (!result.ok) throw new Error(result.error);
  return result.uploadId;
}

describe('the import screens, step by step', () => {
  test('a half-valid sheet: mapping, preview with errors, nothing stored until confirmed, then all valid rows at once', async () => {
    const id = await upload('analyst', 'Formulieren bibliotheek', csvFile('formulieren.csv', halfValid));
    const first = await loadUpload(as('analyst'), id);
    // "Volgnummer" is left out by itself; "Opmerking" is unknown: the header needs a choice.
    expect(first?.mapping).toMatchObject({
      Volgnummer: 'negeren',
      Doelgroep: 'doelgroep',
      Wijk: 'wijk',
      Opmerking: '',
    });
    expect(first?.checked.headerBroken).toBe(true);
    expect(first?.checked.errors.map((e) => [e.point, e.code, e.column])).toEqual([
      [1, 'column.unknown', 'Opmerking'],
    ]);
    expect(await importUpload(as('analyst'), id, true)).toEqual({ ok: false, error: 'header.broken' });

    const form = new FormData();
    form.set('kolom-0', 'negeren');
    form.set('kolom-1', 'doelgroep');
    form.set('kolom-2', 'wijk');
    form.set('kolom-3', 'vraag:inwoner:belangrijk');
    form.set('kolom-4', 'negeren');
    expect(await saveMapping(as('analyst'), id, form)).toEqual({ ok: true });
    const preview = await loadUpload(as('analyst'), id);
    expect(preview?.checked.errors.map((e) => [e.point, e.code, e.value])).toEqual([
      [3, 'row.wijk', 'Stadshart'],
    ]);
    expect(preview?.checked.valid.map((r) => r.point)).toEqual([2, 4]);

    // Not confirmed: nothing stored.
    expect(await importUpload(as('analyst'), id, false)).toEqual({ ok: false, error: 'confirm.required' });
    expect(await itemsOf('Formulieren bibliotheek')).toEqual([]);

    const done = await importUpload(as('analyst'), id, true);
    if (!done.ok) throw new Error(done.error);
    expect(await itemsOf('Formulieren bibliotheek')).toEqual([
      { body: 'Een vaste hulp, mail mij op jan@example.nl', status: 'new', pii: 1, channel: 'import' },
      { body: 'Zelf boodschappen doen', status: 'new', pii: 0, channel: 'import' },
    ]);
    expect(await readBatch(as('analyst'), done.batchId)).toMatchObject({
      sourceName: 'Formulieren bibliotheek',
      rowsTotal: 3,
      rowsImported: 2,
      rowsAlreadyImported: 0,
      rowsInvalid: 1,
      itemsCreated: 2,
      createdBy: 'Analist',
      via: 'web',
    });
    // Others see the import, not whose it was (staff_members shows each person only their own row).
    expect(await readBatch(as('moderator'), done.batchId)).toMatchObject({
      rowsImported: 2,
      createdBy: null,
    });
    // The upload (unredacted answers) is gone with the import.
    expect(await loadUpload(as('analyst'), id)).toBeNull();
    const [log] = await db.asOwner((tx) =>
      tx.query<{ actor_id: string; actor_role: string }>(
        `select actor_id, actor_role from public.audit_log where action = 'import_batches.insert' and entity_id = $1`,
        [done.batchId],
      ),
    );
    expect(log).toEqual({ actor_id: ids.staff.analyst, actor_role: 'analyst' });

    // The source remembers the mapping: the same file again starts mapped, and adds nothing.
    const again = await upload('moderator', 'formulieren BIBLIOTHEEK', csvFile('formulieren.csv', halfValid));
    const second = await loadUpload(as('moderator'), again);
    expect(second?.checked.headerBroken).toBe(false);
    expect(second?.alreadyImported).toBe(2);
    const repeat = await importUpload(as('moderator'), again, true);
    if (!repeat.ok) throw new Error(repeat.error);
    expect(await readBatch(as('admin'), repeat.batchId)).toMatchObject({
      rowsImported: 0,
      rowsAlreadyImported: 2,
      itemsCreated: 0,
    });
    expect(await itemsOf('Formulieren bibliotheek')).toHaveLength(2);
  });

  test('an .xlsx upload with every row valid imports without a confirmation', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Blad1');
    sheet.addRow(['Doelgroep', 'haalbaar', 'Organisatie']);
    sheet.addRow(['aanbieder', 'Meer tijd per cliënt.', 'Thuiszorg Oost']);
    const bytes = await workbook.xlsx.writeBuffer();
    const id = await upload('admin', 'Enquête aanbieders', new File([bytes], 'aanbieders.xlsx'));
    const done = await importUpload(as('admin'), id, false);
    expect(done.ok).toBe(true);
    expect((await itemsOf('Enquête aanbieders')).map((i) => i.body)).toEqual(['Meer tijd per cliënt.']);
  });

  test('uploads are their uploader’s only; facilitators and visitors cannot import', async () => {
    const id = await upload('analyst', 'Privé', csvFile('a.csv', 'doelgroep;belangrijk\ninwoner;Tekst\n'));
    expect(await loadUpload(as('moderator'), id)).toBeNull();
    expect(await importUpload(as('moderator'), id, true)).toEqual({ ok: false, error: 'upload.gone' });
    expect(await loadUpload(as('analyst'), id)).not.toBeNull();
    await expect(
      upload('facilitator', 'Gespreksleider', csvFile('b.csv', 'belangrijk\nTekst\n')),
    ).rejects.toThrow(/row-level security|permission denied/);
    // The database function refuses them too, whatever the server would do.
    for (const persona of ['facilitator', 'anon', 'outsider'] as const) {
      const refused = await db
        .transaction(callerFor(persona), (tx) =>
          tx.query(
            `select private.import_spreadsheet_rows($1, gen_random_uuid(), 'x.csv', repeat('a', 64), 'web', 0, 0, '[]'::jsonb)`,
            [ids.openConsultation],
          ),
        )
        .catch((error: unknown) => error as Error);
      expect(String(refused)).toMatch(/permission denied|only moderators/);
    }
  });

  test('a file of the wrong type or too large is refused before it is parsed', async () => {
    const refuse = (file: File) =>
      uploadSpreadsheet(as('analyst'), {
        consultationId: ids.openConsultation,
        sourceId: '',
        newSource: 'Bron',
        audience: '',
        file,
      });
    expect(await refuse(new File(['%PDF-1.7'], 'brief.pdf'))).toEqual({ ok: false, error: 'file.type' });
    expect(await refuse(new File(['geen zip'], 'nep.xlsx'))).toEqual({ ok: false, error: 'file.type' });
    expect(await refuse(new File([new Uint8Array(1_000_001).fill(65)], 'groot.csv'))).toEqual({
      ok: false,
      error: 'file.tooLarge',
    });
    expect(await refuse(new File([''], 'leeg.csv'))).toEqual({ ok: false, error: 'file.empty' });
    expect(
      await uploadSpreadsheet(as('analyst'), {
        consultationId: ids.openConsultation,
        sourceId: '',
        newSource: '',
        audience: '',
        file: null,
      }),
    ).toEqual({ ok: false, error: 'source.missing' });
  });
});
