DROP TABLE outbox_recipients;
DROP TABLE outbox_messages;
