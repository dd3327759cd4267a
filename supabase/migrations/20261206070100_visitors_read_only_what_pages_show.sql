-- Visitors read answers and themes only through public.published_results() (one frozen page per
-- published version, issue 15), never from the tables: the direct grants let anyone list approved
-- answers with their submission_id (which links one person's answers) and the ids of staff who
-- moderated them (issue 17). Staff keep their own policies on these tables.
revoke select on public.input_items from doemee_anon;
revoke select on public.theme_assignments from doemee_anon;
revoke select on public.themes from doemee_anon;
