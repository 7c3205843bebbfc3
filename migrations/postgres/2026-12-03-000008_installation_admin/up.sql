-- Issue 10: agency administrators no longer manage what every agency shares (other agencies,
-- sectors, the calendar, the violation catalogue, the installation settings). The installation
-- keeps one installation administrator: the earliest active administrator becomes it.
UPDATE users SET role = 'installation_admin'
WHERE id = (SELECT id FROM users WHERE role = 'admin' AND disabled = FALSE ORDER BY created_at, id LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'installation_admin');
