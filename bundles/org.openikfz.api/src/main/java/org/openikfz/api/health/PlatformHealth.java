package org.openikfz.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The background jobs' health, for the operator view and a health check. */
@ProviderType
public interface PlatformHealth {

    List<JobStatus> jobs();

    /**
     * The procedures the district offers that are deployed but not offered, by id, each with why (in English, for
     * the operators): a fact the procedure or its checks need is produced by none of its deployed checks.
     *
     * @since 1.2
     */
    default java.util.Map<String, List<String>> withheldProcedures() {
        return java.util.Map.of();
    }

    /** Every job healthy. */
    default boolean healthy() {
        return jobs().stream().allMatch(JobStatus::healthy);
    }
}
