package org.sudi.grid.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.platform.Tsv;

/** The patrol checklist (巡查事项): classes and their items, kept in the database. */
@Repository
public class PatrolChecklist {

	public record Item(long id, String name) {
	}

	public record ItemClass(long id, String name, List<Item> items) {
	}

	private final JdbcClient jdbc;

	PatrolChecklist(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean isEmpty() {
		return !jdbc.sql("select exists(select 1 from patrol_check_item)").query(Boolean.class).single();
	}

	/** The active items by class, in checklist order. */
	public List<ItemClass> all() {
		Map<Long, ItemClass> classes = new LinkedHashMap<>();
		jdbc.sql("""
				select c.id as class_id, c.name as class_name, i.id, i.name from patrol_check_class c
				join patrol_check_item i on i.class_id = c.id where i.active order by c.sort_order, i.sort_order""")
			.query(rs -> {
				classes.computeIfAbsent(rs.getLong("class_id"),
						k -> new ItemClass(k, safe(rs, "class_name"), new ArrayList<>()))
					.items().add(new Item(rs.getLong("id"), rs.getString("name")));
			});
		return List.copyOf(classes.values());
	}

	boolean isActiveItem(long itemId) {
		return jdbc.sql("select exists(select 1 from patrol_check_item where id = ? and active)").param(itemId)
			.query(Boolean.class).single();
	}

	String itemName(long itemId) {
		return jdbc.sql("select name from patrol_check_item where id = ?").param(itemId).query(String.class).single();
	}

	/** The demo district's checklist: 13 classes, 58 items ({@code demo/patrol-checklist.tsv}). */
	void seedDemo() {
		Map<String, Long> classes = new LinkedHashMap<>();
		int order = 0;
		for (Map<String, String> row : Tsv.readResource("demo/patrol-checklist.tsv")) {
			String name = row.get("class");
			Long classId = classes.get(name);
			if (classId == null) {
				classId = jdbc.sql("insert into patrol_check_class(name, sort_order) values (?, ?) returning id")
					.params(name, classes.size())
					.query(Long.class)
					.single();
				classes.put(name, classId);
			}
			jdbc.sql("insert into patrol_check_item(class_id, name, sort_order) values (?, ?, ?)")
				.params(classId, row.get("item"), order++)
				.update();
		}
	}

	private static String safe(java.sql.ResultSet rs, String column) {
		try {
			return rs.getString(column);
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException(e);
		}
	}
}
