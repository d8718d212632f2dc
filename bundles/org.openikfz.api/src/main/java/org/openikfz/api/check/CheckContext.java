package org.openikfz.api.check;

import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.osgi.annotation.versioning.ProviderType;

/** What a check may see of an application. Provided by the engine. */
@ProviderType
public interface CheckContext {

    /** The procedure the application is for. */
    ProcedureId procedure();

    /**
     * The procedure's description: a check finds the answers it needs by the fields' types (e.g.
     * the field of type KENNZEICHEN) and names those fields in its findings.
     */
    ProcedureDescription description();

    /** The Zulassungsbehörde (authority key) the application is made to. */
    String authority();

    /** The applicant's answers, already validated at the edge. */
    Answers answers();
}
