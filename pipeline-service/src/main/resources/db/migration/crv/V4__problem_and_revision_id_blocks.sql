-- An upload's problems and their teacher CoTs are inserted through JPA in JDBC batches of 500
-- (ProblemRepository, RevisionRepository.appendAll). Hibernate cannot batch inserts into an identity
-- it must read back row by row, so it allocates the ids itself from a sequence, 500 at a time
-- (@SequenceGenerator allocationSize 500, pooled optimizer: a value of the sequence is the top of
-- a block of 500 ids, the block being that value and the 499 below it).
--
-- An ordinary sequence, not the identity's own: PostgreSQL leaves identity sequences out of
-- information_schema.sequences, where Hibernate's schema validation looks for the entities'
-- sequences. The column's default takes its values, so the inserts that stay SQL (the executor's
-- revisions keyed by a run's step) need no change; each takes one value, the top of a block no
-- one else is given, and so uses 500 ids a row: harmless for a bigint. No id is handed out twice.
--
-- Each sequence starts at the top of the block above the rows already there.

alter table crv.problem alter column id drop identity;
create sequence crv.problem_id_seq increment by 500 owned by crv.problem.id;
select setval('crv.problem_id_seq', coalesce((select max(id) from crv.problem), 0) + 500, false);
alter table crv.problem alter column id set default nextval('crv.problem_id_seq');

alter table crv.cot_revision alter column id drop identity;
create sequence crv.cot_revision_id_seq increment by 500 owned by crv.cot_revision.id;
select setval('crv.cot_revision_id_seq',
              coalesce((select max(id) from crv.cot_revision), 0) + 500, false);
alter table crv.cot_revision alter column id set default nextval('crv.cot_revision_id_seq');
