package org.openikfz.it.browser;

import java.time.Instant;
import org.openikfz.it.OneTimeCodes;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** What members of staff do in the back office's pages: log in with their one-time code, create accounts. */
final class Staff {

    private Staff() {
    }

    /** A browser on a desktop screen: the back office is used at the office. */
    static Citizen desktop() throws Exception {
        Citizen browser = new Citizen();
        browser.browser.manage().window().setSize(new Dimension(1280, 900));
        return browser;
    }

    static void login(Citizen who, RunningDistribution distribution, String user, String password, String totpSecret) {
        who.open(distribution.backOffice("/sachbearbeitung").toString());
        who.waitForText("Anmeldung für die Zulassungsbehörde");
        who.typeInto("staff-user", user);
        who.typeInto("staff-password", password);
        who.typeInto("staff-code", OneTimeCodes.code(totpSecret, Instant.now()));
        who.browser.findElement(By.id("staff-login")).click();
    }

    /**
     * The first operator logs in (with the one-time password file of the installation) and creates an account; returns
     * user, initial password and code secret. For tests whose subject is what that member of staff does.
     */
    static String[] accountByTheFirstOperator(RunningDistribution distribution, String user, String name, String roleLabel,
            String authority) throws Exception {
        String[] admin = OneTimeCodes.initialOperator(distribution.home);
        try (Citizen operator = desktop()) {
            login(operator, distribution, admin[0], admin[1], admin[2]);
            return createAccount(operator, user, name, roleLabel, authority);
        }
    }

    /**
     * The first operator creates an account in the accounts page; returns user, initial password and
     * code secret as the page shows them once.
     */
    static String[] createAccount(Citizen operator, String user, String name, String roleLabel, String authority) {
        operator.waitForText("Konten der Mitarbeitenden");
        operator.typeInto("account-user", user);
        operator.typeInto("account-name", name);
        operator.selectIn("account-role", roleLabel);
        // the authorities this platform serves, chosen from a list
        operator.selectIn("account-authority", authority);
        operator.browser.findElement(By.id("account-create")).click();
        // this account's notice (a notice of the one before may still be on the page)
        new org.openqa.selenium.support.ui.WebDriverWait(operator.browser, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
                d.findElements(By.id("new-account-user")).stream().anyMatch(e -> e.getText().equals(user)));
        return new String[] {user, operator.browser.findElement(By.id("new-account-password")).getText(),
                operator.browser.findElement(By.id("new-account-secret")).getText()};
    }
}
