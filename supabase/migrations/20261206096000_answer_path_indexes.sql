-- Fewer index entries per answer (issue 21). Every online answer wrote 13 index entries into
-- input_items and 5 into submissions; the submit benchmark's profile (tests/bench/submit-profile.ts)
-- measures about 2 buffer pages per entry. Seven of them bought nothing:
--
-- * three single-column indexes repeat the first column of the foreign-key index beside them, which
--   serves the same lookups (an equality on the first column of a btree uses it just as well);
-- * four indexes serve only rows where the column is set, and an online answer leaves it empty:
--   who moderated (set later, by moderation), the roadtour stop and the topic (roadtour notes
--   only). As partial indexes `where … is not null` they still serve every lookup by that column
--   (an equality implies not null: the foreign keys' checks on delete, a stop's notes) and still
--   start with the foreign key's columns (tests/integration/db/user-deletion.test.ts), but an
--   answer adds no entry to them.

drop index public.input_items_question_idx;
drop index public.input_items_stop_idx;
drop index public.input_items_submission_idx;

drop index public.input_items_moderated_by_fk_idx;
create index input_items_moderated_by_fk_idx on public.input_items (moderated_by)
  where moderated_by is not null;

drop index public.input_items_stop_id_consultation_id_fk_idx;
create index input_items_stop_id_consultation_id_fk_idx on public.input_items (stop_id, consultation_id)
  where stop_id is not null;

drop index public.input_items_topic_id_consultation_id_fk_idx;
create index input_items_topic_id_consultation_id_fk_idx on public.input_items (topic_id, consultation_id)
  where topic_id is not null;

drop index public.submissions_stop_id_consultation_id_fk_idx;
create index submissions_stop_id_consultation_id_fk_idx on public.submissions (stop_id, consultation_id)
  where stop_id is not null;
