package dev.cfn.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium for the browser tests: Debian's {@code chromium} and {@code
 * chromium-driver} named explicitly (else Selenium Manager tries the network), a fresh profile, and
 * Chrome's performance log (the DevTools network events, which show the status of requests a page
 * cannot read itself, such as {@code no-cors} ones).
 */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** Skips the test when the browser is not installed. */
    static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "skipped: needs " + BINARY + " and " + DRIVER + " (apt-get install -y chromium chromium-driver)");
    }

    static ChromeDriver start(Path profile) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1000",
                "--user-data-dir=" + Files.createDirectories(profile));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
