-- The facilitator who planned a stop stays one of its facilitators. Any facilitator of a stop (or
-- an admin) may still take a co-facilitator off it, themself included, but not its owner: the
-- owner keeps write access through roadtour_stops.created_by anyway (private.facilitates), so
-- deleting their row would only hide them from the list of who leads the stop. Cascades (a stop or
-- a staff member deleted) are not subject to RLS and still remove the row.
drop policy "Facilitators can remove facilitators from their stops" on public.stop_facilitators;
create policy "Facilitators can remove co-facilitators from their stops" on public.stop_facilitators
for delete to authenticated
using (
  private.facilitates(stop_facilitators.stop_id)
  and not exists (
    select 1 from public.roadtour_stops s
    where s.id = stop_facilitators.stop_id and s.created_by = stop_facilitators.user_id
  )
);
