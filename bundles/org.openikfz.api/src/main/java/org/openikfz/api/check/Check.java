package org.openikfz.api.check;

import java.util.Set;
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

    /**
     * The facts this check establishes when it comes out clear ({@link CheckResult.Clear#with}). The platform
     * runs a check that produces what another {@linkplain #needs() needs} before that one.
     *
     * @since 2.0
     */
    default Set<FactKey<?>> produces() {
        return Set.of();
    }

    /**
     * The facts of other checks this check reads ({@link CheckContext#fact}). The platform orders a procedure's
     * checks by these, and does not offer a procedure while a need of one of its checks is produced by none of
     * its deployed checks (the operators' view says which).
     *
     * @since 2.0
     */
    default Set<FactKey<?>> needs() {
        return Set.of();
    }
}
