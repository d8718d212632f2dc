package org.openikfz.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The background jobs' health, for the operator view and a health check. */
@ProviderType
public interface PlatformHealth {

    List<JobStatus> jobs();

    /** Every job healthy. */
    default boolean healthy() {
        return jobs().stream().allMatch(JobStatus::healthy);
    }
}
