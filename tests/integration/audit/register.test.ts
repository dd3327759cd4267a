/**
 * The audit log reads like a register (issue 18, part 4): real actions through the real triggers
 * and functions, read back as the admin, in Dutch, with names and Amsterdam times, and the same
 * lines in the CSV download.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLogCsv, csvHeaders } from '../../../src/lib/audit/csv.server';
import { listAuditLog, readPage } from '../../../src/lib/audit/log.server';
import { changeLine, formatWhen, GONE, type ReadableEntry, readable } from '../../../src/lib/audit/readable';
import { forCaller, type Tx } from '../../../src/lib/db/types';
import { startExport } from '../../../src/lib/exports/index.server';
import { moderate } from '../../../src/lib/moderation/moderate.server';
import { removeSubmission } from '../../../src/lib/moderation/removal.server';
import { publishVersion } from '../../../src/lib/publishing/versions.server';
import { purgeExpired } from '../../../src/lib/retention/purge.server';
import { freezeSnapshot, moveItem } from '../../../src/lib/theme-board/edit.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';

let db: TestDatabase;
const as = (persona: Persona) => forCaller(db, callerFor(persona));
let log: ReadableEntry[];
let goneThemeId: string;
const longReaction = `We gaan ${'met de wijkteams in gesprek over vaste hulp en bekijken wat er nodig is. '.repeat(3)}`;

/** The whole log as the page shows it (the admin reads it; every page of it). */
async function readAll(): Promise<ReadableEntry[]> {
  const out: ReadableEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAuditLog(as('admin'), {}, { size: 200, ...(cursor ? { cursor } : {}) });
    if (!page.ok) throw new Error(page.code);
    out.push(...page.entries.map((e) => readable(e, page.names)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
const find = (action: string) => {
  const found = log.find((e) => e.action === action);
  if (!found) throw new Error(`no entry "${action}" in ${log.map((e) => e.action).join(' | ')}`);
  return found;
};

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  // Moderate: the moderator approves an item.
  const [item] = await db.asOwner(
    (tx) => tx.sql<{ version: number }>`select version from public.input_items where id = ${ids.newItem}`,
  );
  const approved = await moderate(as('moderator'), {
    itemId: ids.newItem,
    expectedVersion: item?.version ?? 0,
    action: 'approve',
  });
  expect(approved).toMatchObject({ ok: true });
  // Theme board: the analyst moves an item, writes "wat doen we ermee" and publishes a theme.
  const moved = await moveItem(as('analyst'), {
    action: 'move',
    itemId: ids.approvedItem,
    fromThemeId: ids.draftTheme,
    toThemeId: ids.publishedTheme,
  } as Parameters<typeof moveItem>[1]);
  expect(moved).toMatchObject({ ok: true });
  await as('analyst').run(
    (tx) =>
      tx.sql`update public.themes set reaction_md = ${longReaction}, published_at = now() where id = ${ids.draftTheme}`,
  );
  // A theme that is gone by the time the log is read, with a formula for a name (CSV check).
  await as('analyst').run(async (tx) => {
    const [row] = await tx.sql<{ id: string }>`
      insert into public.themes (consultation_id, label, origin, status)
      values (${ids.openConsultation}, '=HYPERLINK("http://x")', 'manual', 'active') returning id`;
    goneThemeId = row?.id ?? '';
    await tx.sql`
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score, assigned_by)
      values (${goneThemeId}, ${ids.publicItem}, ${ids.openConsultation}, 'manual', false, 1, ${ids.staff.analyst})`;
  });
  await as('analyst').run(async (tx) => {
    await tx.sql`delete from public.theme_assignments where theme_id = ${goneThemeId}`;
    await tx.sql`delete from public.themes where id = ${goneThemeId}`;
  });
  // Publish a version on the website.
  const frozen = await freezeSnapshot(as('analyst'), ids.openConsultation, 'Versie december');
  if (!frozen.ok) throw new Error(frozen.code);
  const published = await publishVersion(
    as('analyst'),
    ids.openConsultation,
    frozen.snapshotId,
    'Wat we hoorden',
  );
  expect(published).toMatchObject({ ok: true });
  // An export of the current state, for one audience.
  await startExport(as('analyst'), {
    consultation: 'open',
    source: 'current',
    audience: 'inwoner',
    format: 'json',
  });
  // Admin: a resident's removal request (by the code only the resident has).
  await db.asOwner(
    (tx) => tx.sql`
      with s as (
        insert into public.submissions (id, consultation_id, audience, consent_at, reference_code)
        values ('61000000-0000-4000-8000-000000000001', ${ids.openConsultation}, 'inwoner', now(), 'WXYZ-2345')
        returning id)
      insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, body)
      select '71000000-0000-4000-8000-000000000001', ${ids.openConsultation}, 'online', 'inwoner', s.id,
             ${ids.question}, 'Een tekst die nooit in het logboek komt.'
      from s`,
  );
  const removed = await removeSubmission(as('admin'), 'WXYZ-2345');
  expect(removed).toMatchObject({ ok: true });
  // The retention job (nothing expired in this world, still logged).
  await purgeExpired(db);
  // Admin: a role change.
  await as('admin').run(
    (tx) =>
      tx.sql`update public.staff_members set role = 'moderator' where user_id = ${ids.staff.otherFacilitator}`,
  );
  log = await readAll();
}, 60_000);
afterAll(() => db?.dispose());

describe('the audit log in Dutch with names', () => {
  test('times are Dutch and in Amsterdam time', () => {
    expect(formatWhen('2026-12-06T08:39:22.864+00:00')).toBe('6 december 2026, 09:39');
    expect(formatWhen('2026-07-01T22:05:00Z')).toBe('2 juli 2026, 00:05');
    for (const entry of log) expect(entry.when).toMatch(/^\d{1,2} [a-z]+ \d{4}, \d{2}:\d{2}$/);
  });

  test('a moderation reads as "Bericht goedgekeurd" by a named moderator about a readable item', () => {
    const entry = find('Bericht goedgekeurd');
    expect(entry.who).toBe('Moderator (moderator@doemee.test)');
    expect(entry.subject).toMatch(/^bericht 00000001 \(online, inwoner, \d{1,2} [a-z]{3} \d{4}\)$/);
    const lines = entry.changes.map(changeLine);
    expect(lines).toContain('status: nieuw → goedgekeurd');
    expect(lines).toContain('beoordeeld door: leeg → Moderator (moderator@doemee.test)');
    expect(lines.find((l) => l.startsWith('beoordeeld op: leeg → '))).toMatch(
      /→ \d{1,2} [a-z]+ \d{4}, \d{2}:\d{2}$/,
    );
  });

  test('the theme board: moves name the theme, publishing a theme says so, long text is shortened', () => {
    const moved = find('Bericht verplaatst naar Buren en familie');
    expect(moved.who).toBe('Analist (analyst@doemee.test)');
    expect(moved.subject).toMatch(/^bericht 00000002 .* bij Buren en familie$/);
    const published = find('Thema gepubliceerd');
    expect(published.subject).toBe('Vaste hulp');
    const reaction = published.changes.find((c) => c.field === 'wat doen we ermee');
    expect(reaction?.after.text.length).toBeLessThanOrEqual(60);
    expect(reaction?.after.text.endsWith('…')).toBe(true);
    expect(reaction?.after.full).toBe(longReaction);
  });

  test('a row that is gone shows "(verwijderd)", with the name the log kept when it has one', () => {
    expect(find('Bericht ook ingedeeld bij (verwijderd)').who).toBe('Analist (analyst@doemee.test)');
    const removed = find('Bericht uit (verwijderd) gehaald');
    expect(removed.subject).toContain('bij (verwijderd)');
    const deleted = log.find((e) => e.action === 'Thema verwijderd');
    expect(deleted?.subject).toBe('=HYPERLINK("http://x") (verwijderd)');
  });

  test('a removed submission and its items are named by what the log kept, never by text or code', () => {
    const submission = find('Inzending verwijderd');
    expect(submission.subject).toMatch(
      /^inzending 00000001 \(online, inwoner, \d{1,2} [a-z]{3} \d{4}\) \(verwijderd\)$/,
    );
    expect(submission.changes.map(changeLine)).toContain('persoonlijke code van de inzender: niet getoond');
    expect(JSON.stringify(log)).not.toContain('WXYZ-2345');
    expect(JSON.stringify(log)).not.toContain('nooit in het logboek');
    const item = log.find(
      (e) =>
        e.action === 'Bericht verwijderd' &&
        e.subject.startsWith('bericht 00000001') &&
        e.subject.endsWith(GONE),
    );
    expect(item?.subject).toMatch(
      /^bericht 00000001 \(online, inwoner, \d{1,2} [a-z]{3} \d{4}\) \(verwijderd\)$/,
    );
    expect(item?.changes.map(changeLine)).toContain('vraag: vraag "Wat is voor u belangrijk?"');
  });

  test('publishing a version and a role change read as such', () => {
    const version = find('Versie gepubliceerd op de website');
    expect(version.subject).toMatch(/^"Wat we hoorden", gepubliceerd \d{1,2} [a-z]+ \d{4}$/);
    expect(version.changes.map(changeLine)).toContain(
      `vastgelegde versie: "Versie december" van ${version.subject.split('gepubliceerd ')[1]}`,
    );
    const role = find('Rol van medewerker gewijzigd in moderator');
    expect(role.who).toBe('Admin (admin@doemee.test)');
    expect(role.subject).toBe('Andere gespreksleider (other@doemee.test)');
    expect(role.changes.map(changeLine)).toEqual(['rol: gespreksleider → moderator']);
  });

  test('an export lists its format, filters and counts in words', () => {
    const exported = find('Export gemaakt');
    expect(exported.who).toBe('Analist (analyst@doemee.test)');
    expect(exported.subject).toBe('huidige stand');
    const byField = new Map(exported.changes.map((c) => [c.field, c.after]));
    expect(byField.get('bestandsformaat')?.text).toBe('JSON');
    expect(byField.get('gemaakt via')?.text).toBe('de werkplek');
    expect(byField.get('filters')?.parts).toEqual(
      expect.arrayContaining([
        { label: 'raadpleging', value: 'open' },
        { label: 'doelgroep', value: 'inwoner' },
      ]),
    );
    expect(byField.get('aantallen')?.parts?.find((p) => p.label === 'per doelgroep')?.value).toMatch(
      /^inwoner \d+$/,
    );
  });

  test('the retention job reads as such, by the system, with its counts in words', () => {
    const purge = find('Bewaartermijn verlopen: gegevens verwijderd');
    expect(purge.who).toBe('systeem');
    expect(purge.subject).toBe('verlopen raadplegingen');
    expect(purge.changes.map(changeLine)).toEqual(
      expect.arrayContaining(['raadplegingen: 0', 'e-mailadressen: 0', 'verlopen raadplegingen: geen']),
    );
  });

  test('nothing on the page is an id, a code, a UTC time or JSON', () => {
    expect(log.length).toBeGreaterThan(20);
    const text = log.flatMap((e) => [e.who, e.action, e.subject, ...e.changes.map(changeLine)]);
    const raw = text.filter(
      (t) =>
        /[0-9a-f]{8}-[0-9a-f]{4}-/.test(t) || // a UUID
        /\d{4}-\d{2}-\d{2}T/.test(t) || // an ISO time
        /\b[a-z]+_[a-z_]+\b/.test(t) || // a column or table name
        /[{[]"/.test(t) || // JSON
        /\b(true|false|null)\b/.test(t),
    );
    expect(raw).toEqual([]);
  });

  test('names for a whole page come from one query, whatever the page size', async () => {
    for (const size of [5, 200]) {
      let queries = 0;
      await as('admin').run(async (tx) => {
        const counting = new Proxy(tx, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver);
            if (key === 'query' || key === 'sql')
              return (...args: unknown[]) => {
                queries += 1;
                return (value as (...a: unknown[]) => unknown).apply(target, args);
              };
            return value;
          },
        }) as Tx;
        const page = await readPage(counting, {}, undefined, size);
        expect(page.entries.length).toBe(Math.min(size, log.length));
      });
      expect(queries).toBe(2); // the page and its names
    }
  });
});

