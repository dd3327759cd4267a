import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { audiences } from '../../../src/lib/content/schema';
import { forCaller } from '../../../src/lib/db/types';
import { findSubmissionByReference } from '../../../src/lib/inputs/lookup.server';
import { cleanText } from '../../../src/lib/inputs/schema';
import { submitAnswers } from '../../../src/lib/inputs/submit.server';
import { unsubscribe } from '../../../src/lib/mail/unsubscribe.server';
import { moderate } from '../../../src/lib/moderation/moderate.server';
import { applyRedaction } from '../../../src/lib/moderation/redaction.server';
import { syncNotes } from '../../../src/lib/roadtour/notes.server';
import { createStop } from '../../../src/lib/roadtour/stops.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { hostileObject, hostileString, hostileValue } from '../../support/hostile';
import { buildWorld, callerFor, ids } from '../../support/world';

// Domain-level fuzzing against the real database (PGlite, and Postgres when DATABASE_URL is set):
// generated hostile payloads through the same functions the routes call. Never an exception (a
// constraint violation or a driver error would throw), and what is stored is the cleaned text.

const runs = Number(process.env.FUZZ_RUNS ?? 1000);
vi.setConfig({ testTimeout: 300_000 });
const secret = new TextEncoder().encode('fuzz-secret-0123456789abcdefghijklmnopq');

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

/** Well-formed in shape, hostile in every free-text field: reaches the storing path. */
const plausible = fc.record(
  {
    submissionId: fc.constant(null).map(() => randomUUID()),
    audience: fc.constantFrom('inwoner', 'aanbieder'),
    organisationName: fc.oneof(
      { weight: 4, arbitrary: fc.constant('Thuiszorg <b>West</b>') },
      hostileString(250),
    ),
    answers: fc.oneof(
      { weight: 3, arbitrary: fc.record({ belangrijk: hostileString(1500) }) },
      { weight: 2, arbitrary: fc.record({ haalbaar: hostileString(1500) }) },
      { weight: 1, arbitrary: fc.dictionary(hostileString(20), hostileString(100), { maxKeys: 2 }) },
    ),
    ageBand: fc.constantFrom('', 'tot-55', '75-84', '85-plus', '', '', '<script>'),
    wijk: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, hostileString(100)),
    receivesHelp: fc.constantFrom('', 'ja', 'nee', '', '', "' or 1=1"),
    consent: fc.constant(true),
    email: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('', 'iemand@example.nl', 'a.b+c@gemeente.zoetermeer.nl') },
      fc.emailAddress(),
      hostileString(300),
    ),
  },
  { requiredKeys: ['submissionId', 'audience', 'answers', 'consent'] },
);
/** Anything at all, shaped like a submission or not. */
const submission = fc.oneof(
  { weight: 3, arbitrary: plausible },
  {
    weight: 1,
    arbitrary: hostileObject(
      [
        'submissionId',
        'audience',
        'organisationName',
        'answers',
        'ageBand',
        'wijk',
        'receivesHelp',
        'consent',
        'email',
      ],
      { submissionId: fc.uuid({ version: 4 }), audience: fc.constantFrom(...audiences) },
    ),
  },
);

