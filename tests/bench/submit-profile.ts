/**
 * Where the database's time goes for one answer (issue 21), on the benchmark's own database after
 * its load: the statements the server sends for one submission (the rate-limit counter, the
 * submission, its three answers) run as the anonymous caller with EXPLAIN (ANALYZE, BUFFERS), each
 * in a savepoint that is rolled back, `rounds` times; the medians per statement and per trigger
 * (foreign-key checks) are printed.
 *
 * Policies, indexes and the generated search column do not show in EXPLAIN, so their cost is
 * measured by taking them away: the same rounds run in a transaction that drops one index (or
 * turns one policy into `true`, or drops the column) and is rolled back afterwards; the difference
 * to the full schema's time is that piece's cost. Works the same on PGlite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { becomeCaller } from '../../src/lib/db/caller';
import type { Database, OwnerTx } from '../../src/lib/db/types';
import { answerId, referenceCode } from '../../src/lib/inputs/reference';
import { storeStatements } from '../../src/lib/inputs/submit.server';
import { detectPersonalData } from '../../src/lib/privacy';
import { residentForm } from '../support/server';

interface Plan {
  'Execution Time': number;
  'Planning Time': number;
  Planning?: { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number };
  Plan: { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number };
  Triggers?: { 'Trigger Name': string; 'Constraint Name'?: string; Relation?: string; Time: number }[];
}

/** A change to the schema for one measurement, and its name in the output. */
interface Variant {
  readonly label: string;
  readonly ddl?: string;
}

class Rollback extends Error {}

/**
 * The fastest round: on a machine shared with other work a round only gets slower (another process
 * takes the core, the caches go cold), so the fastest is what the work itself costs.
 */
const fastest = (values: number[]) => Math.min(...values);

const answersText = (form: ReturnType<typeof residentForm>) => Object.entries(form.answers);

/** Calls and total milliseconds per function in schema private, this transaction so far. */
async function functionCalls(tx: OwnerTx): Promise<Map<string, { calls: number; ms: number }>> {
  const rows = await tx.query<{ name: string; calls: number; ms: number }>(
    "select funcname as name, calls::int as calls, total_time::float8 as ms from pg_stat_xact_user_functions where schemaname = 'private'",
  );
  return new Map(rows.map((r) => [r.name, { calls: Number(r.calls), ms: Number(r.ms) }]));
}

/** Buffer pages the statement touched (found in shared buffers or read), planning included. */
const blocks = (plan: Plan) =>
  (plan.Plan['Shared Hit Blocks'] ?? 0) +
  (plan.Plan['Shared Read Blocks'] ?? 0) +
  (plan.Planning?.['Shared Hit Blocks'] ?? 0) +
  (plan.Planning?.['Shared Read Blocks'] ?? 0);

