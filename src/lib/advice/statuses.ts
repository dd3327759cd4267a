/** What the college does with an advice point, and its Dutch words. Browser-safe. */
export const responseStatuses = [
  'overgenomen',
  'deels_overgenomen',
  'niet_overgenomen',
  'al_geregeld',
  'wordt_onderzocht',
] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

export const responseStatusLabels: Readonly<Record<ResponseStatus, string>> = {
  overgenomen: 'Overgenomen',
  deels_overgenomen: 'Deels overgenomen',
  niet_overgenomen: 'Niet overgenomen',
  al_geregeld: 'Al geregeld',
  wordt_onderzocht: 'Wordt onderzocht',
};

export const isResponseStatus = (v: unknown): v is ResponseStatus =>
  typeof v === 'string' && (responseStatuses as readonly string[]).includes(v);
