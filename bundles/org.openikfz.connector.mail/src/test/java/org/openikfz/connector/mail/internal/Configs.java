package org.openikfz.connector.mail.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Component configurations for tests: the given values, the annotation's defaults for the rest. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            // DS: a leading underscore is a leading dot in the property name (.clientSecret)
            String name = method.getName().startsWith("_") ? "." + method.getName().substring(1) : method.getName();
            if (values.containsKey(name)) {
                return values.get(name);
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (name) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values.keySet();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(name);
            };
        }));
    }
}
