import { contentDir } from '../config/env.server';
import { stateAt } from '../consultations/read.server';
import { loadConsultations } from '../content/load.server';
import type { Audience, Consultation } from '../content/schema';
import type { CallerDb } from '../db/types';

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
}

let content: Promise<Consultation[]> | undefined;

/** The consultations in content/, read once per process (the server synchronises them on start). */
export function contentConsultations(): Promise<Consultation[]> {
  content ??= loadConsultations(contentDir());
  return content;
}

/** The consultation the public pages are about: the most recently opened published one. */
export async function currentConsultation(): Promise<Consultation | undefined> {
  const published = (await contentConsultations()).filter((c) => c.status === 'published');
  return published.sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime())[0];
}

/** The questions for one audience as the caller may read them, or null when there are none. */
export async function getQuestionnaire(
  db: CallerDb,
  slug: string,
  audience: Audience,
  now = new Date(),
): Promise<Questionnaire | null> {
  const definition = (await contentConsultations()).find((c) => c.slug === slug);
  const audienceContent = definition?.audiences[audience];
  if (!definition || !audienceContent) return null;
  const rows = await db.run(
    (tx) =>
      tx.sql<{
        consultation_id: string;
        title: string;
        opens_at: Date;
        closes_at: Date;
        id: string;
        key: string;
        prompt: string;
        help: string;
        required: boolean;
        max_length: number;
      }>`
      select c.id as consultation_id, c.title, c.opens_at, c.closes_at,
             q.id, q.key, q.prompt, q.help, q.required, q.max_length
      from public.consultations c join public.questions q on q.consultation_id = c.id
      where c.slug = ${slug} and q.audience = ${audience}
      order by q.position`,
  );
  const first = rows[0];
  if (!first) return null;
  return {
    consultation: {
      id: first.consultation_id,
      slug,
      title: first.title,
      closesAt: new Date(first.closes_at),
      state: stateAt(new Date(first.opens_at), new Date(first.closes_at), now),
    },
    audience,
    intro: audienceContent.intro,
    questions: rows.map((r) => ({
      id: r.id,
      key: r.key,
      prompt: r.prompt,
      help: r.help,
      required: r.required,
      maxLength: r.max_length,
    })),
    wijken: definition.wijken,
  };
}
