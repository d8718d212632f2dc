package org.openikfz.web.support;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs code with this bundle's class loader as the thread context class loader. Jetty, Vaadin,
 * Atmosphere and SLF4J look up classes, services and resources through it, and all of them are
 * embedded in this bundle; threads that OSGi lends us (SCR, the framework) carry another one.
 */
public final class BundleClassLoader {

    private BundleClassLoader() {
    }

    /** The class loader of this bundle. */
    public static ClassLoader get() {
        return BundleClassLoader.class.getClassLoader();
    }

    /** An SLF4J logger: org.slf4j comes from the framework (Pax Logging), so it writes to the platform's one log. */
    public static Logger logger(Class<?> type) {
        try {
            return call(() -> LoggerFactory.getLogger(type));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T call(Callable<T> task) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(get());
        try {
            return task.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static void run(Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(get());
        try {
            task.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
