import { z } from 'zod';
import { audiences } from '../content/schema';
import { queryText } from '../http/query';

export const moderationStatuses = ['new', 'approved', 'rejected', 'hidden'] as const;
export type ModerationStatus = (typeof moderationStatuses)[number];

export const channels = ['online', 'roadtour', 'import', 'schriftelijk'] as const;
export type Channel = (typeof channels)[number];

export const rejectReasons = ['off_topic', 'abusive', 'duplicate', 'spam', 'other'] as const;
export type RejectReason = (typeof rejectReasons)[number];

export const moderationActions = ['approve', 'reject', 'hide', 'reopen'] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** The status each action leads to. */
export const statusAfter: Readonly<Record<ModerationAction, ModerationStatus>> = {
  approve: 'approved',
  reject: 'rejected',
  hide: 'hidden',
  reopen: 'new',
};

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
/** How many items one bulk action may touch. */
export const MAX_BULK_ITEMS = 200;

const uuid = z.string().uuid();
const instant = z
  .union([z.date(), z.string().datetime({ offset: true }), z.string().date()])
  .transform((v, ctx) => {
    const date = v instanceof Date ? v : new Date(v);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'invalid date' });
      return z.NEVER;
    }
    return date;
  });

const scopeFields = {
  consultationId: uuid.optional(),
  questionId: uuid.optional(),
  topicId: uuid.optional(),
  audience: z.enum(audiences).optional(),
  channel: z.enum(channels).optional(),
  stopId: uuid.optional(),
  /** created_at on or after this moment (a date means its start, UTC). */
  from: instant.optional(),
  /** created_at before this moment (exclusive). */
  to: instant.optional(),
  /** true: only items with open personal-data proposals; false: only items without. */
  hasPii: z.boolean().optional(),
  /** Only items assigned to this theme. */
  themeId: uuid.optional(),
  /** Dutch full-text search, web-search syntax ("vaste hulp" -ramen). */
  search: z
    .string()
    .transform((s) => s.trim())
    // No control characters: a NUL byte made Postgres fail with a 500 (issue 16); now "invalid filter".
    .pipe(
      z
        .string()
        .max(200)
        .refine((s) => queryText(s, 200) === s, 'control characters'),
    )
    .optional(),
};

const rangeIsOrdered = (f: { from?: Date | undefined; to?: Date | undefined }) =>
  !f.from || !f.to || f.from < f.to;

/** The queue's filters without status: what the status tabs count. */
export const QueueScopeSchema = z
  .object(scopeFields)
  .strict()
  .refine(rangeIsOrdered, { message: 'from must be before to', path: ['to'] });

/** The queue's filters. */
export const QueueFilterSchema = z
  .object({ status: z.enum(moderationStatuses).optional(), ...scopeFields })
  .strict()
  .refine(rangeIsOrdered, { message: 'from must be before to', path: ['to'] });

export const QueuePageSchema = z
  .object({
    cursor: z.string().max(200).optional(),
    size: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  })
  .strict();

export type QueueScope = z.input<typeof QueueScopeSchema>;
export type QueueFilter = z.input<typeof QueueFilterSchema>;
export type QueuePage = z.input<typeof QueuePageSchema>;

export const ModerateSchema = z
  .object({
    itemId: uuid,
    expectedVersion: z.number().int().min(1),
    action: z.enum(moderationActions),
    reason: z.enum(rejectReasons).optional(),
  })
  .strict();
export type ModerateInput = z.input<typeof ModerateSchema>;

export const ModerateManySchema = z
  .object({
    items: z
      .array(z.object({ id: uuid, expectedVersion: z.number().int().min(1) }).strict())
      .min(1)
      .max(MAX_BULK_ITEMS)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, {
        message: 'duplicate item',
      }),
    action: z.enum(moderationActions),
    reason: z.enum(rejectReasons).optional(),
  })
  .strict();

export const SpanSchema = z.object({
  type: z.string().max(20),
  start: z.number(),
  end: z.number(),
});

export const RedactionSchema = z
  .object({
    itemId: uuid,
    expectedVersion: z.number().int().min(1),
    spans: z.array(SpanSchema).min(1).max(500),
  })
  .strict();
export type RedactionInput = z.input<typeof RedactionSchema>;

export const ItemVersionSchema = z
  .object({ itemId: uuid, expectedVersion: z.number().int().min(1) })
  .strict();
export type ItemVersion = z.input<typeof ItemVersionSchema>;

/** Every error code of the moderation domain; Dutch texts in messages.nl.ts. */
export type ModerationError =
  | 'queue.invalidFilter'
  | 'queue.invalidCursor'
  | 'queue.notAllowed'
  | 'moderation.invalid'
  | 'moderation.reasonRequired'
  | 'moderation.notFound'
  | 'moderation.notAllowed'
  | 'moderation.conflict'
  | 'moderation.piiOpen'
  | 'moderation.bulkFailed'
  | 'redaction.invalidSpans'
  | 'redaction.tooLong'
  | 'duplicates.invalid'
  | 'removal.invalidCode'
  | 'removal.notFound'
  | 'removal.notAllowed';
