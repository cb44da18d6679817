-- The student critic's calibration, measured when a run with backends.critic = student starts:
-- thresholds from the student model's own per-step NLL over a sample of the run's verified teacher
-- CoTs (pipeline-service StudentCalibration). Null for other runs and before the first start; a
-- resumed run reuses it. Kept apart from config (what was asked) as what was measured.
alter table crv.run add column student_critic jsonb;
