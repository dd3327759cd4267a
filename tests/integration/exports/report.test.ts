import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import type { ExportFormat, ExportRequest } from '../../../src/lib/exports/filters';
import { startExport } from '../../../src/lib/exports/index.server';
import { ageBandNames, audienceName } from '../../../src/lib/exports/labels.nl';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildFixture, Collect, type Fixture, slug } from './support';

/**
 * The participatieverslag read back from the .docx: its structure (table of contents field, page
 * numbers, header and footer, chart images) and every figure in it against the database.
 */

let db: TestDatabase;
let fx: Fixture;
/** A quote that already carries quotation marks of its own. */
const quoted = '„Een vaste hulp die weet hoe ik het wil, daar gaat het om.”';
const quotedItem = randomUUID();
const versionId = randomUUID();
const publishedVersionId = randomUUID();

beforeAll(async () => {
  db = await freshDatabase();
  fx = await buildFixture(db);
  await db.asOwner(async (tx) => {
    await tx.sql`insert into public.input_items (id, consultation_id, channel, audience, stop_id, kind, body, status)
      values (${quotedItem}, ${fx.consultationId}, 'roadtour', 'inwoner', 'd0000000-0000-4000-8000-000000000101',
              'quote', ${quoted}, 'approved')`;
    // The strongest main-theme item of "Een vaste hulp en genoeg personeel", so it is quoted.
    await tx.sql`insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      values ('d0000000-0000-4000-8000-000000000502', ${quotedItem}, ${fx.consultationId}, 'manual', true, 1)`;
    // Two versions of the board as it is now; one is on the public page.
    for (const id of [versionId, publishedVersionId])
      await tx.sql`insert into public.theme_snapshots (id, consultation_id, label, themes, assignments)
        select ${id}, ${fx.consultationId}, 'Concept beleidskader',
          (select jsonb_agg(jsonb_build_object('id', t.id, 'label', t.label, 'description_md', t.description_md,
             'reaction_md', t.reaction_md, 'status', t.status, 'locked', t.locked, 'published_at', t.published_at,
             'position', t.position)) from public.themes t
           where t.consultation_id = ${fx.consultationId} and t.status in ('active', 'candidate')),
          (select jsonb_agg(jsonb_build_object('theme_id', a.theme_id, 'input_item_id', a.input_item_id,
             'is_primary', a.is_primary, 'score', a.score)) from public.theme_assignments a
           where a.consultation_id = ${fx.consultationId})`;
    await tx.sql`insert into public.results_publications (consultation_id, snapshot_id, title, page)
      values (${fx.consultationId}, ${publishedVersionId}, 'Wat we hoorden', '{}'::jsonb)`;
  });
}, 120_000);
afterAll(() => db?.dispose());

async function run(format: ExportFormat, extra: Partial<ExportRequest> = {}) {
  const prepared = await startExport(forCaller(db, fx.callers.analyst), {
    consultation: slug,
    source: 'current',
    format,
    ...extra,
  });
  const out = new Collect();
  await prepared.write(out);
  return { prepared, buffer: out.buffer };
}

// ───────────── reading WordprocessingML back ─────────────

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (xml: string) =>
  decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

type Block = { kind: 'p'; style: string | null; text: string } | { kind: 'table'; rows: string[][] };

/** The body's top-level paragraphs and tables, in order (our tables are not nested). */
function blocks(documentXml: string): Block[] {
  const body = documentXml.slice(documentXml.indexOf('<w:body>'));
  const out: Block[] = [];
  const pattern = /<w:tbl>[\s\S]*?<\/w:tbl>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>|<w:p(?:\s[^>]*)?\/>/g;
  for (const [xml] of body.matchAll(pattern)) {
    if (xml.startsWith('<w:tbl>'))
      out.push({
        kind: 'table',
        rows: [...xml.matchAll(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g)].map(([row]) =>
          [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([c]) => textOf(c).trim()),
        ),
      });
    else
      out.push({ kind: 'p', style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? null, text: textOf(xml) });
  }
  return out;
}

