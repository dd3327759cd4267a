import { z } from 'zod';
import { audiences } from '../content/schema';

/** The largest document staff may upload (checked before any parser reads it). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The longest pasted text. */
export const MAX_TEXT_CHARS = 200_000;
/** The most points one document may have. */
export const MAX_POINTS = 300;
/** The longest point (an input item's body). */
export const MAX_POINT_CHARS = 20_000;

export const writtenKinds = ['advies', 'brief'] as const;
export type WrittenKind = (typeof writtenKinds)[number];

/** What a staff member says about a letter or document before its text is read. */
export const WrittenInputMetaSchema = z.object({
  /** The consultation it is input for. */
  consultationId: z.string().uuid(),
  /** 'advies': a formal advice, its points are answered one by one; 'brief': any other letter. */
  kind: z.enum(writtenKinds),
  /** The organisation that sent it. */
  sender: z.string().trim().min(2).max(200),
  /** The audience its points count for. */
  audience: z.enum(audiences),
  /** The day it was received (yyyy-mm-dd), not in the future. */
  receivedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) && v <= new Date().toISOString().slice(0, 10)),
  /** The subject, e.g. "Advies over de nieuwe huishoudelijke ondersteuning". */
  title: z.string().trim().max(200).default(''),
});
export type WrittenInputMeta = z.output<typeof WrittenInputMetaSchema>;

/** One block of a draft, as the check screen shows it. */
export const DraftPointSchema = z.object({
  text: z.string().max(MAX_POINT_CHARS),
  /** Kept as a point (true) or left out (letterhead, signature). */
  keep: z.boolean(),
  label: z.string().max(40).nullable(),
  /** The response the document already gives ("Reactie college: …"). */
  response: z.string().max(MAX_POINT_CHARS).nullable(),
});
export type DraftPoint = z.output<typeof DraftPointSchema>;

export type WrittenError =
  | 'written.invalid'
  | 'written.sender'
  | 'written.audience'
  | 'written.receivedOn'
  | 'written.consultation'
  | 'written.noInput'
  | 'written.textTooLong'
  | 'written.notFound'
  | 'written.alreadySaved'
  | 'written.noPoints'
  | 'written.tooManyPoints'
  | 'written.pointTooLong'
  | 'written.forbidden';
