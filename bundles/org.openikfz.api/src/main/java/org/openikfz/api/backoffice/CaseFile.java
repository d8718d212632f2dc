package org.openikfz.api.backoffice;

import java.util.List;

/**
 * What a clerk sees of a case: the applicant as identified, the answers with their questions (never
 * a security code; an IBAN only masked), the portal's pre-check results and the register's facts.
 * The clerk is not bound by the pre-check (FZV § 19(1) S. 4).
 *
 * @param answers  question and answer, in dialog order
 * @param precheck the checks' outcome as the portal saw it: findings, failures and established facts
 */
public record CaseFile(ClerkCase summary, List<Entry> applicant, List<Entry> answers, List<Entry> precheck) {

    /** One labelled line. */
    public record Entry(String label, String value) {
    }

    public CaseFile {
        applicant = List.copyOf(applicant);
        answers = List.copyOf(answers);
        precheck = List.copyOf(precheck);
    }
}
