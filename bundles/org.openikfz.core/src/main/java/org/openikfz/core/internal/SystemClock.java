package org.openikfz.core.internal;

import java.time.Clock;
import org.osgi.service.component.annotations.Component;

/**
 * The platform's clock: the system's, in UTC. Every deadline of the engine reads this service; a
 * clock service with a higher service ranking replaces it (tests move time forward without waiting).
 */
@Component(service = Clock.class, property = "service.ranking:Integer=-100")
public final class SystemClock extends Clock {

    private final Clock system = Clock.systemUTC();

    @Override
    public java.time.ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
        return system.withZone(zone);
    }

    @Override
    public java.time.Instant instant() {
        return system.instant();
    }
}
