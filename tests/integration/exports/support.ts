import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConsultations } from '../../../src/lib/content/load.server';
import { syncConsultation } from '../../../src/lib/content/sync.server';
import type { Caller, Database } from '../../../src/lib/db/types';
import { seedDemo } from '../../../src/lib/demo/seed.server';
import { contentDir } from '../../support/paths';
import { seedSqlFile } from '../../support/try-seed';

export const slug = 'krachtig-oud-worden';

/** Texts that must never leave the system in any export. */
export const secrets = {
  pending: 'GEHEIM-WACHTEND bel 06-12345678',
  rejected: 'GEHEIM-AFGEWEZEN reclame',
  original: 'GEHEIM-ORIGINEEL Jan Jansen',
  hidden: 'GEHEIM-VERBORGEN tekst',
} as const;

/** An approved text with every character CSV must quote: separators, quotes, a line break. */
export const awkward = 'Eerste regel; met "aanhalingstekens", komma\nen een tweede regel';
/** Only a line break: nothing else in it would make a CSV writer quote the field. */
export const twoLines = 'Twee regels\nzonder leestekens';

/** Approved texts that a spreadsheet would run as formulas if they were not neutralised. */
export const formulas = [
  '=HYPERLINK("https://example.test","klik")',
  '+1+2',
  '-3+4',
  '@SUM(1,2)',
  '\t=1+1',
  // Issue 16, item 13: hidden behind invisible or white characters.
  '\u200B=HYPERLINK("https://example.test","zero width")',
  // (A BOM first would be dropped by the embedded database's text decoder, so it comes second.)
  '\u2060\uFEFF+5+6',
  '\u202E\u200F@SUM(3,4)',
  '\u00A0=1+2',
  '\r\n-7+8',
];

export interface Fixture {
  consultationId: string;
  redactedItem: string;
  formulaItems: string[];
  callers: Record<'admin' | 'analyst' | 'moderator' | 'facilitator', Caller>;
}

/** The demo seed plus items that test what may and may not be exported. */
export async function buildFixture(db: Database): Promise<Fixture> {
  for (const c of await loadConsultations(contentDir)) await syncConsultation(db, c);
  await seedDemo(db, seedSqlFile, 'demo-wachtwoord-voor-tests');
  const staff = await db.asOwner(
    (tx) =>
      tx.sql<{ user_id: string; email: string; role: 'admin' | 'analyst' | 'moderator' | 'facilitator' }>`
      select user_id, email, role::text as role from public.staff_members`,
  );
  const callers = Object.fromEntries(
    staff.map((s) => [s.role, { kind: 'staff', userId: s.user_id, email: s.email, staffRole: s.role }]),
  ) as Fixture['callers'];
  const [c] = await db.asOwner(
    (tx) => tx.sql<{ id: string }>`select id from public.consultations where slug = ${slug}`,
  );
  const consultationId = c?.id as string;
  const stop = 'd0000000-0000-4000-8000-000000000101';
  const note = async (body: string, status: string, extra: { reason?: string; pii?: unknown[] } = {}) => {
    const id = randomUUID();
    await db.asOwner(
      (tx) => tx.sql`insert into public.input_items
        (id, consultation_id, channel, audience, stop_id, kind, body, status, reject_reason, pii_spans)
        values (${id}, ${consultationId}, 'roadtour', 'inwoner', ${stop}, 'point', ${body}, ${status},
                ${extra.reason ?? null}, ${JSON.stringify(extra.pii ?? [])}::jsonb)`,
    );
    return id;
  };
  await note(secrets.pending, 'new', { pii: [{ type: 'phone', start: 20, end: 31 }] });
  await note(secrets.rejected, 'rejected', { reason: 'spam' });
  await note(secrets.hidden, 'hidden');
  // Redacted the way moderation does it: the trigger moves the original to input_originals.
  const redactedItem = await note(secrets.original, 'new');
  await db.asOwner(
    (tx) =>
      tx.sql`update public.input_items set body = 'GEREDIGEERD [naam verwijderd]', status = 'approved' where id = ${redactedItem}`,
  );
  await note(awkward, 'approved');
  await note(twoLines, 'approved');
  const formulaItems: string[] = [];
  for (const f of formulas) formulaItems.push(await note(f, 'approved'));
  return { consultationId, redactedItem, formulaItems, callers };
}

/** Collects what an export writes. */
export class Collect extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    done();
  }
  get buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
