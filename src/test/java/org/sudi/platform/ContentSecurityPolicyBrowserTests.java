package org.sudi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sudi.ApiTestSupport;
import org.sudi.BrowserConsole;

/**
 * Every kind of page under the strict Content-Security-Policy in Debian's Chromium (ADR 0030): the
 * sign-in page, every console page in the admin's and the dispatcher's menus, a case page with its map,
 * the portal's public pages, the public figures, the screen, the watch page, Swagger UI and an error
 * page load without one CSP violation in the page console. And the check can fail: markup with an
 * inline event handler injected into a page is refused, and the refusal is seen.
 */
@Tag("browser")
class ContentSecurityPolicyBrowserTests extends ApiTestSupport {

	static WebDriver driver;

	@BeforeAll
	static void startBrowser() throws Exception {
		File chromedriver = new File("/usr/bin/chromedriver");
		File chromium = new File("/usr/bin/chromium");
		Assumptions.assumeTrue(chromedriver.canExecute() && chromium.canExecute(),
				"Debian chromium and chromium-driver are needed (apt-get install -y chromium chromium-driver)");
		System.setProperty("webdriver.chrome.driver", chromedriver.getPath());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1366,900",
				"--user-data-dir=" + Files.createTempDirectory("sudi-chromium-csp"));
		driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build(),
				BrowserConsole.capture(options));
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void signIn(String username) {
		driver.manage().deleteAllCookies();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys("sudi-demo");
		driver.findElement(By.id("sign-in")).click();
		String code = org.sudi.DemoTotp.codeFor(username); // the demo admin's second factor (ADR 0026)
		if (code != null) {
			new WebDriverWait(driver, Duration.ofSeconds(20))
				.until(d -> d.getCurrentUrl().endsWith("/console/sign-in/totp"));
			driver.findElement(By.id("code")).sendKeys(code);
			driver.findElement(By.id("verify")).click();
		}
		try {
			new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/console"));
		}
		catch (org.openqa.selenium.TimeoutException e) {
			throw new AssertionError("signing in as " + username + " ended at " + driver.getCurrentUrl() + ": "
					+ driver.findElement(By.tagName("body")).getText(), e);
		}
	}

	/** Loads the page, lets its scripts run, and returns what the console says about the CSP. */
	private List<String> visit(String path) {
		driver.get(url(path));
		new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> "complete"
			.equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
		try {
			Thread.sleep(400); // deferred scripts, htmx's hx-trigger="load" fragments, ECharts' first frame
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return BrowserConsole.cspViolations(driver).stream().map(m -> path + ": " + m).toList();
	}

	private Set<String> menuLinks() {
		Set<String> links = new LinkedHashSet<>();
		for (WebElement a : driver.findElements(By.cssSelector("header a[href], main a[href^='/console']"))) {
			String href = a.getDomAttribute("href");
			if (href != null && href.startsWith("/console") && !href.contains("export") && !href.contains("download")) {
				links.add(href);
			}
		}
		return links;
	}

	@Test
	@DisplayName("no page logs a CSP violation: sign-in, console menus, a case with a map, portal, public, screen, watch, Swagger UI, errors")
	void everyPageRunsUnderThePolicy() {
		String caseId = submit("hotline", java.util.Map.of("type", "LIVELIHOOD", "title", "路灯不亮 CSP",
				"description", "文化路路灯坏了", "townId", org("tanshan"), "location",
				java.util.Map.of("lat", 34.77, "lon", 117.59, "address", "文化路 12 号"))).path("id").asString();
		List<String> violations = new ArrayList<>();
		for (String page : List.of("/", "/login", "/m", "/m/login", "/m/enterprise/login", "/m/lookup", "/public",
				"/screen", "/watch", "/swagger-ui/index.html", "/no-such-page")) {
			violations.addAll(visit(page));
		}
		Set<String> visited = new LinkedHashSet<>();
		for (String user : List.of("admin", "dispatcher", "hotline", "town-tanshan")) {
			signIn(user);
			violations.addAll(BrowserConsole.cspViolations(driver));
			for (String link : menuLinks()) {
				if (visited.add(user + link)) {
					violations.addAll(visit(link));
				}
			}
			violations.addAll(visit("/console/cases/" + caseId));
		}
		assertThat(visited).as("console pages walked through").hasSizeGreaterThan(10);
		assertThat(violations).isEmpty();
	}

	@Test
	@DisplayName("an injected inline event handler is refused, and the refusal shows in the console (the check above can fail)")
	void injectedInlineScriptIsRefusedAndSeen() {
		visit("/login");
		((JavascriptExecutor) driver).executeScript(
				"document.body.insertAdjacentHTML('beforeend', '<img id=\"x\" src=\"/no-such.png\" onerror=\"window.pwned = 1\">');"
						+ "var s = document.createElement('script'); s.textContent = 'window.pwned2 = 1'; document.body.appendChild(s);");
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !BrowserConsole.cspViolations(d).isEmpty()
				|| Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.pwned === 1")));
		assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === 1 || window.pwned2 === 1"))
			.isEqualTo(false);
	}
}
