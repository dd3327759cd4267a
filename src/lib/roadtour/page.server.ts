import { listConsultations } from '../consultations/read.server';
import type { CallerDb } from '../db/types';
import { readNotes, type StoredNote } from './notes.server';
import { readStop, type Stop } from './stops.server';

/** A participation topic as the facilitator's app shows it (from content/, via the database). */
export interface TopicView {
  readonly key: string;
  readonly label: string;
  readonly description: string;
}

/** Everything the stop page needs, read in one transaction. */
export interface StopPage {
  readonly stop: Stop;
  readonly topics: readonly TopicView[];
  readonly notes: readonly StoredNote[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The roles that plan stops and take notes. */
export const facilitatorRoles: readonly string[] = ['facilitator', 'admin'];

/** The stop with its consultation's topics (in order) and the notes the caller can see. */
export async function readStopPage(db: CallerDb, stopId: string): Promise<StopPage | null> {
  if (!uuid.test(stopId) || db.caller.kind !== 'staff') return null;
  return db.run(async (tx) => {
    const stop = await readStop(tx, stopId);
    if (!stop) return null;
    const topics = await tx.sql<TopicView>`
      select key, label, description from public.topics where consultation_id = ${stop.consultationId}
      order by position, label`;
    return { stop, topics, notes: await readNotes(tx, stopId) };
  });
}

/** The consultation the roadtour collects for: the newest published one, or null. */
export async function roadtourConsultation(db: CallerDb): Promise<{ id: string; title: string } | null> {
  const [newest] = await listConsultations(db);
  return newest ? { id: newest.id, title: newest.title } : null;
}

/** Someone who can lead a stop: an active facilitator or admin (names only). */
export interface TeamMember {
  readonly userId: string;
  readonly name: string;
}

/**
 * Who can lead a stop, for adding a co-facilitator and showing who leads one. Empty for callers
 * who are not facilitators or admins (the database function decides; see its migration).
 */
export async function roadtourTeam(db: CallerDb): Promise<TeamMember[]> {
  if (db.caller.kind !== 'staff') return [];
  const rows = await db.run(
    (tx) =>
      tx.sql<{
        user_id: string;
        display_name: string;
      }>`select user_id, display_name from public.roadtour_team()`,
  );
  return rows.map((r) => ({ userId: r.user_id, name: r.display_name }));
}
