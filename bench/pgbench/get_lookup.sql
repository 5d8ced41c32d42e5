-- The id lookup of get.sql alone, to size its share of get.sql's rate.
\set n random(1, 10000)
SELECT id AS mid FROM bench.ids WHERE n = :n \gset
