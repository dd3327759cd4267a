-- The optional semantic backend of the theme engine (src/lib/embeddings): vectors of approved,
-- redacted input from the municipality's own embeddings server, cached per item and model so a
-- re-run asks only for new or changed text. Off unless EMBEDDINGS_URL is set; then the theme
-- runs (as the analyst) read and write this table.

create table public.input_item_embeddings (
  input_item_id uuid not null references public.input_items on delete cascade,
  -- EMBEDDINGS_MODEL as configured: another model name means other vectors.
  model text not null check (length(model) between 1 and 200),
  -- sha256 (hex) of exactly the text that was sent: an edited or redacted item is embedded again.
  text_sha256 text not null check (text_sha256 ~ '^[0-9a-f]{64}$'),
  dimensions integer not null check (dimensions between 1 and 16384),
  -- float32, little-endian, `dimensions` of them.
  vector bytea not null check (length(vector) = 4 * dimensions),
  created_at timestamptz not null default now(),
  primary key (input_item_id, model)
);
comment on table public.input_item_embeddings is
  'Cached embedding vectors of approved (redacted) input per model and text hash, for the theme engine. Derived data: as visible as the text itself, to analysts and admins only.';

revoke all on public.input_item_embeddings from anon, authenticated;
grant select, insert, update, delete on public.input_item_embeddings to authenticated;
grant all on public.input_item_embeddings to service_role;

alter table public.input_item_embeddings enable row level security;

-- A vector says about as much as its text: analysts see only those of input they may read
-- (approved), admins those of any input. The input_items policies decide inside exists().
create policy "Analysts can read vectors of input they can read" on public.input_item_embeddings
for select to authenticated
using (
  (select private.has_role('analyst', 'admin'))
  and exists (select 1 from public.input_items i where i.id = input_item_embeddings.input_item_id)
);
create policy "Analysts can store vectors of approved input" on public.input_item_embeddings
for insert to authenticated
with check (
  (select private.has_role('analyst', 'admin'))
  and exists (
    select 1 from public.input_items i
    where i.id = input_item_embeddings.input_item_id and i.status = 'approved'
  )
);
create policy "Analysts can replace vectors of approved input" on public.input_item_embeddings
for update to authenticated
using (
  (select private.has_role('analyst', 'admin'))
  and exists (select 1 from public.input_items i where i.id = input_item_embeddings.input_item_id)
)
with check (
  (select private.has_role('analyst', 'admin'))
  and exists (
    select 1 from public.input_items i
    where i.id = input_item_embeddings.input_item_id and i.status = 'approved'
  )
);
create policy "Admins can delete vectors" on public.input_item_embeddings
for delete to authenticated using ((select private.has_role('admin')));
