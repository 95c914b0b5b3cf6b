-- Local compose only: RDS cannot load TimescaleDB; the migration takes the plain path there.
CREATE EXTENSION IF NOT EXISTS timescaledb;
