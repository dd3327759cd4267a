-- The insert policies' checks keep their plans for the connection (issue 21). Both helpers were
-- `language sql` functions; a `security definer` function with its own search_path is never
-- inlined, so Postgres parsed and planned its query again for every statement that called it:
-- the submit benchmark's profile measured consultation_is_open (4 calls per answer) and answer_fits
-- (3 calls) at 0.3-0.5 ms of the 1.4 ms the answer's statements take on PostgreSQL. PL/pgSQL
-- prepares a function's query once per connection and reuses the plan, with the same query, the
-- same owner, search_path and volatility, so the policies decide exactly as before.

create or replace function private.consultation_is_open(target uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.consultations c
    where c.id = target and c.status = 'published' and now() >= c.opens_at and now() < c.closes_at
  );
end
$$;

create or replace function private.answer_fits(
  target_submission uuid,
  target_question uuid,
  target_audience public.audience,
  target_consultation uuid
)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.submissions s
    join public.questions q on q.consultation_id = s.consultation_id and q.audience = s.audience
    where s.id = target_submission
      and q.id = target_question
      and s.audience = target_audience
      and s.consultation_id = target_consultation
      and s.created_at > now() - interval '1 hour'
  );
end
$$;
