import { profileFromDb } from '../consultations/definition.server';
import { stateAt } from '../consultations/read.server';
import { type Audience, audiences, defaultProfile, type ProfileQuestion } from '../content/schema';
import { anonymous } from '../db/caller';
import type { CallerDb, Database } from '../db/types';

export interface QuestionView {
  readonly id: string;
  readonly key: string;
  readonly prompt: string;
  readonly help: string;
  readonly required: boolean;
  readonly maxLength: number;
}

export interface Questionnaire {
  readonly consultation: {
    readonly id: string;
    readonly slug: string;
    readonly title: string;
    readonly closesAt: Date;
    readonly state: 'upcoming' | 'open' | 'closed';
  };
  readonly audience: Audience;
  readonly intro: string;
  readonly questions: readonly QuestionView[];
  readonly wijken: readonly string[];
  /** The profile questions ("Over u") this audience is asked (issue 20, item 1). */
  readonly profile: readonly ProfileQuestion[];
}

/** The consultation the public pages are about. */
export interface CurrentConsultation {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly opensAt: Date;
  readonly closesAt: Date;
  /** The audiences it asks (with at least one question), in the editor's order. */
  readonly audiences: readonly Audience[];
}

/**
 * The current consultation, per process for a few seconds: the answer form's POST needs it before
 * anything else, and it hardly ever changes. An edit in this process is seen at once
 * (consultationsChanged); other server processes see it within `currentTtlMs`.
 */
const currentTtlMs = 5_000;
let generation = 0;
const currentCache = new WeakMap<
  Database,
  { value: Promise<CurrentConsultation | undefined>; until: number; generation: number }
>();

/** Called after every change to a consultation (editor, import), so this process reads afresh. */
export function consultationsChanged(): void {
  generation++;
}
/** How many changes this process saw: caches elsewhere (the submit path's rules) compare it. */
export const consultationsGeneration = (): number => generation;

async function readCurrent(db: Database): Promise<CurrentConsultation | undefined> {
  const [row] = await db.transaction(
    anonymous,
    (tx) =>
      tx.sql<{
        id: string;
        slug: string;
        title: string;
        summary: string;
        opens_at: Date;
        closes_at: Date;
        audiences: Audience[] | null;
      }>`
      select c.id, c.slug, c.title, c.summary, c.opens_at, c.closes_at,
             -- As text[]: a driver without the enum's array type would hand back a string.
             array(select a.audience::text from public.consultation_audiences a
                   where a.consultation_id = c.id
                     and exists (select 1 from public.questions q
                                 where q.consultation_id = c.id and q.audience = a.audience and not q.hidden)
                   order by a.position, a.audience) as audiences
      from public.consultations c
      where c.status = 'published'
      order by c.opens_at desc, c.created_at desc
      limit 1`,
  );
  if (!row) return undefined;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    opensAt: new Date(row.opens_at),
    closesAt: new Date(row.closes_at),
    audiences: (row.audiences ?? []).filter((a) => (audiences as readonly string[]).includes(a)),
  };
}

/** The consultation the public pages are about: the most recently opened published one. */
export function currentConsultation(db: Database): Promise<CurrentConsultation | undefined> {
  const cached = currentCache.get(db);
  if (cached && cached.until > Date.now() && cached.generation === generation) return cached.value;
  const value = readCurrent(db);
  currentCache.set(db, { value, until: Date.now() + currentTtlMs, generation });
  value.catch(() => currentCache.delete(db));
  return value;
}

/** The questions for one audience as the caller may read them, or null when there are none. */
export async function getQuestionnaire(
  db: CallerDb,
  slug: string,
  audience: Audience,
  now = new Date(),
): Promise<Questionnaire | null> {
  const rows = await db.run(
    (tx) =>
      tx.sql<{
        consultation_id: string;
        title: string;
        opens_at: Date;
        closes_at: Date;
        intro: string | null;
        profile_questions: string[] | null;
        wijken: string[] | null;
        id: string;
        key: string;
        prompt: string;
        help: string;
        required: boolean;
        max_length: number;
      }>`
      select c.id as consultation_id, c.title, c.opens_at, c.closes_at, a.intro, a.profile_questions,
             array(select w.name from public.wijken w where w.consultation_id = c.id and w.offered
                   order by w.position, w.name) as wijken,
             q.id, q.key, q.prompt, q.help, q.required, q.max_length
      from public.consultations c
      join public.questions q on q.consultation_id = c.id and q.audience = ${audience} and not q.hidden
      left join public.consultation_audiences a on a.consultation_id = c.id and a.audience = ${audience}
      where c.slug = ${slug}
      order by q.position, q.key`,
  );
  const first = rows[0];
  if (!first) return null;
  // No row for the audience (a database from before the editor): the defaults of content/.
  const profile = first.profile_questions ? profileFromDb(first.profile_questions) : defaultProfile(audience);
  return {
    consultation: {
      id: first.consultation_id,
      slug,
      title: first.title,
      closesAt: new Date(first.closes_at),
      state: stateAt(new Date(first.opens_at), new Date(first.closes_at), now),
    },
    audience,
    intro: first.intro ?? '',
    questions: rows.map((r) => ({
      id: r.id,
      key: r.key,
      prompt: r.prompt,
      help: r.help,
      required: r.required,
      maxLength: r.max_length,
    })),
    // The form asks for a wijk only when the list is there: none for an audience not asked it.
    wijken: profile.includes('wijk') ? (first.wijken ?? []) : [],
    profile,
  };
}
