package dev.cfn.http;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.loop.TestAgents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver},
 * driven by Selenium) against a real {@code cfn serve}, opened through the link it prints (the token
 * once, then the cookie for the page's own calls): it lists the skills and pending approvals,
 * and when a loop is started through the API the page shows it running, then its iterations with
 * gate/consensus and the decision as they happen (no reload), and saves {@code target/dashboard.png};
 * a second loop is cancelled with its run view's Cancel button (the page's own POST, with the cookie).
 */
class DashboardIT {
    @TempDir
    Path tmp;

    @Test
    void the_page_opened_through_its_printed_link_follows_a_loop_started_through_the_api_live() throws Exception {
        Chromium.assumeInstalled();
        ServeProcess.seed(tmp.resolve("home"));
        TestAgents agents = new TestAgents(tmp.resolve("agents"));
        Path release = tmp.resolve("release");
        // iteration 1: a low confidence fails the gate (ITERATE); iteration 2 waits for the test, then passes
        agents.agent(
                "impl",
                "implementer",
                "if [ \"$(wc -l < '" + agents.callsFile("impl") + "')\" -lt 2 ]; then "
                        + answer("{\"confidence\": 0.4}")
                        + "; else until [ -f '" + release + "' ]; do sleep 0.05; done; "
                        + answer("{\"confidence\": 0.92}") + "; fi");
        agents.agent("val", "validator", answer("{\"confidence\": 0.97}"));
        agents.agent("po", "product-owner", answer("{\"decision\": \"PROCEED\", \"reasoning\": \"looks right\"}"));
        agents.agent("stuck", "implementer", "120s", "sleep 300 & wait; " + answer("{\"confidence\": 0.9}"));

        try (ServeProcess server = ServeProcess.start(tmp.resolve("home"), Map.of())) {
            ChromeDriver browser = Chromium.start(tmp.resolve("chromium-profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                assertThat(server.dashboard()).startsWith(server.url() + "/?token=");
                browser.get(server.dashboard());
                wait.until(
                        ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-skill='tdd-workflow']")));
                wait.until(
                        ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-pending='api-design']")));
                assertThat(browser.getCurrentUrl())
                        .as("the token left the address bar for an HttpOnly cookie")
                        .isEqualTo(server.url() + "/");

                String runId = startLoop(server, agents, "impl");
                By row = By.cssSelector("tr[data-run-id='" + runId + "']");
                wait.until(ExpectedConditions.presenceOfElementLocated(row)).click();
                wait.until(ExpectedConditions.textToBe(By.id("selected-run"), runId));
                wait.until(
                        ExpectedConditions.textToBe(By.cssSelector("tr[data-iteration='1'] td.decision"), "ITERATE"));
                // waits, not reads: the page re-renders its tables on each event (a read element can go stale)
                wait.until(ExpectedConditions.textToBe(By.id("run-status"), "running"));
                wait.until(
                        ExpectedConditions.textToBe(By.cssSelector("tr[data-iteration='1'] td.gate"), "0.400 failed"));

                Files.writeString(release, "go");
                wait.until(
                        ExpectedConditions.textToBe(By.cssSelector("tr[data-iteration='2'] td.decision"), "PROCEED"));
                wait.until(ExpectedConditions.textToBe(By.id("run-status"), "success"));
                wait.until(ExpectedConditions.textToBe(
                        By.cssSelector("tr[data-iteration='2'] td.consensus"), "0.970 passed"));
                assertThat(browser.findElements(By.cssSelector("#gate-chart rect")))
                        .hasSize(2);
                assertThat(browser.findElements(By.cssSelector("#consensus-chart rect")))
                        .hasSize(1);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "PROCEED"));
                // "Agents at work": each agent of the run with its last state, here its result
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#activity tr[data-agent^='impl-2-'] td.last"), "success, confidence"));

                Path shot = Path.of(System.getProperty("cfn.basedir", "."), "target", "dashboard.png");
                Files.createDirectories(shot.getParent());
                Files.copy(
                        browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(shot)).isPositive();
                assertThat(browser.findElement(By.id("run-spent")).getText()).startsWith("spent $0.00");

                // A second loop, cancelled from its run view.
                String stuck = startLoop(server, agents, "stuck");
                By stuckRow = By.cssSelector("tr[data-run-id='" + stuck + "']");
                wait.until(ExpectedConditions.presenceOfElementLocated(stuckRow))
                        .click();
                wait.until(ExpectedConditions.textToBe(By.id("selected-run"), stuck));
                wait.until(ExpectedConditions.textToBe(By.id("run-status"), "running"));
                wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel-run")))
                        .click();
                wait.until(ExpectedConditions.textToBe(By.id("run-status"), "stopped"));
                wait.until(ExpectedConditions.textToBe(By.id("run-reason"), "stopped: cancelled by api"));
                wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cancel-run")));
                assertThat(server.http()
                                .get("/api/loops/" + stuck)
                                .json()
                                .get("exit_reason")
                                .asText())
                        .isEqualTo("cancelled by api");
            } finally {
                browser.quit();
            }
        }
    }

    private String startLoop(ServeProcess server, TestAgents agents, String implementer) throws Exception {
        Path workdir = Files.createDirectories(tmp.resolve("work-" + implementer));
        var started = server.http()
                .post(
                        "/api/loops",
                        Http.json(Map.of(
                                "task",
                                "write a greeting module",
                                "mode",
                                "mvp",
                                "workdir",
                                workdir.toString(),
                                "agents_dir",
                                agents.dir().toString(),
                                "loop3",
                                List.of(implementer),
                                "loop2",
                                List.of("val"),
                                "product_owner",
                                "po",
                                "allow_unchanged",
                                true))); // its agents answer without writing
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.json().get("run_id").asText();
    }
}
