package org.openikfz.launcher;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The Declarative Services components that failed to activate (e.g. an ingress whose port is taken),
 * read from the framework's {@code ServiceComponentRuntime} (OSGi DS 1.3 runtime DTOs). The launcher
 * lives outside the framework and does not share the DS API's classes with the SCR bundle, so the
 * service and its DTOs (public fields) are read reflectively.
 */
final class FailedComponents {

    /** {@code ComponentConfigurationDTO.FAILED_ACTIVATION}. */
    static final int FAILED_ACTIVATION = 16;
    private static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";

    private FailedComponents() {
    }

    /** "component name: first line of its failure" for each component in FAILED_ACTIVATION; empty without DS. */
    static List<String> of(BundleContext context) {
        ServiceReference<?> reference = context.getServiceReference(RUNTIME);
        if (reference == null) {
            return List.of();
        }
        Object runtime = context.getService(reference);
        try {
            List<String> failed = new ArrayList<>();
            Method descriptions = runtime.getClass().getMethod("getComponentDescriptionDTOs", Bundle[].class);
            for (Object description : (Collection<?>) descriptions.invoke(runtime, (Object) new Bundle[0])) {
                Method configurations = method(runtime, "getComponentConfigurationDTOs");
                for (Object configuration : (Collection<?>) configurations.invoke(runtime, description)) {
                    int state = configuration.getClass().getField("state").getInt(configuration);
                    if (state == FAILED_ACTIVATION) {
                        String name = (String) description.getClass().getField("name").get(description);
                        Object failure = configuration.getClass().getField("failure").get(configuration);
                        failed.add(name + ": " + firstLine(failure));
                    }
                }
            }
            return failed;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of("(the components' state could not be read: " + e + ")");
        } finally {
            context.ungetService(reference);
        }
    }

    private static Method method(Object target, String name) throws NoSuchMethodException {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** The failure's first line, with the cause's message where the first line is only an exception class. */
    static String firstLine(Object failure) {
        if (failure == null) {
            return "failed";
        }
        String text = failure.toString().strip();
        String[] lines = text.split("\n");
        String first = lines[0].strip();
        // a constructor that threw comes wrapped (InvocationTargetException, no message): its cause says why
        if (!first.contains(":")) {
            for (int i = lines.length - 1; i > 0; i--) {
                String line = lines[i].strip();
                if (line.startsWith("Caused by: ")) {
                    return line.substring("Caused by: ".length());
                }
            }
        }
        return first;
    }
}
