package org.openikfz.api.backoffice;

/**
 * A text block (Textbaustein) a clerk starts a decision's reasons from; the clerk adapts it to the case.
 *
 * @param id      stable key, e.g. {@code grant.documents}
 * @param title   what the clerk picks it by
 * @param approve whether it suits granting ({@code true}) or refusing an application
 * @param text    the reasons as printed in the decision
 * @since 1.5
 */
public record ReasonTemplate(String id, String title, boolean approve, String text) {
}
