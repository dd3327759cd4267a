import type { CallerDb } from '../db/types';
import { readNotes, type StoredNote } from './notes.server';
import { readStop, type Stop } from './stops.server';

export interface TopicNotes {
  /** null for notes without a topic. */
  readonly topicKey: string | null;
  readonly label: string;
  readonly notes: readonly StoredNote[];
}

export interface StopSummary {
  readonly stop: Stop;
  /** Topics in the consultation's order, only those with notes; notes in the order received. */
  readonly topics: readonly TopicNotes[];
  readonly noteCount: number;
}

/**
 * A stop with its notes grouped per topic, for the printable summary. Notes a moderator rejected
 * or hid are left out; what the caller may not read (RLS) is not there either.
 */
export async function stopSummary(db: CallerDb, stopId: string): Promise<StopSummary | null> {
  if (!/^[0-9a-f-]{36}$/i.test(stopId) || db.caller.kind !== 'staff') return null;
  return db.run(async (tx) => {
    const stop = await readStop(tx, stopId);
    if (!stop) return null;
    const topics = await tx.sql<{ id: string; key: string; label: string }>`
      select id, key, label from public.topics where consultation_id = ${stop.consultationId}
      order by position, label`;
    const notes = (await readNotes(tx, stopId)).filter((n) => n.status === 'new' || n.status === 'approved');
    const groups: TopicNotes[] = topics
      .map((t) => ({ topicKey: t.key, label: t.label, notes: notes.filter((n) => n.topicId === t.id) }))
      .filter((g) => g.notes.length > 0);
    const loose = notes.filter((n) => n.topicId === null);
    if (loose.length > 0) groups.push({ topicKey: null, label: 'Overig', notes: loose });
    return { stop, topics: groups, noteCount: notes.length };
  });
}
