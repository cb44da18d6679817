-- Models: registered folders and the outputs of training jobs, with their lineage.
create table model (
    id              bigint generated always as identity primary key,
    name            text        not null,
    path            text        not null,
    kind            text        not null,            -- BASE, SFT, DPO, COGPO
    parent_id       bigint      references model (id),
    job_id          bigint,
    data_sha256     text,
    hyperparameters jsonb,
    code_version    text        not null,
    created_at      timestamptz not null
);
create unique index model_base_path on model (path) where kind = 'BASE';

-- The queue. A worker claims a row with FOR UPDATE SKIP LOCKED and holds it by lease.
create table job (
    id                   bigint generated always as identity primary key,
    type                 text        not null,        -- SFT, DPO, COGPO, EVAL
    status               text        not null,        -- QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
    base_model_id        bigint      not null references model (id),
    run_id               bigint,
    data_source          text        not null,        -- what the snapshot was pulled from
    data_path            text        not null,
    data_sha256          text        not null,
    data_count           integer     not null,
    hyperparameters      jsonb       not null,        -- the effective, complete configuration
    betas                jsonb,
    total_steps          integer     not null,
    steps_completed      integer     not null default 0,
    epochs_completed     double precision not null default 0,
    latest_metrics       jsonb,
    checkpoint_path      text,
    checkpoint_step      integer,
    output_model_id      bigint      references model (id),
    error                text,
    cancel_requested     boolean     not null default false,
    lease_owner          text,
    lease_expires_at     timestamptz,
    attempts             integer     not null default 0,
    attempt_started_at   timestamptz,
    attempt_start_step   integer     not null default 0,
    code_version         text        not null,
    created_at           timestamptz not null,
    started_at           timestamptz,
    finished_at          timestamptz
);
create index job_claimable on job (id) where status in ('QUEUED', 'RUNNING');
create index job_status_type on job (status, type, id);

-- One row per optimizer step (or evaluation progress point): the engine's metrics under TRL's names.
create table job_metric (
    job_id  bigint  not null references job (id),
    step    integer not null,
    metrics jsonb   not null,
    primary key (job_id, step)
);

-- The status log of a job.
create table job_event (
    id      bigint generated always as identity primary key,
    job_id  bigint      not null references job (id),
    status  text        not null,
    message text        not null,
    worker  text,
    at      timestamptz not null
);
create index job_event_job on job_event (job_id, id);

-- Evaluation scores of models, written by EVAL jobs.
create table evaluation (
    id         bigint generated always as identity primary key,
    model_id   bigint           not null references model (id),
    job_id     bigint           not null references job (id),
    benchmark  text             not null,
    correct    integer          not null,
    total      integer          not null,
    accuracy   double precision not null,
    created_at timestamptz      not null
);
create index evaluation_model on evaluation (model_id);
