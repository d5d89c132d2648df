package org.sudi.directory.internal;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.directory.Actor;
import org.sudi.directory.CreditCode;
import org.sudi.directory.OrgKind;
import org.sudi.directory.PortalAccounts;
import org.sudi.directory.Role;
import org.sudi.platform.InvalidInputException;

/**
 * Portal accounts: one CITIZEN account per mobile number, one ENTERPRISE unit per credit code with an
 * account per contact mobile. They have no usable password (a random one, hashed): they sign in with
 * one-time codes. Creation is serialised per number (advisory lock), so two first sign-ins at once
 * make one account.
 */
@Service
class JdbcPortalAccounts implements PortalAccounts {

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final JdbcOrgUnits orgUnits;
	private final PasswordEncoder passwordEncoder;

	JdbcPortalAccounts(JdbcClient jdbc, Accounts accounts, JdbcOrgUnits orgUnits, PasswordEncoder passwordEncoder) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.orgUnits = orgUnits;
		this.passwordEncoder = passwordEncoder;
	}

	static boolean isMobile(String phone) {
		return phone != null && phone.matches("1[3-9]\\d{9}");
	}

	@Override
	@Transactional
	public Actor citizenByPhone(String phone) {
		requireMobile(phone);
		lock("citizen:" + accounts.phoneHash(phone));
		Optional<String> existing = jdbc.sql("""
				select a.username from account a join account_role r on r.account_id = a.id
				where a.phone_hash = any(?) and r.role = 'CITIZEN' order by a.id limit 1""")
			.param(accounts.phoneHashes(phone)).query(String.class).optional();
		String username = existing.orElseGet(() -> {
			String name = "citizen-" + randomSuffix();
			accounts.create(name, unusablePassword(), "市民" + phone.substring(7), null, phone, Set.of(Role.CITIZEN));
			return name;
		});
		return require(username);
	}

	@Override
	@Transactional
	public Actor enterpriseContact(CreditCode creditCode, String enterpriseName, String phone) {
		requireMobile(phone);
		lock("enterprise:" + creditCode.value());
		Long orgId = jdbc.sql("select id from org_unit where credit_code = ? and kind = 'ENTERPRISE'")
			.param(creditCode.value()).query(Long.class).optional().orElse(null);
		if (orgId == null) {
			if (enterpriseName == null || enterpriseName.isBlank()) {
				throw new InvalidInputException("enterpriseName", "is needed the first time an enterprise signs in");
			}
			orgId = orgUnits.insert("ent-" + creditCode.value(), enterpriseName.strip(), OrgKind.ENTERPRISE, null);
			jdbc.sql("update org_unit set credit_code = ? where id = ?").params(creditCode.value(), orgId).update();
		}
		long org = orgId;
		Optional<String> existing = jdbc.sql("""
				select a.username from account a join account_role r on r.account_id = a.id
				where a.phone_hash = any(?) and a.org_id = ? and r.role = 'ENTERPRISE' order by a.id limit 1""")
			.params(accounts.phoneHashes(phone), org).query(String.class).optional();
		String username = existing.orElseGet(() -> {
			String name = "ent-" + randomSuffix();
			String unitName = orgUnits.find(org).map(u -> u.name()).orElse(enterpriseName);
			accounts.create(name, unusablePassword(), unitName, org, phone, Set.of(Role.ENTERPRISE));
			return name;
		});
		return require(username);
	}

	@Override
	public Optional<Actor> find(String username) {
		return accounts.findByUsername(username).filter(Account::enabled).map(Account::asActor);
	}

	@Override
	public Optional<String> phoneOf(String username) {
		return accounts.findByUsername(username).map(Account::phone);
	}

	private Actor require(String username) {
		return find(username).orElseThrow(() -> new InvalidInputException("phone", "this account is disabled"));
	}

	private void lock(String key) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(key).query((rs, n) -> 1).list();
	}

	private static void requireMobile(String phone) {
		if (!isMobile(phone)) {
			throw new InvalidInputException("phone", "must be an 11-digit mobile number");
		}
	}

	private String unusablePassword() {
		return passwordEncoder.encode(UUID.randomUUID().toString());
	}

	private String randomSuffix() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return s.toString();
	}
}
