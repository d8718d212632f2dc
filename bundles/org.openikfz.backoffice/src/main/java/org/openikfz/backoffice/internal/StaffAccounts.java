package org.openikfz.backoffice.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.openikfz.api.backoffice.AccountStatus;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.NewAccount;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffDirectory;
import org.openikfz.api.backoffice.StaffMember;
import org.openikfz.api.backoffice.StaffSession;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.StaffAccount;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The back office's accounts: password (Argon2id) plus one-time code (TOTP, its secret encrypted at
 * rest with a key outside the database, see {@link StaffSecrets}), lockout after repeated failures —
 * throttled per client address first, so an outsider cannot keep an account locked — and sessions
 * that end after 30 idle minutes. Operators disable, enable, delete accounts and reset their access;
 * every member changes their own password. With no account at all, the first start makes an operator
 * account with a random name ({@code betrieb-…}) and writes name, password and code secret to
 * {@code data/initial-operator.txt} (readable by the platform's user only) — never to the log.
 */
@Component(service = {StaffDirectory.class, StaffAccounts.class})
public final class StaffAccounts implements StaffDirectory {

    private static final Logger LOG = System.getLogger(StaffAccounts.class.getName());
    static final String ISSUER = "Open i-Kfz";
    /** The first operator's name begins so, a random part follows: nobody outside knows a name to lock out. */
    static final String INITIAL_OPERATOR_PREFIX = "betrieb-";
    static final int MAX_FAILURES = 5;
    /** Failed logins one client address may make for one account, and for all, within {@link #LOCKOUT}. */
    static final int MAX_FAILURES_PER_ADDRESS_AND_USER = 3;
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    /** A disabled account is locked until then. */
    static final Instant DISABLED = Instant.parse("9999-12-31T00:00:00Z");
    /** The shortest password a member may choose. */
    static final int MIN_PASSWORD = 12;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    static final Duration IDLE = Duration.ofMinutes(30);
    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9._-]{1,59}");
    private static final Pattern AUTHORITY = Pattern.compile("[A-Z0-9-]{1,40}");

    private final ApplicationStore store;
    private final SecureRandom random = new SecureRandom();
    private final StaffSecrets secrets;
    /** Failed logins per client address and per address and user (this node's, in memory). */
    private final LoginThrottle throttle = new LoginThrottle(MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_ADDRESS_AND_USER, LOCKOUT);
    /** Sessions by the SHA-256 of their token: the tokens themselves are not kept. */
    private final Map<String, StaffSession> sessions = new ConcurrentHashMap<>();

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    /** The engine, for the authority it serves; optional, so operators can log in while the engine is down. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.openikfz.core.casework.CaseWork engine;

    @Activate
    public StaffAccounts(@Reference ApplicationStore store, BundleContext context) {
        this.store = store;
        String home = context.getProperty("openikfz.home");
        Path root = Path.of(home == null || home.isBlank() ? "." : home);
        this.secrets = StaffSecrets.loadOrCreate(root.resolve("data/staff.key"), random);
        sealPlainSecrets();
        bootstrap(root);
    }

    /** Code secrets stored in clear by an earlier version are encrypted now (the same secret: the authenticators keep working). */
    private void sealPlainSecrets() {
        for (StaffAccount account : store.accounts()) {
            if (!StaffSecrets.encrypted(account.totpSecret())) {
                store.setTotpSecret(account.user(), secrets.seal(account.user(), account.totpSecret()), false);
                LOG.log(Level.INFO, "Encrypted the code secret of account " + account.user() + " at rest");
            }
        }
    }

    /** The first start: an operator account to create the others with. */
    private void bootstrap(Path home) {
        if (!store.accounts().isEmpty()) {
            return;
        }
        String password = Passwords.generate(random);
        String secret = Totp.newSecret(random);
        // six random letters and digits of the password alphabet (all alphanumeric), lower case as user names are
        String operator = INITIAL_OPERATOR_PREFIX + Passwords.generate(random).toLowerCase(java.util.Locale.ROOT).substring(0, 6);
        if (!store.createAccount(new StaffAccount(operator, "Betrieb", Role.OPERATOR.name(), "BETRIEB",
                Passwords.hash(password, random), secrets.seal(operator, secret), 0, 0, null, null))) {
            return; // another instance made it
        }
        Path file = home.resolve("data/initial-operator.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# Open i-Kfz: the first operator account. Log in at /sachbearbeitung, create the staff's\n"
                    + "# accounts, then delete this file.\nuser=" + operator + "\npassword=" + password + "\ntotpSecret=" + secret
                    + "\notpauth=" + Totp.uri(ISSUER, operator, secret) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            LOG.log(Level.WARNING, "Created the first operator account: its name, password and code secret are in " + file
                    + " — log in, create the staff's accounts and delete the file.");
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Could not write " + file + ": the first operator account cannot be used: " + e.getMessage());
        }
        store.appendAudit(null, "STAFF_ACCOUNT_CREATED", "user=" + operator + ";role=OPERATOR;by=first start");
    }

    @Override
    public StaffSession login(String user, String password, String oneTimeCode) {
        return login(user, password, oneTimeCode, null);
    }

    @Override
    public StaffSession login(String user, String password, String oneTimeCode, String clientAddress) {
        Instant now = clock.instant();
        String name = user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT);
        if (clientAddress == null || clientAddress.isBlank()) {
            return checkedLogin(name, password, oneTimeCode, now); // no address known: the account's own lockout only
        }
        String address = clientAddress.strip();
        // the attempt is taken from the address's allowance before the account is looked at (atomically, so parallel
        // guesses cannot outrun it): an address that tried too often cannot lock the account
        if (!throttle.tryAttempt(address, name, now)) {
            store.appendAudit(null, "STAFF_LOGIN_FAILED", "reason=address throttled");
            throw unauthorized();
        }
        StaffSession session = checkedLogin(name, password, oneTimeCode, now);
        throttle.succeeded(address, name);
        return session;
    }

    private StaffSession checkedLogin(String name, String password, String oneTimeCode, Instant now) {
        Optional<StaffAccount> found = USER.matcher(name).matches() ? store.findAccount(name) : Optional.empty();
        if (found.isEmpty()) {
            Passwords.verify(password, DUMMY_HASH); // the same work as for a real account: no timing hint
            store.appendAudit(null, "STAFF_LOGIN_FAILED", "reason=unknown user");
            throw unauthorized();
        }
        StaffAccount account = found.get();
        // the attempt is counted before the expensive check decides (atomically): parallel guesses cannot
        // outrun the lockout, and a locked account is refused without looking at the password
        if (!store.claimLoginAttempt(account.user(), now, MAX_FAILURES, now.plus(LOCKOUT))) {
            store.appendAudit(null, "STAFF_LOGIN_FAILED", "user=" + account.user() + ";reason=locked");
            throw unauthorized();
        }
        String secret = secret(account);
        long step = Passwords.verify(password, account.passwordHash()) && secret != null
                ? Totp.verify(secret, oneTimeCode, now, account.lastTotpStep()) : -1;
        // RFC 6238 § 5.2: a code is accepted once — claimed with a compare-and-set on the last used step
        if (step < 0 || !store.claimTotpStep(account.user(), step)) {
            store.appendAudit(null, "STAFF_LOGIN_FAILED", "user=" + account.user());
            throw unauthorized();
        }
        StaffMember member = member(account);
        String token = token();
        StaffSession session = new StaffSession(token, member, now.plus(IDLE));
        sessions.put(sessionKey(token), session);
        store.appendAudit(null, "STAFF_LOGIN", "user=" + member.user() + ";role=" + member.role() + ";authority=" + member.authority());
        return session;
    }

    @Override
    public Optional<StaffSession> session(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String key = sessionKey(token);
        StaffSession session = sessions.get(key);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (!now.isBefore(session.expiresAt())) {
            sessions.remove(key);
            return Optional.empty();
        }
        StaffSession extended = new StaffSession(token, session.member(), now.plus(IDLE));
        sessions.put(key, extended);
        return Optional.of(extended);
    }

    @Override
    public void logout(String token) {
        if (token != null) {
            StaffSession gone = sessions.remove(sessionKey(token));
            if (gone != null) {
                store.appendAudit(null, "STAFF_LOGOUT", "user=" + gone.member().user());
            }
        }
    }

    @Override
    public NewAccount createAccount(StaffSession session, String user, String displayName, Role role, String authority) {
        StaffMember operator = require(session, Role.OPERATOR);
        String name = user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT);
        String office = authority == null ? "" : authority.strip().toUpperCase(java.util.Locale.ROOT);
        if (!USER.matcher(name).matches()) {
            throw invalid("Der Benutzername besteht aus 2 bis 60 Kleinbuchstaben, Ziffern, Punkt, Binde- oder Unterstrich und beginnt mit einem Buchstaben.",
                    "The user name has 2 to 60 lower-case letters, digits, dot, hyphen or underscore and starts with a letter.");
        }
        if (role == null || !AUTHORITY.matcher(office).matches() || displayName == null || displayName.isBlank()) {
            throw invalid("Bitte geben Sie Name, Rolle und Zulassungsbehörde (z. B. ERZ) an.",
                    "Please give name, role and registration authority (e.g. ERZ).");
        }
        List<String> served = authorities();
        // an account of an authority whose cases this platform does not hold would see nothing ("ERX" for "ERZ")
        if (role != Role.OPERATOR && !served.isEmpty() && !served.contains(office)) {
            throw invalid("Diese Plattform bearbeitet die Fälle der Zulassungsbehörde " + String.join(", ", served)
                    + ", nicht die von " + office + ".", "This platform holds the cases of " + String.join(", ", served)
                    + ", not those of " + office + ".");
        }
        String password = Passwords.generate(random);
        String secret = Totp.newSecret(random);
        if (!store.createAccount(new StaffAccount(name, displayName.strip(), role.name(), office, Passwords.hash(password, random),
                secrets.seal(name, secret), 0, 0, null, null))) {
            throw invalid("Diesen Benutzernamen gibt es schon.", "This user name is taken.");
        }
        store.appendAudit(null, "STAFF_ACCOUNT_CREATED", "user=" + name + ";role=" + role + ";authority=" + office + ";by=" + operator.user());
        return new NewAccount(new StaffMember(name, displayName.strip(), role, office), password, secret, Totp.uri(ISSUER, name, secret));
    }

    @Override
    public List<String> authorities(StaffSession session) {
        require(session, Role.OPERATOR);
        return authorities();
    }

    private List<String> authorities() {
        org.openikfz.core.casework.CaseWork work = engine;
        String served = work == null ? null : work.authority();
        return served == null || served.isBlank() ? List.of() : List.of(served);
    }

    @Override
    public List<StaffMember> accounts(StaffSession session) {
        require(session, Role.OPERATOR);
        return store.accounts().stream().map(StaffAccounts::member).toList();
    }

    @Override
    public List<AccountStatus> accountStatus(StaffSession session) {
        require(session, Role.OPERATOR);
        Instant now = clock.instant();
        return store.accounts().stream().map(a -> new AccountStatus(member(a), disabled(a),
                a.lockedUntil() != null && !disabled(a) && now.isBefore(a.lockedUntil()) ? a.lockedUntil() : null)).toList();
    }

    @Override
    public void changeOwnPassword(StaffSession session, String currentPassword, String newPassword) {
        StaffMember member = require(session, Role.values());
        StaffAccount account = store.findAccount(member.user()).orElseThrow(StaffAccounts::unauthorized);
        if (!Passwords.verify(currentPassword, account.passwordHash())) {
            store.appendAudit(null, "STAFF_PASSWORD_CHANGE_FAILED", "user=" + member.user());
            throw new BackOfficeException(BackOfficeException.Reason.UNAUTHORIZED, LocalizedText.of(
                    "Das bisherige Passwort stimmt nicht.", "The current password is not right."));
        }
        String chosen = newPassword == null ? "" : newPassword;
        if (chosen.codePointCount(0, chosen.length()) < MIN_PASSWORD || chosen.length() > 200) {
            throw invalid("Das neue Passwort braucht mindestens " + MIN_PASSWORD + " Zeichen.",
                    "The new password needs at least " + MIN_PASSWORD + " characters.");
        }
        if (chosen.toLowerCase(java.util.Locale.ROOT).contains(member.user()) || chosen.equals(currentPassword)
                || chosen.chars().distinct().count() < 5) {
            throw invalid("Bitte wählen Sie ein anderes Passwort: nicht das bisherige, nicht Ihr Benutzername und nicht "
                    + "aus wenigen wiederholten Zeichen.", "Please choose another password: not the current one, not your user "
                    + "name and not a few repeated characters.");
        }
        store.setPasswordHash(member.user(), Passwords.hash(chosen, random));
        store.appendAudit(null, "STAFF_PASSWORD_CHANGED", "user=" + member.user());
    }

    // The operators' changes to accounts take turns (on this node), each checking its operator's session inside its
    // turn: two operators disabling or deleting each other at once leave one of them, never none.

    @Override
    public synchronized NewAccount resetAccess(StaffSession session, String user) {
        StaffMember operator = require(session, Role.OPERATOR);
        StaffAccount account = existing(user);
        String password = Passwords.generate(random);
        String secret = Totp.newSecret(random);
        store.setPasswordHash(account.user(), Passwords.hash(password, random));
        store.setTotpSecret(account.user(), secrets.seal(account.user(), secret), true);
        if (!disabled(account)) {
            store.setLockedUntil(account.user(), null);
        }
        endSessions(account.user());
        store.appendAudit(null, "STAFF_ACCESS_RESET", "user=" + account.user() + ";by=" + operator.user());
        return new NewAccount(member(account), password, secret, Totp.uri(ISSUER, account.user(), secret));
    }

    @Override
    public synchronized void setDisabled(StaffSession session, String user, boolean disabled) {
        StaffMember operator = require(session, Role.OPERATOR);
        StaffAccount account = existing(user);
        if (account.user().equals(operator.user())) {
            throw invalid("Ihr eigenes Konto können Sie nicht deaktivieren.", "You cannot disable your own account.");
        }
        store.setLockedUntil(account.user(), disabled ? DISABLED : null);
        if (disabled) {
            endSessions(account.user());
        }
        store.appendAudit(null, disabled ? "STAFF_ACCOUNT_DISABLED" : "STAFF_ACCOUNT_ENABLED", "user=" + account.user() + ";by="
                + operator.user());
    }

    @Override
    public synchronized void deleteAccount(StaffSession session, String user) {
        StaffMember operator = require(session, Role.OPERATOR);
        StaffAccount account = existing(user);
        if (account.user().equals(operator.user())) {
            throw invalid("Ihr eigenes Konto können Sie nicht löschen.", "You cannot delete your own account.");
        }
        if (Role.valueOf(account.role()) == Role.OPERATOR
                && store.accounts().stream().filter(a -> Role.valueOf(a.role()) == Role.OPERATOR && !disabled(a)).count() <= 1
                && !disabled(account)) {
            throw invalid("Das letzte aktive Betriebskonto bleibt.", "The last active operator account stays.");
        }
        store.deleteAccount(account.user());
        endSessions(account.user());
        store.appendAudit(null, "STAFF_ACCOUNT_DELETED", "user=" + account.user() + ";by=" + operator.user());
    }

    private StaffAccount existing(String user) {
        String name = user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT);
        return store.findAccount(name).orElseThrow(() -> invalid("Dieses Konto gibt es nicht.", "There is no such account."));
    }

    private static boolean disabled(StaffAccount account) {
        return account.lockedUntil() != null && !account.lockedUntil().isBefore(DISABLED);
    }

    /** The account's sessions end (on this node; elsewhere at their next check of the account). */
    private void endSessions(String user) {
        sessions.values().removeIf(s -> s.member().user().equals(user));
    }

    /** The account's code secret, opened with the staff key; an account whose secret does not open cannot log in. */
    private String secret(StaffAccount account) {
        try {
            return secrets.open(account.user(), account.totpSecret());
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, e.getMessage() + ": is data/staff.key the key of this database? An operator can reset the access.");
            return null;
        }
    }

    /** The member behind a session, if the session is valid and has one of the roles. */
    StaffMember require(StaffSession session, Role... roles) {
        StaffSession valid = session(session == null ? null : session.token()).orElseThrow(StaffAccounts::unauthorized);
        for (Role role : roles) {
            if (valid.member().role() == role) {
                return valid.member();
            }
        }
        throw new BackOfficeException(BackOfficeException.Reason.FORBIDDEN, LocalizedText.of(
                "Das darf Ihre Rolle nicht.", "Your role may not do this."));
    }

    private static StaffMember member(StaffAccount account) {
        return new StaffMember(account.user(), account.displayName(), Role.valueOf(account.role()), account.authority());
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static BackOfficeException unauthorized() {
        return new BackOfficeException(BackOfficeException.Reason.UNAUTHORIZED, LocalizedText.of(
                "Anmeldung fehlgeschlagen oder abgelaufen. Bitte prüfen Sie Benutzername, Passwort und Code. Nach fünf Fehlversuchen ist das Konto 15 Minuten gesperrt.",
                "Login failed or expired. Please check user name, password and code. After five failures the account is locked for 15 minutes."));
    }

    private static BackOfficeException invalid(String german, String english) {
        return new BackOfficeException(BackOfficeException.Reason.INVALID, LocalizedText.of(german, english));
    }

    /** A valid hash of a password nobody has, to spend the same time on an unknown user. */
    private static final String DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /** Sessions are kept by the SHA-256 of their token: the token itself is never held. */
    private static String sessionKey(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
