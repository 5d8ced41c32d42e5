DROP TABLE IF EXISTS meeting_sources, source_titles, sources, agreement_signatories, agreement_parties,
    agreements, ceremonies, delegation_members, delegations, meetings, officials, countries;
