package org.openikfz.api.check;

/**
 * Keys of the facts checks establish ({@link CheckResult.Clear#facts()}) and procedures judge. Values
 * are strings: dates ISO ({@code 2019-05-31}), months {@code 2027-04}, booleans {@code true}/{@code false}.
 * Facts are dialog data: they travel with the transfer and are deleted with the answers; they are
 * never logged. A future check may add keys of its own ({@code <check>.<name>}).
 *
 * @since 1.1
 */
public final class Facts {

    private Facts() {
    }

    // FZV Anlage 11 Nr. 2: register data fetched from the ZFZR
    /** Whether the vehicle is registered ({@code false}: außer Betrieb gesetzt). */
    public static final String ZFZR_REGISTERED = "zfzr.registered";
    /** Day the vehicle was taken off the road, when it is. */
    public static final String ZFZR_DEREGISTERED_ON = "zfzr.deregisteredOn";
    /** Whether a Verwertungsnachweis (certificate of destruction) is recorded. */
    public static final String ZFZR_VERWERTUNGSNACHWEIS = "zfzr.verwertungsnachweis";
    /** Month of the next HU as the register knows it. */
    public static final String ZFZR_NEXT_HU = "zfzr.nextHu";
    /** The vehicle's FIN from the register. */
    public static final String ZFZR_FIN = "zfzr.fin";
    /** The plate the vehicle is (or was last) registered with. */
    public static final String ZFZR_KENNZEICHEN = "zfzr.kennzeichen";
    /** Key of the Zulassungsbehörde the vehicle is (or was last) registered at. */
    public static final String ZFZR_AUTHORITY = "zfzr.authority";
    /** The registered holder: name, street, postal code, city, date of birth. */
    public static final String ZFZR_HOLDER_NAME = "zfzr.holder.name";
    public static final String ZFZR_HOLDER_STREET = "zfzr.holder.street";
    public static final String ZFZR_HOLDER_POSTAL_CODE = "zfzr.holder.postalCode";
    public static final String ZFZR_HOLDER_CITY = "zfzr.holder.city";
    public static final String ZFZR_HOLDER_DATE_OF_BIRTH = "zfzr.holder.dateOfBirth";
    /** Whether the applicant, as identified, is the registered holder (name and date of birth match). */
    public static final String ZFZR_APPLICANT_IS_HOLDER = "zfzr.applicantIsHolder";

    // FZV Anlage 11 Nr. 3: KBA reference and CoC database (Erstzulassung)
    /** Make and type of the vehicle as the CoC data name them. */
    public static final String COC_VEHICLE = "coc.vehicle";

    // FZV Anlage 11 Nr. 4: insurance data returned by the GDV database
    public static final String EVB_INSURER = "evb.insurer";
    public static final String EVB_INSURER_NUMBER = "evb.insurerNumber";

    // FZV Anlage 11 Nr. 5: SEPA mandate for the Kfz-Steuer, verified by the Zoll
    /** The mandate reference the Zoll gave; the holder's mandate confirmation shows it. */
    public static final String SEPA_MANDATE_REFERENCE = "sepa.mandateReference";
    /** The IBAN masked (e.g. {@code DE89 **** **** **** **30 00}); the clear IBAN is never a fact. */
    public static final String SEPA_IBAN_MASKED = "sepa.ibanMasked";
    public static final String SEPA_ACCOUNT_HOLDER = "sepa.accountHolder";

    // FZV § 22: how the HU was proven
    /** {@code register} or {@code pruefziffer}. */
    public static final String HU_PROOF = "hu.proof";
    /** Month of the next HU as proven. */
    public static final String HU_NEXT = "hu.next";

    // the plate assigned for a registration with a new plate
    /** The plate reserved (chosen) or assigned for the application. */
    public static final String KENNZEICHEN_ZUGETEILT = "kennzeichen.zugeteilt";
}
