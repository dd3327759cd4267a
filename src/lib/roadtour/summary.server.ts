import type { CallerDb } from '../db/types';
import { maskPersonalData } from '../privacy';
import { readNotes, type StoredNote } from './notes.server';
import { readStop, type Stop } from './stops.server';

/** A note as printed: body and speaker with detected personal data replaced by placeholders. */
export interface PrintedNote extends StoredNote {
  /** True when the detector replaced something in the body or the speaker. */
  readonly masked: boolean;
}

export interface TopicNotes {
  /** null for notes without a topic. */
  readonly topicKey: string | null;
  readonly label: string;
  readonly notes: readonly PrintedNote[];
}

export interface StopSummary {
  readonly stop: Stop;
  /** Topics in the consultation's order, only those with notes; notes in the order received. */
  readonly topics: readonly TopicNotes[];
  readonly noteCount: number;
}

/**
 * The summary is printed and handed out under "Namen schrijven we niet op", but notes appear in it
 * before a moderator has seen them: run the detector over every note (moderated ones too: a
 * moderator may have approved a note with a name left in) and over the facilitator's summary text.
 */
function printed(note: StoredNote): PrintedNote {
  const body = maskPersonalData(note.body);
  const speaker = note.speaker === null ? null : maskPersonalData(note.speaker);
  return {
    ...note,
    body: body.text,
    speaker: speaker?.text ?? null,
    masked: body.types.length > 0 || (speaker?.types.length ?? 0) > 0,
  };
}

/**
 * A stop with its notes grouped per topic, for the printable summary, with personal data masked.
 * Notes a moderator rejected or hid are left out; what the caller may not read (RLS) is not there
 * either.
 */
export async function stopSummary(db: CallerDb, stopId: string): Promise<StopSummary | null> {
  if (!/^[0-9a-f-]{36}$/i.test(stopId) || db.caller.kind !== 'staff') return null;
  return db.run(async (tx) => {
    const stop = await readStop(tx, stopId);
    if (!stop) return null;
    const topics = await tx.sql<{ id: string; key: string; label: string }>`
      select id, key, label from public.topics where consultation_id = ${stop.consultationId}
      order by position, label`;
    const notes = (await readNotes(tx, stopId))
      .filter((n) => n.status === 'new' || n.status === 'approved')
      .map(printed);
    const groups: TopicNotes[] = topics
      .map((t) => ({ topicKey: t.key, label: t.label, notes: notes.filter((n) => n.topicId === t.id) }))
      .filter((g) => g.notes.length > 0);
    const loose = notes.filter((n) => n.topicId === null);
    if (loose.length > 0) groups.push({ topicKey: null, label: 'Overig', notes: loose });
    return {
      stop: { ...stop, summaryMd: maskPersonalData(stop.summaryMd).text },
      topics: groups,
      noteCount: notes.length,
    };
  });
}
