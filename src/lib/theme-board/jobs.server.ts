import { readEnv } from '../config/env.server';
import { sqlState } from '../db/errors';
import type { Caller, CallerDb, Database, Tx } from '../db/types';
import { type EmbeddingsConfig, embeddingsConfig, embedItems } from '../embeddings';
import { CATCH_ALL_ID, type ClusterResult } from '../themes';
import { type EngineMode, runEngine } from './engine-runner.server';
import { guidedThemes } from './guided.server';
import { readRunInput, writeRun } from './persist.server';
import { type BoardResult, type RunFilters, RunFiltersSchema, type StartJob } from './schema';
import { lockThemes, mayEditThemes, refusal } from './state.server';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ThemeJob {
  id: string;
  consultationId: string;
  kind: 'propose' | 'split';
  themeId: string | null;
  filters: RunFilters;
  status: JobStatus;
  progress: number;
  summary: Record<string, unknown>;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface JobRow {
  id: string;
  consultation_id: string;
  kind: 'propose' | 'split';
  theme_id: string | null;
  filters: unknown;
  status: JobStatus;
  progress: number;
  summary: Record<string, unknown>;
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const toJob = (r: JobRow): ThemeJob => ({
  id: r.id,
  consultationId: r.consultation_id,
  kind: r.kind,
  themeId: r.theme_id,
  filters: RunFiltersSchema.catch({}).parse(
    typeof r.filters === 'string' ? JSON.parse(r.filters) : r.filters,
  ),
  status: r.status,
  progress: Number(r.progress),
  summary: typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary,
  error: r.error,
  createdAt: new Date(r.created_at).toISOString(),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
});

const jobColumns = `id, consultation_id, kind, theme_id, filters, status, progress, summary, error, created_at, finished_at`;

/** A run that has not reported for this long is taken to have died with its server. */
const staleAfter = '15 minutes';

/**
 * Records a run (queued) for the caller. One run at a time per consultation (a unique index);
 * a run that stopped reporting long ago is marked failed first. A split names the theme version
 * the analyst saw. Start the work itself with runJob, outside any transaction.
 */
export async function startJob(
  db: CallerDb,
  consultationId: string,
  input: StartJob,
): Promise<BoardResult<{ job: ThemeJob }>> {
  try {
    return await db.run(async (tx) => {
      if (!(await mayEditThemes(tx))) return { ok: false, code: 'board.notAllowed' } as const;
      await tx.query(
        `update public.theme_jobs set status = 'failed', error = 'De berekening is gestopt (de server is herstart).',
           finished_at = now(), updated_at = now()
         where consultation_id = $1 and status in ('queued', 'running') and updated_at < now() - interval '${staleAfter}'`,
        [consultationId],
      );
      if (input.kind === 'split') {
        const state = (await lockThemes(tx, [input.themeId])).get(input.themeId);
        const code = refusal(state, input.expectedVersion);
        if (code) return { ok: false, code } as const;
        if (state?.consultationId !== consultationId) return { ok: false, code: 'board.notFound' } as const;
      }
      if (input.kind === 'propose') {
        // Nothing to divide: say so and start nothing.
        const f = input.filters;
        const [any] = await tx.sql<{ id: string }>`
          select i.id from public.input_items i
          where i.consultation_id = ${consultationId} and i.status = 'approved'
            and (${f.audience ?? null}::public.audience is null or i.audience = ${f.audience ?? null}::public.audience)
            and (${f.channel ?? null}::public.channel is null or i.channel = ${f.channel ?? null}::public.channel)
            and (${f.questionId ?? null}::uuid is null or i.question_id = ${f.questionId ?? null}::uuid)
          limit 1`;
        if (!any) return { ok: false, code: 'board.noInput' } as const;
      }
      const [row] = await tx.query<JobRow>(
        `insert into public.theme_jobs (consultation_id, kind, theme_id, filters)
         values ($1, $2, $3, $4::text::jsonb) returning ${jobColumns}`,
        [
          consultationId,
          input.kind,
          input.kind === 'split' ? input.themeId : null,
          JSON.stringify(input.kind === 'propose' ? input.filters : {}),
        ],
      );
      if (!row) return { ok: false, code: 'board.notFound' } as const;
      return { ok: true, job: toJob(row) } as const;
    });
  } catch (error) {
    if (sqlState(error) === '23505') return { ok: false, code: 'board.jobRunning' };
    if (sqlState(error) === '23503' || sqlState(error) === '22P02')
      return { ok: false, code: 'board.notFound' };
    throw error;
  }
}

export async function readJob(db: CallerDb, jobId: string): Promise<ThemeJob | null> {
  return db.run(async (tx) => {
    const [row] = await tx.query<JobRow>(`select ${jobColumns} from public.theme_jobs where id = $1`, [
      jobId,
    ]);
    return row ? toJob(row) : null;
  });
}

/** The consultation's latest run, for the board to pick up a run in progress. */
export async function latestJob(db: CallerDb, consultationId: string): Promise<ThemeJob | null> {
  return db.run(async (tx) => {
    const [row] = await tx.query<JobRow>(
      `select ${jobColumns} from public.theme_jobs where consultation_id = $1 order by created_at desc, id desc limit 1`,
      [consultationId],
    );
    return row ? toJob(row) : null;
  });
}

export interface JobOutcome {
  status: 'done' | 'failed';
  mode?: EngineMode;
  summary?: Record<string, unknown>;
  error?: string;
}

/**
 * Does a recorded run, as the analyst who started it (RLS applies): reads the input, runs the
 * engine off the event loop with progress written to the job record, and writes the result back.
 * Never throws: a failure is recorded on the job. Each step is its own transaction.
 */
export async function runJob(
  database: Database,
  caller: Caller,
  jobId: string,
  options: { worker?: boolean; embeddings?: EmbeddingsConfig | null } = {},
): Promise<JobOutcome> {
  const as = <T>(fn: (tx: Tx) => Promise<T>) => database.transaction(caller, fn);
  const report = (fields: { status?: JobStatus; progress?: number }) =>
    as(
      (tx) => tx.sql`
        update public.theme_jobs
        set status = coalesce(${fields.status ?? null}::text, status),
            progress = greatest(progress, coalesce(${fields.progress ?? null}::real, progress)),
            updated_at = now()
        where id = ${jobId} and status in ('queued', 'running')`,
    );
  try {
    const [row] = await as((tx) =>
      tx.query<JobRow>(`select ${jobColumns} from public.theme_jobs where id = $1`, [jobId]),
    );
    if (row?.status !== 'queued') throw new Error('Deze berekening bestaat niet of is al gestart.');
    const job = toJob(row);
    await report({ status: 'running', progress: 0.02 });

    const [consultation] = await as(
      (tx) =>
        tx.sql<{ slug: string }>`select slug from public.consultations where id = ${job.consultationId}`,
    );
    if (!consultation) throw new Error('Deze raadpleging bestaat niet.');
    const guided = job.kind === 'propose' ? await as((tx) => guidedThemes(tx, job.consultationId)) : [];
    const input =
      job.kind === 'propose'
        ? await as((tx) => readRunInput(tx, job.consultationId, job.filters, guided))
        : {
            items: await as((tx) => themeItems(tx, job.themeId as string)),
            themes: [],
            manual: [],
            kept: new Set<string>(),
            confirmed: new Set<string>(),
            fresh: new Set<string>(),
          };
    if (input.items.length === 0)
      throw new Error('Er zijn (met deze filters) geen goedgekeurde berichten om te verdelen.');
    await report({ progress: 0.05 });

    // Optional semantic backend (EMBEDDINGS_URL): vectors of the approved (redacted) text, or
    // none when it is off or failed (the summary then says so and the engine runs lexically).
    const semanticConfig =
      options.embeddings === undefined ? embeddingsConfig(readEnv()) : options.embeddings;
    const semantic = semanticConfig
      ? await embedItems(
          database,
          caller,
          input.items.map((i) => i.id),
          semanticConfig,
          (f) => report({ progress: 0.05 + 0.1 * f }),
        )
      : undefined;

    // Progress writes one after the other, at most every 5 % or second, never overlapping.
    let written = 0.05;
    let lastAt = 0;
    let chain: Promise<unknown> = Promise.resolve();
    const onProgress = (fraction: number) => {
      const overall = 0.05 + 0.85 * Math.min(1, Math.max(0, fraction));
      if (overall - written < 0.05 && Date.now() - lastAt < 1000) return;
      written = overall;
      lastAt = Date.now();
      chain = chain.then(() => report({ progress: overall })).catch(() => undefined);
    };
    const embeddings = semantic?.vectors ? { embeddings: semantic.vectors } : {};
    const engineInput =
      job.kind === 'propose'
        ? { items: input.items, themes: input.themes, manual: input.manual, seed: 1, ...embeddings }
        : { items: input.items, seed: 1, minThemes: 2, maxThemes: 6, ...embeddings };
    const { result, mode } = await runEngine(engineInput, onProgress, options);
    await chain;
    await report({ progress: 0.92 });

    const summary: Record<string, unknown> = {
      mode,
      ...(semantic ? { embeddings: semantic.summary } : {}),
      ...(job.kind === 'propose'
        ? await as((tx) => writeRun(tx, job.consultationId, job.filters, input, result, guided, job.id))
        : await as((tx) => writeSplit(tx, job.consultationId, job.themeId as string, result))),
    };
    await as(
      (tx) => tx.sql`
        update public.theme_jobs
        set status = 'done', progress = 1, summary = ${JSON.stringify(summary)}::text::jsonb,
            finished_at = now(), updated_at = now()
        where id = ${jobId}`,
    );
    return { status: 'done', mode, summary };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    console.error(`theme job ${jobId} failed:`, message);
    await as(
      (tx) => tx.sql`
        update public.theme_jobs
        set status = 'failed', error = ${message}, finished_at = now(), updated_at = now()
        where id = ${jobId} and status in ('queued', 'running')`,
    ).catch(() => undefined);
    return { status: 'failed', error: message };
  }
}

/** The approved items whose primary theme is this one (what a split re-clusters). */
async function themeItems(tx: Tx, themeId: string) {
  return tx.sql<{ id: string; text: string }>`
    select i.id, i.body as text from public.theme_assignments a
    join public.input_items i on i.id = a.input_item_id
    where a.theme_id = ${themeId} and a.is_primary and i.status = 'approved'
    order by i.id`;
}

/**
 * Writes a split back: the largest group stays in the theme (with its name, description and the
 * analyst's items); every other group becomes a new candidate theme with the engine's label and
 * takes its automatic items along. Refused when the theme was locked, merged or dismissed meanwhile.
 */
async function writeSplit(tx: Tx, consultationId: string, themeId: string, result: ClusterResult) {
  const state = (await lockThemes(tx, [themeId])).get(themeId);
  const code = refusal(state, null);
  if (code)
    throw new Error('Het thema is intussen vergrendeld, samengevoegd of weggezet; er is niets gesplitst.');
  const groups = result.themes
    .filter((t) => t.id !== CATCH_ALL_ID && t.size > 0)
    .sort((a, b) => b.size - a.size);
  if (groups.length < 2) return { parts: 1, newThemes: 0, moved: 0 };
  const [keep, ...split] = groups;
  if (keep)
    await tx.sql`
      update public.themes set top_terms = array(select jsonb_array_elements_text(${JSON.stringify(keep.terms)}::text::jsonb))
      where id = ${themeId}`;
  const [{ next } = { next: 0 }] = await tx.sql<{ next: number }>`
    select coalesce(max(position) + 1, 0)::int as next from public.themes where consultation_id = ${consultationId}`;
  let moved = 0;
  for (const [index, group] of split.entries()) {
    const [created] = await tx.sql<{ id: string }>`
      insert into public.themes (consultation_id, label, origin, status, top_terms, position)
      values (${consultationId}, ${group.label.slice(0, 160)}, 'discovered', 'candidate',
              array(select jsonb_array_elements_text(${JSON.stringify(group.terms)}::text::jsonb)), ${next + index})
      returning id`;
    const members = result.assignments.filter((a) => a.themeId === group.id).map((a) => a.itemId);
    moved += await tx.execute(
      `update public.theme_assignments set theme_id = $1
       where theme_id = $2 and source = 'auto' and is_primary
         and input_item_id = any(array(select value::uuid from jsonb_array_elements_text($3::text::jsonb)))`,
      [created?.id, themeId, JSON.stringify(members)],
    );
  }
  return { parts: groups.length, newThemes: split.length, moved };
}
