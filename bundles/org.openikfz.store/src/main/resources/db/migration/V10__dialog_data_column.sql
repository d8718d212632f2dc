-- Open i-Kfz store, schema version 10: an application's dialog data (answers, facts, findings) are one
-- column of its row instead of one row per item in application_data. Each change of an application
-- then writes one row of one table: with a row per item, every answer also wrote application_data and
-- its index (on H2 about a fifth of what a decision wrote), and every read joined the two tables.
-- The column holds the items as lines "key=value" (see DialogData); a change appends its lines, the
-- last line of a key wins, and removing items rewrites the column without them, so that a removed
-- security code is gone from the row, not only hidden. Deleting the dialog data (FZV § 19(1) S. 6)
-- sets the column to NULL: one statement, as before.
-- Version 11 (a Java migration, V11__Dialog_data_moved) moves the items of applications opened before
-- this version into the column and empties application_data; the table stays until a later version.

ALTER TABLE application ADD COLUMN dialog_data VARCHAR(1000000);
