-- A list by kind, alone or with a country, a topic or a partner more
-- common than the kind, is read from this index (internal/postgres,
-- drivingFacets): the live top-level meetings of one kind in the list's
-- order, each entry a meeting row, where meeting_facets' k: entries cost a
-- facet row and a meeting row each. "Meetings of Azerbaijan (a third of
-- them) that are state visits (3%)" walks about three meetings a match
-- here, against thirty from the country's facet.
CREATE INDEX meetings_live_kind_sort_idx ON meetings (kind, sort_date, id)
    WHERE deleted_at IS NULL AND parent_id IS NULL;
