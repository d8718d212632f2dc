package org.openikfz.simulator.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openikfz.api.connector.PaymentCancellation;
import org.openikfz.api.connector.PaymentProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * ePayment simulator: a payment has a page (served by {@link SimulatorHttp}) where the applicant
 * pays or cancels, after which they are sent back to the portal; the engine cancels the open payment of an
 * application that is withdrawn or abandoned. Payments are kept in memory.
 */
@Component(service = {PaymentProvider.class, EPaymentSimulator.class}, configurationPid = SimulatorHttp.PID)
public final class EPaymentSimulator implements PaymentProvider, PaymentCancellation {

    /** One payment. */
    record Payment(String id, UUID applicationId, BigDecimal amount, URI returnTo, Status status) {
        Payment with(Status newStatus) {
            return new Payment(id, applicationId, amount, returnTo, newStatus);
        }
    }

    private final Map<String, Payment> payments = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile String baseUrl;

    @Activate
    public EPaymentSimulator(SimulatorHttp.Config config) {
        configure(config);
    }

    @Modified
    void configure(SimulatorHttp.Config config) {
        this.baseUrl = SimulatorHttp.baseUrl(config);
    }

    @Override
    public Session start(UUID applicationId, BigDecimal amount, URI returnTo) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        payments.put(id, new Payment(id, applicationId, amount, returnTo, Status.OPEN));
        return new Session(id, URI.create(baseUrl + "/epayment/pay/" + id));
    }

    @Override
    public Status status(String paymentId) {
        Payment payment = payments.get(paymentId);
        return payment == null ? Status.FAILED : payment.status();
    }

    /** Cancels an open payment (its page then takes no money); a paid one stays paid. One step with {@link #complete}. */
    @Override
    public Status cancel(String paymentId) {
        Payment after = payments.computeIfPresent(paymentId, (k, p) -> p.status() == Status.OPEN ? p.with(Status.FAILED) : p);
        return after == null ? Status.FAILED : after.status();
    }

    Optional<Payment> payment(String id) {
        return Optional.ofNullable(payments.get(id));
    }

    /** Completes an open payment; returns it, or empty when there is none open with that id. */
    Optional<Payment> complete(String id, boolean paid) {
        Payment updated = payments.computeIfPresent(id,
                (k, p) -> p.status() == Status.OPEN ? p.with(paid ? Status.PAID : Status.FAILED) : p);
        return Optional.ofNullable(updated);
    }

    List<Payment> payments() {
        return new ArrayList<>(payments.values());
    }
}
