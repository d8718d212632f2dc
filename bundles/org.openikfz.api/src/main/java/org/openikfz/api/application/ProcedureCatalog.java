package org.openikfz.api.application;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The procedures the district offers now, as the engine sees them: the one registry the engine, the
 * portal and the machine API share, so that all three render, judge and list the same version of a
 * procedure while an upgrade has two deployed.
 *
 * <p>Which version is offered to new applications: the highest {@code service.ranking}, then the
 * highest bundle version, then the older service. An application already opened stays on the version
 * it was opened with while that is deployed (see the engine's documentation).
 */
@ProviderType
public interface ProcedureCatalog {

    /** The description new applications of this procedure get now, if the district offers it and it is deployed. */
    Optional<ProcedureDescription> offered(ProcedureId id);

    /** The descriptions new applications get now: one per procedure the district offers and that is deployed. */
    List<ProcedureDescription> offered();

    /**
     * Tells {@code listener} the id of a procedure whose offered description came, changed or went, on the
     * thread that changed it (a listener hands longer work elsewhere). Closing the result stops it.
     */
    AutoCloseable listen(Consumer<ProcedureId> listener);
}
