import { randomUUID } from 'node:crypto';
import type { Database } from '../../../src/lib/db/types';
import { ids } from '../../support/world';

/** A consultation of its own per test file, so counts in the queue are exact. */
export interface Scene {
  consultation: string;
  topicA: string;
  topicB: string;
  questionA: string;
  questionB: string;
  stop: string;
  otherStop: string;
  submission: string;
  theme: string;
}

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function randomCode(): string {
  const pick = () => codeAlphabet[Math.floor(Math.random() * codeAlphabet.length)];
  const part = () => Array.from({ length: 4 }, pick).join('');
  return `${part()}-${part()}`;
}

export async function createScene(db: Database): Promise<Scene> {
  const scene: Scene = {
    consultation: randomUUID(),
    topicA: randomUUID(),
    topicB: randomUUID(),
    questionA: randomUUID(),
    questionB: randomUUID(),
    stop: randomUUID(),
    otherStop: randomUUID(),
    submission: randomUUID(),
    theme: randomUUID(),
  };
  const slug = `scene-${scene.consultation.slice(0, 8)}`;
  await db.asOwner(async (tx) => {
    await tx.sql`insert into public.consultations (id, slug, title, status, opens_at, closes_at)
      values (${scene.consultation}, ${slug}, 'Scene', 'published', now() - interval '1 day', now() + interval '30 days')`;
    await tx.sql`insert into public.topics (id, consultation_id, key, label) values
      (${scene.topicA}, ${scene.consultation}, 'thuis', 'Thuis'),
      (${scene.topicB}, ${scene.consultation}, 'buurt', 'Buurt')`;
    await tx.sql`insert into public.questions (id, consultation_id, topic_id, audience, key, prompt) values
      (${scene.questionA}, ${scene.consultation}, ${scene.topicA}, 'inwoner', 'thuis', 'Wat helpt u thuis?'),
      (${scene.questionB}, ${scene.consultation}, ${scene.topicB}, 'mantelzorger', 'buurt', 'Wat doet de buurt?')`;
    await tx.sql`insert into public.roadtour_stops (id, consultation_id, name, location, starts_at, group_type, created_by) values
      (${scene.stop}, ${scene.consultation}, 'Buurthuis West', 'West', now(), 'inwoners', ${ids.staff.facilitator}),
      (${scene.otherStop}, ${scene.consultation}, 'Bibliotheek', 'Centrum', now(), 'ouderenbond', ${ids.staff.otherFacilitator})`;
    await tx.sql`insert into public.stop_facilitators (stop_id, user_id) values
      (${scene.stop}, ${ids.staff.facilitator}), (${scene.otherStop}, ${ids.staff.otherFacilitator})`;
    await tx.sql`insert into public.submissions (id, consultation_id, audience, consent_at, reference_code)
      values (${scene.submission}, ${scene.consultation}, 'inwoner', now(), ${randomCode()})`;
    await tx.sql`insert into public.themes (id, consultation_id, label, origin, status)
      values (${scene.theme}, ${scene.consultation}, 'Schoon huis', 'manual', 'active')`;
  });
  return scene;
}

export interface ItemSpec {
  body: string;
  channel?: 'online' | 'roadtour';
  audience?: string;
  question?: string;
  topic?: string;
  stop?: string;
  submission?: string;
  status?: 'new' | 'approved' | 'rejected' | 'hidden';
  rejectReason?: string;
  piiSpans?: { type: string; start: number; end: number }[];
  createdAt?: string;
}

/** Adds one item as the owner (bypassing RLS); online answers by default. */
export async function addItem(db: Database, scene: Scene, spec: ItemSpec): Promise<string> {
  const id = randomUUID();
  const channel = spec.channel ?? 'online';
  await db.asOwner(
    (tx) => tx.sql`
    insert into public.input_items
      (id, consultation_id, channel, audience, submission_id, question_id, stop_id, topic_id, kind, body, status,
       reject_reason, pii_spans, created_at)
    values (${id}, ${scene.consultation}, ${channel}, ${spec.audience ?? 'inwoner'},
      ${channel === 'online' ? (spec.submission ?? scene.submission) : null},
      ${channel === 'online' ? (spec.question ?? scene.questionA) : null},
      ${channel === 'roadtour' ? (spec.stop ?? scene.stop) : null},
      ${spec.topic ?? null}, ${channel === 'online' ? 'answer' : 'point'}, ${spec.body}, ${spec.status ?? 'new'},
      ${spec.rejectReason ?? null}, ${JSON.stringify(spec.piiSpans ?? [])}::jsonb,
      coalesce(${spec.createdAt ?? null}::timestamptz, now()))`,
  );
  return id;
}

export interface ItemState {
  status: string;
  version: number;
  body: string;
  pii_spans: unknown[];
  reject_reason: string | null;
  moderated_by: string | null;
  redacted: boolean;
}

export async function stateOf(db: Database, id: string): Promise<ItemState | undefined> {
  const [row] = await db.asOwner(
    (tx) => tx.sql<ItemState>`
    select status, version, body, pii_spans, reject_reason, moderated_by, redacted
    from public.input_items where id = ${id}`,
  );
  return row;
}
