import { z } from 'zod';
import { cleanText } from '../inputs/schema';
import { localDateTimePattern, parseAmsterdamDateTime } from './amsterdam-time';
import { stopGroups } from './audience';

export const noteKinds = ['point', 'idea', 'worry', 'wish', 'quote'] as const;
export type NoteKind = (typeof noteKinds)[number];

export const noteBodyMax = 5000;
export const speakerMax = 80;
/** More notes than one session produces; a larger outbox is sent in several batches. */
export const batchMax = 200;

const text = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? cleanText(v) : v), z.string().min(min).max(max));
const participants = z.number().int().min(0).max(10_000);
/**
 * A stop's time: "2026-12-10T14:00" is Zoetermeer's wall clock (Europe/Amsterdam), whatever the
 * zone of the device that sent it (the stop form sends this); a time with an offset or Z is taken
 * as that instant.
 */
const instant = z.union([
  z
    .string()
    .regex(localDateTimePattern)
    .transform((v, ctx) => {
      const at = parseAmsterdamDateTime(v);
      if (!at) {
        ctx.addIssue({ code: z.ZodIssueCode.invalid_date });
        return z.NEVER;
      }
      return at;
    }),
  z.string().datetime({ offset: true }).pipe(z.coerce.date()),
]);

/** A new stop on the schedule. */
export const NewStopSchema = z
  .object({
    consultationId: z.string().uuid(),
    name: text(3, 200),
    location: text(2, 300),
    startsAt: instant,
    endsAt: instant.nullish(),
    groupType: z.enum(stopGroups),
    expectedParticipants: participants.nullish(),
  })
  .refine((s) => !s.endsAt || s.endsAt > s.startsAt, { path: ['endsAt'], message: 'stop.endsBeforeStart' });
export type NewStop = z.output<typeof NewStopSchema>;

/** Changed fields of a stop; absent fields stay as they are, null clears an optional one. */
export const StopChangesSchema = z.object({
  stopId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  name: text(3, 200).optional(),
  location: text(2, 300).optional(),
  startsAt: instant.optional(),
  endsAt: instant.nullable().optional(),
  groupType: z.enum(stopGroups).optional(),
  expectedParticipants: participants.nullable().optional(),
});
export type StopChanges = z.output<typeof StopChangesSchema>;

export const CompleteStopSchema = z.object({
  stopId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  actualParticipants: participants,
  summaryMd: z
    .preprocess((v) => (typeof v === 'string' ? cleanText(v) : v), z.string().max(20_000))
    .default(''),
});
export type CompleteStop = z.output<typeof CompleteStopSchema>;

export const AddFacilitatorSchema = z.object({ stopId: z.string().uuid(), userId: z.string().uuid() });
export const RemoveFacilitatorSchema = AddFacilitatorSchema;

export const ListStopsSchema = z.object({
  consultationId: z.string().uuid(),
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
});

/** A batch from the tablet's outbox: only the ids are checked as a whole, the rest per note. */
export const NoteBatchSchema = z.object({
  stopId: z.string().uuid(),
  notes: z
    .array(z.object({ id: z.string().uuid() }).passthrough())
    .min(1)
    .max(batchMax),
});

/** One note as captured on the tablet. Checked per note, so one bad note never hides the others. */
export const NoteSchema = z.object({
  /** Made on the tablet: the same note sent again is stored once. */
  id: z.string().uuid(),
  topicKey: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
  kind: z.enum(noteKinds),
  body: z.string().transform(cleanText),
  speaker: z
    .string()
    .transform(cleanText)
    .nullish()
    .transform((v) => (v ? v : null)),
  /** The tablet's clock: kept for information, never used for ordering. */
  clientCreatedAt: z
    .string()
    .datetime({ offset: true })
    // A dead tablet battery can reset the clock to 1970 or 2000; keep such times, but refuse what
    // the database could not store (which would refuse the whole batch on every retry).
    .refine((v) => {
      const year = new Date(v).getUTCFullYear();
      return year >= 1970 && year <= 2200;
    }),
});
export type NoteInput = z.input<typeof NoteSchema>;
export type Note = z.output<typeof NoteSchema>;

export const NoteChangesSchema = z.object({
  noteId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  topicKey: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80)
    .optional(),
  kind: z.enum(noteKinds).optional(),
  body: z.string().transform(cleanText).optional(),
  speaker: z.string().transform(cleanText).nullable().optional(),
});
export type NoteChanges = z.output<typeof NoteChangesSchema>;

/** What can be wrong with a stop request as a whole; Dutch texts in messages.nl.ts. */
export type StopError =
  | 'stop.invalid'
  | 'stop.endsBeforeStart'
  | 'stop.notFound'
  | 'stop.forbidden'
  | 'stop.conflict'
  | 'stop.cancelled'
  | 'stop.groupLocked'
  | 'consultation.notFound'
  | 'facilitator.unknown'
  | 'facilitator.owner'
  | 'facilitator.last'
  | 'notes.invalid'
  | 'notes.rejected';

/** What can be wrong with one note; the note stays in the tablet's outbox with this code. */
export type NoteError =
  | 'note.invalid'
  | 'note.empty'
  | 'note.tooLong'
  | 'note.invalidKind'
  | 'note.invalidTime'
  | 'note.unknownTopic'
  | 'note.speakerNotAllowed'
  | 'note.speakerTooLong'
  | 'note.speakerIsName'
  | 'note.speakerPersonalData'
  | 'note.idTaken'
  | 'note.notFound'
  | 'note.locked'
  | 'note.conflict';

export type RoadtourError = StopError | NoteError | 'auth.required' | 'auth.expired' | 'request.invalid';
