package org.openikfz.core.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The engine's data tables: tab-separated UTF-8, {@code #} comment lines, a fixed number of columns. */
final class Tsv {

    private Tsv() {
    }

    /** The rows of the table; a row with another number of columns is refused, not guessed. */
    static List<String[]> rows(InputStream in, int columns, String what) throws IOException {
        List<String[]> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != columns) {
                throw new IOException(what + " line needs " + columns + " tab-separated columns: " + line);
            }
            rows.add(f);
        }
        return rows;
    }
}
