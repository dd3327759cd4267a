// Plain-JSON shapes the facilitator app keeps on the device and gets from the server. Browser-safe:
// no server imports.
import type { RejectReason } from '../../moderation/schema';
import type { StopGroup } from '../audience';
import type { NoteKind } from '../schema';

export type { NoteKind, StopGroup };

/** A stop as the browser sees it (dates as ISO strings). */
export interface StopData {
  readonly id: string;
  readonly consultationId: string;
  readonly name: string;
  readonly location: string;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly groupType: StopGroup;
  readonly expectedParticipants: number | null;
  readonly actualParticipants: number | null;
  readonly status: 'planned' | 'completed' | 'cancelled';
  readonly summaryMd: string;
  readonly facilitatorIds: readonly string[];
  readonly canWrite: boolean;
  readonly version: number;
}

export interface TopicData {
  readonly key: string;
  readonly label: string;
  readonly description: string;
}

/** A note stored on the server (as the stop page renders it). */
export interface ServerNote {
  readonly id: string;
  readonly topicKey: string | null;
  readonly kind: NoteKind;
  readonly body: string;
  readonly speaker: string | null;
  readonly status: 'new' | 'approved' | 'rejected' | 'hidden';
  /** Why a moderator rejected it (status 'rejected'); absent from servers before issue 20. */
  readonly rejectReason?: RejectReason | null;
  readonly clientCreatedAt: string | null;
  readonly createdAt: string;
  readonly version: number;
}

/**
 * Where a note on the device stands:
 * - pending: saved on this device only, waiting to be sent;
 * - refused: the server refused it (code says why); kept until the facilitator fixes or removes it;
 * - synced: stored on the server (kept on the device so the page works offline).
 */
export type NoteState = 'pending' | 'refused' | 'synced';

/** A note in the device's outbox (IndexedDB). Its id is made on the device and never changes. */
export interface LocalNote {
  readonly id: string;
  readonly stopId: string;
  topicKey: string;
  kind: NoteKind;
  body: string;
  speaker: string | null;
  /** The device's clock when the note was made: information only, the server orders by its own. */
  readonly clientCreatedAt: string;
  state: NoteState;
  /** With state 'refused': the server's error code. */
  errorCode?: string;
  /** With state 'synced': the server's time and version (for edits). */
  serverCreatedAt?: string;
  version?: number;
  /** Server status once known (new, approved, …). */
  status?: ServerNote['status'];
  rejectReason?: RejectReason | null;
  /**
   * The staff member signed in when the note was written or fetched (a shared tablet): only they
   * see and send it. Notes kept from before this field existed have none and are shown to anyone.
   */
  readonly ownerId?: string;
}

/** The stop data the stop page needs offline. */
export interface CachedStop {
  readonly id: string;
  stop: StopData;
  topics: readonly TopicData[];
  /** The draft of the closing summary (Markdown), kept while the facilitator types. */
  summaryDraft?: string;
  savedAt: string;
}
