-- A job may start from the model another job produces: it waits in QUEUED until that job has
-- SUCCEEDED (then base_model_id is set at claim), and fails when that job fails or is cancelled.
alter table job alter column base_model_id drop not null;
alter table job add column base_job_id bigint references job (id);
alter table job add constraint job_has_base check (base_model_id is not null or base_job_id is not null);
-- Where the data came from beyond a run: a dataset (its teacher CoTs, or its problems for EVAL).
alter table job add column dataset_id bigint;
-- 'train' when an EVAL measures a run's own SFT records (a training-set measurement).
alter table job add column data_split text;
alter table job add column allow_partial boolean not null default false;
alter table job add column allow_overlap boolean not null default false;
-- EVAL: question texts shared with the training data of the model's lineage.
alter table job add column overlap integer not null default 0;
-- DPO/CogPO: the betas per mini-task the run trains with, and whether they came from the pairs,
-- from the job's "betas", or (DPO) from its one "beta".
alter table job add column effective_betas jsonb;
alter table job add column betas_source text;
create index job_base_job on job (base_job_id) where base_job_id is not null;

alter table model add column betas jsonb;
alter table model add column betas_source text;
alter table model add column allow_partial boolean not null default false;

alter table evaluation add column dataset_id bigint;
alter table evaluation add column split text;
alter table evaluation add column overlap integer not null default 0;
alter table evaluation add column allow_overlap boolean not null default false;
alter table evaluation add column hit_token_limit integer not null default 0;

-- Every evaluated problem's outcome, for per-problem statistics (bootstrap intervals).
create table evaluation_item (
    job_id      bigint  not null references job (id),
    position    integer not null,
    problem_id  text    not null,
    gold        text    not null,
    extracted   text,
    correct     boolean not null,
    new_tokens  integer not null,
    hit_limit   boolean not null,
    output      text    not null,
    primary key (job_id, position)
);

-- An experiment: the arms of the CRV comparison over replicates, as jobs of the queue.
create table experiment (
    id          bigint generated always as identity primary key,
    name        text        not null,
    request     jsonb       not null,
    created_at  timestamptz not null
);

create table experiment_job (
    experiment_id bigint  not null references experiment (id),
    replicate     integer not null,
    arm           text    not null,
    role          text    not null,    -- TRAIN or EVAL
    job_id        bigint  not null references job (id),
    primary key (experiment_id, replicate, arm, role)
);
