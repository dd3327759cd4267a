/**
 * Issue 16, item 2: the results page was a lever against the answer form. Many visitors at once ran
 * the row policies per row, and on the embedded database (one connection, one queue) every
 * submission waited behind their reads. Now visitors share one read of the frozen page, so a
 * submission sent in the middle of a crowd has at most that one read ahead of it in the queue.
 * Counted, not timed: what stands before the submission is the database work the crowd caused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { anonymous } from '../../../src/lib/db/caller';
import { type Database, forCaller } from '../../../src/lib/db/types';
import { submitAnswers } from '../../../src/lib/inputs/submit.server';
import { publishVersion } from '../../../src/lib/publishing/versions.server';
import { forgetResults, readResults } from '../../../src/lib/results/read.server';
import { freezeSnapshot } from '../../../src/lib/theme-board/edit.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

const secret = new TextEncoder().encode('test-secret-for-reference-codes-0123456789');
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  const analyst = forCaller(db, callerFor('analyst'));
  const frozen = await freezeSnapshot(analyst, ids.openConsultation, 'Voor de drukte');
  if (!frozen.ok) throw new Error(frozen.code);
  const published = await publishVersion(analyst, ids.openConsultation, frozen.snapshotId, 'Wat we hoorden');
  if (!published.ok) throw new Error(published.code);
});
afterAll(() => db?.dispose());

/**
 * The database as the code sees it, writing down each unit of work in the order the database runs
 * it: "results" for a read of the public page, "submission" for the answer's batch, "other" else.
 */
function recording(inner: Database, log: string[]): Database {
  const label = (text: string) => (text.includes('published_results') ? 'results' : 'other');
  return {
    ...inner,
    driver: inner.driver,
    transaction: (caller, fn) =>
      inner.transaction(caller, (tx) => {
        let first = true;
        const note = (text: string) => {
          if (first) log.push(label(text));
          first = false;
        };
        return fn({
          ...tx,
          query: (text, params) => {
            note(text);
            return tx.query(text, params);
          },
          sql: (strings, ...values) => {
            note(strings.join('?'));
            return tx.sql(strings, ...values);
          },
          execute: (text, params) => {
            note(text);
            return tx.execute(text, params);
          },
        });
      }),
    batch: (caller, statements) => {
      log.push(
        statements.some((s) => /insert into public\.submissions/i.test(s.text)) ? 'submission' : 'other',
      );
      return inner.batch(caller, statements);
    },
  };
}

function answer(db: Database) {
  return submitAnswers(db, secret, 'open', {
    submissionId: randomUUID(),
    audience: 'inwoner',
    answers: { belangrijk: 'Hulp bij het zware werk, de rest doe ik zelf.' },
    consent: true,
  });
}

test('a submission in the middle of 300 visitors has at most one read of the results ahead of it', async () => {
  forgetResults();
  // Warm the rules the form reads, so only the crowd and the submission stand in the queue.
  expect((await answer(db)).ok).toBe(true);
  const log: string[] = [];
  const counted = recording(db, log);
  const visitors = Array.from({ length: 150 }, () => readResults(forCaller(counted, anonymous), 'open'));
  const submission = answer(counted);
  visitors.push(...Array.from({ length: 150 }, () => readResults(forCaller(counted, anonymous), 'open')));
  const [pages, stored] = await Promise.all([Promise.all(visitors), submission]);

  expect(stored.ok).toBe(true);
  expect(new Set(pages.map((p) => p?.publication?.id)).size).toBe(1);
  expect(pages[0]?.publication).not.toBeNull();
  expect(log).toContain('submission');
  const ahead = log.slice(0, log.indexOf('submission'));
  expect(ahead.filter((unit) => unit === 'results').length).toBeLessThanOrEqual(1);
  // And the crowd as a whole cost one read.
  expect(log.filter((unit) => unit === 'results').length).toBe(1);
});
