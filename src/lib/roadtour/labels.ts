// Dutch (B1) labels of the facilitator app, shared by the pages and the islands (browser-safe).
import type { ModerationStatus, RejectReason } from '../moderation/schema';
import type { StopGroup } from './audience';
import type { NoteKind } from './schema';

export const groupLabels: Readonly<Record<StopGroup, string>> = {
  inwoners: 'Inwoners',
  inzet: 'Deelnemers inZet-activiteiten',
  aanbieders: 'Aanbieders',
  ouderenbond: 'Ouderenbond of cliëntorganisatie',
  partners: 'Maatschappelijke partners',
  adviesraad: 'Adviesraad',
  gezondheidsnetwerk: 'Gezondheidsnetwerk',
};

export const kindLabels: Readonly<Record<NoteKind, string>> = {
  point: 'Punt',
  idea: 'Idee',
  worry: 'Zorg',
  wish: 'Wens',
  quote: 'Citaat',
};

export const statusLabels = {
  planned: 'Gepland',
  completed: 'Afgesloten',
  cancelled: 'Afgezegd',
} as const;

/** Dates and times as the app shows them (Dutch, Zoetermeer's time zone). */
export const dateTime = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
/** Only the time ("16:00"), for the end of a stop. */
export const clockTime = new Intl.DateTimeFormat('nl-NL', {
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
export const shortTime = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

/**
 * What became of a note on the server, in the facilitator's words (issue 20 item 11): waiting for
 * a moderator, approved, or not placed with the reason.
 */
export const moderationLabels = {
  new: 'Wacht op controle',
  approved: 'Goedgekeurd',
  rejected: 'Niet geplaatst',
  hidden: 'Niet geplaatst',
} as const satisfies Record<ModerationStatus, string>;

/** Why a note was not placed, as the facilitator reads it after "Niet geplaatst: ". */
export const notPlacedReasons: Readonly<Record<RejectReason | 'hidden', string>> = {
  off_topic: 'het gaat niet over het onderwerp',
  abusive: 'het is beledigend of kwetsend',
  duplicate: 'dit staat er al',
  spam: 'het is reclame',
  other: 'de moderator vond het niet geschikt',
  hidden: 'de moderator heeft het verborgen',
};

/** The moderation state of a note as one line: "Wacht op controle", "Niet geplaatst: …". */
export function moderationText(status: ModerationStatus, reason?: RejectReason | null): string {
  if (status === 'rejected') return `${moderationLabels.rejected}: ${notPlacedReasons[reason ?? 'other']}`;
  if (status === 'hidden') return `${moderationLabels.hidden}: ${notPlacedReasons.hidden}`;
  return moderationLabels[status];
}
