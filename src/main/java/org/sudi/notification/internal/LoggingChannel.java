package org.sudi.notification.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sudi.notification.DeliveryChannel;
import org.sudi.notification.Notification;
import org.sudi.platform.DemoMode;

/** The demo's stand-in for SMS: writes each notification to the log. Active in demo mode only. */
@Component
class LoggingChannel implements DeliveryChannel {

	private static final Logger log = LoggerFactory.getLogger("sudi.notifications");

	private final DemoMode demo;

	LoggingChannel(DemoMode demo) {
		this.demo = demo;
	}

	@Override
	public String name() {
		return "log";
	}

	@Override
	public boolean reaches(String username) {
		return demo.enabled();
	}

	@Override
	public void deliver(Notification n) {
		log.info("[{}] to {}: {} — {}", n.kind(), n.username(), n.title(), n.body());
	}
}
