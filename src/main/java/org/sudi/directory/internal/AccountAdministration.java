package org.sudi.directory.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.Role;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * The administrator's work on the directory: units, and accounts (create, disable and enable, reset
 * the password, change the roles). Only ADMIN may do any of it; the last enabled administrator can
 * neither be disabled nor lose the role.
 */
@Service
public class AccountAdministration {

	private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,39}$");
	private static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,39}$");

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final JdbcOrgUnits orgUnits;
	private final PasswordEncoder passwordEncoder;
	private final PasswordPolicy passwords;
	private final SignInThrottle throttle;
	private final AuditTrail audit;

	AccountAdministration(JdbcClient jdbc, Accounts accounts, JdbcOrgUnits orgUnits, PasswordEncoder passwordEncoder,
			PasswordPolicy passwords, SignInThrottle throttle, AuditTrail audit) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.orgUnits = orgUnits;
		this.passwordEncoder = passwordEncoder;
		this.passwords = passwords;
		this.throttle = throttle;
		this.audit = audit;
	}

	public record AccountRow(long id, String username, String displayName, Long orgId, boolean enabled, Set<Role> roles) {
	}

	public record AccountPage(List<AccountRow> items, int page, int size, long total) {
	}

	@Transactional(readOnly = true)
	public AccountPage accounts(Actor admin, Long orgId, String q, int page, int size) {
		requireAdmin(admin);
		String where = " where (cast(:org as bigint) is null or a.org_id = :org)"
				+ " and (:q = '' or strpos(a.username, :q) > 0 or strpos(a.display_name, :q) > 0)";
		String query = q == null ? "" : q.strip();
		long total = jdbc.sql("select count(*) from account a" + where).param("org", orgId).param("q", query)
			.query(Long.class).single();
		List<AccountRow> rows = jdbc.sql("""
				select a.id, a.username, a.display_name, a.org_id, a.enabled,
				       coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles
				from account a left join account_role r on r.account_id = a.id""" + where + """
				 group by a.id order by a.id limit :limit offset :offset""")
			.param("org", orgId).param("q", query).param("limit", size).param("offset", (long) page * size)
			.query((rs, n) -> {
				Set<Role> roles = EnumSet.noneOf(Role.class);
				for (String r : (String[]) rs.getArray("roles").getArray()) {
					roles.add(Role.valueOf(r));
				}
				return new AccountRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
						rs.getObject("org_id", Long.class), rs.getBoolean("enabled"), roles);
			})
			.list();
		return new AccountPage(rows, page, size, total);
	}

	@Transactional
	public long createAccount(Actor admin, String username, String displayName, Long orgId, Set<Role> roles,
			String password) {
		requireAdmin(admin);
		String name = username == null ? "" : username.strip();
		if (!USERNAME.matcher(name).matches()) {
			throw new InvalidInputException("username", "3–40 lower-case letters, digits, '.', '_' or '-'");
		}
		if (accounts.exists(name)) {
			throw new InvalidInputException("username", "is already taken");
		}
		if (displayName == null || displayName.isBlank()) {
			throw new InvalidInputException("displayName", "must not be blank");
		}
		if (roles == null || roles.isEmpty()) {
			throw new InvalidInputException("roles", "choose at least one role");
		}
		if (orgId != null) {
			orgUnits.find(orgId).orElseThrow(() -> new InvalidInputException("orgId", "no such unit"));
		}
		else if (!roles.stream().allMatch(r -> r == Role.CITIZEN)) {
			throw new InvalidInputException("orgId", "staff accounts belong to a unit");
		}
		passwords.check("password", name, password);
		long id = accounts.create(name, passwordEncoder.encode(password), displayName.strip(), orgId, null, roles);
		// The administrator chose this password: the owner chooses their own at the first sign-in.
		jdbc.sql("update account set password_must_change = true where id = ?").param(id).update();
		audit.record(AuditKind.ACCOUNT_CREATED, admin.username(), name,
				"roles " + roles.stream().map(Enum::name).sorted().toList() + ", unit " + orgId);
		return id;
	}

	@Transactional
	public void setEnabled(Actor admin, long accountId, boolean enabled) {
		requireAdmin(admin);
		AccountRow row = row(accountId);
		if (!enabled && row.roles().contains(Role.ADMIN) && enabledAdmins() <= 1) {
			throw new InvalidInputException("enabled", "the last administrator cannot be disabled");
		}
		jdbc.sql("update account set enabled = ? where id = ?").params(enabled, accountId).update();
		audit.record(AuditKind.PERMISSION_CHANGED, admin.username(), row.username(), enabled ? "enabled" : "disabled");
	}

	@Transactional
	public void resetPassword(Actor admin, long accountId, String password) {
		requireAdmin(admin);
		AccountRow row = row(accountId);
		Account account = accounts.findByUsername(row.username()).orElseThrow();
		passwords.checkNew("password", account, password);
		passwords.store(account, password, admin.username().equals(row.username()));
		throttle.clear(row.username());
		audit.record(AuditKind.PASSWORD_CHANGED, admin.username(), row.username(),
				"reset by an administrator (to be changed at the next sign-in); sign-in lock lifted");
	}

	@Transactional
	public void setRoles(Actor admin, long accountId, Set<Role> roles) {
		requireAdmin(admin);
		AccountRow row = row(accountId);
		if (roles == null || roles.isEmpty()) {
			throw new InvalidInputException("roles", "choose at least one role");
		}
		if (row.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN) && row.enabled() && enabledAdmins() <= 1) {
			throw new InvalidInputException("roles", "the last administrator keeps the ADMIN role");
		}
		jdbc.sql("delete from account_role where account_id = ?").param(accountId).update();
		for (Role role : roles) {
			jdbc.sql("insert into account_role(account_id, role) values (?, ?)").params(accountId, role.name()).update();
		}
		audit.record(AuditKind.ROLE_CHANGED, admin.username(), row.username(),
				row.roles().stream().map(Enum::name).sorted().toList() + " → "
						+ roles.stream().map(Enum::name).sorted().toList());
	}

	/** Removes an account's second factor (a lost phone); it enrols again at its next sign-in if its role needs one. */
	@Transactional
	public void resetSecondFactor(Actor admin, long accountId) {
		requireAdmin(admin);
		AccountRow row = row(accountId);
		jdbc.sql("update account set totp_secret = null, totp_last_step = null where id = ?").param(accountId).update();
		audit.record(AuditKind.SECOND_FACTOR_CHANGED, admin.username(), row.username(),
				"authenticator app removed by an administrator");
	}

	@Transactional
	public long createUnit(Actor admin, String code, String name, OrgKind kind, Long parentId) {
		requireAdmin(admin);
		String c = code == null ? "" : code.strip();
		if (!CODE.matcher(c).matches()) {
			throw new InvalidInputException("code", "2–40 lower-case letters, digits, '.', '_' or '-'");
		}
		if (orgUnits.findByCode(c).isPresent()) {
			throw new InvalidInputException("code", "is already used");
		}
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("name", "must not be blank");
		}
		if (kind == null) {
			throw new InvalidInputException("kind", "is required");
		}
		OrgUnit parent = parentId == null ? null : orgUnits.find(parentId)
			.orElseThrow(() -> new InvalidInputException("parentId", "no such unit"));
		if (kind == OrgKind.VILLAGE && (parent == null || parent.kind() != OrgKind.TOWN)) {
			throw new InvalidInputException("parentId", "a village belongs to a town");
		}
		long id = orgUnits.insert(c, name.strip(), kind, parentId);
		audit.record(AuditKind.CONFIGURATION_CHANGED, admin.username(), "org_unit:" + c,
				"unit created: " + name.strip() + " (" + kind + ", parent " + parentId + ")");
		return id;
	}

	private long enabledAdmins() {
		return jdbc.sql("select count(*) from account a join account_role r on r.account_id = a.id "
				+ "where r.role = 'ADMIN' and a.enabled").query(Long.class).single();
	}

	private AccountRow row(long accountId) {
		List<String> roles = jdbc.sql("select role from account_role where account_id = ?").param(accountId)
			.query(String.class).list();
		Set<Role> set = EnumSet.noneOf(Role.class);
		roles.forEach(r -> set.add(Role.valueOf(r)));
		return jdbc.sql("select id, username, display_name, org_id, enabled from account where id = ?")
			.param(accountId)
			.query((rs, n) -> new AccountRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
					rs.getObject("org_id", Long.class), rs.getBoolean("enabled"), set))
			.optional()
			.orElseThrow(() -> new NotFoundException("Account", accountId));
	}


	private static void requireAdmin(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only an administrator manages units and accounts");
		}
	}
}
