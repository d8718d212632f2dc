package org.openikfz.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.evidence.BuildEvidence.Finding;
import org.openikfz.evidence.BuildEvidence.TestRun;
import org.openikfz.evidence.Check.Result;

class BuildEvidenceTest {

    @TempDir
    Path root;

    /** A Surefire report as Surefire 3 writes it: a passing, a failing and a skipped test, and a parameterized one. */
    private static final String SUREFIRE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0.2" name="org.example.FooTest"
                       time="1.5" tests="4" errors="0" skipped="1" failures="1" timestamp="2026-12-01T10:15:30">
              <properties><property name="java.version" value="25"/></properties>
              <testcase name="passes" classname="org.example.FooTest" time="0.25"/>
              <testcase name="fails" classname="org.example.FooTest" time="1,001.5">
                <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError">stack</failure>
                <system-out><![CDATA[some output]]></system-out>
              </testcase>
              <testcase name="skipped" classname="org.example.FooTest" time="0">
                <skipped message="not today"/>
              </testcase>
              <testcase name="param(String)[1]" classname="org.example.FooTest" time="0.01"/>
            </testsuite>
            """;

    private static final String PASSING_ONLY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="org.example.BarIT" time="2" tests="2" errors="0" skipped="0" failures="0">
              <testcase name="runs" classname="org.example.BarIT" time="1.5"/>
              <testcase name="ignored" classname="org.example.BarIT" time="0.5"><skipped/></testcase>
            </testsuite>
            """;

    /** SpotBugs' XML with one FindSecBugs finding (SECURITY, medium priority) and one low-priority style finding. */
    private static final String SPOTBUGS = """
            <?xml version="1.0" encoding="utf-8"?>
            <BugCollection sequence="0" release="" analysisTimestamp="1796541773777" version="4.10.4" timestamp="1796541401029">
              <Project projectName="example"><Jar>/build/classes</Jar></Project>
              <BugInstance type="SQL_INJECTION_JDBC" priority="2" rank="10" abbrev="SECSQLIJDBC" category="SECURITY" instanceHash="a1">
                <ShortMessage>Potential JDBC Injection</ShortMessage>
                <LongMessage>This use of prepareStatement can be vulnerable to SQL injection (with JDBC)</LongMessage>
                <Class classname="org.example.Store" primary="true">
                  <SourceLine classname="org.example.Store" start="10" end="90" sourcefile="Store.java" sourcepath="org/example/Store.java"/>
                </Class>
                <Method classname="org.example.Store" name="find" signature="()V" isStatic="false" primary="true">
                  <SourceLine classname="org.example.Store" start="40" end="45" sourcefile="Store.java" sourcepath="org/example/Store.java"/>
                </Method>
                <SourceLine classname="org.example.Store" start="42" end="42" sourcefile="Store.java" sourcepath="org/example/Store.java"/>
                <String value="SELECT"/>
              </BugInstance>
              <BugInstance type="BC_UNCONFIRMED_CAST" priority="3" rank="20" abbrev="BC" category="STYLE" instanceHash="b2">
                <ShortMessage>Unchecked/unconfirmed cast</ShortMessage>
                <LongMessage>Unchecked/unconfirmed cast from ServletRequest to HttpServletRequest in org.example.Filter.doFilter</LongMessage>
                <Class classname="org.example.Filter" primary="true">
                  <SourceLine classname="org.example.Filter" start="5" end="30" sourcefile="Filter.java" sourcepath="org/example/Filter.java"/>
                </Class>
                <SourceLine classname="org.example.Filter" start="12" end="12" sourcefile="Filter.java" sourcepath="org/example/Filter.java"/>
              </BugInstance>
              <Errors errors="0" missingClasses="1"><MissingClass>org.jetbrains.annotations.NotNull</MissingClass></Errors>
              <BugPattern type="SQL_INJECTION_JDBC" abbrev="SECSQLIJDBC" category="SECURITY"><ShortDescription>x</ShortDescription></BugPattern>
            </BugCollection>
            """;

