import { z } from 'zod';
import { type Audience, audiences } from '../content/schema';
import type { CallerDb } from '../db/types';
import { audienceText } from '../inputs/audiences.nl';
import { isPiiType, PII_PLACEHOLDERS, type PiiSpan } from '../privacy';
import { moderationMessages } from './messages.nl';
import { type ItemFailure, moderate, moderateEach } from './moderate.server';
import { applyRedaction, dismissPiiProposals } from './redaction.server';
import {
  type Channel,
  channels,
  MAX_BULK_ITEMS,
  type ModerationStatus,
  moderationStatuses,
  type QueueFilter,
  type RejectReason,
  rejectReasons,
} from './schema';

/** Dutch (B1) labels for the moderation screens. */
export const statusLabels: Readonly<Record<ModerationStatus, string>> = {
  new: 'Nieuw',
  approved: 'Goedgekeurd',
  rejected: 'Afgewezen',
  hidden: 'Verborgen',
};

export const channelLabels: Readonly<Record<Channel, string>> = {
  online: 'Online',
  roadtour: 'Roadtour',
  import: 'Import (spreadsheet)',
  schriftelijk: 'Brief of advies',
};

/** The same audience names the public site uses (one source: src/lib/inputs/audiences.nl.ts). */
export const audienceLabels = Object.fromEntries(
  Object.entries(audienceText).map(([audience, text]) => [audience, text.label]),
) as Readonly<Record<Audience, string>>;

export const rejectReasonLabels: Readonly<Record<RejectReason, string>> = {
  off_topic: 'Gaat niet over het onderwerp',
  abusive: 'Beledigend of kwetsend',
  duplicate: 'Staat er al (dubbel)',
  spam: 'Reclame of spam',
  other: 'Andere reden',
};

/** The tab value for "every status" in the query string. */
export const ALL_STATUSES = 'alle';

/** The queue's filters as they appear in the page's query string (Dutch parameter names). */
export interface QueueView {
  /** undefined: every status. */
  status: ModerationStatus | undefined;
  audience: Audience | undefined;
  channel: Channel | undefined;
  hasPii: boolean;
  search: string;
  cursor: string | undefined;
}

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** Reads the filters from the query string; unknown values are ignored (the default is "new"). */
export function readQueueView(params: URLSearchParams): QueueView {
  const rawStatus = params.get('status');
  const cursor = params.get('na') ?? undefined;
  return {
    status: rawStatus === ALL_STATUSES ? undefined : (pick(moderationStatuses, rawStatus) ?? 'new'),
    audience: pick(audiences, params.get('doelgroep')),
    channel: pick(channels, params.get('kanaal')),
    hasPii: params.get('persoonsgegevens') === 'ja',
    search: (params.get('zoek') ?? '').trim().slice(0, 200),
    cursor: cursor && cursor.length <= 200 ? cursor : undefined,
  };
}

/** The domain filter (without status) for countByStatus, and with status for listQueue. */
export function toQueueFilter(view: QueueView): QueueFilter {
  return {
    ...(view.status ? { status: view.status } : {}),
    ...(view.audience ? { audience: view.audience } : {}),
    ...(view.channel ? { channel: view.channel } : {}),
    ...(view.hasPii ? { hasPii: true } : {}),
    ...(view.search ? { search: view.search } : {}),
  };
}

/** The query string for a view; `changes` override fields (cursor is dropped unless given). */
export function queueQuery(
  view: QueueView,
  changes: Partial<QueueView> & { status?: ModerationStatus | undefined } = {},
  extra: Record<string, string> = {},
): string {
  const v = { ...view, cursor: undefined, ...changes };
  const params = new URLSearchParams();
  params.set('status', v.status ?? ALL_STATUSES);
  if (v.audience) params.set('doelgroep', v.audience);
  if (v.channel) params.set('kanaal', v.channel);
  if (v.hasPii) params.set('persoonsgegevens', 'ja');
  if (v.search) params.set('zoek', v.search);
  if (v.cursor) params.set('na', v.cursor);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `?${params.toString()}`;
}

/** One piece of an item's text: plain, or a proposed personal-data span with its label. */
export type TextPart =
  | { kind: 'text'; text: string; start: number }
  | { kind: 'pii'; text: string; start: number; label: string };

/**
 * Splits a text at its personal-data proposals, in UTF-16 offsets. Spans that are out of range or
 * overlap an earlier span are left out of the highlighting (the text stays whole).
 */
export function splitAtSpans(text: string, spans: readonly PiiSpan[]): TextPart[] {
  const sorted = [...spans]
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0)
    .filter((s) => s.start < s.end && s.end <= text.length)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: TextPart[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    if (span.start > at) parts.push({ kind: 'text', text: text.slice(at, span.start), start: at });
    const label = isPiiType(span.type) ? PII_PLACEHOLDERS[span.type] : '[persoonsgegeven]';
    parts.push({ kind: 'pii', text: text.slice(span.start, span.end), start: span.start, label });
    at = span.end;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at), start: at });
  return parts;
}

