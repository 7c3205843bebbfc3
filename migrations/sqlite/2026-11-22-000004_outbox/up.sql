-- The durable outbox: messages written in the same transaction as the action that causes them,
-- and one delivery row per recipient (its own status, attempts and server reply).

CREATE TABLE outbox_messages (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    message_id TEXT NOT NULL UNIQUE,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    from_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]',
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX outbox_messages_record ON outbox_messages(record_type, record_id);

CREATE TABLE outbox_recipients (
    id TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL REFERENCES outbox_messages(id),
    address TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_attempt_at TIMESTAMP,
    reply TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    accepted_at TIMESTAMP
);
CREATE INDEX outbox_recipients_due ON outbox_recipients(status, next_attempt_at);
CREATE INDEX outbox_recipients_message ON outbox_recipients(message_id);
