import { z } from 'zod';
import { audiences } from '../content/schema';

const uuid = z.string().uuid();
const version = z.number().int().min(1);

/** Which approved input a run reads. Empty: all approved input of the consultation. */
export const RunFiltersSchema = z
  .object({
    audience: z.enum(audiences).optional(),
    channel: z.enum(['online', 'roadtour', 'import', 'schriftelijk']).optional(),
    questionId: uuid.optional(),
  })
  .strict();
export type RunFilters = z.output<typeof RunFiltersSchema>;

export const StartJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('propose'), filters: RunFiltersSchema.default({}) }),
  z.object({ kind: z.literal('split'), themeId: uuid, expectedVersion: version }),
]);
export type StartJob = z.output<typeof StartJobSchema>;

const seenItem = z.object({
  itemId: uuid,
  /** The theme the analyst saw the item in (null: in no theme). */
  fromThemeId: uuid.nullable(),
});

/** One action on the board. Every theme change names the version the analyst saw. */
export const BoardActionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('edit'),
    themeId: uuid,
    expectedVersion: version,
    label: z.string().trim().min(1).max(160),
    descriptionMd: z.string().max(10000),
    reactionMd: z.string().max(10000),
  }),
  z.object({ action: z.literal('lock'), themeId: uuid, expectedVersion: version, locked: z.boolean() }),
  z.object({ action: z.literal('dismiss'), themeId: uuid, expectedVersion: version }),
  z.object({ action: z.literal('publish'), themeId: uuid, expectedVersion: version, published: z.boolean() }),
  z.object({
    action: z.literal('merge'),
    sourceId: uuid,
    sourceVersion: version,
    targetId: uuid,
    targetVersion: version,
  }),
  z.object({
    action: z.literal('move'),
    itemId: uuid,
    /** The theme the analyst saw the item in (null: in no theme). */
    fromThemeId: uuid.nullable(),
    toThemeId: uuid,
  }),
  z.object({ action: z.literal('snapshot'), label: z.string().trim().min(1).max(200) }),
  /** "Accepteren": a candidate becomes an accepted theme (status active). */
  z.object({ action: z.literal('accept'), themeId: uuid, expectedVersion: version }),
  /** "Bevestigen": the item stays in the theme it was seen in, now as the analyst's placement. */
  z.object({ action: z.literal('confirm'), itemId: uuid, themeId: uuid }),
  /** "Verplaats geselecteerde naar …" and "Voeg toe aan thema …". */
  z.object({ action: z.literal('moveMany'), items: z.array(seenItem).min(1).max(500), toThemeId: uuid }),
  /** "Maak een thema van deze berichten". */
  z.object({
    action: z.literal('createTheme'),
    label: z.string().trim().min(1).max(160),
    items: z.array(seenItem).min(1).max(500),
  }),
  z.object({ action: z.literal('undoMerge'), mergeId: uuid }),
  z.object({ action: z.literal('suggestion'), suggestionId: uuid, accept: z.boolean() }),
]);
export type BoardAction = z.output<typeof BoardActionSchema>;

export type BoardErrorCode =
  | 'board.invalid'
  | 'board.notAllowed'
  | 'board.notFound'
  | 'board.conflict'
  | 'board.locked'
  | 'board.notCandidate'
  | 'board.sameTheme'
  | 'board.notActive'
  | 'board.jobRunning'
  | 'board.noInput'
  | 'board.undoStale'
  | 'board.undone'
  | 'board.suggestionStale';

export type BoardResult<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; code: BoardErrorCode };
