DROP TRIGGER engagement_counts_delete;
DROP TRIGGER engagement_counts_update;
DROP TRIGGER engagement_counts_insert;
DROP TABLE engagement_state_counts;
