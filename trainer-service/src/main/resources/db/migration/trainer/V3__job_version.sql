-- A job's view reads its one row; a version bumped by every change of the row is the view's ETag.
-- The worker's heartbeat (lease_expires_at alone) is not shown in the view and bumps nothing,
-- so a dashboard polling a job between steps gets 304s.
alter table job add column version bigint not null default 0;

create function bump_job_version() returns trigger language plpgsql as $$
begin
  new.version := old.version + 1;
  return new;
end
$$;

create trigger job_version before update on job
  for each row
  when ((to_jsonb(old) - 'lease_expires_at' - 'version')
        is distinct from (to_jsonb(new) - 'lease_expires_at' - 'version'))
  execute function bump_job_version();
