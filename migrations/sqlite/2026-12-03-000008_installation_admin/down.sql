UPDATE users SET role = 'admin' WHERE role = 'installation_admin';
