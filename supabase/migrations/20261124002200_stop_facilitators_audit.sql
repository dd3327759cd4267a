-- Who leads a stop decides who may write its notes, so adding or taking off a facilitator is
-- recorded in the audit log like other changes of access (staff_members). The entity id is the
-- facilitator; the stop is in the detail.
create trigger stop_facilitators_audit after insert or delete on public.stop_facilitators
for each row execute function private.audit_row();
