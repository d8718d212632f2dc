package org.openikfz.api.check;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The facts the checks of FZV Anlage 11 establish ({@link CheckResult.Clear#with}) and procedures, later checks
 * and the platform's documents read, each with its value type. Facts are dialog data: they travel with the
 * transfer and are deleted with the answers; they are never logged. A check of another bundle declares keys
 * of its own ({@link FactKey}, {@code <check>.<name>}).
 *
 * @since 1.1; typed keys since 2.0
 */
public final class Facts {

    private Facts() {
    }

    // FZV Anlage 11 Nr. 2: register data fetched from the ZFZR
    /** Whether the vehicle is registered ({@code false}: außer Betrieb gesetzt). */
    public static final FactKey<Boolean> ZFZR_REGISTERED = FactKey.flag("zfzr.registered");
    /** Day the vehicle was taken off the road, when it is. */
    public static final FactKey<LocalDate> ZFZR_DEREGISTERED_ON = FactKey.date("zfzr.deregisteredOn");
    /** Whether a Verwertungsnachweis (certificate of destruction) is recorded. */
    public static final FactKey<Boolean> ZFZR_VERWERTUNGSNACHWEIS = FactKey.flag("zfzr.verwertungsnachweis");
    /** Month of the next HU as the register knows it. */
    public static final FactKey<YearMonth> ZFZR_NEXT_HU = FactKey.month("zfzr.nextHu");
    /** The vehicle's FIN from the register. */
    public static final FactKey<String> ZFZR_FIN = FactKey.text("zfzr.fin");
    /** The plate the vehicle is (or was last) registered with. */
    public static final FactKey<String> ZFZR_KENNZEICHEN = FactKey.text("zfzr.kennzeichen");
    /** Key of the Zulassungsbehörde the vehicle is (or was last) registered at. */
    public static final FactKey<String> ZFZR_AUTHORITY = FactKey.text("zfzr.authority");
    /** The registered holder: name, street, postal code, city, date of birth. */
    public static final FactKey<String> ZFZR_HOLDER_NAME = FactKey.text("zfzr.holder.name");
    public static final FactKey<String> ZFZR_HOLDER_STREET = FactKey.text("zfzr.holder.street");
    public static final FactKey<String> ZFZR_HOLDER_POSTAL_CODE = FactKey.text("zfzr.holder.postalCode");
    public static final FactKey<String> ZFZR_HOLDER_CITY = FactKey.text("zfzr.holder.city");
    public static final FactKey<LocalDate> ZFZR_HOLDER_DATE_OF_BIRTH = FactKey.date("zfzr.holder.dateOfBirth");
    /** Whether the applicant, as identified, is the registered holder (name and date of birth match). */
    public static final FactKey<Boolean> ZFZR_APPLICANT_IS_HOLDER = FactKey.flag("zfzr.applicantIsHolder");

    // FZV Anlage 11 Nr. 3: KBA reference and CoC database (Erstzulassung)
    /** Make and type of the vehicle as the CoC data name them. */
    public static final FactKey<String> COC_VEHICLE = FactKey.text("coc.vehicle");

    // FZV Anlage 11 Nr. 4: insurance data returned by the GDV database
    public static final FactKey<String> EVB_INSURER = FactKey.text("evb.insurer");
    public static final FactKey<String> EVB_INSURER_NUMBER = FactKey.text("evb.insurerNumber");

    // FZV Anlage 11 Nr. 5: SEPA mandate for the Kfz-Steuer, verified by the Zoll
    /** The mandate reference the Zoll gave; the holder's mandate confirmation shows it. */
    public static final FactKey<String> SEPA_MANDATE_REFERENCE = FactKey.text("sepa.mandateReference");
    /** The IBAN masked (e.g. {@code DE89 **** **** **** **30 00}); the clear IBAN is never a fact. */
    public static final FactKey<String> SEPA_IBAN_MASKED = FactKey.text("sepa.ibanMasked");
    public static final FactKey<String> SEPA_ACCOUNT_HOLDER = FactKey.text("sepa.accountHolder");

    // FZV § 22: how the HU was proven
    /** {@code register} or {@code pruefziffer}. */
    public static final FactKey<String> HU_PROOF = FactKey.text("hu.proof");
    /** Month of the next HU as proven. */
    public static final FactKey<YearMonth> HU_NEXT = FactKey.month("hu.next");

    // the plate assigned for a registration with a new plate
    /** The plate reserved (chosen) or assigned for the application. */
    public static final FactKey<String> KENNZEICHEN_ZUGETEILT = FactKey.text("kennzeichen.zugeteilt");
}
