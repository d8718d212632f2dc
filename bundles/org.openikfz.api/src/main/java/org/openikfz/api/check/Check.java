package org.openikfz.api.check;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A verification step, usually backed by a connector to an external system. Registered as an OSGi
 * service; the engine picks the one whose {@link #id()} a procedure names, and answers "not
 * available right now" (a {@link CheckResult.Failed}) when there is none.
 */
@ConsumerType
public interface Check {

    CheckId id();

    /**
     * Runs the check. Must not throw for an unreachable system: return {@link CheckResult.Failed}.
     */
    CheckResult check(CheckContext context);
}
