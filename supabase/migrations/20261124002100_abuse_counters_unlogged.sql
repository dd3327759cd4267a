-- Rate-limit and lockout counters are written on every public POST. They need no crash safety: a
-- counter lost in a crash only forgives a few hits in one short window. As an unlogged table they
-- write no write-ahead log, which measured a third of the submit path's database time. (An
-- unlogged table is emptied after a crash and is not copied to replicas or physical backups.)
alter table public.abuse_counters set unlogged;
