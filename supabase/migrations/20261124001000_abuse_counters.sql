-- Abuse protection (issue 9): counters for rate limits and the staff sign-in lockout, shared by
-- every server process through the database. Keys are HMACs of the client address or the e-mail
-- address (made by the server), never the address itself. Nobody reads or writes the table
-- directly: RLS is on without policies and no API role has a grant; the two security definer
-- functions below are the only way in.

create table public.abuse_counters (
  bucket text not null check (bucket ~ '^[a-z_:-]{1,40}$'),
  key text not null check (length(key) between 1 and 100),
  window_start timestamptz not null,
  window_end timestamptz not null check (window_end > window_start),
  hits integer not null default 1 check (hits >= 0),
  primary key (bucket, key, window_start)
);
comment on table public.abuse_counters is
  'Hits per client or account per fixed time window (rate limits, sign-in failures). Keys are HMACs. Owner only.';
create index abuse_counters_end_idx on public.abuse_counters (window_end);

alter table public.abuse_counters enable row level security;
revoke all on public.abuse_counters from public, anon, authenticated, service_role;

-- Counts one hit (p_cost 0: only reads) in the current fixed window of p_window_seconds and
-- returns the window's hits and when it ends. Now and then removes windows that ended an hour ago.
create or replace function private.abuse_hit(p_bucket text, p_key text, p_window_seconds integer, p_cost integer default 1)
returns table (hits integer, window_end timestamptz)
language plpgsql volatile security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_start timestamptz;
begin
  if p_window_seconds is null or p_window_seconds < 1 or p_window_seconds > 86400 then
    raise exception 'window out of range';
  end if;
  v_start := to_timestamp(floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds);
  if random() < 0.01 then
    delete from public.abuse_counters c where c.window_end < now() - interval '1 hour';
  end if;
  if coalesce(p_cost, 0) <= 0 then
    return query
      select coalesce(max(c.hits), 0)::integer, v_start + make_interval(secs => p_window_seconds)
      from public.abuse_counters c
      where c.bucket = p_bucket and c.key = p_key and c.window_start = v_start;
    return;
  end if;
  return query
    with counted as (
      insert into public.abuse_counters as c (bucket, key, window_start, window_end, hits)
      values (p_bucket, p_key, v_start, v_start + make_interval(secs => p_window_seconds), p_cost)
      on conflict (bucket, key, window_start) do update set hits = c.hits + excluded.hits
      returning c.hits, c.window_end
    )
    select counted.hits, counted.window_end from counted;
end;
$$;

-- Forgets a key's counts in a bucket (a successful sign-in clears the account's failures).
create or replace function private.abuse_clear(p_bucket text, p_key text)
returns void
language sql volatile security definer
set search_path = ''
as $$
  delete from public.abuse_counters where bucket = p_bucket and key = p_key;
$$;

-- Records a failed or refused staff sign-in in the audit log. Only these two actions; the entity id
-- is the HMAC of the typed e-mail address, the detail never holds a password.
create or replace function private.audit_sign_in(p_action text, p_account_key text, p_detail jsonb)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if p_action not in ('sign_in.failed', 'sign_in.locked') then
    raise exception 'not a sign-in action' using errcode = '42501';
  end if;
  insert into public.audit_log (actor_id, actor_role, action, entity, entity_id, detail)
  values (null, 'anon', p_action, 'staff_sign_in', left(p_account_key, 100), coalesce(p_detail, '{}'::jsonb));
end;
$$;

revoke all on function private.audit_sign_in(text, text, jsonb) from public;
grant execute on function private.audit_sign_in(text, text, jsonb) to anon, authenticated, service_role;
revoke all on function private.abuse_hit(text, text, integer, integer) from public;
revoke all on function private.abuse_clear(text, text) from public;
grant execute on function private.abuse_hit(text, text, integer, integer) to anon, authenticated, service_role;
grant execute on function private.abuse_clear(text, text) to anon, authenticated, service_role;
