import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { Marked } from 'marked';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anonymous } from '../../../src/lib/db/caller';
import { type Caller, forCaller } from '../../../src/lib/db/types';
import type { ExportFormat, ExportRequest } from '../../../src/lib/exports/filters';
import { ExportError, startExport } from '../../../src/lib/exports/index.server';
import { audienceName } from '../../../src/lib/exports/labels.nl';
import { pickQuotes } from '../../../src/lib/exports/report-text';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { hasExecutableHtml } from '../../support/hostile';
import { awkward, buildFixture, Collect, type Fixture, formulas, secrets, slug, twoLines } from './support';

let db: TestDatabase;
let fx: Fixture;
beforeAll(async () => {
  db = await freshDatabase();
  fx = await buildFixture(db);
}, 120_000);
afterAll(() => db?.dispose());

async function run(caller: Caller, format: ExportFormat, extra: Partial<ExportRequest> = {}, batchSize = 7) {
  const prepared = await startExport(
    forCaller(db, caller),
    { consultation: slug, source: 'current', format, ...extra },
    { batchSize },
  );
  const out = new Collect();
  const written = await prepared.write(out);
  return { prepared, written, buffer: out.buffer };
}

/** Approved items per audience (Dutch label), counted by the database itself. */
async function expectedByAudience(where = ''): Promise<Record<string, number>> {
  const rows = await db.asOwner((tx) =>
    tx.query<{ audience: string; n: number }>(
      `select audience::text as audience, count(*)::int as n from public.input_items
       where consultation_id = $1 and status = 'approved' ${where} group by 1`,
      [fx.consultationId],
    ),
  );
  return Object.fromEntries(rows.map((r) => [audienceName(r.audience), r.n]));
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function forbiddenTexts(): Promise<string[]> {
  const emails = await db.asOwner((tx) => tx.sql<{ email: string }>`select email from public.contact_emails`);
  expect(emails.length).toBeGreaterThan(0);
  const originals = await db.asOwner(
    (tx) => tx.sql<{ body: string }>`select body from public.input_originals`,
  );
  expect(originals.map((o) => o.body)).toContain(secrets.original);
  return [...Object.values(secrets), ...emails.map((e) => e.email), 'GEHEIM'];
}

function expectClean(text: string, forbidden: string[]): void {
  for (const f of forbidden) expect(text, f).not.toContain(f);
}

async function auditRows() {
  return db.asOwner(
    (tx) =>
      tx.sql<{ actor_id: string; actor_role: string; entity_id: string; detail: Record<string, unknown> }>`
      select actor_id, actor_role, entity_id, detail from public.audit_log where action = 'export.create' order by id`,
  );
}

describe('exports read back with real parsers', () => {
  test('xlsx: four sheets, frozen header, filters, counts per audience, formulas neutralised', async () => {
    const { buffer, written } = await run(fx.callers.analyst, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Thema's",
      'Inbreng',
      'Per doelgroep',
      'Bijeenkomsten',
    ]);
    const items = workbook.getWorksheet('Inbreng') as ExcelJS.Worksheet;
    expect(items.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(items.autoFilter).toBeTruthy();
    expect(items.getColumn(7).width).toBeGreaterThan(40);
    const rows: ExcelJS.Row[] = [];
    items.eachRow((row, n) => {
      if (n > 1) rows.push(row);
    });
    expect(rows.length).toBe(written);
    const audiences = rows.map((r) => String(r.getCell(4).value));
    expect(countBy(audiences)).toEqual(await expectedByAudience());
    const texts = rows.map((r) => String(r.getCell(7).value));
    expectClean(texts.join('\n'), await forbiddenTexts());
    expect(texts).toContain('GEREDIGEERD [naam verwijderd]');
    // XML keeps line breaks as LF, so a CRLF comes back as LF.
    for (const f of formulas) expect(texts).toContain(`'${f}`.replace(/\r\n/g, '\n'));
    for (const t of texts) expect(t.replace(/^[\s\p{Cf}]+/u, '')).not.toMatch(/^[=+\-@＝＋－＠]/);
    for (const r of rows) expect(r.getCell(7).type).toBe(ExcelJS.ValueType.String);
    // Main and second themes as the database has them (accepted themes and candidates).
    const [themed] = await db.asOwner(
      (tx) =>
        tx.sql<{ primary: number; secondary: number }>`
        select count(*) filter (where a.is_primary)::int as primary,
               count(distinct a.input_item_id) filter (where not a.is_primary)::int as secondary
        from public.theme_assignments a join public.themes t on t.id = a.theme_id and t.status in ('active', 'candidate')
        join public.input_items i on i.id = a.input_item_id and i.status = 'approved'`,
    );
    expect(rows.filter((r) => r.getCell(8).value).length).toBe(themed?.primary);
    expect(rows.filter((r) => r.getCell(10).value).length).toBe(themed?.secondary);
    expect(themed?.secondary).toBeGreaterThan(0);
    // ids are unique: the keyset batches neither skip nor repeat rows.
    expect(new Set(rows.map((r) => r.getCell(1).value)).size).toBe(rows.length);

    const themes = workbook.getWorksheet("Thema's") as ExcelJS.Worksheet;
    // Accepted themes first, then candidates, named as such.
    const labels = await db.asOwner(
      (tx) =>
        tx.sql<{ label: string }>`
          select case when status = 'candidate' and not locked then label || ' (kandidaat)' else label end as label
          from public.themes where status in ('active', 'candidate')
          order by (status = 'active' or locked or published_at is not null) desc, position, label`,
    );
    expect(themes.getColumn(1).values.slice(2)).toEqual(labels.map((l) => l.label));
    const pivot = workbook.getWorksheet('Per doelgroep') as ExcelJS.Worksheet;
    expect(pivot.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const totalRow = pivot.getRow(labels.length + 2);
    expect(totalRow.getCell(1).value).toBe('Alle reacties');
    const expected = await expectedByAudience();
    (pivot.getRow(1).values as unknown[]).slice(2, -1).forEach((header, index) => {
      expect(totalRow.getCell(index + 2).value).toBe(expected[String(header)]);
    });
    const stops = workbook.getWorksheet('Bijeenkomsten') as ExcelJS.Worksheet;
    expect(stops.rowCount).toBe(1 + 5);
  });

  test('csv for Dutch Excel: BOM, semicolons, decimal comma, neutralised formulas', async () => {
    const { buffer, written } = await run(fx.callers.analyst, 'csv-nl');
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(buffer, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(records.length).toBe(written);
    expect(countBy(records.map((r) => r.Doelgroep as string))).toEqual(await expectedByAudience());
    const scores = records.map((r) => r['Score hoofdthema']).filter(Boolean) as string[];
    expect(scores.length).toBeGreaterThan(0);
    for (const s of scores) expect(s).toMatch(/^\d(,\d+)?$/);
    const texts = records.map((r) => r['Tekst (zonder persoonsgegevens)'] as string);
    for (const f of formulas) expect(texts).toContain(`'${f}`);
    for (const t of texts) expect(t).not.toMatch(/^[=+\-@\t\r]/);
    // Nor behind invisible characters: what a spreadsheet would see first is never a formula sign.
    for (const t of texts) expect(t.replace(/^[\s\p{Cf}]+/u, '')).not.toMatch(/^[=+\-@＝＋－＠]/);
    expect(texts).toContain(awkward);
    expectClean(buffer.toString('utf8'), await forbiddenTexts());
  });

  test('csv RFC 4180: commas, CRLF, decimal point, quoted line breaks', async () => {
    const { buffer, written } = await run(fx.callers.admin, 'csv');
    expect(buffer[0]).not.toBe(0xef);
    expect(buffer.toString('utf8')).toContain('\r\n');
    const records = parse(buffer, { columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(records.length).toBe(written);
    expect(countBy(records.map((r) => r.Doelgroep as string))).toEqual(await expectedByAudience());
    for (const s of records.map((r) => r['Score hoofdthema']).filter(Boolean))
      expect(s).toMatch(/^\d(\.\d+)?$/);
    const texts = records.map((r) => r['Tekst (zonder persoonsgegevens)'] as string);
    for (const f of formulas) expect(texts).toContain(`'${f}`);
    expect(texts).toContain(awkward);
    expect(texts).toContain(twoLines);
    // Every line break inside a field is quoted: outside quotes the only line ends are CRLF.
    const outsideQuotes = buffer.toString('utf8').replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // An admin can read every row, but the export still holds approved text only.
    expectClean(buffer.toString('utf8'), await forbiddenTexts());
  });

  test('docx: the report sections, counts per audience, redacted approved quotes only', async () => {
    const { buffer, prepared } = await run(fx.callers.analyst, 'docx');
    const files = unzipSync(new Uint8Array(buffer));
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    const text = xml
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&apos;/g, "'");
    for (const heading of [
      'Inhoud',
      'Samenvatting',
      'Aanpak',
      'Werkwijze en beperkingen',
      'Wie deden mee',
      "Thema's",
      'Wat doen we ermee',
      'Bijlage: alle bijeenkomsten van de roadtour',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('Beweegochtend in Meerzicht');
    expect(text).toContain('Deelnemers inZet');
    expect(text).toContain('vaste teams per wijk');
    const report = prepared.report;
    expect(Object.fromEntries(report.byAudience.map((a) => [audienceName(a.audience), a.items]))).toEqual(
      await expectedByAudience(),
    );
    const approved = new Set(
      (
        await db.asOwner(
          (tx) => tx.sql<{ body: string }>`select body from public.input_items where status = 'approved'`,
        )
      ).map((r) => r.body),
    );
    const quotes = report.themes.flatMap((t) => t.quotes);
    expect(quotes.length).toBeGreaterThan(0);
    for (const t of report.themes) expect(t.quotes.length).toBeLessThanOrEqual(5);
    for (const q of quotes) expect(approved.has(q.body)).toBe(true);
    // The report shows three quotes a theme (of the five the export reads), short ones first.
    for (const t of report.themes.filter((t) => t.accepted))
      for (const q of pickQuotes(t.quotes)) expect(text).toContain(q.body.slice(0, 40));
    for (const a of report.byAudience) expect(text).toContain(audienceName(a.audience));
    expectClean(text, await forbiddenTexts());
  });

  test('markdown and json carry the same figures and the items', async () => {
    const md = await run(fx.callers.analyst, 'md');
    const markdown = md.buffer.toString('utf8');
    expect(markdown).toMatch(/^# Participatieverslag: /);
    expect(markdown).toContain('## Wat doen we ermee'.slice(3));
    expectClean(markdown, await forbiddenTexts());

    const js = await run(fx.callers.analyst, 'json');
    const doc = JSON.parse(js.buffer.toString('utf8')) as {
      byAudience: { audience: string; items: number }[];
      items: { body: string; audience: string }[];
    };
    expect(doc.items.length).toBe(js.written);
    expect(countBy(doc.items.map((i) => audienceName(i.audience)))).toEqual(await expectedByAudience());
    expectClean(js.buffer.toString('utf8'), await forbiddenTexts());
  });

  test("markdown: analysts' Markdown goes out without HTML, script or unsafe links (issue 16)", async () => {
    const [theme] = await db.asOwner(
      (tx) => tx.sql<{ id: string; description_md: string; reaction_md: string }>`
        select id, description_md, reaction_md from public.themes
        where consultation_id = ${fx.consultationId} and status = 'active' order by position limit 1`,
    );
    if (!theme) throw new Error('the demo data has no accepted theme');
    const description =
      'Inwoners willen **zelf** blijven doen. <script>alert(1)</script><img src=x onerror=alert(1)>\n\n' +
      '<div onclick="alert(1)">\nblok\n</div>\n\n[klik hier](javascript:alert(1)) of [de site](https://www.zoetermeer.nl)';
    const reaction =
      '- We doen _dit_\n- en <iframe src="https://evil.example"></iframe> [x](JaVaScRiPt:alert(2))';
    const set = (d: string, r: string) =>
      db.asOwner(
        (tx) =>
          tx.sql`update public.themes set description_md = ${d}, reaction_md = ${r} where id = ${theme.id}`,
      );
    await set(description, reaction);
    try {
      const markdown = (await run(fx.callers.analyst, 'md')).buffer.toString('utf8');
      // Read as any Markdown program would: marked without a sanitizer.
      const html = new Marked({ gfm: true, async: false }).parse(markdown) as string;
      expect(hasExecutableHtml(html)).toBe(false);
      expect(html).not.toMatch(/<(script|img|div|iframe)\b/i);
      expect(html).not.toMatch(/javascript:/i);
      expect(markdown).not.toMatch(/<(script|img|div|iframe)\b/i);
      // Ordinary Markdown stays Markdown.
      expect(markdown).toContain('Inwoners willen **zelf** blijven doen.');
      expect(markdown).toContain('[de site](<https://www.zoetermeer.nl>)');
      expect(markdown).toContain('- We doen _dit_');
      expect(html).toContain('<strong>zelf</strong>');
    } finally {
      await set(theme.description_md, theme.reaction_md);
    }
  });

  test('filters by audience, channel and period', async () => {
    const byAudience = await run(fx.callers.analyst, 'json', { audience: 'mantelzorger' });
    expect(byAudience.written).toBe(
      (await expectedByAudience(`and audience = 'mantelzorger'`))[audienceName('mantelzorger')],
    );
    const byChannel = await run(fx.callers.analyst, 'json', { channel: 'roadtour' });
    const roadtour = Object.values(await expectedByAudience(`and channel = 'roadtour'`)).reduce(
      (a, b) => a + b,
      0,
    );
    expect(byChannel.written).toBe(roadtour);
    const [span] = await db.asOwner(
      (tx) =>
        tx.sql<{ n: number; from: string }>`
        select count(*)::int as n, to_char((now() - interval '10 days') at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as from
        from public.input_items where status = 'approved' and consultation_id = ${fx.consultationId}
          and created_at >= ((now() - interval '10 days') at time zone 'Europe/Amsterdam')::date::timestamp at time zone 'Europe/Amsterdam'`,
    );
    const byPeriod = await run(fx.callers.analyst, 'csv', { from: span?.from });
    expect(byPeriod.written).toBe(span?.n);
    expect(byPeriod.written).toBeGreaterThan(0);
  });

  test('a snapshot exports its frozen themes, not the current ones', async () => {
    const snapshotId = '99999999-0000-4000-8000-000000000001';
    await db.asOwner(async (tx) => {
      const themes = await tx.sql<{
        id: string;
      }>`select id from public.themes where status = 'active' order by position limit 1`;
      const theme = themes[0]?.id as string;
      await tx.sql`insert into public.theme_snapshots (id, consultation_id, label, themes, assignments)
        select ${snapshotId}, ${fx.consultationId}, 'Versie voor de raad',
          jsonb_build_array(jsonb_build_object('id', t.id, 'label', 'Bevroren: ' || t.label, 'description_md', t.description_md,
            'reaction_md', 'Bevroren reactie', 'status', 'active', 'position', 0)),
          (select jsonb_agg(jsonb_build_object('theme_id', a.theme_id, 'input_item_id', a.input_item_id,
             'is_primary', a.is_primary, 'score', a.score))
           from public.theme_assignments a where a.theme_id = t.id)
        from public.themes t where t.id = ${theme}`;
    });
    const { buffer, prepared } = await run(fx.callers.analyst, 'xlsx', { source: snapshotId });
    expect(prepared.report.snapshot?.label).toBe('Versie voor de raad');
    expect(prepared.report.themes).toHaveLength(1);
    expect(prepared.report.themes[0]?.label).toMatch(/^Bevroren: /);
    expect(prepared.report.themes[0]?.mentions).toBeGreaterThan(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const items = workbook.getWorksheet('Inbreng') as ExcelJS.Worksheet;
    const primaries = new Set<string>();
    items.eachRow((row, n) => {
      if (n > 1 && row.getCell(8).value) primaries.add(String(row.getCell(8).value));
    });
    expect([...primaries]).toEqual([prepared.report.themes[0]?.label]);
    expect(prepared.fileName).toMatch(
      /^inbreng-en-themas-krachtig-oud-worden-versie-\d{4}-\d{2}-\d{2}-99999999\.xlsx$/,
    );
  });
});

describe('who may export', () => {
  test('every export is in the audit log: who, format, filters, counts, no text', async () => {
    const before = (await auditRows()).length;
    await run(fx.callers.analyst, 'csv', { audience: 'inwoner', channel: 'online' });
    const rows = await auditRows();
    expect(rows.length).toBe(before + 1);
    const row = rows.at(-1);
    expect(row).toMatchObject({
      actor_id: (fx.callers.analyst as { userId: string }).userId,
      actor_role: 'analyst',
      entity_id: 'current',
      detail: {
        format: 'csv',
        via: 'web',
        filters: { consultation: slug, audience: 'inwoner', channel: 'online' },
      },
    });
    expect((row?.detail.counts as { items: number } | undefined)?.items).toBeGreaterThan(0);
    const bodies = await db.asOwner((tx) => tx.sql<{ body: string }>`select body from public.input_items`);
    const all = JSON.stringify(rows);
    for (const b of bodies) expect(all).not.toContain(b.body.slice(0, 30));
  });

  test.each(['moderator', 'facilitator', 'anon'] as const)('the database refuses a %s', async (who) => {
    const before = (await auditRows()).length;
    const caller = who === 'anon' ? anonymous : fx.callers[who];
    await expect(run(caller, 'xlsx')).rejects.toThrow(ExportError);
    await expect(
      db.transaction(
        caller,
        (tx) => tx.sql`select private.record_export('csv', 'current', '{}'::jsonb, '{}'::jsonb)`,
      ),
    ).rejects.toMatchObject({ code: '42501' });
    expect((await auditRows()).length).toBe(before);
  });

  test('nobody can rewrite an export record', async () => {
    await expect(
      db.transaction(
        fx.callers.admin,
        (tx) => tx.sql`update public.audit_log set detail = '{}' where action = 'export.create'`,
      ),
    ).rejects.toThrow();
  });
});
