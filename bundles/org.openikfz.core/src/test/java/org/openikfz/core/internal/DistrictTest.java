package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.value.Land;

/** The district's identity is configuration, never a code default. */
class DistrictTest {

    /** An engine configuration with the annotation's defaults, except the values given. */
    private static EngineConfig config(Map<String, Object> values) {
        return (EngineConfig) Proxy.newProxyInstance(EngineConfig.class.getClassLoader(), new Class<?>[] {EngineConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void withoutItsAuthorityTheEngineDoesNotStartAndSaysWhatToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> District.of(config(Map.of())));
        assertTrue(e.getMessage().contains("etc/org.openikfz.core.cfg"), e.getMessage());
        for (String key : new String[] {"authority", "authorityName", "land"}) {
            assertTrue(e.getMessage().contains(key + " "), key + ": " + e.getMessage());
        }
    }

    @Test
    void anAuthorityKeyIsAnUnterscheidungszeichenAndTheLandACode() {
        Map<String, Object> zwickau = Map.of("authority", "Z", "authorityName", "Landratsamt Zwickau", "land", "SN");
        District district = District.of(config(zwickau));
        assertEquals("Z", district.authority());
        assertEquals(Land.SN, district.land());
        assertEquals(List.of(), district.letterhead().address());
        Map<String, Object> withAddress = new java.util.HashMap<>(zwickau);
        withAddress.put("authorityAddress", "Postfach 10 01 52; 08056 Zwickau");
        assertEquals(new Letterhead("Landratsamt Zwickau", List.of("Postfach 10 01 52", "08056 Zwickau")),
                District.of(config(withAddress)).letterhead());
        String wrongKey = assertThrows(IllegalStateException.class, () -> District.of(config(Map.of("authority", "ZWICK",
                "authorityName", "Landratsamt Zwickau", "land", "SN")))).getMessage();
        assertTrue(wrongKey.contains("'ZWICK'"), wrongKey);
        String wrongLand = assertThrows(IllegalStateException.class, () -> District.of(config(Map.of("authority", "Z",
                "authorityName", "Landratsamt Zwickau", "land", "Sachsen")))).getMessage();
        assertTrue(wrongLand.contains("land"), wrongLand);
    }

    @Test
    void theOfferedProceduresComeAsAListOrAsOneCommaSeparatedValue() {
        Map<String, Object> base = Map.of("authority", "Z", "authorityName", "Landratsamt Zwickau", "land", "SN");
        Map<String, Object> cfg = new java.util.HashMap<>(base);
        cfg.put("district_procedures", new String[] {"ausserbetriebsetzung, umschreibung"});
        assertEquals(Set.of("ausserbetriebsetzung", "umschreibung"), District.of(config(cfg)).procedures());
        cfg.put("district_procedures", new String[] {"ausserbetriebsetzung", "umschreibung"});
        assertEquals(Set.of("ausserbetriebsetzung", "umschreibung"), District.of(config(cfg)).procedures());
        assertEquals(Set.of(), District.of(config(base)).procedures());
    }
}
