import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importSpreadsheetFile } from '../../../src/lib/imports';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, ids } from '../../support/world';

// Issue 19, part 3: spreadsheet import, through the function the command line calls.
let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  dir = await mkdtemp(path.join(tmpdir(), 'dm-import-'));
});
afterAll(async () => {
  await db?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function xlsx(name: string, rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Formulieren');
  for (const row of rows) sheet.addRow(row);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}
async function csv(name: string, bytes: Uint8Array | string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}
const bom = '\uFEFF';
const stored = (source: string) =>
  db.asOwner((tx) =>
    tx.query<{
      channel: string;
      audience: string;
      body: string;
      status: string;
      pii: number;
      age_band: string | null;
      wijk: string | null;
      receives_help: string | null;
      organisation_name: string | null;
      consent_at: string | null;
      written: string | null;
      point: number;
    }>(
      `select i.channel, i.audience, i.body, i.status, jsonb_array_length(i.pii_spans) as pii,
              s.age_band, s.wijk, s.receives_help, s.organisation_name, s.consent_at,
              to_char(i.client_created_at at time zone 'UTC', 'YYYY-MM-DD') as written, r.point
       from public.input_items i
       join public.submissions s on s.id = i.submission_id
       join public.import_rows r on r.submission_id = s.id
       join public.import_sources src on src.id = r.source_id
       where src.name = $1 order by r.point, i.body`,
      [source],
    ),
  );

describe('spreadsheet import from a file', () => {
  test('an .xlsx written with exceljs round-trips, and a second import adds nothing', async () => {
    const file = await xlsx('formulieren.xlsx', [
      [
        'Nr',
        'Doelgroep',
        'Datum',
        'Leeftijd',
        'Wijk',
        'Krijgt u hulp in het huishouden?',
        'Wat is voor u belangrijk?',
        'haalbaar',
        'Organisatie',
      ],
      [
        1,
        'Inwoner',
        new Date(Date.UTC(2026, 10, 20)),
        78,
        'dorp',
        'ja',
        'Bel mij op 06-12345678 over mijn hulp.',
        null,
        null,
      ],
      [
        2,
        'Zorgorganisatie (aanbieder)',
        '21-11-2026',
        null,
        null,
        null,
        null,
        'Vaste teams per wijk.',
        'Thuiszorg West',
      ],
      [
        3,
        'inwoner',
        '2026-11-22',
        '65-74',
        'Meerzicht',
        'weet niet',
        'Dat ik zelf kan blijven koken.',
        null,
        null,
      ],
    ]);
    const first = await importSpreadsheetFile(db, {
      consultation: 'open',
      file,
      source: 'Papieren formulieren wijkcentrum',
    });
    expect(first.errors).toEqual([]);
    expect(first.rows).toEqual({ total: 3, imported: 3, alreadyImported: 0, invalid: 0 });
    expect(first.items.map((i) => [i.point, i.text])).toEqual([
      [2, 'Bel mij op 06-12345678 over mijn hulp.'],
      [3, 'Vaste teams per wijk.'],
      [4, 'Dat ik zelf kan blijven koken.'],
    ]);
    const rows = await stored('Papieren formulieren wijkcentrum');
    expect(rows).toMatchObject([
      {
        channel: 'import',
        audience: 'inwoner',
        status: 'new',
        age_band: '75-84',
        wijk: 'Dorp',
        receives_help: 'ja',
        consent_at: null,
        written: '2026-11-20',
        point: 2,
      },
      {
        channel: 'import',
        audience: 'aanbieder',
        organisation_name: 'Thuiszorg West',
        written: '2026-11-21',
        pii: 0,
      },
      {
        audience: 'inwoner',
        age_band: '65-74',
        wijk: 'Meerzicht',
        receives_help: 'weet-niet',
        written: '2026-11-22',
      },
    ]);
    // Through the personal-data detector like an online answer: the phone number is proposed.
    expect(rows[0]?.pii).toBeGreaterThan(0);

    const again = await importSpreadsheetFile(db, {
      consultation: 'open',
      file,
      source: 'Papieren formulieren wijkcentrum',
    });
    expect(again.items).toEqual([]);
    expect(again.rows).toEqual({ total: 3, imported: 0, alreadyImported: 3, invalid: 0 });
    expect(await stored('Papieren formulieren wijkcentrum')).toHaveLength(3);
    const audit = await db.asOwner((tx) =>
      tx.query<{ action: string; detail: { after: Record<string, unknown> } }>(
        `select action, detail from public.audit_log where entity = 'import_batches' and detail -> 'after' ->> 'via' = 'cli' order by id`,
      ),
    );
    expect(audit.map((a) => [a.action, a.detail.after.rows_imported, a.detail.after.via])).toEqual([
      ['import_batches.insert', 3, 'cli'],
      ['import_batches.insert', 0, 'cli'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('formulieren.xlsx');
  });

  test('a Dutch Excel CSV (; and a byte order mark) round-trips, and a second import adds nothing', async () => {
    const text = `${bom}doelgroep;datum;belangrijk\r\ninwoner;3-12-2026;"Hulp bij het schoonmaken; en één vaste hulp."\r\ninwoner;4-12-2026;"Twee regels:\r\nkoken en wassen"\r\n`;
    const file = await csv('nl.csv', text);
    const first = await importSpreadsheetFile(db, { consultation: 'open', file, source: 'Seniorenwelzijn' });
    expect(first.errors).toEqual([]);
    expect(first.items.map((i) => [i.point, i.text])).toEqual([
      [2, 'Hulp bij het schoonmaken; en één vaste hulp.'],
      [3, 'Twee regels:\nkoken en wassen'],
    ]);
    const again = await importSpreadsheetFile(db, { consultation: 'open', file, source: 'Seniorenwelzijn' });
    expect(again.items).toEqual([]);
    expect(again.rows.alreadyImported).toBe(2);
    // The same rows from another source are that source's rows.
    const other = await importSpreadsheetFile(db, {
      consultation: 'open',
      file,
      source: 'Wijkcentrum Noord',
    });
    expect(other.items).toHaveLength(2);
  });

  test('an RFC 4180 CSV with commas, and a Windows-1252 CSV, read right', async () => {
    const rfc = await csv(
      'rfc.csv',
      'Doelgroep,Wat is voor u belangrijk?\ninwoner,"Eten, drinken en ""gezelligheid"""\n',
    );
    const a = await importSpreadsheetFile(db, { consultation: 'open', file: rfc, source: 'RFC' });
    expect(a.items.map((i) => i.text)).toEqual(['Eten, drinken en "gezelligheid"']);
    const cp = await csv(
      'cp1252.csv',
      Buffer.from('doelgroep;belangrijk\r\ninwoner;Een café in de wijk, ook voor één persoon\r\n', 'latin1'),
    );
    const b = await importSpreadsheetFile(db, { consultation: 'open', file: cp, source: 'Oud Excel' });
    expect(b.errors).toEqual([]);
    expect(b.items.map((i) => i.text)).toEqual(['Een café in de wijk, ook voor één persoon']);
  });

  test('a half-valid sheet stores nothing unless only the valid rows are asked for', async () => {
    const file = await csv(
      'half.csv',
      `${bom}doelgroep;datum;leeftijd;wijk;hulp;belangrijk\ninwoner;1-12-2026;70;Dorp;ja;Goed antwoord.\nbewoner;1-12-2026;;;;Onbekende doelgroep.\ninwoner;31-02-2026;;;;Datum bestaat niet.\ninwoner;;honderd;Stadshart;misschien;Drie fouten.\ninwoner;;;;;\n`,
    );
    const before = (await stored('Half')).length;
    const refused = await importSpreadsheetFile(db, { consultation: 'open', file, source: 'Half' });
    expect(refused.batchId).toBeNull();
    expect(refused.items).toEqual([]);
    expect(refused.errors.map((e) => [e.point, e.code, e.column ?? null])).toEqual([
      [3, 'row.audience', 'doelgroep'],
      [4, 'row.date', 'datum'],
      [5, 'row.ageBand', 'leeftijd'],
      [5, 'row.wijk', 'wijk'],
      [5, 'row.receivesHelp', 'hulp'],
      [6, 'row.noAnswers', null],
    ]);
    expect(refused.errors[0]?.message).toContain('"bewoner"');
    expect(refused.rows).toEqual({ total: 5, imported: 0, alreadyImported: 0, invalid: 4 });
    expect(await stored('Half')).toHaveLength(before);

    const confirmed = await importSpreadsheetFile(db, {
      consultation: 'open',
      file,
      source: 'Half',
      onlyValidRows: true,
    });
    expect(confirmed.items.map((i) => [i.point, i.text])).toEqual([[2, 'Goed antwoord.']]);
    expect(confirmed.rows).toEqual({ total: 5, imported: 1, alreadyImported: 0, invalid: 4 });
  });

  test('the database write is all or nothing: one bad row at the end stores none of the rows before it', async () => {
    const [source] = await db.asOwner((tx) =>
      tx.query<{ id: string }>(
        `insert into public.import_sources (consultation_id, name) values ($1, 'Alles of niets') returning id`,
        [ids.openConsultation],
      ),
    );
    const row = (n: number, wijk: string) => ({
      hash: String(n).repeat(64),
      point: n + 1,
      submission_id: `d0000000-0000-4000-8000-00000000000${n}`,
      reference_code: `ABCD-EFG${'XY'[n - 1]}`,
      audience: 'inwoner',
      wijk,
      items: [
        {
          id: `d1000000-0000-4000-8000-00000000000${n}`,
          question_id: ids.question,
          body: `Antwoord ${n}`,
          pii_spans: [],
        },
      ],
    });
    const failed = await db
      .transaction({ kind: 'service' }, (tx) =>
        tx.query(
          `select private.import_spreadsheet_rows($1, $2, 'x.csv', repeat('f', 64), 'cli', 2, 0, $3::jsonb)`,
          [ids.openConsultation, source?.id, JSON.stringify([row(1, 'Dorp'), row(2, 'Nergenshuizen')])],
        ),
      )
      .catch((error: unknown) => error as Error);
    expect(String(failed)).toMatch(/foreign key/);
    const left = await db.asOwner((tx) =>
      tx.query<{ n: number }>(
        `select (select count(*) from public.import_batches where source_id = $1)
              + (select count(*) from public.import_rows where source_id = $1)
              + (select count(*) from public.submissions where id::text like 'd0000000-%')
              + (select count(*) from public.input_items where id::text like 'd1000000-%') as n`,
        [source?.id],
      ),
    );
    expect(Number(left[0]?.n)).toBe(0);
  });

  test('a mix of encodings gets a message on the rows in the other one', async () => {
    const utf8Part = Buffer.from(`doelgroep;belangrijk\ninwoner;Eén vaste hulp\n`, 'utf8');
    const cpPart = Buffer.from('inwoner;Een café dichtbij\n', 'latin1');
    const file = await csv('mixed.csv', Buffer.concat([utf8Part, cpPart]));
    const outcome = await importSpreadsheetFile(db, { consultation: 'open', file, source: 'Gemengd' });
    expect(outcome.errors.map((e) => [e.point, e.code])).toEqual([[3, 'row.encoding']]);
    expect(outcome.items).toEqual([]);
  });

  test('header problems: no header row, an unknown column, a column fitting several audiences', async () => {
    const noHeader = await csv(
      'geen-kop.csv',
      'inwoner;Ik wil graag meer hulp. Het gaat niet meer.\ninwoner;Nog een antwoord.\n',
    );
    const a = await importSpreadsheetFile(db, { consultation: 'open', file: noHeader, source: 'Zonder kop' });
    expect(a.errors.map((e) => [e.point, e.code])).toEqual([[1, 'header.missing']]);

    const unknown = await csv(
      'onbekend.csv',
      'doelgroep;belangrijk;Opmerking van de typist\ninwoner;Antwoord.;slecht leesbaar\n',
    );
    const b = await importSpreadsheetFile(db, { consultation: 'open', file: unknown, source: 'Onbekend' });
    expect(b.errors.map((e) => [e.point, e.code, e.column])).toEqual([
      [1, 'column.unknown', 'Opmerking van de typist'],
    ]);
    expect(b.items).toEqual([]);

    await db.asOwner((tx) =>
      tx.query(
        `insert into public.questions (consultation_id, topic_id, audience, key, prompt) values ($1, $2, 'mantelzorger', 'belangrijk', 'Wat is voor u belangrijk?')`,
        [ids.openConsultation, ids.topic],
      ),
    );
    const twice = await csv('dubbel.csv', 'doelgroep;Wat is voor u belangrijk?\ninwoner;Antwoord.\n');
    const c = await importSpreadsheetFile(db, { consultation: 'open', file: twice, source: 'Dubbelzinnig' });
    expect(c.errors.map((e) => [e.code, e.column])).toEqual([
      ['column.ambiguous', 'Wat is voor u belangrijk?'],
    ]);
    expect(c.errors[0]?.message).toContain('(inwoner en mantelzorger)');
    // One audience for the whole file settles it.
    const d = await importSpreadsheetFile(db, {
      consultation: 'open',
      file: twice,
      source: 'Dubbelzinnig',
      audience: 'inwoner',
    });
    expect(d.errors).toEqual([]);
    expect(d.items).toHaveLength(1);
    await db.asOwner((tx) =>
      tx.query(`delete from public.questions where audience = 'mantelzorger' and key = 'belangrijk'`),
    );
  });

  test('an unreadable, empty, too large or other file is refused with a clear message', async () => {
    const broken = await csv('kapot.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]));
    await expect(
      importSpreadsheetFile(db, { consultation: 'open', file: broken, source: 'X bron' }),
    ).rejects.toThrow(/niet lezen/);
    const xls = await csv('oud.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
    await expect(
      importSpreadsheetFile(db, { consultation: 'open', file: xls, source: 'X bron' }),
    ).rejects.toThrow(/\.xlsx/);
    const empty = await csv('leeg.csv', '');
    await expect(
      importSpreadsheetFile(db, { consultation: 'open', file: empty, source: 'X bron' }),
    ).rejects.toThrow(/leeg/);
    const big = await csv('groot.csv', `doelgroep;belangrijk\n${'inwoner;tekst\n'.repeat(80_000)}`);
    await expect(
      importSpreadsheetFile(db, { consultation: 'open', file: big, source: 'X bron' }),
    ).rejects.toThrow(/te groot/);
    await expect(
      importSpreadsheetFile(db, {
        consultation: 'open',
        file: path.join(dir, 'bestaat-niet.csv'),
        source: 'X bron',
      }),
    ).rejects.toThrow(/kan niet worden gelezen/);
    await expect(
      importSpreadsheetFile(db, {
        consultation: 'bestaat-niet',
        file: await csv('ok.csv', 'belangrijk\nTekst\n'),
        source: 'X bron',
      }),
    ).rejects.toThrow(/bestaat niet/);
  });
});
