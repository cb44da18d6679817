-- A run's view reads one row: its problems per state and its pairs are counted as work completes,
-- by triggers in the same transaction as each change (so they cannot drift, whoever writes: the
-- executor, a resumed run, an operator's SQL), and a version, bumped by every change of the row,
-- is the view's ETag.

alter table crv.run
  add column pending   bigint not null default 0,
  add column verified  bigint not null default 0,
  add column rejected  bigint not null default 0,
  add column skipped   bigint not null default 0,
  add column failed    bigint not null default 0,
  add column pairs     bigint not null default 0,
  add column version   bigint not null default 0;

-- the runs stored before this migration, counted once
update crv.run r
   set pending  = c.pending,
       verified = c.verified,
       rejected = c.rejected,
       skipped  = c.skipped,
       failed   = c.failed
  from (select run_id,
               count(*) filter (where state = 'PENDING')  as pending,
               count(*) filter (where state = 'VERIFIED') as verified,
               count(*) filter (where state = 'REJECTED') as rejected,
               count(*) filter (where state = 'SKIPPED')  as skipped,
               count(*) filter (where state = 'FAILED')   as failed
          from crv.run_problem group by run_id) c
 where r.id = c.run_id;
update crv.run r
   set pairs = c.pairs
  from (select run_id, count(*) as pairs from crv.preference_pair group by run_id) c
 where r.id = c.run_id;

-- a run's problems are inserted at once when it is created: one update of the run per statement
create function crv.count_inserted_problems() returns trigger language plpgsql as $$
begin
  update crv.run r
     set pending  = r.pending  + c.pending,
         verified = r.verified + c.verified,
         rejected = r.rejected + c.rejected,
         skipped  = r.skipped  + c.skipped,
         failed   = r.failed   + c.failed
    from (select run_id,
                 count(*) filter (where state = 'PENDING')  as pending,
                 count(*) filter (where state = 'VERIFIED') as verified,
                 count(*) filter (where state = 'REJECTED') as rejected,
                 count(*) filter (where state = 'SKIPPED')  as skipped,
                 count(*) filter (where state = 'FAILED')   as failed
            from inserted_problems group by run_id) c
   where r.id = c.run_id;
  return null;
end
$$;

create trigger run_problem_count_insert after insert on crv.run_problem
  referencing new table as inserted_problems
  for each statement execute function crv.count_inserted_problems();

-- a problem's state moves one at a time as workers finish it (or back to PENDING)
create function crv.count_state_change() returns trigger language plpgsql as $$
begin
  update crv.run
     set pending  = pending  + (new.state = 'PENDING')::int  - (old.state = 'PENDING')::int,
         verified = verified + (new.state = 'VERIFIED')::int - (old.state = 'VERIFIED')::int,
         rejected = rejected + (new.state = 'REJECTED')::int - (old.state = 'REJECTED')::int,
         skipped  = skipped  + (new.state = 'SKIPPED')::int  - (old.state = 'SKIPPED')::int,
         failed   = failed   + (new.state = 'FAILED')::int   - (old.state = 'FAILED')::int
   where id = new.run_id;
  return null;
end
$$;

create trigger run_problem_count_update after update of state on crv.run_problem
  for each row when (old.state is distinct from new.state)
  execute function crv.count_state_change();

-- a problem row leaves a run only by hand; its count leaves with it
create function crv.count_deleted_problems() returns trigger language plpgsql as $$
begin
  update crv.run r
     set pending  = r.pending  - c.pending,
         verified = r.verified - c.verified,
         rejected = r.rejected - c.rejected,
         skipped  = r.skipped  - c.skipped,
         failed   = r.failed   - c.failed
    from (select run_id,
                 count(*) filter (where state = 'PENDING')  as pending,
                 count(*) filter (where state = 'VERIFIED') as verified,
                 count(*) filter (where state = 'REJECTED') as rejected,
                 count(*) filter (where state = 'SKIPPED')  as skipped,
                 count(*) filter (where state = 'FAILED')   as failed
            from deleted_problems group by run_id) c
   where r.id = c.run_id;
  return null;
end
$$;

create trigger run_problem_count_delete after delete on crv.run_problem
  referencing old table as deleted_problems
  for each statement execute function crv.count_deleted_problems();

-- pairs are append-only (a trigger of V1 refuses UPDATE and DELETE); ON CONFLICT DO NOTHING
-- leaves the rows it skipped out of the transition table
create function crv.count_inserted_pairs() returns trigger language plpgsql as $$
begin
  update crv.run r
     set pairs = r.pairs + c.pairs
    from (select run_id, count(*) as pairs from inserted_pairs group by run_id) c
   where r.id = c.run_id;
  return null;
end
$$;

create trigger preference_pair_count_insert after insert on crv.preference_pair
  referencing new table as inserted_pairs
  for each statement execute function crv.count_inserted_pairs();

-- every change of a run's row, its counters' included, is a new version of its view
create function crv.bump_version() returns trigger language plpgsql as $$
begin
  new.version := old.version + 1;
  return new;
end
$$;

create trigger run_version before update on crv.run
  for each row when (old.* is distinct from new.*)
  execute function crv.bump_version();
