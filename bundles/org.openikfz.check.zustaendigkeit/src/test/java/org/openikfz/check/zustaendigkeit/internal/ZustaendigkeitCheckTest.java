package org.openikfz.check.zustaendigkeit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openikfz.testing.check.FakeContext;
import java.lang.annotation.Annotation;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.procedure.Identification;

/** FZV Anlage 11 Nr. 1: the residence from the identification against the configured area. */
class ZustaendigkeitCheckTest {

    /** The Erzgebirgskreis (Saxony), as districts/erz.json configures it. */
    static final String ERZGEBIRGSKREIS = "08280, 08289, 08294, 08297, 08301, 08304, 08309, 08312, 08315, 08318, 08321, 08324, "
            + "08325, 08326, 08328, 08340, 08344, 08349, 08352, 08359, "
            + "09221, 09235, 09366, 09376, 09380, 09385, 09387, 09390, 09392, 09394, 09395, 09399, 09405, 09419, 09423, "
            + "09427, 09429, 09430, 09432, 09435, 09437, 09439, 09456, 09465, 09468, 09471, 09474, 09477, 09481, "
            + "09484, 09487, 09488, 09496, 09509, 09514, 09518, 09526, 09548, 09579";

    private final ZustaendigkeitCheck erzgebirge = new ZustaendigkeitCheck(config(ERZGEBIRGSKREIS, ""));

    private static FakeContext livingIn(String postalCode) {
        return FakeContext.with().identification(Identification.REQUIRED)
                .applicant(new VerifiedIdentity("p", new Holder("Erika Mustermann", "Weg 1", postalCode, "Ort", null), "high"));
    }

    /** An Außerbetriebsetzung: anyone with the codes may apply; the holder and their address come from the register. */
    private static FakeContext holderInRegisterLivingIn(String postalCode) {
        FakeContext context = FakeContext.with().fact(Facts.ZFZR_HOLDER_NAME, "Erika Mustermann");
        return postalCode == null ? context : context.fact(Facts.ZFZR_HOLDER_POSTAL_CODE, postalCode);
    }

    /**
     * 2019 § 14(1) S. 1 with § 46(2) FZV and the memo on § 15g: an Außerbetriebsetzung is applied for on the portal of
     * the authority of the holder's residence, which the register gives; who applies (and where they live) does not matter.
     */
    @Test
    void forAnAusserbetriebsetzungTheHolderInTheRegisterDecidesTheCompetentAuthority() {
        assertInstanceOf(CheckResult.Clear.class, erzgebirge.check(holderInRegisterLivingIn("09456")));
        VerifiedIdentity dresdner = new VerifiedIdentity("p", new Holder("Max Mustermann", "Weg 2", "01067", "Dresden", null), "high");
        assertInstanceOf(CheckResult.Clear.class, erzgebirge.check(holderInRegisterLivingIn("09456").applicant(dresdner)),
                "a third party from elsewhere deregisters a vehicle of a holder living here");
        CheckResult.Opposed elsewhere = assertInstanceOf(CheckResult.Opposed.class,
                erzgebirge.check(holderInRegisterLivingIn("09111").applicant(new VerifiedIdentity("p",
                        new Holder("Erika Mustermann", "Weg 1", "09456", "Annaberg-Buchholz", null), "high"))));
        String german = elsewhere.findings().get(0).message().get(Locale.GERMAN);
        assertTrue(german.contains("Zentralen Fahrzeugregister") && german.contains("zuständig"), german);
        assertFalse(german.contains("09111"));
        // no register data (the ZFZR check opposed or failed before): not decidable here, never clear
        assertInstanceOf(CheckResult.Failed.class, erzgebirge.check(FakeContext.with()));
        assertInstanceOf(CheckResult.Failed.class, erzgebirge.check(holderInRegisterLivingIn(null)));
    }

    @Test
    void aResidenceInTheErzgebirgskreisIsClear() {
        assertEquals(CheckId.ZUSTAENDIGKEIT, erzgebirge.id());
        assertInstanceOf(CheckResult.Clear.class, erzgebirge.check(livingIn("09456")));
        assertInstanceOf(CheckResult.Clear.class, erzgebirge.check(livingIn("08280")));
        assertInstanceOf(CheckResult.Clear.class, erzgebirge.check(livingIn(" 09366 ")));
    }

    @Test
    void aResidenceElsewhereOpposesWithoutEchoingThePostalCode() {
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, erzgebirge.check(livingIn("01067")));
        Finding finding = opposed.findings().get(0);
        assertNull(finding.fieldId());
        String german = finding.message().get(Locale.GERMAN);
        assertTrue(german.contains("zuständig"), german);
        assertFalse(german.contains("01067"));
        assertFalse(finding.message().get(Locale.ENGLISH).contains("01067"));
    }

    @Test
    void withoutIdentificationOrPostalCodeTheResidenceIsUnknown() {
        assertInstanceOf(CheckResult.Failed.class, erzgebirge.check(FakeContext.with().identification(Identification.REQUIRED)));
        assertInstanceOf(CheckResult.Failed.class, erzgebirge.check(livingIn(null)));
        assertInstanceOf(CheckResult.Failed.class, erzgebirge.check(livingIn(" ")));
        CheckResult.Failed abroad = assertInstanceOf(CheckResult.Failed.class, erzgebirge.check(livingIn("A-1010")));
        assertFalse(abroad.reason().contains("1010"));
    }

    @Test
    void rangesAndSharedCodesAreConfigurable() {
        ZustaendigkeitCheck check = new ZustaendigkeitCheck("09456-09488 ,08280\n09496", "09488");
        assertInstanceOf(CheckResult.Clear.class, check.check(livingIn("09470")));
        assertInstanceOf(CheckResult.Clear.class, check.check(livingIn("09496")));
        assertInstanceOf(CheckResult.Opposed.class, check.check(livingIn("09489")));
        assertInstanceOf(CheckResult.Failed.class, check.check(livingIn("09488")), "shared with a neighbour: clerks decide");
    }

    @Test
    void anInvalidConfigurationIsRejectedNamingTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ZustaendigkeitCheck(config("09456, 9999x", "")));
        assertTrue(e.getMessage().contains("9999x"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZustaendigkeitCheck("09488-09456", ""))
                .getMessage().contains("09488-09456"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZustaendigkeitCheck("09456", "0945"))
                .getMessage().contains("sharedPostalCodes"));
        assertThrows(IllegalArgumentException.class, () -> new ZustaendigkeitCheck(" , ", ""));
    }

    private static ZustaendigkeitConfig config(String postalCodes, String shared) {
        return new ZustaendigkeitConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ZustaendigkeitConfig.class;
            }

            @Override
            public String postalCodes() {
                return postalCodes;
            }

            @Override
            public String sharedPostalCodes() {
                return shared;
            }
        };
    }
}
