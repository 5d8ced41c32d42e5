ALTER INDEX officials_name_keys_idx RESET (fastupdate);
