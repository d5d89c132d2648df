-- casework: after V25's back-fill. The updated rows' old versions are dead, and the indexes V25 built in the
-- same transaction hold entries for them (an index build keeps tuples its own transaction deleted): the index
-- of open cases not yet derived would point at every open case's dead version until a vacuum, and at 10 M
-- cases the 160,000 updates stay far below autovacuum's threshold (20 % of the table). So vacuum now, with
-- index clean-up forced (PostgreSQL otherwise skips it when few pages hold dead tuples). Runs outside a
-- transaction (Flyway detects VACUUM); at 10 M it reads the updated pages and each index of the two tables once.
vacuum (analyze, index_cleanup on) cases;
vacuum (analyze) case_task;
