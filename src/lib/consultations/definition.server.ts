import {
  type Audience,
  type Consultation,
  defaultProfile,
  type ProfileQuestion,
  profileQuestions,
} from '../content/schema';
import type { Tx } from '../db/types';

/** Profile question names in the database (snake case) and in content/ (camel case). */
const profileColumn: Record<ProfileQuestion, string> = {
  ageBand: 'age_band',
  wijk: 'wijk',
  receivesHelp: 'receives_help',
};
export const profileToDb = (profile: readonly ProfileQuestion[]): string[] =>
  profileQuestions.filter((p) => profile.includes(p)).map((p) => profileColumn[p]);
export const profileFromDb = (columns: readonly string[]): ProfileQuestion[] =>
  profileQuestions.filter((p) => columns.includes(profileColumn[p]));

/** A consultation as stored, in the shape of content/ (ConsultationSchema), plus what the editor needs. */
export interface StoredConsultation {
  readonly id: string;
  readonly version: number;
  readonly editedAt: Date | null;
  readonly resultsPublished: boolean;
  readonly definition: Consultation;
  /** Answers per question, by `${audience}/${key}`: such a question keeps its key and is never deleted. */
  readonly answers: ReadonlyMap<string, number>;
  /** Earlier wordings per question, newest first, by `${audience}/${key}`. */
  readonly wordings: ReadonlyMap<string, readonly { prompt: string; help: string; replacedAt: Date }[]>;
}

export const questionRef = (audience: string, key: string) => `${audience}/${key}`;

/** One consultation with everything the editor, the export and the public pages read, or null. */
export async function readStoredConsultation(tx: Tx, slug: string): Promise<StoredConsultation | null> {
  const [c] = await tx.sql<{
    id: string;
    slug: string;
    title: string;
    summary: string;
    status: Consultation['status'];
    opens_at: Date;
    closes_at: Date;
    retention_until: string | null;
    version: number;
    edited_at: Date | null;
    results_published_at: Date | null;
  }>`
    select id, slug, title, summary, status, opens_at, closes_at, to_char(retention_until, 'YYYY-MM-DD') as retention_until,
           version, edited_at, results_published_at
    from public.consultations where slug = ${slug}`;
  if (!c) return null;
  const topics = await tx.sql<{ key: string; label: string; description: string }>`
    select key, label, description from public.topics where consultation_id = ${c.id} order by position, key`;
  const audienceRows = await tx.sql<{ audience: Audience; intro: string; profile_questions: string[] }>`
    select audience, intro, profile_questions from public.consultation_audiences
    where consultation_id = ${c.id} order by position, audience`;
  const questions = await tx.sql<{
    id: string;
    audience: Audience;
    key: string;
    topic: string | null;
    prompt: string;
    help: string;
    required: boolean;
    max_length: number;
    hidden: boolean;
    answers: number;
  }>`
    select q.id, q.audience, q.key, t.key as topic, q.prompt, q.help, q.required, q.max_length, q.hidden,
           (select count(*)::int from public.input_items i where i.question_id = q.id) as answers
    from public.questions q left join public.topics t on t.id = q.topic_id
    where q.consultation_id = ${c.id} order by q.position, q.key`;
  const themes = await tx.sql<{ key: string; label: string; description: string }>`
    select key, label, description from public.expected_themes where consultation_id = ${c.id} order by position, key`;
  const wijken = await tx.sql<{ name: string }>`
    select name from public.wijken where consultation_id = ${c.id} and offered order by position, name`;
  const wordingRows = await tx.sql<{
    audience: string;
    key: string;
    prompt: string;
    help: string;
    replaced_at: Date;
  }>`
    select q.audience, q.key, w.prompt, w.help, w.replaced_at
    from public.question_wordings w join public.questions q on q.id = w.question_id
    where q.consultation_id = ${c.id} order by w.replaced_at desc`;

  // Audiences with questions but no row of their own (a database from before the editor): listed
  // after the others, with the defaults.
  const audiences: Consultation['audiences'] = {};
  const order = [...audienceRows.map((a) => a.audience)];
  for (const q of questions) if (!order.includes(q.audience)) order.push(q.audience);
  for (const audience of order) {
    const row = audienceRows.find((a) => a.audience === audience);
    audiences[audience] = {
      intro: row?.intro ?? '',
      profile: row ? profileFromDb(row.profile_questions) : defaultProfile(audience),
      questions: questions
        .filter((q) => q.audience === audience)
        .map((q) => ({
          key: q.key,
          topic: q.topic ?? '',
          prompt: q.prompt,
          help: q.help,
          required: q.required,
          maxLength: q.max_length,
          hidden: q.hidden,
        })),
    };
  }
  const wordings = new Map<string, { prompt: string; help: string; replacedAt: Date }[]>();
  for (const w of wordingRows) {
    const ref = questionRef(w.audience, w.key);
    wordings.set(ref, [
      ...(wordings.get(ref) ?? []),
      { prompt: w.prompt, help: w.help, replacedAt: new Date(w.replaced_at) },
    ]);
  }
  return {
    id: c.id,
    version: c.version,
    editedAt: c.edited_at ? new Date(c.edited_at) : null,
    resultsPublished: c.results_published_at != null,
    definition: {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      status: c.status,
      opensAt: new Date(c.opens_at),
      closesAt: new Date(c.closes_at),
      ...(c.retention_until ? { retentionUntil: c.retention_until } : {}),
      topics: topics.map((t) => ({ key: t.key, label: t.label, description: t.description })),
      audiences,
      themes: themes.map((t) => ({ key: t.key, label: t.label, description: t.description })),
      wijken: wijken.map((w) => w.name),
    },
    answers: new Map(questions.map((q) => [questionRef(q.audience, q.key), q.answers])),
    wordings,
  };
}

