-- The facilitator app lists who can lead a stop (to add a co-facilitator and to show who leads
-- one). staff_members is readable only row by row (everyone sees their own), so this definer
-- function gives facilitators and admins just the names of the active facilitators and admins:
-- no e-mail addresses, nothing for other roles or anonymous callers.
create function public.roadtour_team()
returns table (user_id uuid, display_name text)
language sql stable security definer
set search_path = ''
as $$
  select s.user_id, s.display_name
  from public.staff_members s
  where s.active
    and s.role in ('facilitator', 'admin')
    and private.has_role('facilitator', 'admin')
  order by s.display_name, s.user_id
$$;
comment on function public.roadtour_team() is
  'Names of the active facilitators and admins, for facilitators and admins only (co-facilitators).';

revoke all on function public.roadtour_team() from public;
grant execute on function public.roadtour_team() to authenticated;
