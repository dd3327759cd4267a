-- A staff member's user can be deleted (issue 17, item 5, and the indexes of item 7).
--
-- Deleting a user in Supabase Auth sets the app's references to it to null (`on delete set null`).
-- Frozen theme snapshots refused that update ("audit_log is append-only", the shared trigger's
-- message), so nobody who had ever frozen a snapshot could be removed. A snapshot stays frozen,
-- except that its maker may be forgotten.
create function private.snapshot_stays_frozen() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.created_by is null and (to_jsonb(new) - 'created_by') = (to_jsonb(old) - 'created_by') then
    return new;
  end if;
  raise exception 'theme snapshots are frozen' using errcode = '42501';
end
$$;

drop trigger theme_snapshots_frozen on public.theme_snapshots;
create trigger theme_snapshots_frozen before update on public.theme_snapshots
for each row execute function private.snapshot_stays_frozen();

-- Every foreign key gets an index that starts with its columns: deleting a user (or a
-- consultation, a theme…) then finds the referring rows by index instead of scanning each table.
do $$
declare
  fk record;
  index_name text;
begin
  for fk in
    select c.conrelid, c.conrelid::regclass as rel, cl.relname,
      array_agg(a.attname order by k.ord) as columns
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    cross join lateral unnest(c.conkey) with ordinality k(attnum, ord)
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) x)
            = (select array_agg(x order by x) from unnest(c.conkey) x)
      )
    group by c.oid, c.conrelid, cl.relname
  loop
    index_name := left(fk.relname || '_' || array_to_string(fk.columns, '_'), 55) || '_fk_idx';
    execute format('create index %I on %s (%s)', index_name, fk.rel,
      (select string_agg(quote_ident(col), ', ') from unnest(fk.columns) col));
  end loop;
end
$$;
