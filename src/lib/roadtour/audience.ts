import type { Audience } from '../content/schema';

export const stopGroups = [
  'inwoners',
  'inzet',
  'aanbieders',
  'ouderenbond',
  'partners',
  'adviesraad',
  'gezondheidsnetwerk',
] as const;
export type StopGroup = (typeof stopGroups)[number];

/**
 * The one place that decides whose voice a stop's notes are: the audience every note of a stop
 * is stored with follows from the stop's group.
 */
export const audienceOfGroup: Readonly<Record<StopGroup, Audience>> = {
  inwoners: 'inwoner',
  inzet: 'inwoner',
  aanbieders: 'aanbieder',
  ouderenbond: 'ouderenbond',
  partners: 'partner',
  gezondheidsnetwerk: 'partner',
  adviesraad: 'adviesraad',
};
