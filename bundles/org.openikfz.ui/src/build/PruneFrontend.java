import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Build step (run by maven-antrun-plugin, not part of the bundle): removes the files of the
 * pre-built Vaadin frontend that the application can never load. The published vaadin-prod-bundle
 * jar carries the output of several builds side by side (same files, other hashes), so about two
 * thirds of what flow-maven-plugin copies is dead weight. Kept: everything reachable from
 * index.html and the service worker's precache list (sw.js), following the file names each kept
 * script mentions, with their pre-compressed twins; dropped also the bundle size report.
 *
 * <p>Usage: {@code java PruneFrontend.java <target/classes>/META-INF/VAADIN}
 */
public class PruneFrontend {

    public static void main(String[] args) throws IOException {
        Path vaadin = Path.of(args[0]);
        Path webapp = vaadin.resolve("webapp");
        Path build = webapp.resolve("VAADIN/build");
        if (!Files.isDirectory(build)) {
            throw new IllegalStateException("no frontend build in " + build);
        }
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(build)) {
            files.forEach(f -> present.add(f.getFileName().toString()));
        }
        Set<String> keep = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Path entry : List.of(webapp.resolve("index.html"), webapp.resolve("sw.js"))) {
            references(Files.readString(entry, StandardCharsets.UTF_8), present).forEach(todo::add);
        }
        if (todo.isEmpty()) {
            throw new IllegalStateException("index.html and sw.js name no file of " + build);
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (keep.add(name) && name.endsWith(".js")) {
                references(Files.readString(build.resolve(name), StandardCharsets.ISO_8859_1), present)
                        .forEach(todo::add);
            }
        }
        long kept = 0;
        long removed = 0;
        int removedFiles = 0;
        for (String name : present) {
            String base = name.endsWith(".br") || name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
            Path file = build.resolve(name);
            if (keep.contains(base)) {
                kept += Files.size(file);
            } else {
                removed += Files.size(file);
                removedFiles++;
                Files.delete(file);
            }
        }
        Path report = vaadin.resolve("config/bundle-size.html");
        if (Files.exists(report)) {
            removed += Files.size(report);
            Files.delete(report);
        }
        System.out.printf("PruneFrontend: kept %d scripts (%d KiB with compressed twins), removed %d files (%d KiB)%n",
                keep.size(), kept / 1024, removedFiles, removed / 1024);
    }

    /** The files of the build whose names the text mentions (plain search: no guessing at syntax). */
    private static List<String> references(String text, Set<String> present) {
        return present.stream().filter(text::contains).toList();
    }
}