describe(`domain fuzzing on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  test(`submitAnswers: ${runs * 2} hostile submissions, never a throw, stored text is the cleaned text`, async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(submission, async (input) => {
        const result = await submitAnswers(db, secret, 'open', input);
        if (!result.ok) {
          if (process.env.FUZZ_DEBUG) console.log(JSON.stringify(result.errors));
          expect([400, 404, 409]).toContain(result.status);
          return;
        }
        stored++;
        expect(result.referenceCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
        const { answers, submissionId } = input as { answers: Record<string, string>; submissionId: string };
        const rows = await db.asOwner((tx) =>
          tx.query<{ body: string; key: string }>(
            `select i.body, q.key from public.input_items i join public.questions q on q.id = i.question_id
             where i.submission_id = $1`,
            [submissionId],
          ),
        );
        for (const row of rows) {
          const sent = answers[row.key] ?? '';
          // Lone surrogates cannot be stored as UTF-8; they arrive as U+FFFD.
          expect(row.body).toBe(cleanText(sent).toWellFormed());
        }
      }),
      { numRuns: runs * 2 },
    );
    // The generators must reach the storing path, or the property says little.
    expect(stored).toBeGreaterThan(runs / 20);
    console.info(`submitAnswers fuzz: ${runs * 2} runs, ${stored} stored`);
  });

  test(`syncNotes: ${runs} hostile batches from a facilitator, never a throw`, async () => {
    const plausibleNote = fc.record({
      id: fc.constant(null).map(() => randomUUID()),
      topicKey: fc.constant('krachtig-oud'),
      kind: fc.constantFrom('point', 'idea', 'worry', 'wish', 'quote'),
      body: hostileString(6000),
      speaker: fc.oneof(fc.constant(null), hostileString(100)),
      clientCreatedAt: fc
        .date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    });
    const note = fc.oneof(
      { weight: 3, arbitrary: plausibleNote },
      {
        weight: 1,
        arbitrary: hostileObject(['id', 'topicKey', 'kind', 'body', 'speaker', 'clientCreatedAt']),
      },
    );
    const facilitator = forCaller(db, callerFor('facilitator'));
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileValue,
          fc.record({ stopId: fc.constant(ids.stop), notes: fc.array(note, { maxLength: 5 }) }),
        ),
        async (batch) => {
          const result = await syncNotes(facilitator, batch);
          expect(typeof result.ok).toBe('boolean');
          if (result.ok) created += result.results.filter((r) => r.result === 'created').length;
        },
      ),
      { numRuns: runs },
    );
    expect(created).toBeGreaterThan(runs / 20);
    console.info(`syncNotes fuzz: ${runs} batches, ${created} notes stored`);
  });

  test(`moderation, redaction, stops, unsubscribe, lookup: ${runs} hostile inputs each`, async () => {
    const moderator = forCaller(db, callerFor('moderator'));
    const facilitator = forCaller(db, callerFor('facilitator'));
    const admin = forCaller(db, callerFor('admin'));
    const items = [ids.newItem, ids.redactedItem, ids.approvedItem];
    await fc.assert(
      fc.asyncProperty(
        hostileObject(['itemId', 'expectedVersion', 'action', 'reason', 'spans'], {
          itemId: fc.constantFrom(...items),
          expectedVersion: fc.integer({ min: -2, max: 5 }),
          action: fc.constantFrom('approve', 'reject', 'hide', 'reopen'),
          reason: fc.constantFrom('spam', 'other', 'off_topic'),
          spans: fc.array(hostileObject(['start', 'end', 'type']), { maxLength: 3 }),
        }),
        async (input) => {
          expect(typeof (await moderate(moderator, input as never)).ok).toBe('boolean');
          expect(typeof (await applyRedaction(moderator, input as never)).ok).toBe('boolean');
        },
      ),
      { numRuns: runs },
    );
    await fc.assert(
      fc.asyncProperty(
        hostileObject([
          'consultationSlug',
          'name',
          'location',
          'startsAt',
          'groupType',
          'expectedParticipants',
        ]),
        async (input) => {
          expect(typeof (await createStop(facilitator, input)).ok).toBe('boolean');
        },
      ),
      { numRuns: runs },
    );
    await fc.assert(
      fc.asyncProperty(hostileValue, hostileString(40), async (token, code) => {
        expect(typeof (await unsubscribe(db, token))).toBe('boolean');
        const found = await findSubmissionByReference(admin, code);
        expect(found === null || typeof found === 'object').toBe(true);
      }),
      { numRuns: runs },
    );
  });

  test('no stored text anywhere holds NUL or control characters', async () => {
    const rows = await db.asOwner((tx) =>
      tx.query<{ n: number }>(
        `select count(*)::int as n from public.input_items where body ~ '[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]'`,
      ),
    );
    expect(rows[0]?.n).toBe(0);
  });
});
