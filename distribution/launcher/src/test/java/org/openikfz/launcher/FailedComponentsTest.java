package org.openikfz.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the launcher prints for a component that failed: the reason an operator can act on. */
class FailedComponentsTest {

    @Test
    void aConstructorsExceptionIsReportedByItsCause() {
        String failure = "java.lang.reflect.InvocationTargetException\n\tat Engine.<init>(Engine.java:1)\n"
                + "Caused by: java.lang.IllegalStateException: no Zulassungsbehörde configured in etc/org.openikfz.core.cfg\n\tat x";
        assertEquals("java.lang.IllegalStateException: no Zulassungsbehörde configured in etc/org.openikfz.core.cfg",
                FailedComponents.firstLine(failure));
    }

    @Test
    void aFailureWithAMessageIsReportedByItsFirstLine() {
        assertEquals("java.net.BindException: Address already in use",
                FailedComponents.firstLine("java.net.BindException: Address already in use\n\tat x\nCaused by: y: z"));
    }
}
