package org.openikfz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 11: moves the dialog data of applications opened before version 10 from
 * application_data (a row per item) into their row's dialog_data column (see V10__dialog_data_column.sql
 * and {@link DialogData}), then empties application_data. In Java because the two databases aggregate
 * strings differently; given to Flyway by the store, so it needs no class path scanning. Runs in
 * Flyway's transaction: the items are either all moved or the store does not start.
 */
@SuppressWarnings("checkstyle:TypeName") // Flyway reads the version from the class name
final class V11__Dialog_data_moved extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement read = c.createStatement();
                ResultSet items = read.executeQuery(
                        "SELECT application_id, data_key, data_value FROM application_data ORDER BY application_id, data_key");
                PreparedStatement write = c.prepareStatement(
                        "UPDATE application SET dialog_data = ? WHERE id = ? AND dialog_data IS NULL")) {
            Object application = null;
            Map<String, String> data = new TreeMap<>();
            while (items.next()) {
                Object id = items.getObject(1);
                if (application != null && !application.equals(id)) {
                    add(write, application, data);
                }
                application = id;
                data.put(items.getString(2), items.getString(3));
            }
            if (application != null) {
                add(write, application, data);
            }
            write.executeBatch();
        }
        try (Statement delete = c.createStatement()) {
            delete.executeUpdate("DELETE FROM application_data");
        }
    }

    /** Applications per batch: the items of one application at a time are read, a batch of them written. */
    private static final int BATCH = 500;

    private int batched;

    private void add(PreparedStatement write, Object application, Map<String, String> data) throws java.sql.SQLException {
        write.setString(1, DialogData.encode(data));
        write.setObject(2, application);
        write.addBatch();
        data.clear();
        if (++batched % BATCH == 0) {
            write.executeBatch();
        }
    }
}
