import type { ExportFilters } from './filters';

/** What an export reads: one consultation, its current themes or one frozen snapshot, and filters. */
export interface Scope {
  readonly consultationId: string;
  readonly snapshotId: string | null;
  readonly filters: ExportFilters;
}

/** Collects bound parameters while a statement is written, so no value is ever concatenated. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `th` (the themes) and `asg` (item → theme assignments) for either source. Current state: the
 * live themes and their assignments. Snapshot: the frozen JSON, in snake_case or camelCase keys.
 * `th.accepted` follows the shared definition: status `active`, or locked, or published; the
 * other rows of `th` are candidates (the engine's proposals, status `candidate`). Dismissed and
 * merged themes are never part of an export.
 * `not materialized` lets Postgres push the per-item lookups into the CTEs instead of
 * building every assignment for every batch.
 */
export function themeCtes(scope: Scope, p: Params): string {
  const c = p.add(scope.consultationId);
  if (!scope.snapshotId) {
    return `th as materialized (
        select t.id, t.label, t.description_md, t.reaction_md, t.position::int as position,
               (t.status = 'active' or t.locked or t.published_at is not null) as accepted
        from public.themes t where t.consultation_id = ${c}::uuid and t.status in ('active', 'candidate')
      ),
      asg as not materialized (
        select a.theme_id, a.input_item_id, a.is_primary, a.score::float8 as score
        from public.theme_assignments a join th on th.id = a.theme_id
        where a.consultation_id = ${c}::uuid
      )`;
  }
  const s = p.add(scope.snapshotId);
  return `snap as materialized (
        select s.themes, s.assignments from public.theme_snapshots s
        where s.id = ${s}::uuid and s.consultation_id = ${c}::uuid
      ),
      th as materialized (
        select (x ->> 'id')::uuid as id, coalesce(x ->> 'label', '') as label,
               coalesce(x ->> 'description_md', x ->> 'descriptionMd', '') as description_md,
               coalesce(x ->> 'reaction_md', x ->> 'reactionMd', '') as reaction_md,
               coalesce((x ->> 'position')::int, e.ord::int) as position,
               (coalesce(x ->> 'status', 'active') = 'active' or coalesce((x ->> 'locked')::boolean, false)
                or coalesce(x ->> 'published_at', x ->> 'publishedAt') is not null) as accepted
        from snap, jsonb_array_elements(snap.themes) with ordinality as e(x, ord)
        where coalesce(x ->> 'status', 'active') in ('active', 'candidate')
      ),
      asg as not materialized (
        select a.theme_id, a.input_item_id, a.is_primary, a.score from (
          select coalesce(x ->> 'theme_id', x ->> 'themeId')::uuid as theme_id,
                 coalesce(x ->> 'input_item_id', x ->> 'inputItemId', x ->> 'itemId')::uuid as input_item_id,
                 coalesce((x ->> 'is_primary')::boolean, (x ->> 'isPrimary')::boolean, true) as is_primary,
                 coalesce((x ->> 'score')::float8, 0) as score
          from snap, jsonb_array_elements(snap.assignments) as x
        ) a join th on th.id = a.theme_id
      )`;
}

/** Approved items of the consultation within the filters; `i` is public.input_items. */
export function itemFilter(scope: Scope, p: Params): string {
  const f = scope.filters;
  const parts = [`i.consultation_id = ${p.add(scope.consultationId)}::uuid`, `i.status = 'approved'`];
  if (f.audience) parts.push(`i.audience = ${p.add(f.audience)}::public.audience`);
  if (f.channel) parts.push(`i.channel = ${p.add(f.channel)}::public.channel`);
  if (f.from)
    parts.push(`i.created_at >= (${p.add(f.from)}::date::timestamp at time zone 'Europe/Amsterdam')`);
  if (f.to)
    parts.push(`i.created_at < ((${p.add(f.to)}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`);
  return parts.join(' and ');
}
