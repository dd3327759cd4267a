-- Issue 19, part 3: input brought in from a spreadsheet (paper forms typed in, another tool's
-- export) is its own channel. A migration of its own: a new enum value can only be used after
-- the transaction that adds it has committed (20261206092100 uses it).
alter type public.channel add value if not exists 'import';
