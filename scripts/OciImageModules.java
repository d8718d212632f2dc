import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The modules of this JDK that a distribution's jars need, for jlink (scripts/oci-image.sh): run with
 * {@code java scripts/OciImageModules.java <jar>...}, prints them comma-separated.
 *
 * <p>Two sources, as the framework resolves them: the packages a bundle imports (its manifest's Import-Package,
 * optional ones included: Felix wires them to the system bundle when the runtime has them, and a class of the
 * bundle may name none of them, e.g. HikariCP's javax.sql.rowset), and the packages the classes refer to (every
 * class name in their constant pools; java.* is never imported in OSGi, and lib/ is no bundle). The classes of
 * jars inside a bundle (Bundle-ClassPath) count too. jdeps does the second, but wants the modules a modular jar
 * requires (osgi.core, which Felix provides as packages) and is several times slower.
 */
public class OciImageModules {

    /** An internal class name, or a descriptor's: "java/sql/Connection", "Ljava/sql/Connection". */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(?:/[A-Za-z_$][A-Za-z0-9_$]*)+");

    private final Map<String, String> moduleOf = new HashMap<>();
    private final Set<String> modules = new TreeSet<>();

    OciImageModules() {
        for (ModuleReference m : ModuleFinder.ofSystem().findAll()) {
            for (ModuleDescriptor.Exports e : m.descriptor().exports()) {
                if (!e.isQualified()) {
                    moduleOf.put(e.source(), m.descriptor().name());
                }
            }
        }
    }

    public static void main(String[] args) throws IOException {
        OciImageModules scan = new OciImageModules();
        for (String jar : args) {
            try (InputStream in = Files.newInputStream(Path.of(jar))) {
                scan.jar(in, true);
            } catch (IOException e) {
                throw new IOException(jar + ": " + e.getMessage(), e);
            }
        }
        System.out.println(String.join(",", scan.modules));
    }

    private void jar(InputStream stream, boolean outer) throws IOException {
        ZipInputStream zip = new ZipInputStream(stream);
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            String name = e.getName();
            if (name.endsWith(".jar")) {
                jar(new FilterInputStream(zip) {
                    @Override
                    public void close() {
                        // the outer jar goes on
                    }
                }, false);
            } else if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                classFile(zip.readAllBytes());
            } else if (outer && name.equals("META-INF/MANIFEST.MF")) {
                String imports = new Manifest(zip).getMainAttributes().getValue(new Attributes.Name("Import-Package"));
                for (String pkg : importedPackages(imports)) {
                    add(pkg);
                }
            }
        }
    }

    private void add(String pkg) {
        String module = moduleOf.get(pkg);
        if (module != null) {
            modules.add(module);
        }
    }

    /** The package names of an Import-Package header: clauses split at commas outside quotes, names before the attributes. */
    static List<String> importedPackages(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        boolean quoted = false;
        StringBuilder part = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && (c == ',' || c == ';')) {
                String p = part.toString().trim();
                if (!p.isEmpty() && !p.contains("=")) {
                    names.add(p);
                }
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return names;
    }

    /** Every class name in the constant pool's strings (class entries, descriptors, signatures). */
    private void classFile(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            return;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8(in.readUTF());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
    }

    private void utf8(String s) {
        if (s.indexOf('/') < 0) {
            return;
        }
        Matcher m = NAME.matcher(s);
        while (m.find()) {
            String name = m.group();
            String pkg = name.substring(0, name.lastIndexOf('/')).replace('/', '.');
            if (!moduleOf.containsKey(pkg) && pkg.startsWith("L")) {
                pkg = pkg.substring(1); // a descriptor's "Ljava/sql/Connection;"
            }
            add(pkg);
        }
    }
}
