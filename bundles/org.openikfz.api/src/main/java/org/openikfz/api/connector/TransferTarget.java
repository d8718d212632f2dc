package org.openikfz.api.connector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A receiver of transfers: the Fachverfahren of the authority ({@value #FACHVERFAHREN}) or the KBA
 * ({@value #KBA}). The engine delivers from its outbox until the receiver acknowledges; a receiver
 * must be idempotent by {@link TransferMessage#id()}, which makes the transfer exactly once.
 */
@ConsumerType
public interface TransferTarget {

    String FACHVERFAHREN = "fachverfahren";
    String KBA = "kba";
    /**
     * The authority's outgoing post: mailed decisions, registration documents and seal carriers,
     * notices to holders and previous holders. The payload names the letter's {@code kind}.
     *
     * @since 1.1
     */
    String POST = "post";
    /**
     * E-mail to the applicant, sent only where the applicant asked for it: the confirmation of a
     * submission and the notice of a clerk's decision. The payload is JSON with {@code to},
     * {@code subject}, {@code text}, {@code kind} and {@code reference}; a receiver sends it as a
     * plain-text mail whose Message-ID is derived from {@link TransferMessage#id()}.
     *
     * @since 1.5
     */
    String MAIL = "mail";

    /** Which destination this is. */
    String destination();

    /** Delivers; returns normally only when the receiver has the message. */
    void deliver(TransferMessage message) throws ConnectorUnavailableException;
}
