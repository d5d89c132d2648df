package org.sudi.directory.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.directory.AccountDirectory;
import org.sudi.directory.Role;

@Repository
class JdbcAccountDirectory implements AccountDirectory {

	private final JdbcClient jdbc;

	JdbcAccountDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> usernamesOf(long orgId) {
		return jdbc.sql("select username from account where org_id = ? and enabled order by username")
			.param(orgId).query(String.class).list();
	}

	@Override
	public List<String> usernamesWithRole(Role role) {
		return jdbc.sql("select a.username from account a join account_role r on r.account_id = a.id "
				+ "where r.role = ? and a.enabled order by a.username")
			.param(role.name()).query(String.class).list();
	}
}
