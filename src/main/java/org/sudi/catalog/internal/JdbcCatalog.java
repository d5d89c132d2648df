package org.sudi.catalog.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.catalog.DutyItem;

@Repository
class JdbcCatalog implements Catalog {

	private static final RowMapper<DutyItem> DUTY = (rs, n) -> new DutyItem(rs.getLong("id"), rs.getLong("org_id"),
			rs.getString("title"), strings(rs, "keywords"), strings(rs, "category_codes"));

	private final JdbcClient jdbc;

	JdbcCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Category> categories() {
		return jdbc.sql("select code, name, parent_code from category order by sort_order, code")
			.query((rs, n) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	@Override
	public boolean categoryExists(String code) {
		return jdbc.sql("select exists(select 1 from category where code = ?)").param(code).query(Boolean.class).single();
	}

	@Override
	public Optional<DutyItem> duty(long id) {
		return jdbc.sql("select * from duty_item where id = ?").param(id).query(DUTY).optional();
	}

	@Override
	public List<DutyItem> searchDuties(Long orgId, String query, int limit) {
		String q = query == null ? "" : query.strip();
		// A duty matches when the query is in its title or a keyword, or one of its keywords is in the query;
		// more matching keywords rank higher.
		return jdbc.sql("""
				select d.*,
				       (select count(*) from unnest(d.keywords) k where :q <> '' and (strpos(:q, k) > 0 or strpos(k, :q) > 0))
				       + case when :q <> '' and strpos(d.title, :q) > 0 then 2 else 0 end as score
				from duty_item d
				where (cast(:org as bigint) is null or d.org_id = :org)
				  and (:q = '' or strpos(d.title, :q) > 0
				       or exists (select 1 from unnest(d.keywords) k where strpos(:q, k) > 0 or strpos(k, :q) > 0))
				order by score desc, d.id
				limit :limit""")
			.param("q", q)
			.param("org", orgId)
			.param("limit", limit)
			.query(DUTY)
			.list();
	}

	void insertCategory(String code, String name, String parentCode, int sortOrder) {
		jdbc.sql("insert into category(code, name, parent_code, sort_order) values (?, ?, ?, ?)")
			.params(code, name, parentCode, sortOrder)
			.update();
	}

	void insertDuty(long orgId, String title, List<String> keywords, List<String> categoryCodes) {
		jdbc.sql("insert into duty_item(org_id, title, keywords, category_codes) values (?, ?, ?, ?)")
			.params(orgId, title, keywords.toArray(String[]::new), categoryCodes.toArray(String[]::new))
			.update();
	}

	boolean isEmpty() {
		return !jdbc.sql("select exists(select 1 from category)").query(Boolean.class).single();
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}
}
