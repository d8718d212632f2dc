package org.openikfz.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.ZollConnector;
import org.openikfz.api.value.Iban;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Simulator of the Zoll (vehicle tax): SEPA mandates are accepted with a generated reference unless
 * the account is on the refused list or the account holder is blank; holders on the arrears list have
 * tax arrears (name case-insensitive, and the date of birth when both have one). Records under
 * {@code data/simulator/}: {@code zoll-arrears.tsv}, {@code zoll-refused-ibans.tsv},
 * {@code zoll-mandates.tsv}.
 *
 * <p>An IBAN is never stored or shown in clear: only its masked form (country, check digits and last
 * four characters) and a keyed hash (HMAC-SHA-256 with a random key of this installation,
 * {@code zoll.key}) to recognise it again.
 */
@Component(service = {ZollConnector.class, ZollSimulator.class})
public final class ZollSimulator implements ZollConnector {

    /** A holder with tax arrears. */
    record Arrears(String name, LocalDate dateOfBirth) {
        Arrears {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is needed");
            }
            name = name.strip();
        }

        boolean matches(Holder holder) {
            return normalise(name).equals(normalise(holder.name()))
                    && (dateOfBirth == null || holder.dateOfBirth() == null || dateOfBirth.equals(holder.dateOfBirth()));
        }
    }

    /** An IBAN the Zoll refuses: masked and keyed hash only. */
    record RefusedIban(String masked, String hash) {
    }

    /** An accepted mandate, as the admin API shows it. */
    record MandateRecord(String reference, String ibanMasked, String accountHolder, String holderName, Instant at) {
    }

    /** Nobody is in arrears except this clearly fictitious test person. */
    static final List<Arrears> DEMO_ARREARS = List.of(new Arrears("Rudi Rückstand", LocalDate.of(1980, 1, 1)));

    private static final String REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Path arrearsFile;
    private final Path refusedFile;
    private final Path mandatesFile;
    private final byte[] key;
    private final SecureRandom random = new SecureRandom();
    private final List<Arrears> arrears = new ArrayList<>(); // guarded by this
    private final Map<String, RefusedIban> refused = new LinkedHashMap<>(); // by hash; guarded by this
    private final Map<String, MandateRecord> mandates = new LinkedHashMap<>(); // by hash of IBAN, account holder, holder; guarded by this
    private final Mode mode = new Mode("Zoll");

    @Activate
    public ZollSimulator(BundleContext context) {
        this(SimulatorFiles.dir(context));
    }

    ZollSimulator(Path dir) {
        this.arrearsFile = dir.resolve("zoll-arrears.tsv");
        this.refusedFile = dir.resolve("zoll-refused-ibans.tsv");
        this.mandatesFile = dir.resolve("zoll-mandates.tsv");
        this.key = key(dir.resolve("zoll.key"));
        load();
    }

    @Override
    public ZollConnector.Mandate verifyMandate(Iban iban, String accountHolder, Holder holder)
            throws ConnectorUnavailableException {
        mode.await();
        Objects.requireNonNull(iban, "iban");
        if (accountHolder == null || accountHolder.isBlank()) {
            return ZollConnector.refused();
        }
        String ibanHash = hash(iban.value());
        synchronized (this) {
            if (refused.containsKey(ibanHash)) {
                return ZollConnector.refused();
            }
            String holderName = holder == null ? "" : holder.name();
            // the same mandate asked again (a repeated check) keeps its reference
            String id = hash(ibanHash + "|" + normalise(accountHolder) + "|" + normalise(holderName));
            MandateRecord mandate = mandates.get(id);
            if (mandate == null) {
                mandate = new MandateRecord(reference(), iban.masked(), accountHolder.strip(), holderName,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS));
                mandates.put(id, mandate);
                saveMandates();
            }
            return ZollConnector.accepted(mandate.reference());
        }
    }

    @Override
    @Deprecated
    public boolean hasTaxArrears(Holder holder) throws ConnectorUnavailableException {
        return inArrears(holder);
    }

    /** Whether the holder is on the arrears list (the arrears check asks through {@link ZollArrearsSimulator}). */
    boolean inArrears(Holder holder) throws ConnectorUnavailableException {
        mode.await();
        synchronized (this) {
            return holder != null && arrears.stream().anyMatch(a -> a.matches(holder));
        }
    }

    /** Puts a holder on the arrears list (admin API); the same name and date of birth once. */
    synchronized Arrears addArrears(Arrears entry) {
        if (arrears.stream().noneMatch(a -> normalise(a.name()).equals(normalise(entry.name()))
                && Objects.equals(a.dateOfBirth(), entry.dateOfBirth()))) {
            arrears.add(entry);
            saveArrears();
        }
        return entry;
    }

    synchronized List<Arrears> arrears() {
        return List.copyOf(arrears);
    }

    /** Puts an account on the refused list (admin API); returns its masked form. */
    synchronized RefusedIban refuse(Iban iban) {
        RefusedIban entry = new RefusedIban(iban.masked(), hash(iban.value()));
        if (refused.putIfAbsent(entry.hash(), entry) == null) {
            saveRefused();
        }
        return entry;
    }

    synchronized List<RefusedIban> refusedIbans() {
        return new ArrayList<>(refused.values());
    }

    synchronized List<MandateRecord> mandates() {
        return new ArrayList<>(mandates.values());
    }

    Mode mode() {
        return mode;
    }

    /** Names compared case-insensitively, white space collapsed. */
    static String normalise(String name) {
        return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private String reference() {
        StringBuilder out = new StringBuilder("ZOLL-SEPA-");
        for (int i = 0; i < 8; i++) {
            out.append(REFERENCE_ALPHABET.charAt(random.nextInt(REFERENCE_ALPHABET.length())));
        }
        return out.toString();
    }

    private String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** This installation's hash key: created at first start, kept in {@code zoll.key}. */
    private byte[] key(Path file) {
        List<String> lines = SimulatorFiles.lines(file);
        if (!lines.isEmpty()) {
            return HexFormat.of().parseHex(lines.get(0).strip());
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        SimulatorFiles.write(file, HexFormat.of().formatHex(bytes) + "\n");
        return bytes;
    }

    private synchronized void load() {
        if (!Files.exists(arrearsFile)) {
            arrears.addAll(DEMO_ARREARS);
            saveArrears();
        } else {
            for (String line : SimulatorFiles.lines(arrearsFile)) {
                String[] f = line.split("\t", -1);
                String born = SimulatorFiles.field(f, 1);
                arrears.add(new Arrears(f[0], born.isBlank() ? null : LocalDate.parse(born)));
            }
        }
        for (String line : SimulatorFiles.lines(refusedFile)) {
            String[] f = line.split("\t", -1);
            refused.put(f[1], new RefusedIban(f[0], f[1]));
        }
        for (String line : SimulatorFiles.lines(mandatesFile)) {
            String[] f = line.split("\t", -1);
            mandates.put(f[0], new MandateRecord(f[1], f[2], f[3], f[4], Instant.parse(f[5])));
        }
    }

    private void saveArrears() {
        StringBuilder out = new StringBuilder();
        arrears.forEach(a -> out.append(SimulatorFiles.field(a.name())).append('\t')
                .append(SimulatorFiles.field(a.dateOfBirth())).append('\n'));
        SimulatorFiles.write(arrearsFile, out);
    }

    private void saveRefused() {
        StringBuilder out = new StringBuilder();
        refused.values().forEach(r -> out.append(r.masked()).append('\t').append(r.hash()).append('\n'));
        SimulatorFiles.write(refusedFile, out);
    }

    private void saveMandates() {
        StringBuilder out = new StringBuilder();
        mandates.forEach((id, m) -> out.append(String.join("\t", id, m.reference(), m.ibanMasked(),
                SimulatorFiles.field(m.accountHolder()), SimulatorFiles.field(m.holderName()), m.at().toString())).append('\n'));
        SimulatorFiles.write(mandatesFile, out);
    }
}
