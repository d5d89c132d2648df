package org.sudi.directory.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.directory.OrgKind;
import org.sudi.directory.Role;
import org.sudi.platform.DemoMode;
import org.sudi.platform.Tsv;

/**
 * Seeds the demo district 峄城区 (units and one account per role) once, when demo mode is on, and
 * otherwise makes sure an administrator exists: a production start without one refuses to start.
 */
@Component
@Order(0)
class DemoDirectory implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDirectory.class);

	static final String NO_ADMIN = """
			No administrator account exists, and Sudi has no built-in password outside the demo.
			Create one on this first start by setting SUDI_ADMIN_USERNAME and SUDI_ADMIN_PASSWORD (at least 12 characters
			mixing 3 of lower-case, upper-case, digits, other; sudi.security.password.*),
			e.g. SUDI_ADMIN_USERNAME=admin SUDI_ADMIN_PASSWORD='…' ./mvnw spring-boot:run, or run the demo district
			with SUDI_DEMO=true.""";

	private final DemoMode demo;
	private final JdbcOrgUnits orgUnits;
	private final Accounts accounts;
	private final PasswordEncoder passwordEncoder;
	private final TransactionTemplate tx;
	private final org.springframework.core.env.Environment environment;
	private final PasswordPolicy passwords;
	private final IdentityProperties identity;
	private final JdbcClient jdbc;
	private final Clock clock;

	DemoDirectory(DemoMode demo, JdbcOrgUnits orgUnits, Accounts accounts, PasswordEncoder passwordEncoder,
			TransactionTemplate tx, org.springframework.core.env.Environment environment, PasswordPolicy passwords,
			IdentityProperties identity, JdbcClient jdbc, Clock clock) {
		this.passwords = passwords;
		this.identity = identity;
		this.jdbc = jdbc;
		this.clock = clock;
		this.demo = demo;
		this.orgUnits = orgUnits;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.tx = tx;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (demo.enabled()) {
			if (orgUnits.findByCode("yicheng").isEmpty()) {
				tx.executeWithoutResult(s -> seed());
				log.info("Seeded the demo district 峄城区");
			}
			refreshDemoIdentities();
			log.info("Demo district: sign in as admin, dispatcher, hotline, leader, town-tanshan, dept-zhifa, "
					+ "citizen, enterprise … with password '{}'; admin's TOTP secret is {}", demo.password(),
					identity.totp().demoSecret());
		}
		ensureAdministrator();
	}

	/**
	 * Demo mode: the accounts that still have the demo password count its age from this start (so a
	 * demo that runs for months does not ask every demo account for a new password), and the demo
	 * administrator has the documented demo TOTP secret (README) unless it enrolled another one.
	 */
	private void refreshDemoIdentities() {
		jdbc.sql("update account set password_changed_at = ? where demo_password")
			.param(java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)).update();
		jdbc.sql("update account set totp_secret = ? where username = 'admin' and totp_secret is null and demo_password")
			.param(identity.totp().demoSecret()).update();
	}

	private void ensureAdministrator() {
		if (accounts.existsWithRole(Role.ADMIN)) {
			return;
		}
		String username = environment.getProperty("SUDI_ADMIN_USERNAME");
		String password = environment.getProperty("SUDI_ADMIN_PASSWORD");
		if (username == null || username.isBlank() || password == null) {
			throw new IllegalStateException(NO_ADMIN);
		}
		try {
			passwords.check("SUDI_ADMIN_PASSWORD", username, password);
		}
		catch (org.sudi.platform.InvalidInputException e) {
			throw new IllegalStateException(NO_ADMIN + "\nSUDI_ADMIN_PASSWORD " + e.fields().get("SUDI_ADMIN_PASSWORD"));
		}
		Long district = orgUnits.all().stream().filter(o -> o.kind() == OrgKind.DISTRICT).map(o -> o.id())
			.findFirst().orElse(null);
		accounts.create(username, passwordEncoder.encode(password), "系统管理员", district, null, EnumSet.of(Role.ADMIN));
		log.info("Created administrator account '{}'", username);
	}

	private void seed() {
		Map<String, Long> ids = new HashMap<>();
		for (Map<String, String> row : Tsv.readResource("demo/orgs.tsv")) {
			String parent = row.get("parent_code");
			ids.put(row.get("code"), orgUnits.insert(row.get("code"), row.get("name"), OrgKind.valueOf(row.get("kind")),
					parent.isEmpty() ? null : ids.get(parent)));
		}
		for (Map<String, String> row : Tsv.readResource("demo/villages.tsv")) {
			ids.put(row.get("code"), orgUnits.insert(row.get("code"), row.get("name"),
					OrgKind.valueOf(row.get("kind")), ids.get(row.get("town_code"))));
		}
		// One hash for every demo account: they share the demo password, and hashing once keeps start-up quick.
		String hash = passwordEncoder.encode(demo.password());
		account("admin", "系统管理员", ids.get("yicheng"), hash, Role.ADMIN);
		account("dispatcher", "指挥中心调度员", ids.get("center"), hash, Role.DISPATCHER);
		account("hotline", "热线话务员", ids.get("center"), hash, Role.HOTLINE);
		account("leader", "区领导", ids.get("yicheng"), hash, Role.LEADER);
		account("discipline", "区纪委监委", ids.get("yicheng"), hash, Role.DISCIPLINE);
		for (Map<String, String> row : Tsv.readResource("demo/orgs.tsv")) {
			String code = row.get("code");
			switch (OrgKind.valueOf(row.get("kind"))) {
				case TOWN -> account("town-" + code, row.get("name") + "诉递专员", ids.get(code), hash, Role.TOWN_OPERATOR);
				case DEPARTMENT -> account("dept-" + code, row.get("name") + "诉递专员", ids.get(code), hash,
						Role.DEPARTMENT_STAFF);
				case ENTERPRISE -> account("enterprise", row.get("name"), ids.get(code), hash, Role.ENTERPRISE);
				default -> {
				}
			}
		}
		account("village-tanshan-01", "坛山街道社区专员", ids.get("tanshan-01"), hash, Role.VILLAGE_OPERATOR);
		account("grid-tanshan-01", "坛山街道网格员", ids.get("tanshan-01"), hash, Role.GRID_WORKER);
		accounts.create("citizen", hash, "张三", null, "13805370001", Set.of(Role.CITIZEN), true);
	}

	private void account(String username, String displayName, Long orgId, String hash, Role role) {
		accounts.create(username, hash, displayName, orgId, null, Set.of(role), true);
	}
}
