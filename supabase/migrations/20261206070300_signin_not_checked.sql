-- Sign-in attempts whose password was never checked (issue 17, item 2). The throttle claims each
-- attempt before the password is checked and counts it as a failure at once
-- (private.signin_claim). When Supabase Auth cannot answer (rate limited, an error, unreachable),
-- or answers that the password was right but the address is not confirmed yet, nobody guessed
-- anything: the claim is taken back for the account and for the client, so an outage never slows
-- down or locks out the people who try to sign in during it.
create or replace function private.signin_not_checked(
  p_account text, p_client text, p_free_account integer, p_free_client integer, p_max_seconds integer)
returns void
language sql volatile security definer
set search_path = ''
as $$
  update public.signin_throttle t
    set failures = greatest(t.failures - 1, 0),
        next_attempt_at = least(t.next_attempt_at,
          t.last_attempt_at + private.signin_delay(greatest(t.failures - 1, 0),
            case t.kind when 'account' then p_free_account else p_free_client end, p_max_seconds))
    where (t.kind = 'account' and t.key = p_account) or (t.kind = 'client' and t.key = p_client);
$$;

revoke all on function private.signin_not_checked(text, text, integer, integer, integer) from public;
grant execute on function private.signin_not_checked(text, text, integer, integer, integer)
  to doemee_anon, doemee_staff, doemee_service;
