package org.openikfz.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Changes a configuration in a distribution's {@code etc/} as an operator edits it: the keys given replace
 * theirs, every other line the district build wrote (the authority, its area, ...) stays.
 */
public final class EtcFiles {

    private EtcFiles() {
    }

    /** Sets {@code lines} ("key=value" per line) in {@code etc/<pid>.cfg} below {@code home}. */
    public static void configure(Path home, String pid, String lines) throws IOException {
        Path cfg = home.resolve("etc").resolve(pid + ".cfg");
        List<String> given = lines.lines().filter(l -> !l.isBlank()).toList();
        Set<String> keys = given.stream().map(EtcFiles::key).collect(Collectors.toSet());
        List<String> result = new ArrayList<>();
        if (Files.exists(cfg)) {
            Files.readAllLines(cfg, StandardCharsets.UTF_8).stream().filter(l -> !keys.contains(key(l))).forEach(result::add);
        }
        result.addAll(given);
        Files.write(cfg, result, StandardCharsets.UTF_8);
    }

    private static String key(String line) {
        String l = line.strip();
        if (l.startsWith("#")) {
            return "";
        }
        int end = 0;
        while (end < l.length() && l.charAt(end) != '=' && l.charAt(end) != ':' && !Character.isWhitespace(l.charAt(end))) {
            end++;
        }
        return l.substring(0, end);
    }
}
