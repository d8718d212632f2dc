package org.openikfz.launcher;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager for the platform: the JDK's own shutdown hook resets java.util.logging (removes every
 * handler) while the launcher's hook is still stopping the framework, so what bundles log through
 * java.util.logging or {@code System.Logger} while they stop (the engine, the store) would be lost. This manager
 * ignores that one reset; the logging bundle (Pax Logging) keeps its handler until the framework has stopped.
 */
public final class ShutdownSafeLogManager extends LogManager {

    public ShutdownSafeLogManager() {
    }

    @Override
    public void reset() {
        // the JDK's hook thread is LogManager$Cleaner; every other reset (readConfiguration, Pax Logging's) goes on
        if (!Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName() + "$")) {
            super.reset();
        }
    }
}
