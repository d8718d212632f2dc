package org.openikfz.evidence;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The build's own evidence, found under a directory (a reactor root, or a distribution's evidence/build folder):
 * the test reports of Surefire and Failsafe ({@code TEST-*.xml} in a {@code surefire-reports} or
 * {@code failsafe-reports} folder) and the SpotBugs reports ({@code spotbugsXml.xml}).
 *
 * <p>The files may have been edited by an attacker: they are read with the JDK's parser with secure processing,
 * no DOCTYPE (so no DTD and no entity, internal or external) and no external access; symbolic links are not
 * followed. A report that cannot be read is listed in {@link #unreadable()} and keeps its check from passing.
 * Texts taken from a report are one line (control and format characters become spaces) of at most 1000 characters,
 * so that a report cannot add lines or reorder text in the dossier.
 * A report found twice with the same content (a reactor root that also holds a distribution's copy) counts once.
 *
 * <p>A distribution built with {@code -Pevidence} holds the reports of its reactor in {@code evidence/build/}. The
 * integration tests run after the distribution is assembled: their reports stay in the reactor
 * ({@code integration-tests/}{@code *}{@code /target/failsafe-reports}) and are read from there, or from the reactor's
 * root, which holds all of them.
 */
public final class BuildEvidence {

    /** The check of the build's tests. */
    public static final String TESTS_CHECK = "build.tests";
    /** The check of the build's static analysis. */
    public static final String STATIC_ANALYSIS_CHECK = "build.static-analysis";

    private static final String PASSED = "PASSED";
    private static final String FAILED = "FAILED";
    private static final String ERROR = "ERROR";
    private static final String SKIPPED = "SKIPPED";
    private static final Set<String> REPORT_FOLDERS = Set.of("surefire-reports", "failsafe-reports");
    private static final String SPOTBUGS_REPORT = "spotbugsXml.xml";
    private static final Set<String> NOT_SEARCHED = Set.of(".git", "node_modules");
    /** At most this many entries are listed in a check's evidence; the rest are counted. */
    private static final int LISTED = 50;
    /** A text taken from a report (name, message) is cut after this many characters. */
    private static final int MAX_TEXT = 1000;

    private final Path root;
    private final List<TestRun> tests;
    private final List<Finding> findings;
    private final int testReports;
    private final int analysisReports;
    private final List<String> analysisProblems;
    private final List<String> unreadableTests;
    private final List<String> unreadableAnalyses;

    private BuildEvidence(Path root, List<TestRun> tests, List<Finding> findings, int testReports, int analysisReports,
            List<String> analysisProblems, List<String> unreadableTests, List<String> unreadableAnalyses) {
        this.root = root;
        this.tests = List.copyOf(tests);
        this.findings = List.copyOf(findings);
        this.testReports = testReports;
        this.analysisReports = analysisReports;
        this.analysisProblems = List.copyOf(analysisProblems);
        this.unreadableTests = List.copyOf(unreadableTests);
        this.unreadableAnalyses = List.copyOf(unreadableAnalyses);
    }

    /** One test case run: result is PASSED, FAILED, ERROR or SKIPPED; when is the report's timestamp. */
    public record TestRun(String className, String method, String result, String when, double seconds) {
    }

    /**
     * One static analysis finding: category as SpotBugs names it (SECURITY for FindSecBugs), priority 1 (high) to 3
     * (low), rank 1 (scariest) to 20, sourceLine as {@code path/File.java:line[-line]}.
     */
    public record Finding(String type, String category, int priority, int rank, String className, String sourceLine,
            String message) {
    }

    /**
     * Reads every Surefire/Failsafe TEST-*.xml and every spotbugsXml.xml under root. A root that does not exist
     * gives evidence without reports (its checks are NOT_CHECKED).
     *
     * @throws NotDirectoryException if root is a file
     * @throws IOException if the directory tree cannot be walked
     */
    public static BuildEvidence read(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        Reader reader;
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) {
                throw new NotDirectoryException(root.toString());
            }
            // the root itself may be a link (an installation's current version); below it no link is followed
            reader = new Reader(root.toRealPath());
            reader.readAll();
        } else {
            reader = new Reader(root);
        }
        return new BuildEvidence(root, reader.tests, reader.findings, reader.testReports, reader.analysisReports,
                reader.analysisProblems, reader.unreadableTests, reader.unreadableAnalyses);
    }

    /** Every test case run: class, method, result (PASSED/FAILED/ERROR/SKIPPED), when (the report's timestamp), time. */
    public List<TestRun> tests() {
        return tests;
    }

    /**
     * The result of the named test, or empty if it did not run. {@code className} is the full or the simple name;
     * {@code method} may be null or blank for all methods of the class, and matches parameterized runs too
     * ({@code name(String)[1]}). Several runs give ERROR if one had an error, else FAILED if one failed, else
     * PASSED if one passed, else SKIPPED.
     */
    public Optional<String> resultOf(String className, String method) {
        Objects.requireNonNull(className, "className");
        List<String> results = tests.stream()
                .filter(t -> sameClass(t.className(), className) && (method == null || method.isBlank() || sameMethod(t.method(), method)))
                .map(TestRun::result).toList();
        if (results.isEmpty()) {
            return Optional.empty();
        }
        for (String result : List.of(ERROR, FAILED, PASSED)) {
            if (results.contains(result)) {
                return Optional.of(result);
            }
        }
        return Optional.of(SKIPPED);
    }

    /** Static analysis findings (SpotBugs/FindSecBugs): type, category, priority/rank, class, source line, message. */
    public List<Finding> findings() {
        return findings;
    }

    /** Whether static analysis results were found at all. */
    public boolean analysed() {
        return analysisReports > 0;
    }

    /** The reports that were found but could not be read (path relative to the root, and why). */
    public List<String> unreadable() {
        List<String> all = new ArrayList<>(unreadableTests);
        all.addAll(unreadableAnalyses);
        return List.copyOf(all);
    }

    /**
     * Checks for the dossier: {@value #TESTS_CHECK} (PASS when tests ran and none failed; FAIL listing failures and
     * unreadable reports; NOT_CHECKED when no reports) and {@value #STATIC_ANALYSIS_CHECK} (PASS when analysed and no
     * SECURITY-category or high-priority finding remains; FAIL listing them, unreadable reports and analysis errors;
     * NOT_CHECKED when not analysed, saying how to run it).
     */
    public List<Check> checks() {
        return List.of(testsCheck(), staticAnalysisCheck());
    }

    private Check testsCheck() {
        String title = "The build's automated tests passed";
        String where = " under " + root;
        if (testReports == 0 && unreadableTests.isEmpty()) {
            return Check.notChecked(TESTS_CHECK, title, "No test reports (Surefire/Failsafe TEST-*.xml)" + where
                    + ". Build with tests and keep their reports: ./mvnw -Ddistrict=NAME -Pevidence verify copies them"
                    + " into the distribution's evidence/build/; or point the evidence command at the build's reactor.");
        }
        List<TestRun> failed = tests.stream().filter(t -> t.result().equals(FAILED) || t.result().equals(ERROR)).toList();
        long passed = count(tests, t -> t.result().equals(PASSED));
        long skipped = count(tests, t -> t.result().equals(SKIPPED));
        String summary = tests.size() + " test cases in " + testReports + " reports" + where + ": " + passed + " passed, "
                + failed.size() + " failed, " + skipped + " skipped" + period() + ".";
        if (!failed.isEmpty() || !unreadableTests.isEmpty()) {
            List<String> lines = new ArrayList<>();
            failed.forEach(t -> lines.add(t.className() + "." + t.method() + ": " + t.result() + " (" + t.when() + ")"));
            unreadableTests.forEach(u -> lines.add("report not readable, its results are unknown: " + u));
            return Check.fail(TESTS_CHECK, title, summary + listed(lines));
        }
        if (passed == 0) {
            return Check.notChecked(TESTS_CHECK, title, summary + " No test ran (all were skipped).");
        }
        return Check.pass(TESTS_CHECK, title, summary + " None failed.");
    }

    private Check staticAnalysisCheck() {
        String title = "Static analysis (SpotBugs with FindSecBugs) leaves no security or high-priority finding";
        String where = " under " + root;
        if (analysisReports == 0 && unreadableAnalyses.isEmpty()) {
            return Check.notChecked(STATIC_ANALYSIS_CHECK, title, "No SpotBugs report (spotbugsXml.xml)" + where
                    + ". Run the analysis with the build profile evidence: ./mvnw -Ddistrict=NAME -Pevidence verify"
                    + " (SpotBugs with FindSecBugs on every module; reviewed false positives in cnf/spotbugs-exclude.xml).");
        }
        List<Finding> blocking = findings.stream()
                .filter(f -> f.category().equals("SECURITY") || f.priority() == 1)
                .sorted(Comparator.comparingInt(Finding::priority).thenComparingInt(Finding::rank))
                .toList();
        Map<String, Long> byCategory = findings.stream()
                .collect(Collectors.groupingBy(Finding::category, TreeMap::new, Collectors.counting()));
        String categories = byCategory.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
        String summary = analysisReports + " SpotBugs reports" + where + ", " + findings.size() + " findings"
                + (byCategory.isEmpty() ? "" : categories) + ", " + blocking.size()
                + " of them in the SECURITY category or of high priority.";
        if (!blocking.isEmpty() || !unreadableAnalyses.isEmpty() || !analysisProblems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            blocking.forEach(f -> lines.add(f.category() + " " + f.type() + " (priority " + f.priority() + ", rank " + f.rank()
                    + ") in " + f.className() + " at " + f.sourceLine() + ": " + f.message()));
            unreadableAnalyses.forEach(u -> lines.add("report not readable, its findings are unknown: " + u));
            analysisProblems.forEach(p -> lines.add("analysis incomplete: " + p));
            return Check.fail(STATIC_ANALYSIS_CHECK, title, summary + listed(lines));
        }
        return Check.pass(STATIC_ANALYSIS_CHECK, title, summary);
    }

    private String period() {
        List<String> times = tests.stream().map(TestRun::when).filter(w -> !w.isEmpty()).sorted().toList();
        if (times.isEmpty()) {
            return "";
        }
        String first = times.get(0);
        String last = times.get(times.size() - 1);
        return first.equals(last) ? ", run " + first : ", run between " + first + " and " + last;
    }

    private static String listed(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.stream().limit(LISTED).forEach(l -> out.append("\n- ").append(l));
        if (lines.size() > LISTED) {
            out.append("\n- … and ").append(lines.size() - LISTED).append(" more");
        }
        return out.toString();
    }

    private static <T> long count(List<T> list, Predicate<T> predicate) {
        return list.stream().filter(predicate).count();
    }

    private static boolean sameClass(String reported, String asked) {
        if (reported.equals(asked)) {
            return true;
        }
        if (asked.indexOf('.') >= 0) {
            return false;
        }
        String simple = reported.substring(reported.lastIndexOf('.') + 1);
        return simple.equals(asked) || simple.substring(simple.lastIndexOf('$') + 1).equals(asked);
    }

    private static boolean sameMethod(String reported, String asked) {
        return reported.equals(asked) || reported.startsWith(asked + "(") || reported.startsWith(asked + "[");
    }

    /** Collects the reports under one root; used once. */
    private static final class Reader {

        private final Path start;
        private final List<TestRun> tests = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private final List<String> analysisProblems = new ArrayList<>();
        private final List<String> unreadableTests = new ArrayList<>();
        private final List<String> unreadableAnalyses = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private int testReports;
        private int analysisReports;

        Reader(Path start) {
            this.start = start;
        }

        void readAll() throws IOException {
            List<Path> testFiles = new ArrayList<>();
            List<Path> analysisFiles = new ArrayList<>();
            // without FOLLOW_LINKS: a symbolic link is neither read nor descended into
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(start) && NOT_SEARCHED.contains(name(dir)) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = name(file);
                    Path folder = file.getParent();
                    if (name.startsWith("TEST-") && name.endsWith(".xml") && folder != null
                            && REPORT_FOLDERS.contains(name(folder))) {
                        testFiles.add(file);
                    } else if (name.equals(SPOTBUGS_REPORT)) {
                        analysisFiles.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String name = name(file);
                    if (name.equals(SPOTBUGS_REPORT)) {
                        unreadableAnalyses.add(shown(file) + ": " + e);
                    } else if (name.startsWith("TEST-") || REPORT_FOLDERS.contains(name)) {
                        unreadableTests.add(shown(file) + ": " + e);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            testFiles.sort(Comparator.naturalOrder());
            analysisFiles.sort(Comparator.naturalOrder());
            for (Path file : testFiles) {
                readTests(file);
            }
            for (Path file : analysisFiles) {
                readAnalysis(file);
            }
        }

        private void readTests(Path file) {
            String fallbackWhen;
            try {
                fallbackWhen = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
            } catch (IOException e) {
                unreadableTests.add(shown(file) + ": " + e);
                return;
            }
            TestReportHandler handler = new TestReportHandler(fallbackWhen);
            try {
                if (parse(file, handler)) {
                    if (!handler.isReport) {
                        unreadableTests.add(shown(file) + ": not a Surefire/Failsafe report (no testsuite element)");
                        return;
                    }
                    testReports++;
                    tests.addAll(handler.runs);
                }
            } catch (IOException | SAXException e) {
                unreadableTests.add(shown(file) + ": " + reason(e));
            }
        }

        private void readAnalysis(Path file) {
            AnalysisReportHandler handler = new AnalysisReportHandler();
            try {
                if (parse(file, handler)) {
                    if (!handler.isReport) {
                        unreadableAnalyses.add(shown(file) + ": not a SpotBugs report (no BugCollection element)");
                        return;
                    }
                    analysisReports++;
                    findings.addAll(handler.found);
                    if (handler.errors > 0) {
                        analysisProblems.add(shown(file) + ": SpotBugs reports " + handler.errors + " analysis errors");
                    }
                }
            } catch (IOException | SAXException e) {
                unreadableAnalyses.add(shown(file) + ": " + reason(e));
            }
        }

        /** Parses the file into handler; false when a report of the same content was read already. */
        private boolean parse(Path file, DefaultHandler handler) throws IOException, SAXException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
            SAXParser parser;
            try {
                // the JDK's own parser, secure against XXE: secure processing, no DOCTYPE, nothing external
                SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
                factory.setNamespaceAware(false);
                factory.setValidating(false);
                factory.setXIncludeAware(false);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
                factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                parser = factory.newSAXParser();
                parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                // the parser closes what it reads: it gets a view that leaves the stream open for the rest
                parser.parse(new FilterInputStream(in) {
                    @Override
                    public void close() {
                        // closed by the try
                    }
                }, handler);
                in.transferTo(OutputStream.nullOutputStream()); // the digest covers the whole file
            }
            return seen.add(HexFormat.of().formatHex(digest.digest()));
        }

        private String shown(Path file) {
            return file.startsWith(start) ? start.relativize(file).toString() : file.toString();
        }
    }

    private static String name(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Surefire/Failsafe (JUnit XML): testsuite with testcase elements, each with failure, error or skipped. */
    private static final class TestReportHandler extends DefaultHandler {

        private final String fallbackWhen;
        private final List<TestRun> runs = new ArrayList<>();
        private boolean isReport;
        private int depth;
        private String suiteName = "";
        private String suiteWhen;
        private int caseDepth = -1;
        private String caseClass;
        private String caseName;
        private double caseSeconds;
        private String caseResult;

        TestReportHandler(String fallbackWhen) {
            this.fallbackWhen = fallbackWhen;
            this.suiteWhen = fallbackWhen;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            depth++;
            if (depth == 1) {
                isReport = qName.equals("testsuite") || qName.equals("testsuites");
            }
            if (!isReport) {
                return;
            }
            if (qName.equals("testsuite")) {
                suiteName = value(attributes, "name");
                String timestamp = value(attributes, "timestamp");
                suiteWhen = timestamp.isEmpty() ? fallbackWhen : timestamp;
            } else if (qName.equals("testcase") && caseDepth < 0) {
                caseDepth = depth;
                String className = value(attributes, "classname");
                caseClass = className.isEmpty() ? suiteName : className;
                caseName = value(attributes, "name");
                caseSeconds = seconds(value(attributes, "time"));
                caseResult = PASSED;
            } else if (caseDepth >= 0 && depth == caseDepth + 1) {
                // rerunFailure/flakyFailure and the like: a test that failed a first run and passed a rerun passed
                switch (qName) {
                    case "error" -> caseResult = ERROR;
                    case "failure" -> caseResult = caseResult.equals(ERROR) ? ERROR : FAILED;
                    case "skipped" -> caseResult = caseResult.equals(PASSED) ? SKIPPED : caseResult;
                    default -> { }
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (isReport && depth == caseDepth && qName.equals("testcase")) {
                runs.add(new TestRun(caseClass, caseName, caseResult, suiteWhen, caseSeconds));
                caseDepth = -1;
            }
            depth--;
        }

        private static double seconds(String time) {
            try {
                // Surefire may group thousands ("1,234.5")
                double seconds = Double.parseDouble(time.replace(",", ""));
                return Double.isFinite(seconds) ? seconds : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** SpotBugs' XML: BugCollection with BugInstance elements, and Errors. */
    private static final class AnalysisReportHandler extends DefaultHandler {

        private final List<Finding> found = new ArrayList<>();
        private boolean isReport;
        private int depth;
        private int errors;
        // the BugInstance being read
        private int bugDepth = -1;
        private String type;
        private String category;
        private int priority;
        private int rank;
        private String className;
        private boolean primaryClass;
        private String bugLine;
        private String classLine;
        private int classDepth = -1;
        private StringBuilder text;
        private String shortMessage;
        private String longMessage;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            depth++;
            if (depth == 1) {
                isReport = qName.equals("BugCollection");
            }
            if (!isReport) {
                return;
            }
            if (depth == 2 && qName.equals("Errors")) {
                errors += number(value(attributes, "errors"));
            } else if (depth == 2 && qName.equals("BugInstance")) {
                bugDepth = depth;
                type = value(attributes, "type");
                category = value(attributes, "category");
                priority = number(value(attributes, "priority"));
                rank = number(value(attributes, "rank"));
                className = "";
                primaryClass = false;
                bugLine = null;
                classLine = null;
                shortMessage = "";
                longMessage = "";
            } else if (bugDepth > 0 && depth == bugDepth + 1) {
                switch (qName) {
                    case "Class" -> {
                        boolean primary = "true".equals(value(attributes, "primary"));
                        if (className.isEmpty() || primary && !primaryClass) {
                            className = value(attributes, "classname");
                            primaryClass = primary;
                            classDepth = depth;
                            classLine = null;
                        }
                    }
                    case "SourceLine" -> {
                        if (bugLine == null || "true".equals(value(attributes, "primary"))) {
                            bugLine = line(attributes);
                        }
                    }
                    case "ShortMessage", "LongMessage" -> text = new StringBuilder();
                    default -> { }
                }
            } else if (classDepth > 0 && depth == classDepth + 1 && qName.equals("SourceLine") && classLine == null) {
                classLine = line(attributes);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null && text.length() <= MAX_TEXT) {
                text.append(ch, start, Math.min(length, MAX_TEXT + 1 - text.length()));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (isReport && bugDepth > 0) {
                if (depth == bugDepth + 1 && text != null) {
                    if (qName.equals("ShortMessage")) {
                        shortMessage = clean(text.toString());
                    } else if (qName.equals("LongMessage")) {
                        longMessage = clean(text.toString());
                    }
                    text = null;
                } else if (depth == bugDepth + 1 && qName.equals("Class")) {
                    classDepth = -1;
                } else if (depth == bugDepth && qName.equals("BugInstance")) {
                    String where = bugLine != null ? bugLine : classLine != null ? classLine : "";
                    String message = !longMessage.isEmpty() ? longMessage : !shortMessage.isEmpty() ? shortMessage : type;
                    found.add(new Finding(type, category, priority, rank, className, where, message));
                    bugDepth = -1;
                }
            }
            depth--;
        }

        private static String line(Attributes attributes) {
            String path = value(attributes, "sourcepath");
            if (path.isEmpty()) {
                path = value(attributes, "sourcefile");
            }
            if (path.isEmpty()) {
                path = value(attributes, "classname");
            }
            String start = value(attributes, "start");
            String end = value(attributes, "end");
            if (start.isEmpty()) {
                return path;
            }
            return path + ":" + start + (end.isEmpty() || end.equals(start) ? "" : "-" + end);
        }

        private static int number(String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private static String value(Attributes attributes, String name) {
        String value = attributes.getValue(name);
        return value == null ? "" : clean(value);
    }

    /** A text of a report as one line: control and format characters (line breaks, bidi overrides) become spaces. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT + 1));
        for (int i = 0; i < text.length() && out.length() <= MAX_TEXT; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean invisible = Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            out.append(invisible ? ' ' : c);
        }
        if (out.length() > MAX_TEXT) {
            int cut = Character.isHighSurrogate(out.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
            out.setLength(cut);
            out.append('…');
        }
        return out.toString().strip();
    }

    @Override
    public String toString() {
        return "BuildEvidence[" + root + ": " + tests.size() + " test cases, " + findings.size() + " findings, "
                + unreadable().size() + " unreadable reports]";
    }
}