/** The first table after the paragraph whose text is `title` (a heading). */
function tableAfter(doc: Block[], title: string, from = 0): string[][] {
  const start = doc.findIndex((b, i) => i >= from && b.kind === 'p' && b.text === title);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const table = doc.slice(start).find((b) => b.kind === 'table');
  if (table?.kind !== 'table') throw new Error(`no table after ${title}`);
  return table.rows;
}

// ───────────── the database's own figures ─────────────

async function figures() {
  const c = fx.consultationId;
  return db.asOwner(async (tx) => {
    const perAudience = await tx.sql<{
      audience: string;
      online: number;
      roadtour: number;
      submissions: number;
    }>`
      select audience::text as audience,
             count(*) filter (where channel = 'online')::int as online,
             count(*) filter (where channel = 'roadtour')::int as roadtour,
             count(distinct submission_id)::int as submissions
      from public.input_items where consultation_id = ${c} and status = 'approved' group by 1`;
    const themes = await tx.sql<{
      label: string;
      audience: string | null;
      primary: number;
      secondary: number;
    }>`
      select t.label, i.audience::text as audience,
             count(i.id) filter (where a.is_primary)::int as primary,
             count(i.id) filter (where not a.is_primary)::int as secondary
      from public.themes t
      left join public.theme_assignments a on a.theme_id = t.id
      left join public.input_items i on i.id = a.input_item_id and i.status = 'approved'
      where t.consultation_id = ${c} and (t.status = 'active' or t.locked or t.published_at is not null)
      group by 1, 2`;
    const stops = await tx.sql<{ name: string; participants: number; items: number }>`
      select st.name, coalesce(st.actual_participants, 0) as participants,
             (select count(*)::int from public.input_items i where i.stop_id = st.id and i.status = 'approved') as items
      from public.roadtour_stops st where st.consultation_id = ${c} and st.status = 'completed'`;
    const ages = await tx.sql<{ band: string | null; n: number }>`
      select s.age_band as band, count(*)::int as n from public.submissions s
      where s.id in (select submission_id from public.input_items where consultation_id = ${c} and status = 'approved')
        -- Only the audiences asked their age (issue 20, item 1): organisations are not.
        and s.audience in (select a.audience from public.consultation_audiences a
                           where a.consultation_id = ${c} and 'age_band' = any(a.profile_questions))
      group by 1`;
    const candidates = await tx.sql<{ label: string }>`
      select label from public.themes where consultation_id = ${c} and status = 'candidate' and not locked`;
    return { perAudience, themes, stops, ages, candidates };
  });
}

