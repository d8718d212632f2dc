package org.openikfz.core.internal;

import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.text.LocalizedText;

/** What happens next, told to the applicant for each state. */
final class Texts {

    private Texts() {
    }

    /** After a clerk's decision (FZV § 19(1) S. 4): nothing to download, the decision comes by post. */
    /** ABORTED because the applicant withdrew it. */
    static LocalizedText withdrawn() {
        return LocalizedText.of("Sie haben den Antrag zurückgezogen. Ihre Eingaben werden spätestens nach 30 Minuten gelöscht.",
                "You withdrew the application. Your entries are deleted within 30 minutes.");
    }

    static LocalizedText nextAfterClerk() {
        return LocalizedText.of(
                "Die Zulassungsbehörde hat Ihren Antrag geprüft und entschieden. Den Bescheid mit der Begründung erhalten Sie per Post; er gilt am dritten Tag nach der Aufgabe zur Post als bekannt gegeben.",
                "The registration authority has examined and decided your application. You receive the decision with its reasons by post; it counts as notified on the third day after mailing.");
    }

    /** @param effectiveWhenSent the procedure's mailed decision takes effect the day it is sent (else FZV § 23(2)) */
    static LocalizedText next(ApplicationState state, int correctionsLeft, boolean effectiveWhenSent) {
        return switch (state) {
            case DIALOG -> LocalizedText.of(
                    "Bitte machen Sie Ihre Angaben und lassen Sie sie prüfen. Sie können Angaben, die nicht passen, noch "
                            + correctionsLeft + "-mal korrigieren.",
                    "Please enter your details and have them checked. You can still correct details that do not match "
                            + correctionsLeft + " time(s).");
            case AWAITING_PAYMENT -> LocalizedText.of(
                    "Ihre Angaben sind geprüft. Bitte bezahlen Sie die Gebühren; mit der Zahlung stellen Sie den Antrag verbindlich.",
                    "Your details have been checked. Please pay the fees; with the payment you submit the application.");
            case NOT_DECIDABLE -> LocalizedText.of(
                    "Ihr Antrag kann im Internet nicht automatisch entschieden werden. Sie können ihn trotzdem stellen: Dann entscheidet die Zulassungsbehörde selbst und schickt Ihnen den Bescheid per Post. Auch dafür bezahlen Sie vorher die Gebühren. Wenn Sie den Antrag so nicht stellen möchten, ziehen Sie ihn zurück; Ihre Angaben werden dann gelöscht.",
                    "Your application cannot be decided automatically online. You can still submit it: the registration authority then decides itself and sends you the decision by post. For that, too, you pay the fees first. If you do not want to submit it this way, withdraw it; your entries are then deleted.");
            case MANUAL_REVIEW -> LocalizedText.of(
                    "Ihr Antrag konnte nicht automatisch entschieden werden. Die Zulassungsbehörde bearbeitet ihn und schickt Ihnen den Bescheid per Post. Sie müssen nichts weiter tun.",
                    "Your application could not be decided automatically. The registration authority will process it and send you the decision by post. You need not do anything else.");
            case DECIDED -> effectiveWhenSent ? LocalizedText.of(
                    "Ihr Antrag ist entschieden. Laden Sie den Bescheid innerhalb von 30 Minuten herunter; er wird am Tag des Abrufs wirksam. Sonst erhalten Sie ihn per Post; er wird am Tag der Absendung wirksam.",
                    "Your application has been decided. Download the decision within 30 minutes; it takes effect on the day you retrieve it. Otherwise it is sent by post and takes effect on the day it is sent.")
                    : LocalizedText.of(
                    "Ihr Antrag ist entschieden. Laden Sie den Bescheid innerhalb von 30 Minuten herunter; er wird am Tag des Abrufs wirksam. Sonst erhalten Sie ihn per Post, dann wird er am dritten Tag nach der Aufgabe zur Post wirksam.",
                    "Your application has been decided. Download the decision within 30 minutes; it takes effect on the day you retrieve it. Otherwise it is sent by post and takes effect on the third day after mailing.");
            case COMPLETED -> LocalizedText.of(
                    "Ihr Antrag ist abgeschlossen und an die Zulassungsbehörde übermittelt. Ihre Eingaben wurden im Portal gelöscht.",
                    "Your application is complete and has been passed to the registration authority. Your entries have been deleted from the portal.");
            case ABORTED -> LocalizedText.of(
                    "Der Online-Antrag wurde abgebrochen, weil die Angaben auch nach der dritten Korrektur nicht passten (§ 20 Abs. 4 FZV). Bitte wenden Sie sich an Ihre Zulassungsbehörde. Ihre Eingaben werden spätestens nach 30 Minuten gelöscht.",
                    "The online application was stopped because the details still did not match after the third correction. Please contact your registration authority. Your entries are deleted within 30 minutes.");
        };
    }
}
