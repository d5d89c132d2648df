package org.sudi.directory.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.directory.AccountRegistry;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;
import org.sudi.platform.DemoMode;
import org.sudi.platform.InvalidInputException;

@Service
class AccountRegistration implements AccountRegistry {

	private final Accounts accounts;
	private final OrgUnits orgUnits;
	private final PasswordEncoder passwordEncoder;
	private final DemoMode demo;
	private final JdbcTemplate jdbc;
	private final PasswordPolicy passwords;
	private final AuditTrail audit;

	AccountRegistration(Accounts accounts, OrgUnits orgUnits, PasswordEncoder passwordEncoder, DemoMode demo,
			JdbcTemplate jdbc, PasswordPolicy passwords, AuditTrail audit) {
		this.passwords = passwords;
		this.audit = audit;
		this.accounts = accounts;
		this.orgUnits = orgUnits;
		this.passwordEncoder = passwordEncoder;
		this.demo = demo;
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AccountInfo> find(String username) {
		return accounts.findByUsername(username)
			.map(a -> new AccountInfo(a.username(), a.displayName(), a.orgId(), a.roles(), a.enabled()));
	}

	@Override
	@Transactional
	public void register(NewAccount account, String password) {
		check(account);
		passwords.check("password", account.username(), password);
		if (accounts.exists(account.username())) {
			throw new InvalidInputException("username", "the username " + account.username() + " is taken");
		}
		accounts.create(account.username(), passwordEncoder.encode(password), account.displayName(), account.orgId(),
				account.phone(), account.roles());
		audit.record(AuditKind.ACCOUNT_CREATED, "system", account.username(),
				"roles " + account.roles().stream().map(Enum::name).sorted().toList() + ", unit " + account.orgId());
	}

	@Override
	@Transactional
	public int registerWithDemoPassword(List<NewAccount> wanted) {
		if (!demo.enabled()) {
			throw new IllegalStateException("Accounts with the demo password exist only in demo mode");
		}
		Set<String> existing = new HashSet<>(jdbc.queryForList(
				"select username from account where username = any(?)", String.class,
				(Object) wanted.stream().map(NewAccount::username).toArray(String[]::new)));
		List<NewAccount> fresh = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (NewAccount a : wanted) {
			check(a);
			if (!existing.contains(a.username()) && seen.add(a.username())) {
				fresh.add(a);
			}
		}
		if (fresh.isEmpty()) {
			return 0;
		}
		String hash = passwordEncoder.encode(demo.password());
		jdbc.batchUpdate("insert into account(username, password_hash, display_name, org_id, phone, phone_hash, "
				+ "demo_password) values (?, ?, ?, ?, ?, ?, true)", fresh.stream().map(a -> new Object[] { a.username(), hash,
						a.displayName(), a.orgId(), accounts.sealPhone(a.phone()), accounts.phoneHash(a.phone()) })
					.toList());
		List<Object[]> roles = new ArrayList<>();
		for (NewAccount a : fresh) {
			for (Role role : a.roles()) {
				roles.add(new Object[] { role.name(), a.username() });
			}
		}
		jdbc.batchUpdate("insert into account_role(account_id, role) select id, ? from account where username = ?", roles);
		return fresh.size();
	}

	private void check(NewAccount a) {
		if (a.username() == null || !a.username().matches("[a-z0-9][a-z0-9._-]{1,63}")) {
			throw new InvalidInputException("username", "use 2–64 lower-case letters, digits, '.', '_' or '-'");
		}
		if (a.displayName() == null || a.displayName().isBlank()) {
			throw new InvalidInputException("displayName", "must not be blank");
		}
		if (a.roles().isEmpty()) {
			throw new InvalidInputException("roles", "name at least one role");
		}
		if (orgUnits.find(a.orgId()).isEmpty()) {
			throw new InvalidInputException("orgId", "no unit with id " + a.orgId());
		}
	}
}