describe('the participatieverslag (.docx) read back', () => {
  test('table of contents field, updateFields, PAGE field, header and footer parts, chart images', async () => {
    const { buffer } = await run('docx');
    const files = unzipSync(new Uint8Array(buffer));
    const document = strFromU8(files['word/document.xml'] as Uint8Array);
    expect(document).toMatch(/<w:instrText[^>]*>\s*TOC \\h \\o &quot;1-2&quot;\s*<\/w:instrText>/);
    expect(strFromU8(files['word/settings.xml'] as Uint8Array)).toMatch(
      /<w:updateFields(?: w:val="(?:true|1|on)")?\/>/,
    );
    const parts = Object.keys(files);
    const headers = parts.filter((p) => /^word\/header\d+\.xml$/.test(p));
    const footers = parts.filter((p) => /^word\/footer\d+\.xml$/.test(p));
    expect(headers.length).toBeGreaterThan(0);
    expect(footers.length).toBeGreaterThan(0);
    const headerText = headers.map((p) => textOf(strFromU8(files[p] as Uint8Array))).join(' ');
    expect(headerText).toContain('Positieve gezondheid in het huishouden');
    const footerXml = footers.map((p) => strFromU8(files[p] as Uint8Array)).join('');
    expect(footerXml).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footerXml).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    // The parts are wired to the document: the relationships name them.
    const rels = strFromU8(files['word/_rels/document.xml.rels'] as Uint8Array);
    for (const p of [...headers, ...footers]) expect(rels).toContain(p.replace('word/', ''));
    const images = parts.filter((p) => p.startsWith('word/media/') && p.endsWith('.png'));
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const p of images)
      expect([...(files[p] as Uint8Array).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(document.match(/<w:drawing>/g)?.length).toBe(images.length);
    // A landscape section for the appendix.
    expect(document).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
  });

  test('every figure in the document equals the database', async () => {
    const { buffer } = await run('docx');
    const doc = blocks(strFromU8(unzipSync(new Uint8Array(buffer))['word/document.xml'] as Uint8Array));
    const db = await figures();
    const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
    const online = sum(db.perAudience.map((a) => a.online));
    const roadtour = sum(db.perAudience.map((a) => a.roadtour));
    const submissions = sum(db.perAudience.map((a) => a.submissions));
    const participants = sum(db.stops.map((s) => s.participants));
    const text = doc.map((b) => (b.kind === 'p' ? b.text : '')).join('\n');

    // Summary and "wie deden mee": each count with its own unit.
    expect(text).toContain(`Online: ${submissions} inzendingen met samen ${online} goedgekeurde reacties.`);
    expect(text).toContain(
      `Roadtour: ${db.stops.length} bijeenkomsten met samen ${participants} deelnemers; de gespreksleiders schreven ${roadtour} goedgekeurde reacties op.`,
    );
    expect(text).toContain(
      `In totaal: ${online + roadtour} goedgekeurde reacties (online en roadtour samen).`,
    );
    expect(text).not.toMatch(/deelnemers aan de roadtour/);

    // Per audience: online, roadtour, all, submissions; and the totals row.
    const audienceRows = tableAfter(doc, 'Reacties per doelgroep');
    expect(audienceRows[0]).toEqual(['Doelgroep', 'Online', 'Roadtour', 'Reacties', 'Inzendingen']);
    const expectedAudiences = db.perAudience.map((a) => [
      audienceName(a.audience),
      String(a.online),
      String(a.roadtour),
      String(a.online + a.roadtour),
      String(a.submissions),
    ]);
    expect(audienceRows.slice(1, -1)).toEqual(expect.arrayContaining(expectedAudiences));
    expect(audienceRows.length - 2).toBe(expectedAudiences.length);
    expect(audienceRows.at(-1)).toEqual([
      'Alle doelgroepen',
      String(online),
      String(roadtour),
      String(online + roadtour),
      String(submissions),
    ]);

    // Roadtour meetings that took place.
    const stopRows = tableAfter(doc, 'Roadtour: deelnemers en reacties per bijeenkomst');
    for (const s of db.stops)
      expect(stopRows.find((r) => r[0] === s.name)?.slice(2)).toEqual([
        String(s.participants),
        String(s.items),
      ]);
    expect(stopRows.at(-1)).toEqual([
      'Alle bijeenkomsten',
      '',
      String(participants),
      String(sum(db.stops.map((s) => s.items))),
    ]);

    // Age bands in their natural order, one word for unknown.
    const ageRows = tableAfter(doc, 'Achtergrond van de online deelnemers').slice(1);
    const order = Object.keys(ageBandNames);
    const expectedAges = db.ages
      .map(
        (a) =>
          [
            ageBandNames[a.band ?? 'onbekend'] as string,
            String(a.n),
            order.indexOf(a.band ?? 'onbekend'),
          ] as const,
      )
      .sort((a, b) => a[2] - b[2])
      .map(([name, n]) => [name, n]);
    expect(ageRows).toEqual(expectedAges);
    // Unknown, when some resident left it out, comes last (organisations are not counted at all).
    if (db.ages.some((a) => a.band === null)) expect(ageRows.at(-1)?.[0]).toBe('onbekend');
    expect(ageRows.length).toBeGreaterThan(1);
    expect(text).not.toMatch(/niet ingevuld/i);

    // Themes: overview table and, per theme, berichten and ook genoemd per audience, never summed.
    const labels = [...new Set(db.themes.map((t) => t.label))];
    const perTheme = (label: string) => db.themes.filter((t) => t.label === label && t.audience);
    const overview = tableAfter(doc, "Thema's");
    expect(overview[0]).toEqual(['Thema', 'Berichten', 'Ook genoemd']);
    for (const label of labels) {
      const primary = sum(perTheme(label).map((t) => t.primary));
      const secondary = sum(perTheme(label).map((t) => t.secondary));
      expect(
        overview.find((r) => r[0] === label),
        label,
      ).toEqual([label, String(primary), String(secondary)]);
      expect(text).toContain(`${label} (${primary} berichten, ook genoemd: ${secondary}).`);
      const at = doc.findIndex((b) => b.kind === 'p' && b.style === 'Heading2' && b.text === label);
      expect(at, label).toBeGreaterThan(0);
      const rows = tableAfter(doc, label, at);
      expect(rows[0]).toEqual(['Doelgroep', 'Berichten', 'Ook genoemd']);
      const expected = perTheme(label)
        .filter((t) => t.primary + t.secondary > 0)
        .map((t) => [audienceName(t.audience as string), String(t.primary), String(t.secondary)]);
      expect(rows.slice(1, -1)).toEqual(expect.arrayContaining(expected));
      expect(rows.length - 2).toBe(expected.length);
      expect(rows.at(-1)).toEqual(['Alle doelgroepen', String(primary), String(secondary)]);
    }
    // Candidates are not reported as themes; the method says how many were left out.
    for (const c of db.candidates)
      expect(doc.some((b) => b.kind === 'p' && b.style === 'Heading2' && b.text === c.label)).toBe(false);
    if (db.candidates.length === 1) expect(text).toContain('Eén voorstel voor een thema van de computer');
  });

  test('council register, quotes without doubled marks, a missing reaction marked, no placeholder', async () => {
    const { buffer } = await run('docx');
    const doc = blocks(strFromU8(unzipSync(new Uint8Array(buffer))['word/document.xml'] as Uint8Array));
    const quotes = doc.filter((b) => b.kind === 'p' && b.text.startsWith('“'));
    expect(quotes.length).toBeGreaterThan(0);
    const ours = doc
      .filter((b) => b.kind === 'p' && !b.text.startsWith('“'))
      .map((b) => (b.kind === 'p' ? b.text : ''))
      .join('\n');
    // Residents are "inwoners" in a council document, never addressed as "u".
    expect(ours).not.toMatch(/\b(u|uw|uzelf)\b/i);
    expect(ours).toContain('inwoners');
    // The quote that had its own marks appears once, with ours only.
    expect(quotes.map((q) => (q.kind === 'p' ? q.text : ''))).toContainEqual(
      expect.stringMatching(/^“Een vaste hulp die weet hoe ik het wil, daar gaat het om\.”/),
    );
    for (const q of quotes) expect(q.kind === 'p' && q.text).not.toMatch(/^“[„“"'‘]|[”"'’]”/);
    // "Familie, buren en mantelzorgers" has no "wat doen we ermee": marked, on the cover too.
    expect(ours).toContain('Nog niet beschreven');
    expect(ours).toMatch(
      /Let op: bij 1 thema is nog niet beschreven wat de gemeente ermee doet \(Familie, buren en mantelzorgers\)/,
    );
    expect(ours).not.toContain('Nog in te vullen');
    expect(ours).toMatch(/Status: concept/i);
  });

  test('a version cites itself: concept or definitief, and a file name of its own', async () => {
    const current = await run('docx');
    const draft = await run('docx', { source: versionId });
    const published = await run('docx', { source: publishedVersionId });
    expect(current.prepared.fileName).toMatch(
      /^participatieverslag-krachtig-oud-worden-huidig-\d{4}-\d{2}-\d{2}\.docx$/,
    );
    expect(draft.prepared.fileName).toMatch(
      new RegExp(
        `^participatieverslag-krachtig-oud-worden-versie-\\d{4}-\\d{2}-\\d{2}-${versionId.slice(0, 8)}\\.docx$`,
      ),
    );
    expect(published.prepared.fileName).not.toBe(draft.prepared.fileName);
    const coverOf = (buffer: Buffer) =>
      blocks(strFromU8(unzipSync(new Uint8Array(buffer))['word/document.xml'] as Uint8Array))
        .map((b) => (b.kind === 'p' ? b.text : ''))
        .join('\n');
    const draftText = coverOf(draft.buffer);
    expect(draftText).toContain(`"Concept beleidskader", vastgelegd op`);
    expect(draftText).toContain(`(versie ${versionId.slice(0, 8)})`);
    expect(draftText).toMatch(/Status: concept/i);
    const publishedText = coverOf(published.buffer);
    expect(publishedText).toMatch(/Status: definitief/i);
    expect(publishedText).toContain('op de website als "Wat we hoorden"');
    // The same figures as the current state: the versions were taken from it.
    expect(published.prepared.report.themes).toEqual(current.prepared.report.themes);
  });
});

describe('the spreadsheet (.xlsx) read back', () => {
  test('plain-text descriptions, numeric scores, candidates named as such', async () => {
    const { buffer } = await run('xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const themes = workbook.getWorksheet("Thema's") as ExcelJS.Worksheet;
    expect((themes.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Thema', 'Status', 'Beschrijving']);
    const rows: ExcelJS.Row[] = [];
    themes.eachRow((row, n) => {
      if (n > 1) rows.push(row);
    });
    const self = rows.find((r) => r.getCell(1).value === 'Zelf blijven doen, met hulp waar nodig');
    // "**zelf**" in the Markdown; plain "zelf" in the cell.
    expect(String(self?.getCell(3).value)).toContain('zo lang mogelijk zelf blijven doen');
    for (const r of rows) expect(String(r.getCell(3).value ?? '')).not.toMatch(/\*\*|__|^#|\]\(/m);
    expect(self?.getCell(2).value).toBe('geaccepteerd');
    const candidate = rows.find((r) => String(r.getCell(1).value).startsWith('Het praatje met de hulp'));
    expect(candidate?.getCell(1).value).toBe('Het praatje met de hulp (kandidaat)');
    expect(String(candidate?.getCell(2).value)).toMatch(/^kandidaat/);

    const items = workbook.getWorksheet('Inbreng') as ExcelJS.Worksheet;
    const header = items.getRow(1).values as unknown[];
    const primaryScore = header.indexOf('Score hoofdthema');
    const secondScore = header.indexOf('Score tweede thema');
    expect(primaryScore).toBeGreaterThan(0);
    expect(secondScore).toBeGreaterThan(0);
    let primaries = 0;
    let seconds = 0;
    items.eachRow((row, n) => {
      if (n === 1) return;
      for (const [col, count] of [
        [primaryScore, () => primaries++],
        [secondScore, () => seconds++],
      ] as const) {
        const cell = row.getCell(col);
        if (cell.value === null || cell.value === undefined) continue;
        expect(cell.type).toBe(ExcelJS.ValueType.Number);
        expect(cell.value as number).toBeGreaterThanOrEqual(0);
        expect(cell.value as number).toBeLessThanOrEqual(1);
        count();
      }
    });
    expect(primaries).toBeGreaterThan(0);
    expect(seconds).toBeGreaterThan(0);
    // Items whose main theme is a candidate say so.
    const themeCol = header.indexOf('Hoofdthema');
    const named: string[] = [];
    items.eachRow((row, n) => {
      if (n > 1 && row.getCell(themeCol).value) named.push(String(row.getCell(themeCol).value));
    });
    expect(named).toContain('Het praatje met de hulp (kandidaat)');
  });
});