/** Flash messages after an action: success codes here, error codes from messages.nl.ts. */
export const successMessages = {
  approve: 'Het bericht is goedgekeurd.',
  reject: 'Het bericht is afgewezen.',
  hide: 'Het bericht is verborgen.',
  reopen: 'Het bericht staat weer op nieuw.',
  redact: 'De persoonsgegevens zijn uit de tekst gehaald.',
  dismiss: 'U hebt aangegeven dat er geen persoonsgegevens in staan.',
  digestOn: 'Opgeslagen. U krijgt elke ochtend een e-mail als er nieuwe berichten wachten.',
  digestOff: 'Opgeslagen. U krijgt geen dagelijkse e-mail meer.',
} as const;
export type SuccessCode = keyof typeof successMessages;

export type Flash = { kind: 'success' | 'error'; text: string } | undefined;

/** The flash message named in the query string (only known codes: no text comes from the URL). */
export function readFlash(params: URLSearchParams): Flash {
  const done = params.get('gelukt');
  if (done && Object.hasOwn(successMessages, done))
    return { kind: 'success', text: successMessages[done as SuccessCode] };
  const failed = params.get('fout');
  if (failed && Object.hasOwn(moderationMessages, failed))
    return { kind: 'error', text: moderationMessages[failed as keyof typeof moderationMessages] };
  return undefined;
}

const uuid = z.string().uuid();
const version = z.coerce.number().int().min(1);
const spansJson = z
  .string()
  .max(20_000)
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'invalid JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(z.object({ type: z.string().max(20), start: z.number().int(), end: z.number().int() }))
      .min(1)
      .max(500),
  );

/** One action as a plain form posts it (form fields are strings). */
export const ActionFormSchema = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['approve', 'hide', 'reopen']), itemId: uuid, expectedVersion: version }),
  z.object({
    action: z.literal('reject'),
    itemId: uuid,
    expectedVersion: version,
    reason: z.union([z.enum(rejectReasons), z.literal('').transform(() => undefined)]).optional(),
  }),
  z.object({ action: z.literal('redact'), itemId: uuid, expectedVersion: version, spans: spansJson }),
  z.object({ action: z.literal('dismiss'), itemId: uuid, expectedVersion: version }),
]);
export type ActionForm = z.output<typeof ActionFormSchema>;

