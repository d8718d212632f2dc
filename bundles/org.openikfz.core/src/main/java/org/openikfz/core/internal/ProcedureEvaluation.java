package org.openikfz.core.internal;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.Evaluation;

/** What a procedure sees of a case when it judges it or says what it produces. */
record ProcedureEvaluation(Answers answers, Map<String, String> facts, Optional<VerifiedIdentity> applicant,
        String authority, LocalDate today) implements Evaluation {

    @Override
    public <T> Optional<T> fact(FactKey<T> key) {
        return key.from(facts);
    }
}
