package org.sudi.directory.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.directory.Role;
import org.sudi.platform.PersonalData;
import org.sudi.platform.PersonalDataColumn;

@Repository
class Accounts {

	/** An account's mobile is sealed and found by its keyed hash (ADR 0028). */
	static final PersonalDataColumn PHONE = PersonalDataColumn.sealedPhone("account", "id", "phone", "phone_hash");

	private final JdbcClient jdbc;
	private final PersonalData personalData;

	Accounts(JdbcClient jdbc, PersonalData personalData) {
		this.jdbc = jdbc;
		this.personalData = personalData;
	}

	/** The mobile as stored: sealed. */
	String sealPhone(String phone) {
		return personalData.seal(PHONE.context(), phone);
	}

	/** The keyed hash a mobile is found by. */
	String phoneHash(String phone) {
		return personalData.phoneIndex(phone);
	}

	/** The keyed hashes of a mobile under every known key, for {@code phone_hash = any(?)}. */
	String[] phoneHashes(String phone) {
		return personalData.phoneIndexes(phone).toArray(String[]::new);
	}

	Optional<Account> findByUsername(String username) {
		List<String> roles = jdbc.sql("""
				select r.role from account_role r join account a on a.id = r.account_id where a.username = ?""")
			.param(username)
			.query(String.class)
			.list();
		return jdbc.sql("select * from account where username = ?")
			.param(username)
			.query((rs, n) -> new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
					rs.getString("display_name"), rs.getObject("org_id", Long.class),
					personalData.open(PHONE.context(), rs.getString("phone")),
					rs.getBoolean("enabled"), toRoles(roles),
					rs.getObject("password_changed_at", java.time.OffsetDateTime.class).toInstant(),
					rs.getBoolean("password_must_change"), rs.getString("totp_secret"),
					rs.getObject("totp_last_step", Long.class)))
			.optional();
	}

	boolean existsWithRole(Role role) {
		return jdbc.sql("select exists(select 1 from account_role r join account a on a.id = r.account_id "
				+ "where r.role = ? and a.enabled)").param(role.name()).query(Boolean.class).single();
	}

	boolean exists(String username) {
		return jdbc.sql("select exists(select 1 from account where username = ?)").param(username)
			.query(Boolean.class).single();
	}

	@Transactional
	long create(String username, String passwordHash, String displayName, Long orgId, String phone, Set<Role> roles) {
		return create(username, passwordHash, displayName, orgId, phone, roles, false);
	}

	/** @param demoPassword the account has the demo password (its age is re-set at every demo start) */
	@Transactional
	long create(String username, String passwordHash, String displayName, Long orgId, String phone, Set<Role> roles,
			boolean demoPassword) {
		long id = jdbc.sql("""
				insert into account(username, password_hash, display_name, org_id, phone, phone_hash, demo_password)
				values (?, ?, ?, ?, ?, ?, ?)
				returning id""")
			.params(username, passwordHash, displayName, orgId, sealPhone(phone), phoneHash(phone), demoPassword)
			.query(Long.class)
			.single();
		for (Role role : roles) {
			jdbc.sql("insert into account_role(account_id, role) values (?, ?)").params(id, role.name()).update();
		}
		return id;
	}

	private static Set<Role> toRoles(List<String> names) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		names.forEach(n -> roles.add(Role.valueOf(n)));
		return roles;
	}
}