/**
 * Writes a whole definition into the database, by keys: ids of topics and questions stay, so
 * answers keep pointing at their question. What left the definition is removed when nothing
 * refers to it; a question with answers is hidden instead (callers that must refuse that check
 * first: see protectionErrors in editor.server.ts). Returns the consultation's id.
 */
export async function writeDefinition(tx: Tx, c: Consultation): Promise<string> {
  const [row] = await tx.sql<{ id: string }>`
    insert into public.consultations (slug, title, summary, status, opens_at, closes_at, retention_until)
    values (${c.slug}, ${c.title}, ${c.summary}, ${c.status}, ${c.opensAt}, ${c.closesAt}, ${c.retentionUntil ?? null})
    on conflict (slug) do update set
      title = excluded.title, summary = excluded.summary, status = excluded.status,
      opens_at = excluded.opens_at, closes_at = excluded.closes_at, retention_until = excluded.retention_until
    where (consultations.title, consultations.summary, consultations.status, consultations.opens_at,
           consultations.closes_at, consultations.retention_until)
      is distinct from (excluded.title, excluded.summary, excluded.status, excluded.opens_at,
                        excluded.closes_at, excluded.retention_until)
    returning id`;
  const consultationId =
    row?.id ??
    (await tx.sql<{ id: string }>`select id from public.consultations where slug = ${c.slug}`)[0]?.id;
  if (!consultationId) throw new Error(`consultation ${c.slug} was not stored`);

  const topicIds = new Map<string, string>();
  for (const [position, topic] of c.topics.entries()) {
    const [t] = await tx.sql<{ id: string }>`
      insert into public.topics (consultation_id, key, label, description, position)
      values (${consultationId}, ${topic.key}, ${topic.label}, ${topic.description}, ${position})
      on conflict (consultation_id, key) do update set
        label = excluded.label, description = excluded.description, position = excluded.position
      returning id`;
    if (t) topicIds.set(topic.key, t.id);
  }

  const keep: string[] = [];
  const audienceKeys = Object.keys(c.audiences) as Audience[];
  for (const [audiencePosition, audience] of audienceKeys.entries()) {
    const def = c.audiences[audience];
    if (!def) continue;
    const profile = profileToDb(def.profile ?? defaultProfile(audience));
    await tx.sql`
      insert into public.consultation_audiences (consultation_id, audience, position, intro, profile_questions)
      values (${consultationId}, ${audience}, ${audiencePosition}, ${def.intro}, ${profile}::text[])
      on conflict (consultation_id, audience) do update set
        position = excluded.position, intro = excluded.intro, profile_questions = excluded.profile_questions
      where (consultation_audiences.position, consultation_audiences.intro, consultation_audiences.profile_questions)
        is distinct from (excluded.position, excluded.intro, excluded.profile_questions)`;
    for (const [position, q] of def.questions.entries()) {
      const [saved] = await tx.sql<{ id: string }>`
        insert into public.questions (consultation_id, topic_id, audience, key, position, prompt, help, required, max_length, hidden)
        values (${consultationId}, ${topicIds.get(q.topic) ?? null}, ${audience}, ${q.key}, ${position},
                ${q.prompt}, ${q.help}, ${q.required}, ${q.maxLength}, ${q.hidden})
        on conflict (consultation_id, audience, key) do update set
          topic_id = excluded.topic_id, position = excluded.position, prompt = excluded.prompt,
          help = excluded.help, required = excluded.required, max_length = excluded.max_length,
          hidden = excluded.hidden
        where (questions.topic_id, questions.position, questions.prompt, questions.help, questions.required,
               questions.max_length, questions.hidden)
          is distinct from (excluded.topic_id, excluded.position, excluded.prompt, excluded.help,
                            excluded.required, excluded.max_length, excluded.hidden)
        returning id`;
      const id =
        saved?.id ??
        (
          await tx.sql<{ id: string }>`
            select id from public.questions where consultation_id = ${consultationId} and audience = ${audience} and key = ${q.key}`
        )[0]?.id;
      if (id) keep.push(id);
    }
  }
  await tx.sql`
    delete from public.consultation_audiences
    where consultation_id = ${consultationId} and not (audience::text = any(${audienceKeys}::text[]))`;
  await tx.sql`
    delete from public.questions q
    where q.consultation_id = ${consultationId} and not (q.id = any(${keep}::uuid[]))
      and not exists (select 1 from public.input_items i where i.question_id = q.id)`;
  await tx.sql`
    update public.questions q set hidden = true
    where q.consultation_id = ${consultationId} and not (q.id = any(${keep}::uuid[])) and not q.hidden`;
  await tx.sql`
    delete from public.topics t
    where t.consultation_id = ${consultationId} and not (t.key = any(${[...topicIds.keys()]}::text[]))
      and not exists (select 1 from public.input_items i where i.topic_id = t.id)
      and not exists (select 1 from public.questions q where q.topic_id = t.id)`;

  const themeKeys = c.themes.map((t) => t.key);
  for (const [position, theme] of c.themes.entries())
    await tx.sql`
      insert into public.expected_themes (consultation_id, key, label, description, position)
      values (${consultationId}, ${theme.key}, ${theme.label}, ${theme.description}, ${position})
      on conflict (consultation_id, key) do update set
        label = excluded.label, description = excluded.description, position = excluded.position
      where (expected_themes.label, expected_themes.description, expected_themes.position)
        is distinct from (excluded.label, excluded.description, excluded.position)`;
  await tx.sql`
    delete from public.expected_themes
    where consultation_id = ${consultationId} and not (key = any(${themeKeys}::text[]))`;

  await tx.sql`select private.set_wijken(${consultationId}, ${[...c.wijken]}::text[])`;
  return consultationId;
}
