package org.openikfz.simulator.internal;

import java.lang.annotation.Annotation;

/** The simulators' HTTP configuration for tests: the loopback interface, a free port. */
final class LoopbackConfig implements SimulatorHttp.Config {

    @Override
    public Class<? extends Annotation> annotationType() {
        return SimulatorHttp.Config.class;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return 0;
    }
}
