package org.openikfz.it.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium through chromedriver, set up for this closed machine. */
final class Browsers {

    private Browsers() {
    }

    /**
     * A fresh headless Chromium in German.
     *
     * @param prefs Chromium preferences (e.g. the download folder), may be empty
     */
    static WebDriver chromium(Map<String, Object> prefs) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("openikfz.chromium", "/usr/bin/chromium"));
        // without the background-networking flags Chromium keeps calling hosts this machine cannot reach
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--lang=de-DE",
                "--user-data-dir=" + Files.createTempDirectory("openikfz-chromium"));
        // the browser of a German citizen: the portal starts in the language of Accept-Language, which headless
        // Chromium takes from this preference (not from --lang); a test may ask for another
        Map<String, Object> all = new java.util.HashMap<>(Map.of("intl.accept_languages", "de-DE,de"));
        all.putAll(prefs);
        options.setExperimentalOption("prefs", all);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("openikfz.chromedriver", "/usr/bin/chromedriver")))
                .build();
        return new ChromeDriver(service, options);
    }
}
