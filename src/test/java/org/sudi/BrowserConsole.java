package org.sudi;

import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * What Chromium wrote to the page console, for the browser tests: every Content-Security-Policy
 * violation ("Refused to execute inline script …", "Refused to apply inline style …") shows up there,
 * so a test that walked through pages can assert that the policy broke nothing on them (ADR 0030).
 */
public final class BrowserConsole {

	private BrowserConsole() {
	}

	/** Asks Chromium to keep the page console's messages (call before starting the driver). */
	public static ChromeOptions capture(ChromeOptions options) {
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		return options;
	}

	/** The CSP violations logged since the last call (reading drains the log). */
	public static List<String> cspViolations(WebDriver driver) {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.map(LogEntry::getMessage)
			.filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
			.toList();
	}
}
