// Turns the server's stop and notes into the plain JSON the islands get (and the device keeps).

import type { ServerNote, StopData } from './client/types';
import type { StoredNote } from './notes.server';
import type { Stop } from './stops.server';

export function stopData(stop: Stop): StopData {
  return {
    id: stop.id,
    consultationId: stop.consultationId,
    name: stop.name,
    location: stop.location,
    startsAt: stop.startsAt.toISOString(),
    endsAt: stop.endsAt?.toISOString() ?? null,
    groupType: stop.groupType,
    expectedParticipants: stop.expectedParticipants,
    actualParticipants: stop.actualParticipants,
    status: stop.status,
    summaryMd: stop.summaryMd,
    facilitatorIds: [...stop.facilitatorIds],
    canWrite: stop.canWrite,
    version: stop.version,
  };
}

export function serverNote(note: StoredNote): ServerNote {
  return {
    id: note.id,
    topicKey: note.topicKey,
    kind: note.kind,
    body: note.body,
    speaker: note.speaker,
    status: note.status,
    rejectReason: note.rejectReason,
    clientCreatedAt: note.clientCreatedAt?.toISOString() ?? null,
    createdAt: note.createdAt.toISOString(),
    version: note.version,
  };
}
