-- Staff sign-in throttle (issue 16, item 6), in place of the lockout. The lockout refused every
-- attempt for 15 minutes after five failures, for the real user too, and for all staff behind one
-- address; and it read the count before checking the password and wrote it after, so parallel
-- guesses were all checked. Now each attempt is claimed, atomically, before the password is
-- checked: the claim counts as a failure at once (a success takes it back) and sets when the next
-- attempt for that account, and from that address, may come: at once for the first few, then after
-- a delay that doubles with every further failure up to a cap. Refused attempts change nothing, so
-- an attacker cannot push the wait further; once the attack stops the real user waits at most the
-- cap. Failures are forgotten after an hour without attempts. Keys are HMACs (account: typed
-- e-mail address; client: address), never the values. Owner only; the functions are the way in.

create table public.signin_throttle (
  kind text not null check (kind in ('account', 'client')),
  key text not null check (length(key) between 1 and 100),
  failures integer not null default 0 check (failures >= 0),
  last_attempt_at timestamptz not null,
  next_attempt_at timestamptz not null,
  primary key (kind, key)
);
comment on table public.signin_throttle is
  'Failed staff sign-ins per account and per client (HMAC keys) and when the next attempt may come. Owner only.';
create index signin_throttle_last_idx on public.signin_throttle (last_attempt_at);

alter table public.signin_throttle enable row level security;
revoke all on public.signin_throttle from public, anon, authenticated, service_role;

-- The wait after the n-th failure: none below p_free, then 1 s, 2 s, 4 s, … up to p_max seconds.
create or replace function private.signin_delay(p_failures integer, p_free integer, p_max integer)
returns interval
language sql immutable
set search_path = ''
as $$
  select case
    when p_failures < greatest(p_free, 0) then interval '0'
    else make_interval(secs => least(p_max::float8, power(2::float8, least(p_failures - greatest(p_free, 0), 30))))
  end
$$;

-- Claims one attempt for an account from a client. allowed: the password may be checked (the
-- attempt already counts as a failure); else retry_at says when the next attempt may come.
create or replace function private.signin_claim(
  p_account text, p_client text, p_free_account integer, p_free_client integer, p_max_seconds integer)
returns table (allowed boolean, retry_at timestamptz)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_now timestamptz := clock_timestamp();
  v_account public.signin_throttle;
  v_client public.signin_throttle;
begin
  if p_max_seconds is null or p_max_seconds < 1 or p_max_seconds > 86400 then
    raise exception 'cap out of range';
  end if;
  if random() < 0.01 then
    delete from public.signin_throttle t where t.last_attempt_at < now() - interval '1 day';
  end if;
  insert into public.signin_throttle (kind, key, last_attempt_at, next_attempt_at)
  values ('account', p_account, v_now, v_now), ('client', p_client, v_now, v_now)
  on conflict (kind, key) do nothing;
  -- Always the account row first, then the client row: one lock order, no deadlocks.
  select * into strict v_account from public.signin_throttle t
    where t.kind = 'account' and t.key = p_account for update;
  select * into strict v_client from public.signin_throttle t
    where t.kind = 'client' and t.key = p_client for update;
  -- An hour without attempts forgets the failures.
  if v_account.last_attempt_at < v_now - interval '1 hour' then
    v_account.failures := 0;
    v_account.next_attempt_at := v_now;
  end if;
  if v_client.last_attempt_at < v_now - interval '1 hour' then
    v_client.failures := 0;
    v_client.next_attempt_at := v_now;
  end if;
  if v_account.next_attempt_at > v_now or v_client.next_attempt_at > v_now then
    return query select false, greatest(
      case when v_account.next_attempt_at > v_now then v_account.next_attempt_at end,
      case when v_client.next_attempt_at > v_now then v_client.next_attempt_at end);
    return;
  end if;
  update public.signin_throttle t
    set failures = v_account.failures + 1, last_attempt_at = v_now,
        next_attempt_at = v_now + private.signin_delay(v_account.failures + 1, p_free_account, p_max_seconds)
    where t.kind = 'account' and t.key = p_account;
  update public.signin_throttle t
    set failures = v_client.failures + 1, last_attempt_at = v_now,
        next_attempt_at = v_now + private.signin_delay(v_client.failures + 1, p_free_client, p_max_seconds)
    where t.kind = 'client' and t.key = p_client;
  return query select true, null::timestamptz;
end;
$$;

-- A successful sign-in: the account's failures are forgotten; the client's count loses the one
-- this attempt added (so colleagues signing in from one address never slow each other down).
create or replace function private.signin_succeeded(
  p_account text, p_client text, p_free_client integer, p_max_seconds integer)
returns void
language sql volatile security definer
set search_path = ''
as $$
  delete from public.signin_throttle where kind = 'account' and key = p_account;
  update public.signin_throttle t
    set failures = greatest(t.failures - 1, 0),
        next_attempt_at = least(t.next_attempt_at,
          t.last_attempt_at + private.signin_delay(greatest(t.failures - 1, 0), p_free_client, p_max_seconds))
    where t.kind = 'client' and t.key = p_client;
$$;

revoke all on function private.signin_delay(integer, integer, integer) from public;
revoke all on function private.signin_claim(text, text, integer, integer, integer) from public;
revoke all on function private.signin_succeeded(text, text, integer, integer) from public;
grant execute on function private.signin_delay(integer, integer, integer) to anon, authenticated, service_role;
grant execute on function private.signin_claim(text, text, integer, integer, integer) to anon, authenticated, service_role;
grant execute on function private.signin_succeeded(text, text, integer, integer) to anon, authenticated, service_role;
