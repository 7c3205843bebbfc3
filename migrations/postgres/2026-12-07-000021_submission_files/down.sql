DROP TABLE submission_files;
