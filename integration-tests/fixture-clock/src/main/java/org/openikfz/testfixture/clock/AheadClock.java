package org.openikfz.testfixture.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * The system's clock ahead by {@code aheadMinutes} (PID {@value #PID}, e.g. in
 * {@code etc/org.openikfz.testfixture.clock.cfg}; changes apply at once). It outranks the
 * platform's clock, whose deadlines (the 30-minute decision window) then pass without waiting.
 */
@Component(service = Clock.class, configurationPid = AheadClock.PID, property = "service.ranking:Integer=100")
public final class AheadClock extends Clock {

    static final String PID = "org.openikfz.testfixture.clock";

    private volatile Duration ahead = Duration.ZERO;

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        Object minutes = properties.get("aheadMinutes");
        ahead = Duration.ofMinutes(minutes == null ? 0 : Long.parseLong(minutes.toString().strip()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), ahead);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }
}