    private static final String STYLE_ONLY = """
            <?xml version="1.0" encoding="utf-8"?>
            <BugCollection version="4.10.4">
              <BugInstance type="SE_BAD_FIELD" priority="2" rank="14" category="BAD_PRACTICE">
                <ShortMessage>Non-transient non-serializable instance field</ShortMessage>
                <Class classname="org.example.View" primary="true">
                  <SourceLine classname="org.example.View" sourcefile="View.java" sourcepath="org/example/View.java"/>
                </Class>
              </BugInstance>
              <Errors errors="0" missingClasses="0"></Errors>
            </BugCollection>
            """;

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static Check check(BuildEvidence evidence, String id) {
        return evidence.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void readsTestCasesWithTheirResultsTimesAndTimestamp() throws IOException {
        write("bundles/a/target/surefire-reports/TEST-org.example.FooTest.xml", SUREFIRE);

        Map<String, TestRun> runs = BuildEvidence.read(root).tests().stream()
                .collect(Collectors.toMap(TestRun::method, Function.identity()));

        assertEquals(new TestRun("org.example.FooTest", "passes", "PASSED", "2026-12-01T10:15:30", 0.25), runs.get("passes"));
        assertEquals(new TestRun("org.example.FooTest", "fails", "FAILED", "2026-12-01T10:15:30", 1001.5), runs.get("fails"));
        assertEquals("SKIPPED", runs.get("skipped").result());
        assertEquals("PASSED", runs.get("param(String)[1]").result());
        assertEquals(4, runs.size());
    }

    @Test
    void resultOfByFullOrSimpleNameAndMethod() throws IOException {
        write("bundles/a/target/surefire-reports/TEST-org.example.FooTest.xml", SUREFIRE);
        BuildEvidence evidence = BuildEvidence.read(root);

        assertEquals(Optional.of("PASSED"), evidence.resultOf("FooTest", "passes"));
        assertEquals(Optional.of("FAILED"), evidence.resultOf("org.example.FooTest", "fails"));
        assertEquals(Optional.of("SKIPPED"), evidence.resultOf("FooTest", "skipped"));
        assertEquals(Optional.of("PASSED"), evidence.resultOf("FooTest", "param"), "a parameterized run counts for its method");
        assertEquals(Optional.of("FAILED"), evidence.resultOf("FooTest", null), "all methods: one failed");
        assertEquals(Optional.of("FAILED"), evidence.resultOf("FooTest", ""));
        assertEquals(Optional.empty(), evidence.resultOf("FooTest", "neverRan"));
        assertEquals(Optional.empty(), evidence.resultOf("BarTest", null));
        assertEquals(Optional.empty(), evidence.resultOf("other.FooTest", null), "a full name must match in full");
    }

    @Test
    void testsCheckFailsListingTheFailure() throws IOException {
        write("bundles/a/target/surefire-reports/TEST-org.example.FooTest.xml", SUREFIRE);

        Check tests = check(BuildEvidence.read(root), "build.tests");

        assertEquals(Result.FAIL, tests.result());
        assertTrue(tests.evidence().contains("org.example.FooTest.fails: FAILED"), tests.evidence());
        assertFalse(tests.evidence().contains("FooTest.passes"), tests.evidence());
    }

    @Test
    void testsCheckPassesWhenTestsRanAndNoneFailed() throws IOException {
        write("integration-tests/osgi/target/failsafe-reports/TEST-org.example.BarIT.xml", PASSING_ONLY);
        Files.setLastModifiedTime(root.resolve("integration-tests/osgi/target/failsafe-reports/TEST-org.example.BarIT.xml"),
                FileTime.from(Instant.parse("2026-11-30T08:00:00Z")));

        BuildEvidence evidence = BuildEvidence.read(root);

        assertEquals(Result.PASS, check(evidence, "build.tests").result());
        assertEquals(Optional.of("PASSED"), evidence.resultOf("BarIT", null), "one passed, one skipped");
        assertEquals("2026-11-30T08:00:00Z", evidence.tests().get(0).when(), "without a timestamp: the report's time");
    }

    @Test
    void readsFindingsWithTheirLocation() throws IOException {
        write("bundles/a/target/spotbugsXml.xml", SPOTBUGS);

        BuildEvidence evidence = BuildEvidence.read(root);

        assertTrue(evidence.analysed());
        assertEquals(List.of(
                new Finding("SQL_INJECTION_JDBC", "SECURITY", 2, 10, "org.example.Store", "org/example/Store.java:42",
                        "This use of prepareStatement can be vulnerable to SQL injection (with JDBC)"),
                new Finding("BC_UNCONFIRMED_CAST", "STYLE", 3, 20, "org.example.Filter", "org/example/Filter.java:12",
                        "Unchecked/unconfirmed cast from ServletRequest to HttpServletRequest in org.example.Filter.doFilter")),
                evidence.findings());
    }

    @Test
    void staticAnalysisFailsOnASecurityFindingOnly() throws IOException {
        write("bundles/a/target/spotbugsXml.xml", SPOTBUGS);

        Check analysis = check(BuildEvidence.read(root), "build.static-analysis");

        assertEquals(Result.FAIL, analysis.result());
        assertTrue(analysis.evidence().contains("SQL_INJECTION_JDBC"), analysis.evidence());
        assertTrue(analysis.evidence().contains("org/example/Store.java:42"), analysis.evidence());
        assertFalse(analysis.evidence().contains("BC_UNCONFIRMED_CAST"), "a low-priority style finding is not listed");
    }

    @Test
    void staticAnalysisPassesWithoutSecurityOrHighPriorityFindings() throws IOException {
        write("bundles/b/target/spotbugsXml.xml", STYLE_ONLY);

        BuildEvidence evidence = BuildEvidence.read(root);

        assertEquals(Result.PASS, check(evidence, "build.static-analysis").result());
        assertEquals("org/example/View.java", evidence.findings().get(0).sourceLine(), "a class-level finding: its file");
        assertEquals("Non-transient non-serializable instance field", evidence.findings().get(0).message());
    }

    @Test
    void highPriorityFindingOfAnyCategoryFails() throws IOException {
        write("bundles/b/target/spotbugsXml.xml", STYLE_ONLY.replace("priority=\"2\"", "priority=\"1\""));

        assertEquals(Result.FAIL, check(BuildEvidence.read(root), "build.static-analysis").result());
    }

    @Test
    void analysisErrorsKeepTheCheckFromPassing() throws IOException {
        write("bundles/b/target/spotbugsXml.xml", STYLE_ONLY.replace("errors=\"0\"", "errors=\"2\""));

        Check analysis = check(BuildEvidence.read(root), "build.static-analysis");

        assertEquals(Result.FAIL, analysis.result());
        assertTrue(analysis.evidence().contains("2 analysis errors"), analysis.evidence());
    }

    @Test
    void nothingFoundIsNotChecked() throws IOException {
        BuildEvidence evidence = BuildEvidence.read(root);

        assertFalse(evidence.analysed());
        assertEquals(List.of(), evidence.tests());
        assertEquals(Result.NOT_CHECKED, check(evidence, "build.tests").result());
        Check analysis = check(evidence, "build.static-analysis");
        assertEquals(Result.NOT_CHECKED, analysis.result());
        assertTrue(analysis.evidence().contains("-Pevidence"), "says how to run it: " + analysis.evidence());
    }

    @Test
    void aMissingFolderIsNotCheckedAFileIsAnError() throws IOException {
        assertEquals(Result.NOT_CHECKED, check(BuildEvidence.read(root.resolve("absent")), "build.tests").result());
        Path file = write("file.txt", "x");
        assertThrows(NotDirectoryException.class, () -> BuildEvidence.read(file));
    }

    @Test
    void onlyReportFoldersCountAndACopyCountsOnce() throws IOException {
        write("bundles/a/target/surefire-reports/TEST-org.example.FooTest.xml", SUREFIRE);
        // the distribution's copy of the same report, and the same content as a test fixture outside a report folder
        write("distribution/target/openikfz/evidence/build/bundles/a/surefire-reports/TEST-org.example.FooTest.xml", SUREFIRE);
        write("bundles/a/src/test/resources/TEST-org.example.Other.xml", SUREFIRE.replace("FooTest", "Other"));

        BuildEvidence evidence = BuildEvidence.read(root);

        assertEquals(4, evidence.tests().size());
        assertEquals(Optional.empty(), evidence.resultOf("Other", null));
    }

    @Test
    void externalEntitiesAreNotResolved() throws IOException {
        Path secret = write("secret.txt", "TOP-SECRET-CONTENT");
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE testsuite [ <!ENTITY xxe SYSTEM "%s"> ]>
                <testsuite name="org.example.XxeTest" tests="1">
                  <testcase name="&xxe;" classname="org.example.XxeTest" time="0"/>
                </testsuite>
                """.formatted(secret.toUri());
        write("bundles/x/target/surefire-reports/TEST-org.example.XxeTest.xml", xxe);
        write("bundles/x/target/spotbugsXml.xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <!DOCTYPE BugCollection [ <!ENTITY xxe SYSTEM "%s"> ]>
                <BugCollection><BugInstance type="T" priority="3" rank="20" category="STYLE">
                <LongMessage>&xxe;</LongMessage><Class classname="C" primary="true"/></BugInstance></BugCollection>
                """.formatted(secret.toUri()));

        BuildEvidence evidence = BuildEvidence.read(root);

        assertEquals(List.of(), evidence.tests());
        assertEquals(List.of(), evidence.findings());
        assertEquals(2, evidence.unreadable().size(), evidence.unreadable().toString());
        assertFalse(evidence.toString().contains("TOP-SECRET"));
        for (Check check : evidence.checks()) {
            assertFalse(check.evidence().contains("TOP-SECRET"), check.evidence());
            assertEquals(Result.FAIL, check.result(), "an unreadable report is not evidence of anything: " + check.evidence());
        }
    }

    @Test
    void aReportCannotAddLinesToTheDossier() throws IOException {
        write("bundles/a/target/surefire-reports/TEST-org.example.FooTest.xml",
                SUREFIRE.replace("name=\"fails\"", "name=\"fails&#10;- org.example.Forged.test: FAILED&#8238;\""));

        BuildEvidence evidence = BuildEvidence.read(root);
        Check tests = check(evidence, "build.tests");

        assertEquals(Result.FAIL, tests.result());
        assertTrue(evidence.tests().stream().anyMatch(t -> t.method().equals("fails - org.example.Forged.test: FAILED")),
                evidence.tests().toString());
        assertTrue(tests.evidence().lines().noneMatch(l -> l.startsWith("- org.example.Forged")), tests.evidence());
        assertEquals("x", BuildEvidence.clean("\u202Ex\r\n"));
        assertEquals(1001, BuildEvidence.clean("y".repeat(5000)).length(), "cut after 1000 characters, and marked");
    }
}
