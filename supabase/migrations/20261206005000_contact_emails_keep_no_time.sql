-- Issue 16, item 4: a contact e-mail address could be linked to the answers it came with, because
-- both rows were written in one transaction and shared created_at (now() is the transaction's
-- start) and xmin. The address is now written in its own transaction after the submission
-- (src/lib/inputs/submit.server.ts) and keeps no time at all: nothing reads when it was left (the
-- retention job goes by the consultation's retention date, the results message by notified_at,
-- which is set for all addresses of a consultation at once). What remains in common with a
-- submission is the consultation, which every submission of it shares.
alter table public.contact_emails drop column created_at;

comment on table public.contact_emails is
  'E-mail addresses for one message when results are out. Deliberately not linked to any answer: written in a transaction of its own, with no time (no column joins it to a submission).';
