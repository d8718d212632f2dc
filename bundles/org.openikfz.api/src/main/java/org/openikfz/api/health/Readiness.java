package org.openikfz.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether the platform can take applications right now (a load balancer's readiness probe): the
 * store is there and answers, every procedure the district offers is deployed, and every background
 * job is healthy. Answers from memory and the store's connection check only, so a probe may ask
 * often.
 *
 * @since 1.1
 */
@ProviderType
public interface Readiness {

    /** The parts that are not ready right now, in a stable order; empty when the platform is ready. */
    List<NotReady> notReady();

    /** Nothing is missing. */
    default boolean ready() {
        return notReady().isEmpty();
    }
}
