// Dutch (B1) labels of the facilitator app, shared by the pages and the islands (browser-safe).
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
export const shortTime = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
