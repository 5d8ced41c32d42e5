-- Requests counted per client (an API key's name) in windows of a minute, so
-- that every instance of the API shares one count (RATE_LIMIT_STORE=postgres);
-- a limit weighs the previous window's count too (a sliding window).
-- Unlogged: a count lost in a crash costs nothing, and the table writes no
-- WAL, so replicas neither receive nor replay it.
CREATE UNLOGGED TABLE rate_limit_counts (
    client       text        NOT NULL,
    window_start timestamptz NOT NULL,
    count        integer     NOT NULL,
    PRIMARY KEY (client, window_start)
);
