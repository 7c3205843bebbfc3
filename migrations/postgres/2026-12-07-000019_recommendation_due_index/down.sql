DROP INDEX recommendations_due;
