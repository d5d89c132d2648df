package org.sudi.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver (Selenium Manager downloads nothing),
 * with a fresh profile, at a 1366×768 laptop size. Skips the test when the packages are missing.
 */
final class Browser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	final WebDriver driver;
	private final String base;
	private final Path profile;

	private Browser(WebDriver driver, String base, Path profile) {
		this.driver = driver;
		this.base = base;
		this.profile = profile;
	}

	static Browser open(int port) {
		String chromium = executable("chromium");
		String chromedriver = executable("chromedriver");
		assumeTrue(chromium != null && chromedriver != null,
				"Browser tests skipped: Debian's chromium and chromium-driver are not installed "
						+ "(apt-get install -y chromium chromium-driver)");
		System.setProperty("webdriver.chrome.driver", chromedriver);
		try {
			Path profile = Files.createTempDirectory("sudi-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium);
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,768");
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
				.usingAnyFreePort().build();
			WebDriver driver = new ChromeDriver(service, org.sudi.BrowserConsole.capture(options));
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			Files.createDirectories(SCREENSHOTS);
			return new Browser(driver, "http://localhost:" + port, profile);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String executable(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			File f = new File(dir, name);
			if (f.canExecute()) {
				return f.getAbsolutePath();
			}
		}
		return null;
	}

	void go(String path) {
		driver.get(base + path);
	}

	/** Signs out whoever is signed in and signs in as the demo account. */
	void signIn(String username) {
		driver.manage().deleteAllCookies();
		go("/login");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys("sudi-demo");
		driver.findElement(By.id("sign-in")).click();
		if (org.sudi.DemoTotp.codeFor(username) != null) {
			until(d -> d.getCurrentUrl().endsWith("/console/sign-in/totp"));
			driver.findElement(By.id("code")).sendKeys(org.sudi.DemoTotp.codeFor(username));
			driver.findElement(By.id("verify")).click();
		}
		until(d -> d.getCurrentUrl().endsWith("/console"));
	}

	WebElement find(String css) {
		return until(d -> {
			var found = d.findElements(By.cssSelector(css));
			return found.isEmpty() ? null : found.get(0);
		});
	}

	/** Clicks the element once it is there (again, if the page was swapped under it). */
	void click(String css) {
		until(d -> {
			var found = d.findElements(By.cssSelector(css));
			if (found.isEmpty()) {
				return null;
			}
			found.get(0).click();
			return true;
		});
	}

	String attribute(String css, String name) {
		return until(d -> {
			var found = d.findElements(By.cssSelector(css));
			return found.isEmpty() ? null : found.get(0).getAttribute(name);
		});
	}

	String text(String css) {
		return until(d -> {
			var found = d.findElements(By.cssSelector(css));
			return found.isEmpty() ? null : found.get(0).getText().strip();
		});
	}

	void waitForText(String css, String expected) {
		until(d -> {
			var found = d.findElements(By.cssSelector(css));
			return !found.isEmpty() && found.get(0).getText().strip().equals(expected);
		});
	}

	/** Clicks the first element matching the selector whose text contains the words, once it is there and stable. */
	void clickWhen(String css, String contains) {
		until(d -> {
			try {
				for (WebElement e : d.findElements(By.cssSelector(css))) {
					if (e.getText().contains(contains)) {
						e.click();
						return true;
					}
				}
				return null;
			}
			catch (org.openqa.selenium.StaleElementReferenceException e) {
				return null;
			}
		});
	}

	<T> T until(Function<WebDriver, T> condition) {
		// htmx swaps the page asynchronously: an element found a moment ago may be gone; look again.
		return new WebDriverWait(driver, Duration.ofSeconds(20))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(condition::apply);
	}

	void screenshot(String name) {
		File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		try {
			Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	void resize(int width, int height) {
		driver.manage().window().setSize(new Dimension(width, height));
	}

	/** The Content-Security-Policy violations the page console logged since the last call. */
	java.util.List<String> cspViolations() {
		return org.sudi.BrowserConsole.cspViolations(driver);
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException e) {
				// a leftover temporary profile is harmless
			}
		}
	}
}
