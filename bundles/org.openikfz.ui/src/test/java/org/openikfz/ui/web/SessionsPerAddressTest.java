package org.openikfz.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cap on sessions per client address under parallel first requests: each request may pass the
 * check only while a slot is free, however the requests interleave. The fake session makes every
 * request that gets as far as creating its session wait until all have arrived there or been refused,
 * so a check of the count that comes before the slot is taken lets them all through.
 */
class SessionsPerAddressTest {

    private static final String ADDRESS = "203.0.113.7";

    @Test
    void parallelFirstRequestsFromOneAddressOpenNoMoreSessionsThanTheCap() throws Exception {
        int cap = 3;
        int requests = 16;
        SessionsPerAddress filter = new SessionsPerAddress(cap);
        CountDownLatch arrived = new CountDownLatch(requests);
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<HttpSession> sessions = java.util.Collections.synchronizedList(new ArrayList<>());
        FilterChain chain = (req, res) -> passed.incrementAndGet();
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                done.add(pool.submit(() -> {
                    filter.doFilter(request(arrived, sessions), response(arrived, refused), chain);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(cap, passed.get(), "sessions opened");
        assertEquals(requests - cap, refused.get(), "requests refused with 429");
        assertEquals(cap, filter.sessions(ADDRESS));

        // sessions that end give their slots back
        for (HttpSession s : sessions) {
            s.invalidate();
        }
        assertEquals(0, filter.sessions(ADDRESS));
        filter.doFilter(request(new CountDownLatch(0), sessions), response(new CountDownLatch(0), refused), chain);
        assertEquals(cap + 1, passed.get(), "a new session once the others ended");
    }

    /** A first page request (no session yet) whose session, once asked for, waits for all requests to arrive. */
    private static HttpServletRequest request(CountDownLatch arrived, List<HttpSession> sessions) {
        return (HttpServletRequest) Proxy.newProxyInstance(SessionsPerAddressTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> "/";
                    case "getContextPath" -> "";
                    case "getRemoteAddr" -> ADDRESS;
                    case "getSession" -> {
                        if (args != null && args.length == 1 && Boolean.FALSE.equals(args[0])) {
                            yield null;
                        }
                        arrived.countDown();
                        arrived.await(20, TimeUnit.SECONDS);
                        HttpSession session = session();
                        sessions.add(session);
                        yield session;
                    }
                    default -> null;
                });
    }

    /** A session that tells its attributes when they are bound and unbound, as Jetty's does. */
    private static HttpSession session() {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        HttpSession[] self = new HttpSession[1];
        self[0] = (HttpSession) Proxy.newProxyInstance(SessionsPerAddressTest.class.getClassLoader(), new Class<?>[] {HttpSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setAttribute" -> {
                        Object old = attributes.put((String) args[0], args[1]);
                        if (old instanceof HttpSessionBindingListener l) {
                            l.valueUnbound(new HttpSessionBindingEvent(self[0], (String) args[0], old));
                        }
                        if (args[1] instanceof HttpSessionBindingListener l) {
                            l.valueBound(new HttpSessionBindingEvent(self[0], (String) args[0], args[1]));
                        }
                        yield null;
                    }
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "invalidate" -> {
                        for (Map.Entry<String, Object> e : attributes.entrySet()) {
                            if (e.getValue() instanceof HttpSessionBindingListener l) {
                                l.valueUnbound(new HttpSessionBindingEvent(self[0], e.getKey(), e.getValue()));
                            }
                        }
                        attributes.clear();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        return self[0];
    }

    /** A response that counts a refusal (429) as the request's arrival. */
    private static HttpServletResponse response(CountDownLatch arrived, AtomicInteger refused) {
        return (HttpServletResponse) Proxy.newProxyInstance(SessionsPerAddressTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        if ((int) args[0] == 429) {
                            refused.incrementAndGet();
                            arrived.countDown();
                        }
                        yield null;
                    }
                    case "getWriter" -> new PrintWriter(new StringWriter());
                    default -> null;
                });
    }
}
