package org.openikfz.ui.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StaticResourcesFilterTest {

    private final StaticResourcesFilter filter = new StaticResourcesFilter(getClass().getClassLoader());

    @Test
    void servesFilesBelowMetaInfResources() {
        assertNotNull(filter.find("/openikfz.css"));
        assertNotNull(filter.find("/lumo/lumo.css"));
        assertNotNull(filter.find("/VAADIN/static/push/vaadinPush-min.js"));
    }

    @Test
    void leavesEverythingElseToVaadin() {
        assertNull(filter.find("/"));
        assertNull(filter.find(""));
        assertNull(filter.find("/ausserbetriebsetzung"));
        assertNull(filter.find("/lumo/"));
        assertNull(filter.find("/lumo"));
        assertNull(filter.find("/VAADIN/build/anything.js"));
        assertNull(filter.find("/no-such-file.css"));
    }

    @Test
    void neverLeavesMetaInfResources() {
        assertNull(filter.find("/../simplelogger.properties"));
        assertNull(filter.find("/lumo/../../simplelogger.properties"));
        assertNull(filter.find("/%2e%2e/simplelogger.properties"));
        assertNull(filter.find("//etc/passwd.txt"));
        assertNull(filter.find("/lumo\\..\\x.css"));
    }
}
