package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openikfz.api.connector.PaymentProvider.Status;

/** The ePayment simulator's cancellation: an application withdrawn or abandoned leaves no page that takes money. */
class EPaymentSimulatorTest {

    private final EPaymentSimulator payments = new EPaymentSimulator(new LoopbackConfig());

    private String started() {
        return payments.start(UUID.randomUUID(), new BigDecimal("12.40"), URI.create("http://127.0.0.1/back")).paymentId();
    }

    @Test
    void aCancelledPaymentTakesNoMoneyAndAPaidOneStaysPaid() {
        String cancelled = started();
        assertEquals(Status.FAILED, payments.cancel(cancelled));
        assertEquals(Status.FAILED, payments.complete(cancelled, true).orElseThrow().status(), "its page pays nothing any more");
        assertEquals(Status.FAILED, payments.status(cancelled));

        String paid = started();
        assertEquals(Status.PAID, payments.complete(paid, true).orElseThrow().status());
        assertEquals(Status.PAID, payments.cancel(paid), "paid: not cancelled");
        assertEquals(Status.PAID, payments.status(paid));
        assertEquals(Status.FAILED, payments.cancel("unknown"));
    }

    // a payment and a cancellation at the same moment end in one of the two: what cancel says is what the payment is
    @Test
    void aPaymentAndItsCancellationAtOnceEndInOneOfTheTwo() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 200; i++) {
                String id = started();
                CountDownLatch start = new CountDownLatch(1);
                Future<Status> cancel = pool.submit(() -> {
                    start.await();
                    return payments.cancel(id);
                });
                Future<Status> pay = pool.submit(() -> {
                    start.await();
                    return payments.complete(id, true).orElseThrow().status();
                });
                start.countDown();
                Status told = cancel.get(10, TimeUnit.SECONDS);
                Status payment = pay.get(10, TimeUnit.SECONDS);
                assertEquals(told, payments.status(id));
                assertEquals(told, payment, "the payer was told the same");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
