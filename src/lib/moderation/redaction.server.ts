import { isRefusal, sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import { redact, type SpanErrorCode, SpanValidationError } from '../privacy';
import { type ItemVersion, ItemVersionSchema, type RedactionInput, RedactionSchema } from './schema';
import { type CurrentState, currentStates } from './state.server';

export type RedactionResult =
  | { ok: true; item: { id: string; version: number; body: string } }
  | { ok: false; code: 'moderation.invalid'; fields?: string[] }
  | {
      ok: false;
      code: 'redaction.invalidSpans';
      detail: { reason: SpanErrorCode; spanIndex: number; message: string };
    }
  | { ok: false; code: 'redaction.tooLong' }
  | { ok: false; code: 'moderation.notFound' }
  | { ok: false; code: 'moderation.notAllowed' | 'moderation.conflict'; current?: CurrentState };

export type DismissResult =
  | { ok: true; item: { id: string; version: number } }
  | { ok: false; code: 'moderation.invalid'; fields?: string[] }
  | { ok: false; code: 'moderation.notFound' }
  | { ok: false; code: 'moderation.notAllowed' | 'moderation.conflict'; current?: CurrentState };

const MAX_BODY = 20_000;

const fieldsOf = (issues: readonly { path: (string | number)[] }[]) => [
  ...new Set(issues.map((i) => i.path.join('.') || 'input')),
];

/** Why an optimistic update touched nothing: gone, changed meanwhile, or not the caller's to change. */
async function whyUnchanged(
  tx: Tx,
  itemId: string,
  expectedVersion: number,
): Promise<
  Extract<
    RedactionResult,
    { ok: false; code: 'moderation.notFound' | 'moderation.conflict' | 'moderation.notAllowed' }
  >
> {
  const current = (await currentStates(tx, [itemId])).get(itemId);
  if (!current) return { ok: false, code: 'moderation.notFound' };
  if (current.version !== expectedVersion) return { ok: false, code: 'moderation.conflict', current };
  return { ok: false, code: 'moderation.notAllowed', current };
}

function refusal(
  error: unknown,
): { ok: false; code: 'moderation.notAllowed' | 'moderation.invalid' } | undefined {
  if (sqlState(error) === '42501') return { ok: false, code: 'moderation.notAllowed' };
  if (isRefusal(error)) return { ok: false, code: 'moderation.invalid' };
  return undefined;
}

/**
 * Replaces personal data in an item's text by placeholders ("[telefoonnummer]"). The spans are
 * the detector's accepted proposals plus any the moderator selected, in UTF-16 offsets of the
 * text at `expectedVersion`. A trigger keeps the original for admins; the proposals are closed.
 */
export async function applyRedaction(db: CallerDb, input: RedactionInput): Promise<RedactionResult> {
  const parsed = RedactionSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, code: 'moderation.invalid', fields: fieldsOf(parsed.error.issues) };
  const { itemId, expectedVersion, spans } = parsed.data;
  try {
    return await db.run(async (tx): Promise<RedactionResult> => {
      const [row] = await tx.sql<{ body: string; version: number }>`
        select body, version from public.input_items where id = ${itemId}`;
      if (!row) return { ok: false, code: 'moderation.notFound' };
      if (row.version !== expectedVersion) return whyUnchanged(tx, itemId, expectedVersion);
      let body: string;
      try {
        body = redact(row.body, spans);
      } catch (error) {
        if (!(error instanceof SpanValidationError)) throw error;
        return {
          ok: false,
          code: 'redaction.invalidSpans',
          detail: { reason: error.code, spanIndex: error.spanIndex, message: error.message },
        };
      }
      if (body.length > MAX_BODY) return { ok: false, code: 'redaction.tooLong' };
      // The version guard also guarantees the offsets were checked against this very text.
      const [updated] = await tx.sql<{ id: string; version: number; body: string }>`
        update public.input_items
        set body = ${body}, pii_spans = '[]'::jsonb
        where id = ${itemId} and version = ${expectedVersion}
          and (select private.has_role('moderator', 'admin'))
        returning id, version, body`;
      return updated ? { ok: true, item: updated } : whyUnchanged(tx, itemId, expectedVersion);
    });
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    throw error;
  }
}

/** Closes an item's personal-data proposals without changing its text (they were false alarms). */
export async function dismissPiiProposals(db: CallerDb, input: ItemVersion): Promise<DismissResult> {
  const parsed = ItemVersionSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, code: 'moderation.invalid', fields: fieldsOf(parsed.error.issues) };
  const { itemId, expectedVersion } = parsed.data;
  try {
    return await db.run(async (tx): Promise<DismissResult> => {
      const [updated] = await tx.sql<{ id: string; version: number }>`
        update public.input_items
        set pii_spans = '[]'::jsonb
        where id = ${itemId} and version = ${expectedVersion}
          and (select private.has_role('moderator', 'admin'))
        returning id, version`;
      return updated ? { ok: true, item: updated } : whyUnchanged(tx, itemId, expectedVersion);
    });
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    throw error;
  }
}