/** Milliseconds per statement and per trigger of one submission, fastest of `rounds`. */
async function measure(
  db: Database,
  variant: Variant,
  rounds: number,
  consultationId: string,
  questions: { id: string; key: string }[],
): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>();
  const note = (name: string, ms: number) => {
    const list = samples.get(name) ?? [];
    list.push(ms);
    samples.set(name, list);
  };
  const secret = new TextEncoder().encode('profile-reference-codes');
  const anon = becomeCaller({ kind: 'anon' });
  const explain = async (tx: OwnerTx, name: string, text: string, params: readonly unknown[]) => {
    const [row] = await tx.query<{ 'QUERY PLAN': Plan[] | string }>(
      `explain (analyze, buffers, format json) ${text}`,
      params,
    );
    const raw = row?.['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)?.[0] as Plan;
    note(`${name}`, plan['Execution Time'] + plan['Planning Time']);
    note(`${name} (planning)`, plan['Planning Time']);
    note(`${name}: buffer pages touched`, blocks(plan));
    for (const trigger of plan.Triggers ?? [])
      note(`  trigger ${trigger['Constraint Name'] ?? trigger['Trigger Name']}`, trigger.Time);
  };
  try {
    await db.asOwner(async (tx) => {
      if (variant.ddl) await tx.exec(variant.ddl);
      // Calls and time per function in this transaction (pg_stat_xact_user_functions).
      await tx.query("set local track_functions = 'all'");
      for (let round = 0; round < rounds; round++) {
        const form = residentForm(randomUUID());
        const answers = answersText(form).map(([key, text]) => {
          const question = questions.find((q) => q.key === key) ?? { id: randomUUID(), key };
          return [question, text] as const;
        });
        const [submission, items] = storeStatements(
          consultationId,
          { submissionId: form.submissionId, audience: 'inwoner' },
          referenceCode(secret, form.submissionId),
          answers,
          answers.map(([, text]) => JSON.stringify(detectPersonalData(text))),
        );
        await tx.query('savepoint profile');
        const before = await functionCalls(tx);
        await tx.query(anon.text, anon.params);
        await explain(
          tx,
          'rate-limit counter',
          'select hits, window_end from private.abuse_hit($1, $2, 60, 1)',
          ['rate:submit', `profile-${round % 50}`],
        );
        if (submission) await explain(tx, 'insert submission', submission.text, submission.params ?? []);
        if (items) await explain(tx, 'insert 3 answers', items.text, items.params ?? []);
        await tx.query('reset role');
        const after = await functionCalls(tx);
        for (const [name, { calls, ms }] of after) {
          const was = before.get(name) ?? { calls: 0, ms: 0 };
          if (calls > was.calls) {
            note(`function ${name}: calls`, calls - was.calls);
            note(`function ${name}: ms`, ms - was.ms);
          }
        }
        await tx.query('rollback to savepoint profile');
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return new Map([...samples].map(([name, values]) => [name, fastest(values)]));
}

/**
 * Milliseconds per submission of the same two inserts for `per` submissions at once (one statement
 * for the submissions, one for their answers), fastest of `rounds`: per-row work (policies,
 * indexes, the generated column, foreign keys) adds up over many rows, so taking one piece away
 * shows above the noise of a busy machine.
 */
async function measureBulk(
  db: Database,
  variant: Variant,
  rounds: number,
  consultationId: string,
  questions: { id: string; key: string }[],
  per = 100,
): Promise<{ ms: number; pages: number }> {
  const secret = new TextEncoder().encode('profile-reference-codes');
  const anon = becomeCaller({ kind: 'anon' });
  const times: number[] = [];
  const pages: number[] = [];
  let roundPages = 0;
  const executed = async (tx: OwnerTx, text: string, params: readonly unknown[]) => {
    const [row] = await tx.query<{ 'QUERY PLAN': Plan[] | string }>(
      `explain (analyze, buffers, format json) ${text}`,
      params,
    );
    const raw = row?.['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)?.[0] as Plan;
    roundPages += blocks(plan);
    return plan['Execution Time'] + plan['Planning Time'];
  };
  try {
    await db.asOwner(async (tx) => {
      if (variant.ddl) await tx.exec(variant.ddl);
      for (let round = 0; round < rounds; round++) {
        const forms = Array.from({ length: per }, () => residentForm(randomUUID()));
        const rows = forms.flatMap((form) =>
          Object.entries(form.answers).map(([key, text]) => ({
            form,
            question: questions.find((q) => q.key === key)?.id ?? randomUUID(),
            id: answerId(form.submissionId, key),
            text,
          })),
        );
        await tx.query('savepoint profile');
        await tx.query(anon.text, anon.params);
        roundPages = 0;
        const ms =
          (await executed(
            tx,
            `insert into public.submissions (id, consultation_id, audience, channel, consent_at, reference_code)
             select a.id, $1, 'inwoner', 'online', now(), a.code from unnest($2::uuid[], $3::text[]) as a(id, code)`,
            [
              consultationId,
              forms.map((f) => f.submissionId),
              forms.map((f) => referenceCode(secret, f.submissionId)),
            ],
          )) +
          (await executed(
            tx,
            `insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, kind, body, pii_spans)
             select a.id, $1, 'online', 'inwoner', a.submission_id, a.question_id, 'answer', a.body, a.pii_spans::jsonb
             from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[]) as a(id, submission_id, question_id, body, pii_spans)`,
            [
              consultationId,
              rows.map((r) => r.id),
              rows.map((r) => r.form.submissionId),
              rows.map((r) => r.question),
              rows.map((r) => r.text),
              rows.map((r) => JSON.stringify(detectPersonalData(r.text))),
            ],
          ));
        times.push(ms / per);
        pages.push(roundPages / per);
        await tx.query('rollback to savepoint profile');
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return { ms: fastest(times), pages: fastest(pages) };
}

/** The profile as printable lines. `rounds` per variant. */
export async function profileDatabase(db: Database, rounds = 60): Promise<string[]> {
  const [consultation] = await db.asOwner((tx) =>
    tx.query<{ id: string }>("select id from public.consultations where slug = 'krachtig-oud-worden'"),
  );
  const questions = await db.asOwner((tx) =>
    tx.query<{ id: string; key: string }>(
      "select id, key from public.questions where consultation_id = $1 and audience = 'inwoner'",
      [consultation?.id],
    ),
  );
  if (!consultation) return ['  (no consultation: no profile)'];
  const indexes = await db.asOwner((tx) =>
    tx.query<{ name: string; table: string }>(
      `select i.relname as name, t.relname as table
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
       where t.relnamespace = 'public'::regnamespace and t.relname in ('submissions', 'input_items')
         and not x.indisunique and not x.indisprimary
       order by t.relname, i.relname`,
    ),
  );
  const policies = await db.asOwner((tx) =>
    tx.query<{ name: string; table: string }>(
      `select policyname as name, tablename as "table" from pg_policies
       where schemaname = 'public' and tablename in ('submissions', 'input_items')
         and cmd = 'INSERT' and 'doemee_anon' = any(roles)`,
    ),
  );
  const hasSearch = await db.asOwner(
    async (tx) =>
      (
        await tx.query<{ n: number }>(
          "select count(*)::int as n from pg_attribute where attrelid = 'public.input_items'::regclass and attname = 'search' and not attisdropped",
        )
      )[0]?.n === 1,
  );
  const variants: Variant[] = [
    ...policies.map((p) => ({
      label: `policy "${p.name}" (${p.table})`,
      ddl: `alter policy "${p.name}" on public.${p.table} with check (true)`,
    })),
    ...indexes.map((i) => ({ label: `index ${i.name}`, ddl: `drop index public.${i.name}` })),
    ...(hasSearch
      ? [
          {
            label: 'generated column input_items.search and its GIN index',
            ddl: 'alter table public.input_items drop column search cascade',
          },
        ]
      : []),
  ];
  const measureOne = (variant: Variant) => measure(db, variant, rounds, consultation.id, questions);
  // Warm up (plans, caches), then the full schema.
  await measureOne({ label: 'warm-up' });
  const base = await measureOne({ label: 'as it is' });
  const total = ['rate-limit counter', 'insert submission', 'insert 3 answers'].reduce(
    (sum, name) => sum + (base.get(name) ?? 0),
    0,
  );
  const lines = [
    `  database profile: EXPLAIN (ANALYZE, BUFFERS) as doemee_anon, fastest of ${rounds} rounds, ms per answer (commit not included):`,
  ];
  for (const [name, ms] of base) lines.push(`    ${name.padEnd(62)} ${ms.toFixed(3)}`);
  lines.push(`    ${'statements together'.padEnd(62)} ${total.toFixed(3)}`);
  const bulkRounds = Math.max(3, Math.round(rounds / 8));
  const measureBulkOne = (variant: Variant) =>
    measureBulk(db, variant, bulkRounds, consultation.id, questions);
  await measureBulkOne({ label: 'warm-up' });
  const all: number[] = [];
  const allPages: number[] = [];
  const deltas: string[] = [];
  // Each piece right after the full schema once more: rolled-back rows leave dead index entries
  // behind, so later rounds get slower, and a pair measured side by side drifts together.
  for (const variant of [...variants, { label: '(nothing taken away: the noise)' }]) {
    const base = await measureBulkOne({ label: 'as it is' });
    const without = await measureBulkOne(variant);
    all.push(base.ms);
    allPages.push(base.pages);
    deltas.push(
      `    ${variant.label.padEnd(62)} ${(base.ms - without.ms).toFixed(3)} ms, ${(base.pages - without.pages).toFixed(1)} pages`,
    );
  }
  lines.push(
    `  cost of each policy, index and generated column: the inserts of 100 submissions and their 300 answers in one go,` +
      ` with and without it, fastest of ${bulkRounds} each, per submission (all of it: ${Math.min(...all).toFixed(3)} ms,` +
      ` ${Math.min(...allPages).toFixed(1)} buffer pages touched; the pages hardly depend on other load, the ms do):`,
    ...deltas,
  );
  return lines;
}
