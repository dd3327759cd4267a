// The device's outbox for roadtour notes, in IndexedDB (library `idb`). Notes are written here
// first, always; the sync client sends the pending ones and marks what the server answered.
// Nothing is deleted here except by the facilitator (delete a note) and on sign-out
// (forgetSynced: what is on the server anyway) — a refused or unsent note stays until it is
// fixed, sent or removed on purpose. Every note belongs to the account that wrote it (ownerId):
// on a shared tablet the next person signed in neither sees nor sends it.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { CachedStop, LocalNote, NoteState } from './types';

interface OutboxSchema extends DBSchema {
  notes: { key: string; value: LocalNote; indexes: { stopId: string } };
  stops: { key: string; value: CachedStop };
}

const dbName = 'doemee-roadtour';
let opened: Promise<IDBPDatabase<OutboxSchema>> | undefined;

function database(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>(dbName, 1, {
    upgrade(db) {
      const notes = db.createObjectStore('notes', { keyPath: 'id' });
      notes.createIndex('stopId', 'stopId');
      db.createObjectStore('stops', { keyPath: 'id' });
    },
  });
  return opened;
}

/** Whether a note is the given account's (notes from before ownerId existed are anyone's). */
const ownedBy = (note: LocalNote, ownerId: string | undefined): boolean =>
  ownerId === undefined || note.ownerId === undefined || note.ownerId === ownerId;

/**
 * The notes of a stop on this device that belong to `ownerId` (all when not given), oldest first
 * (by the device's clock, then id).
 */
export async function notesOf(stopId: string, ownerId?: string): Promise<LocalNote[]> {
  const all = (await (await database()).getAllFromIndex('notes', 'stopId', stopId)).filter((n) =>
    ownedBy(n, ownerId),
  );
  return all.sort((a, b) => a.clientCreatedAt.localeCompare(b.clientCreatedAt) || a.id.localeCompare(b.id));
}

/** Stores a new note (state pending) or replaces one. */
export async function putNote(note: LocalNote): Promise<void> {
  await (await database()).put('notes', note);
}

export async function removeNote(id: string): Promise<void> {
  await (await database()).delete('notes', id);
}

/** Changes the state of the given notes in one transaction; notes deleted meanwhile are skipped. */
export async function markNotes(
  updates: readonly {
    id: string;
    state: NoteState;
    errorCode?: string;
    serverCreatedAt?: string;
    version?: number;
  }[],
): Promise<void> {
  const tx = (await database()).transaction('notes', 'readwrite');
  for (const u of updates) {
    const note = await tx.store.get(u.id);
    if (!note) continue;
    note.state = u.state;
    if (u.errorCode) note.errorCode = u.errorCode;
    else delete note.errorCode;
    if (u.serverCreatedAt) note.serverCreatedAt = u.serverCreatedAt;
    if (u.version !== undefined) note.version = u.version;
    await tx.store.put(note);
  }
  await tx.done;
}

export async function readCachedStop(id: string): Promise<CachedStop | undefined> {
  return (await database()).get('stops', id);
}

/** Keeps the stop and its topics on the device (keeps an existing summary draft). */
export async function cacheStop(entry: Omit<CachedStop, 'summaryDraft'>): Promise<void> {
  const db = await database();
  const tx = db.transaction('stops', 'readwrite');
  const existing = await tx.store.get(entry.id);
  await tx.store.put({
    ...entry,
    ...(existing?.summaryDraft ? { summaryDraft: existing.summaryDraft } : {}),
  });
  await tx.done;
}

export async function saveSummaryDraft(id: string, summaryDraft: string): Promise<void> {
  const db = await database();
  const tx = db.transaction('stops', 'readwrite');
  const existing = await tx.store.get(id);
  if (existing) await tx.store.put({ ...existing, summaryDraft });
  await tx.done;
}

/** Every stop with notes of `ownerId` (all when not given) that are not on the server yet. */
export async function stopsWithUnsentNotes(ownerId?: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const note of await (await database()).getAll('notes'))
    if (note.state !== 'synced' && ownedBy(note, ownerId))
      counts.set(note.stopId, (counts.get(note.stopId) ?? 0) + 1);
  return counts;
}

/**
 * On sign-out (a shared tablet): deletes every note that is on the server (synced), and every
 * kept stop that has no unsent note and no unsent summary draft left. Notes not sent yet (pending or
 * refused) stay, bound to the account that wrote them. Answers how many notes went.
 */
export async function forgetSynced(): Promise<number> {
  const tx = (await database()).transaction(['notes', 'stops'], 'readwrite');
  const notes = tx.objectStore('notes');
  const stops = tx.objectStore('stops');
  const keep = new Set<string>();
  let forgotten = 0;
  for (const note of await notes.getAll()) {
    if (note.state === 'synced') {
      await notes.delete(note.id);
      forgotten += 1;
    } else keep.add(note.stopId);
  }
  for (const stop of await stops.getAll())
    if (!keep.has(stop.id) && (stop.summaryDraft ?? stop.stop.summaryMd) === stop.stop.summaryMd)
      await stops.delete(stop.id);
  await tx.done;
  return forgotten;
}
