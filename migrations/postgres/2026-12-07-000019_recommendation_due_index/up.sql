-- Recommendations past due are found by their due date (the dashboard's and my work's overdue
-- count), not by walking every engagement of the agency (issue 12).
CREATE INDEX recommendations_due ON recommendations(due_date);
