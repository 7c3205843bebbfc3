DROP TABLE checklist_templates;
DROP TABLE violation_rules;
