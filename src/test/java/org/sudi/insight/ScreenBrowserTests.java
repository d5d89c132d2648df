package org.sudi.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * The command-centre screen and the watch page in Debian's Chromium: sign in on the page, charts and
 * their tables render, a case submitted elsewhere appears in the live feed without a reload (SSE fed
 * by LISTEN/NOTIFY), a leader follows a town and writes an instruction. Screenshots in
 * target/screenshots/.
 */
@Tag("browser")
class ScreenBrowserTests extends ApiTestSupport {

	static WebDriver driver;

	@BeforeAll
	static void startBrowser() throws Exception {
		Path chromedriver = Path.of("/usr/bin/chromedriver");
		Path chromium = Path.of("/usr/bin/chromium");
		Assumptions.assumeTrue(Files.isExecutable(chromedriver) && Files.isExecutable(chromium),
				"Debian chromium and chromium-driver are needed (apt-get install -y chromium chromium-driver)");
		System.setProperty("webdriver.chrome.driver", chromedriver.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1920,1200", "--lang=zh-CN",
				"--user-data-dir=" + Files.createTempDirectory("sudi-chromium"));
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
		driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build(),
				org.sudi.BrowserConsole.capture(options));
		Files.createDirectories(Path.of("target/screenshots"));
	}

	@org.junit.jupiter.api.AfterEach
	void noContentSecurityPolicyViolations() {
		if (driver != null) {
			assertThat(org.sudi.BrowserConsole.cspViolations(driver)).as("CSP violations in the page console").isEmpty();
		}
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

	private WebDriverWait waitUpTo(int seconds) {
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		return wait;
	}

	private void signIn(String path, String username) {
		driver.manage().deleteAllCookies();
		driver.get(url(path));
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
		driver.navigate().refresh();
		waitUpTo(10).until(d -> d.findElement(By.id("signin")).isDisplayed());
		driver.findElement(By.id("signin-username")).sendKeys(username);
		driver.findElement(By.id("signin-password")).sendKeys("sudi-demo");
		driver.findElement(By.id("signin-submit")).click();
		waitUpTo(15).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
	}

	private static void screenshot(String name) throws Exception {
		File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), Path.of("target/screenshots", name), StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	@DisplayName("the screen signs in, draws its charts with tables, and shows a new case live without reload")
	void screenLiveFeed() throws Exception {
		livelihood("citizen", "yinping", "村道路灯损坏");
		signIn("/screen", "dispatcher");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("榴乡诉递 指挥中心大屏");
		assertThat(Integer.parseInt(driver.findElement(By.id("kpi-month")).getText())).isPositive();
		for (String chart : List.of("chart-type", "chart-channel", "chart-category", "chart-trend", "chart-map")) {
			assertThat(driver.findElements(By.cssSelector("#" + chart + " canvas"))).as(chart).isNotEmpty();
		}
		String mapTable = (String) ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return document.getElementById('table-map').textContent");
		assertThat(mapTable).contains("阴平镇");
		waitUpTo(10).until(d -> "connected".equals(d.findElement(By.tagName("body")).getDomAttribute("data-feed")));
		Object marker = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.__marker = 42");

		JsonNode created = livelihood("citizen", "dige", "广场噪音扰民");
		String trackingNo = created.path("trackingNo").asString();
		WebElement item = waitUpTo(15).until(d -> d.findElements(By.cssSelector("#feed li")).stream()
			.filter(li -> li.getText().contains(trackingNo)).findFirst().orElse(null));
		assertThat(item.getText()).contains("底阁镇").contains("新诉求");
		assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.__marker"))
			.as("no reload").isEqualTo(marker);
		screenshot("screen.png");
	}

	@Test
	@DisplayName("the watch page: a leader follows a town, sees its cases' progress and writes an instruction")
	void watchPage() throws Exception {
		String id = livelihood("citizen", "eshan", "山体落石隐患").path("id").asString();
		signIn("/watch", "leader");
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("watch-kind"))).selectByValue("TOWN");
		driver.findElement(By.id("watch-target")).sendKeys(String.valueOf(org("eshan")));
		driver.findElement(By.id("watch-submit")).click();
		WebElement row = waitUpTo(10).until(d -> d.findElements(By.cssSelector("tr[data-case-id='" + id + "']")).stream()
			.findFirst().orElse(null));
		waitUpTo(10).until(d -> d.findElement(By.cssSelector("tr[data-case-id='" + id + "']")).getText().contains("峨山镇"));
		assertThat(row).isNotNull();
		assertThat(driver.findElement(By.cssSelector("tr[data-case-id='" + id + "']")).getText()).contains("镇街受理");
		assertThat(driver.findElement(By.id("watches")).getText()).contains("峨山镇");

		// Live progress: the town escalates and the command centre dispatches elsewhere; the row follows.
		ok(as("town-eshan").post("/api/v1/cases/" + id + "/escalate", java.util.Map.of("reason", "需自然资源局处理")));
		dispatch(id, "ziran", List.of(), null);
		waitUpTo(15).until(d -> d.findElement(By.cssSelector("tr[data-case-id='" + id + "'] .status")).getText()
			.contains("办理中"));

		WebElement form = driver.findElement(By.cssSelector("form.instruct[data-case-id='" + id + "']"));
		form.findElement(By.name("text")).sendKeys("注意安全，尽快排除隐患");
		form.findElement(By.cssSelector("button")).click();
		waitUpTo(10).until(d -> d.findElement(By.cssSelector("tr[data-case-id='" + id + "']")).getText().contains("急"));
		assertThat(actions(id)).contains("INSTRUCT");
		screenshot("watch.png");
	}
}
