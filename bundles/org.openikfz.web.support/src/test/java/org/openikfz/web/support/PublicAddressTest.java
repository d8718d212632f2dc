package org.openikfz.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Return addresses come from the configured public address, never from what a client claims. */
class PublicAddressTest {

    @Test
    void aConfiguredAddressIsTheOnlyOriginReturnAddressesMayHave() {
        PublicAddress address = PublicAddress.of("https://ikfz.landkreis.example/");
        address.listening("http", "127.0.0.1", 8080);
        assertEquals(URI.create("https://ikfz.landkreis.example"), address.base());
        assertTrue(address.contains(URI.create("https://ikfz.landkreis.example/ausserbetriebsetzung?return=payment")));
        assertTrue(address.contains(URI.create("https://IKFZ.landkreis.example:443/x")));
        assertFalse(address.contains(URI.create("http://ikfz.landkreis.example/x")), "plain HTTP");
        assertFalse(address.contains(URI.create("https://ikfz.landkreis.example:8443/x")), "another port");
        assertFalse(address.contains(URI.create("https://evil.example/x")));
        assertFalse(address.contains(URI.create("https://ikfz.landkreis.example@evil.example/x")));
        assertFalse(address.contains(URI.create("https://user@ikfz.landkreis.example/x")), "user information");
        assertFalse(address.contains(URI.create("http://127.0.0.1:8080/x")), "the listening address is not public");
    }

    @Test
    void unconfiguredTheListeningAddressAndItsLoopbackNamesAreTheOrigin() {
        PublicAddress address = PublicAddress.of("");
        address.listening("http", "127.0.0.1", 18080);
        assertEquals(URI.create("http://127.0.0.1:18080"), address.base());
        assertTrue(address.contains(URI.create("http://127.0.0.1:18080/back")));
        assertTrue(address.contains(URI.create("http://localhost:18080/back")));
        assertFalse(address.contains(URI.create("http://127.0.0.1:18081/back")), "another port (the API's)");
        assertFalse(address.contains(URI.create("http://portal.example:18080/back")));
    }

    @Test
    void aPublicAddressWithAPathOrQueryIsRefused() {
        for (String wrong : new String[] {"https://portal.example/ikfz", "ftp://portal.example", "https://portal.example?x=1",
                "https://a@portal.example", "portal.example"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublicAddress.of(wrong), wrong);
            assertTrue(e.getMessage().contains("publicBaseUrl"), e.getMessage());
        }
    }

    @Test
    void aForwardedPortCountsOnlyWhenTheProxyNamesOne() {
        assertFalse(TrustedProxies.portNamed(fields("Forwarded", "for=203.0.113.9;proto=https;host=portal.example")));
        assertFalse(TrustedProxies.portNamed(fields("Forwarded", "host=\"[2001:db8::1]\";proto=https")));
        assertTrue(TrustedProxies.portNamed(fields("Forwarded", "proto=https;host=\"portal.example:8443\"")));
        assertTrue(TrustedProxies.portNamed(fields("Forwarded", "host=\"[2001:db8::1]:8443\"")));
        assertTrue(TrustedProxies.portNamed(fields("X-Forwarded-Host", "portal.example:8443")));
        assertFalse(TrustedProxies.portNamed(fields("X-Forwarded-Host", "portal.example")));
        assertTrue(TrustedProxies.portNamed(fields("X-Forwarded-Port", "8443")));
        assertEquals(URI.create("https://portal.example"), PublicAddress.origin("https", "portal.example", -1));
        assertEquals(URI.create("https://portal.example:8443"), PublicAddress.origin("https", "Portal.Example", 8443));
    }

    private static org.eclipse.jetty.http.HttpFields fields(String name, String value) {
        return org.eclipse.jetty.http.HttpFields.build().add(name, value);
    }

    @Test
    void onlyConfiguredProxyAddressesAreTrusted() {
        TrustedProxies proxies = TrustedProxies.of(new String[] {"10.0.0.5", " ::1 ", ""});
        assertTrue(proxies.trusts(new InetSocketAddress("10.0.0.5", 40000)));
        assertTrue(proxies.trusts(new InetSocketAddress("0:0:0:0:0:0:0:1", 40000)));
        assertFalse(proxies.trusts(new InetSocketAddress("10.0.0.6", 40000)));
        assertTrue(TrustedProxies.of(new String[0]).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.of(new String[] {"proxy.example"}));
        assertTrue(e.getMessage().contains("proxy.example"), e.getMessage());
    }
}
