package org.sudi.directory.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.directory.Role;

@Repository
class Accounts {

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
					rs.getString("display_name"), rs.getObject("org_id", Long.class), rs.getString("phone"),
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
				insert into account(username, password_hash, display_name, org_id, phone, demo_password)
				values (?, ?, ?, ?, ?, ?)
				returning id""")
			.params(username, passwordHash, displayName, orgId, phone, demoPassword)
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
