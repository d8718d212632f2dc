package org.openikfz.launcher;

import java.lang.reflect.Method;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The launcher's way into the platform's one log: the OSGi Log Service's {@code LoggerFactory} that the logging
 * bundle (Pax Logging) registers in the framework. The launcher lives outside the framework and does not share the
 * {@code org.osgi.service.log} classes with it, so it calls the service through its interface reflectively.
 *
 * <p>Also the framework's own logger ({@link #frameworkLogger()}, passed as {@code felix.log.logger}): Felix's
 * messages then reach the same log in the same format. Until the logging bundle runs (and after it stopped) a
 * message goes to standard error, so nothing is lost.
 */
final class PlatformLog {

    private static final String FACTORY = "org.osgi.service.log.LoggerFactory";
    private static final String LOGGER = "org.osgi.service.log.Logger";

    private final ThreadLocal<Boolean> logging = ThreadLocal.withInitial(() -> false);
    private volatile BundleContext context;

    /** From now on, messages go to the log service in this framework (once it is registered). */
    void attach(BundleContext context) {
        this.context = context;
    }

    /** Logs {@code message} at {@code level} ("info", "warn", "error", ...) as logger {@code name}. */
    boolean log(String name, String level, String message, Throwable error) {
        BundleContext ctx = context;
        if (ctx == null || logging.get()) {
            return false;
        }
        logging.set(true);
        try {
            ServiceReference<?> ref = ctx.getServiceReference(FACTORY);
            if (ref == null) {
                return false;
            }
            Object factory = ctx.getService(ref);
            if (factory == null) {
                return false;
            }
            try {
                Object logger = method(factory, FACTORY, "getLogger", String.class).invoke(factory, name);
                if (error == null) {
                    method(logger, LOGGER, level, String.class, Object.class).invoke(logger, "{}", message);
                } else {
                    method(logger, LOGGER, level, String.class, Object.class, Object.class)
                            .invoke(logger, "{}", message, error);
                }
                return true;
            } finally {
                ctx.ungetService(ref);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the framework is stopping or the logging bundle went away: the caller falls back to standard error
            return false;
        } finally {
            logging.set(false);
        }
    }

    /** Like {@link #log}, and to standard error when the log service is not (or no longer) there. */
    void logOrPrint(String name, String level, String message, Throwable error) {
        if (!log(name, level, message, error)) {
            System.err.println(level.toUpperCase(java.util.Locale.ROOT) + " " + name + " - " + message
                    + (error == null ? "" : ": " + error));
        }
    }

    /** Felix's logger that writes to this log. */
    org.apache.felix.framework.Logger frameworkLogger() {
        return new org.apache.felix.framework.Logger() {
            @Override
            protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
                String about = bundle == null ? "" : "[" + bundle.getSymbolicName() + "] ";
                logOrPrint("org.apache.felix.framework", level(level), about + msg, throwable);
            }
        };
    }

    private static String level(int felixLevel) {
        return switch (felixLevel) {
            case org.apache.felix.framework.Logger.LOG_ERROR -> "error";
            case org.apache.felix.framework.Logger.LOG_WARNING -> "warn";
            case org.apache.felix.framework.Logger.LOG_INFO -> "info";
            default -> "debug";
        };
    }

    /** The method of the service interface {@code type} that {@code target}'s class implements. */
    private static Method method(Object target, String type, String name, Class<?>... parameters)
            throws NoSuchMethodException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            Class<?> found = find(c, type);
            if (found != null) {
                return found.getMethod(name, parameters);
            }
        }
        throw new NoSuchMethodException(type + "." + name);
    }

    private static Class<?> find(Class<?> c, String type) {
        for (Class<?> i : c.getInterfaces()) {
            if (i.getName().equals(type)) {
                return i;
            }
            Class<?> deeper = find(i, type);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }
}