describe('the log as CSV for an auditor', () => {
  test('Dutch headers, the same lines as the page, formulas neutralised, and the download is logged', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const result = await auditLogCsv(as('admin'), { entity: 'themes', from: today, to: today });
    if (!result.ok) throw new Error(result.code);
    expect(result.csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(result.csv, {
      bom: true,
      delimiter: ';',
      // As a spreadsheet reads it: a bare line break ends a row unless it is inside quotes.
      record_delimiter: ['\r\n', '\n'],
    });
    expect(rows[0]).toEqual([...csvHeaders]);
    const body = rows.slice(1);
    expect(body.length).toBe(result.count);
    const page = log.filter((e) => body.some((r) => r[0] === String(e.id)));
    expect(page.length).toBe(body.length);
    for (const row of body) {
      const entry = log.find((e) => String(e.id) === row[0]) as ReadableEntry;
      const subject = entry.subject.startsWith('=') ? `'${entry.subject}` : entry.subject;
      expect(row).toEqual([
        String(entry.id),
        entry.when,
        entry.who,
        entry.action,
        subject,
        entry.changes.map(changeLine).join('\n'),
      ]);
    }
    expect(body.some((r) => r[4] === `'=HYPERLINK("http://x") (verwijderd)`)).toBe(true);
    expect(body.every((r) => !/^[=+\-@]/.test(r[4] as string))).toBe(true);

    const after = await listAuditLog(as('admin'), { entity: 'export' });
    if (!after.ok) throw new Error(after.code);
    const download = readable(after.entries[0] as (typeof after.entries)[number], after.names);
    expect(download.action).toBe('Logboek gedownload');
    expect(download.who).toBe('Admin (admin@doemee.test)');
    expect(download.changes.map(changeLine)).toEqual(
      expect.arrayContaining(['bestandsformaat: CSV', `aantallen: regels: ${result.count}`]),
    );
  });

  test('only admins can download it', async () => {
    for (const persona of ['anon', 'moderator', 'analyst'] as const)
      expect(await auditLogCsv(as(persona), {})).toEqual({ ok: false, code: 'audit.notAllowed' });
    expect(await auditLogCsv(as('admin'), { from: '2026-02-30' })).toEqual({
      ok: false,
      code: 'audit.invalidFilter',
    });
  });
});