/** Reads a posted action form; undefined when it does not fit. */
export function readActionForm(form: FormData): ActionForm | undefined {
  const data: Record<string, string> = {};
  for (const key of ['action', 'itemId', 'expectedVersion', 'reason', 'spans']) {
    const value = form.get(key);
    if (typeof value === 'string') data[key] = value;
  }
  const parsed = ActionFormSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** What a bulk action may do (undo also sends "reopen"). */
export const bulkActions = ['approve', 'reject', 'hide', 'reopen'] as const;
export type BulkAction = (typeof bulkActions)[number];

/** The bulk form's choice of action, in the order it offers them. */
export const bulkActionLabels: Readonly<Record<Exclude<BulkAction, 'reopen'>, string>> = {
  approve: 'Goedkeuren',
  reject: 'Afwijzen',
  hide: 'Verbergen',
};

/** A posted bulk form: the chosen items ("id:version" each), the action and a reason. */
export interface BulkForm {
  action: Exclude<BulkAction, 'reopen'>;
  reason: RejectReason | undefined;
  items: { id: string; expectedVersion: number }[];
}

const chosen = z
  .string()
  .max(60)
  .regex(/^[0-9a-f-]{36}:\d{1,9}$/i)
  .transform((value) => {
    const [id = '', version = '0'] = value.split(':');
    return { id: id.toLowerCase(), expectedVersion: Number(version) };
  });

/** True when the posted form is the bulk form (it carries `bulk=ja`). */
export const isBulkForm = (form: FormData): boolean => form.get('bulk') === 'ja';

/**
 * Reads the bulk form (works without JavaScript: the checkboxes in the list belong to it through
 * their `form` attribute). Returns the choice, or the code of what is missing.
 */
export function readBulkForm(
  form: FormData,
): { ok: true; value: BulkForm } | { ok: false; code: BulkFormError; chosen: string[] } {
  const raw = form.getAll('kies').filter((v): v is string => typeof v === 'string');
  const parsed = z.array(chosen).max(MAX_BULK_ITEMS).safeParse(raw);
  const items = parsed.success ? [...new Map(parsed.data.map((i) => [i.id, i])).values()] : [];
  const ids = items.map((i) => i.id);
  const action = pick(
    ['approve', 'reject', 'hide'] as const,
    (form.get('bulkAction') as string | null) ?? null,
  );
  const reasonValue = form.get('bulkReason');
  const reason = pick(rejectReasons, typeof reasonValue === 'string' ? reasonValue : null);
  if (!parsed.success) return { ok: false, code: 'bulk.invalid', chosen: [] };
  if (items.length === 0) return { ok: false, code: 'bulk.noneChosen', chosen: ids };
  if (!action) return { ok: false, code: 'bulk.noAction', chosen: ids };
  if (action === 'reject' && !reason) return { ok: false, code: 'bulk.reasonRequired', chosen: ids };
  return { ok: true, value: { action, reason: action === 'reject' ? reason : undefined, items } };
}

export type BulkFormError = 'bulk.invalid' | 'bulk.noneChosen' | 'bulk.noAction' | 'bulk.reasonRequired';
export const bulkFormMessages: Readonly<Record<BulkFormError, string>> = {
  'bulk.invalid': 'Er ging iets mis met het formulier. Laad de pagina opnieuw en probeer het nog eens.',
  'bulk.noneChosen': 'Kies eerst één of meer berichten met de vakjes "Kiezen".',
  'bulk.noAction': 'Kies wat er met de gekozen berichten moet gebeuren.',
  'bulk.reasonRequired': 'Kies waarom u de gekozen berichten afwijst.',
};

const doneWords: Readonly<Record<BulkAction, string>> = {
  approve: 'goedgekeurd',
  reject: 'afgewezen',
  hide: 'verborgen',
  reopen: 'weer op nieuw gezet',
};

/** One line about a bulk action's outcome: "3 berichten afgewezen. 2 berichten niet: …". */
export function bulkSummary(action: BulkAction, done: number, failed: number): string {
  const n = (count: number) => (count === 1 ? '1 bericht' : `${count} berichten`);
  const first = done === 0 ? 'Er is niets veranderd.' : `${n(done)} ${doneWords[action]}.`;
  if (failed === 0) return first;
  return `${first} ${n(failed)} ${failed === 1 ? 'kon' : 'konden'} niet: ${
    failed === 1 ? 'het staat' : 'ze staan'
  } hieronder met de reden, en ${failed === 1 ? 'is' : 'zijn'} nog gekozen.`;
}

/** The Dutch reason for one item that a bulk action could not change. */
export function failureText(failure: Pick<ItemFailure, 'code'>): string {
  return moderationMessages[failure.code];
}

/** The item to keep on screen after an action even when it no longer fits the filters (`ook`). */
export function readKeepId(params: URLSearchParams): string | undefined {
  const value = params.get('ook');
  return value && uuid.safeParse(value).success ? value.toLowerCase() : undefined;
}

const span = z.object({ type: z.string().max(20), start: z.number().int(), end: z.number().int() }).strict();
const target = z.object({ itemId: uuid, expectedVersion: z.number().int().min(1) });

/** What the island sends to /api/staff/moderatie (JSON). */
export const ApiActionSchema = z.discriminatedUnion('action', [
  target.extend({ action: z.enum(['approve', 'hide', 'reopen']) }).strict(),
  target.extend({ action: z.literal('reject'), reason: z.enum(rejectReasons).optional() }).strict(),
  target.extend({ action: z.literal('redact'), spans: z.array(span).min(1).max(500) }).strict(),
  target.extend({ action: z.literal('dismiss') }).strict(),
  z
    .object({
      action: z.literal('bulk'),
      bulkAction: z.enum(bulkActions),
      reason: z.enum(rejectReasons).optional(),
      items: z
        .array(z.object({ id: uuid, expectedVersion: z.number().int().min(1) }).strict())
        .min(1)
        .max(MAX_BULK_ITEMS),
    })
    .strict(),
]);
export type ApiAction = z.output<typeof ApiActionSchema>;

/** The domain result of one action: `{ ok: true, … }` or `{ ok: false, code, … }`. */
export type ActionResult =
  | Awaited<ReturnType<typeof moderate>>
  | Awaited<ReturnType<typeof moderateEach>>
  | Awaited<ReturnType<typeof applyRedaction>>
  | Awaited<ReturnType<typeof dismissPiiProposals>>;

/** Runs one action as the caller (server only: RLS and the role checks apply). */
export function performAction(db: CallerDb, action: ActionForm | ApiAction): Promise<ActionResult> {
  switch (action.action) {
    case 'redact':
      return applyRedaction(db, {
        itemId: action.itemId,
        expectedVersion: action.expectedVersion,
        spans: action.spans,
      });
    case 'dismiss':
      return dismissPiiProposals(db, { itemId: action.itemId, expectedVersion: action.expectedVersion });
    case 'bulk':
      return moderateEach(db, action.items, action.bulkAction, action.reason);
    case 'reject':
      return moderate(db, {
        itemId: action.itemId,
        expectedVersion: action.expectedVersion,
        action: 'reject',
        ...(action.reason ? { reason: action.reason } : {}),
      });
    default:
      return moderate(db, {
        itemId: action.itemId,
        expectedVersion: action.expectedVersion,
        action: action.action,
      });
  }
}

/** A way back to the queue from a form's `terug` field: only the queue itself, else its start. */
export function backToQueue(value: FormDataEntryValue | null): string {
  return typeof value === 'string' && /^\/staff\/moderatie(\?[^#\s]*)?$/.test(value) && value.length <= 1000
    ? value
    : '/staff/moderatie';
}

/** True for the roles that may moderate. */
export const canModerate = (role: string | undefined): boolean => role === 'moderator' || role === 'admin';
