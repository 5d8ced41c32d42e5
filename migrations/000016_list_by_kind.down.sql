DROP INDEX IF EXISTS meetings_live_kind_sort_idx;
