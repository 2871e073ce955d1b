-- Roll-up sums that no run of valid events can overflow: BIGINT and NUMERIC(20, 8) could (a handful of events at
-- the schema's maxima in one hour bucket), and an overflow fails the same way on every retry.
ALTER TABLE usage_hourly
    ALTER COLUMN requests              TYPE NUMERIC,
    ALTER COLUMN errors                TYPE NUMERIC,
    ALTER COLUMN input_tokens          TYPE NUMERIC,
    ALTER COLUMN output_tokens         TYPE NUMERIC,
    ALTER COLUMN cache_creation_tokens TYPE NUMERIC,
    ALTER COLUMN cache_read_tokens     TYPE NUMERIC,
    ALTER COLUMN cost                  TYPE NUMERIC,
    ALTER COLUMN duration_ms           TYPE NUMERIC;
