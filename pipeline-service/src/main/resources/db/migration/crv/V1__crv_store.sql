-- The CoT store of pipeline-service. Ids are bigint identities, timestamps timestamptz.
-- CoT revisions, critiques and verifications are append-only: triggers refuse UPDATE and DELETE.

create table crv.dataset (
  id          bigint generated always as identity primary key,
  name        text        not null check (length(name) between 1 and 200),
  created_at  timestamptz not null
);

create table crv.problem (
  id           bigint generated always as identity primary key,
  dataset_id   bigint      not null references crv.dataset (id),
  external_id  text        not null,
  question     text        not null,
  gold_answer  text        not null,
  domain       text,
  created_at   timestamptz not null,
  constraint problem_external_id_unique unique (dataset_id, external_id)
);
create index problem_dataset_idx on crv.problem (dataset_id, id);
create index problem_domain_idx on crv.problem (domain, id);

create table crv.run (
  id           bigint generated always as identity primary key,
  dataset_id   bigint      not null references crv.dataset (id),
  status       text        not null
                 check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
  config       jsonb       not null,
  reason       text,
  created_at   timestamptz not null,
  started_at   timestamptz,
  finished_at  timestamptz
);

create table crv.cot_revision (
  id                 bigint generated always as identity primary key,
  problem_id         bigint      not null references crv.problem (id),
  parent_id          bigint      references crv.cot_revision (id),
  origin             text        not null
                       check (origin in ('TEACHER', 'EXTENDED', 'SIMPLIFIED', 'PERTURBED', 'STUDENT')),
  text               text        not null,
  steps              jsonb       not null,
  final_answer       text,
  agent              text,
  backend            text,
  model              text,
  latency_ms         bigint,
  prompt_tokens      integer,
  completion_tokens  integer,
  reasoning          text,
  run_id             bigint      references crv.run (id),
  step               text,
  attempt            integer,
  created_at         timestamptz not null
);
create index cot_revision_problem_idx on crv.cot_revision (problem_id, id);
-- one revision per (run, problem, step, attempt): a resumed run finds it instead of writing another
create unique index cot_revision_step_idx on crv.cot_revision (run_id, problem_id, step, attempt)
  where run_id is not null;

create table crv.critique (
  id                 bigint generated always as identity primary key,
  revision_id        bigint      not null references crv.cot_revision (id),
  verdict            text        not null check (verdict in ('EASY', 'MEDIUM', 'HARD')),
  reasons            jsonb       not null,
  agent              text,
  backend            text,
  model              text,
  latency_ms         bigint,
  prompt_tokens      integer,
  completion_tokens  integer,
  reasoning          text,
  run_id             bigint      references crv.run (id),
  step               text,
  attempt            integer,
  created_at         timestamptz not null
);
create index critique_revision_idx on crv.critique (revision_id);
create unique index critique_step_idx on crv.critique (run_id, revision_id, step, attempt)
  where run_id is not null;

create table crv.verification (
  id                 bigint generated always as identity primary key,
  revision_id        bigint      not null references crv.cot_revision (id),
  correct            boolean     not null,
  extracted_answer   text,
  findings           jsonb       not null,
  agent              text,
  backend            text,
  model              text,
  latency_ms         bigint,
  prompt_tokens      integer,
  completion_tokens  integer,
  reasoning          text,
  run_id             bigint      references crv.run (id),
  step               text,
  attempt            integer,
  created_at         timestamptz not null
);
create index verification_revision_idx on crv.verification (revision_id);
create unique index verification_step_idx on crv.verification (run_id, revision_id, step, attempt)
  where run_id is not null;

-- per-problem state of a run; the only mutable rows besides the run itself
create table crv.run_problem (
  run_id              bigint      not null references crv.run (id),
  problem_id          bigint      not null references crv.problem (id),
  state               text        not null
                        check (state in ('PENDING', 'VERIFIED', 'REJECTED', 'SKIPPED', 'FAILED')),
  result_revision_id  bigint      references crv.cot_revision (id),
  reason              text,
  finished_at         timestamptz,
  primary key (run_id, problem_id)
);
create index run_problem_state_idx on crv.run_problem (run_id, state);

create table crv.preference_pair (
  id                    bigint generated always as identity primary key,
  run_id                bigint           not null references crv.run (id),
  problem_id            bigint           not null references crv.problem (id),
  chosen_revision_id    bigint           not null references crv.cot_revision (id),
  rejected_revision_id  bigint           not null references crv.cot_revision (id),
  mini_task             text             not null check (mini_task in ('ALIGN', 'CALIBRATE', 'CORRECT')),
  beta                  double precision not null check (beta > 0),
  created_at            timestamptz      not null,
  constraint preference_pair_unique unique (run_id, mini_task, chosen_revision_id, rejected_revision_id),
  check (chosen_revision_id <> rejected_revision_id)
);

create function crv.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'crv.% is append-only: % refused', tg_table_name, tg_op;
end
$$;

create trigger cot_revision_append_only before update or delete on crv.cot_revision
  for each row execute function crv.refuse_change();
create trigger critique_append_only before update or delete on crv.critique
  for each row execute function crv.refuse_change();
create trigger verification_append_only before update or delete on crv.verification
  for each row execute function crv.refuse_change();
create trigger preference_pair_append_only before update or delete on crv.preference_pair
  for each row execute function crv.refuse_change();
