package org.sudi.platform;

/**
 * A column holding personal data, declared as a bean by the module that owns the table so the
 * platform can seal rows written before encryption and re-seal them after a key rotation.
 *
 * @param table the table
 * @param idColumn its primary key column
 * @param column the column with the value: sealed ({@code indexOnly} false) or, once hashed, emptied
 * @param indexColumn where the value's keyed hash goes (phone numbers), or null
 * @param indexOnly true when only the keyed hash is kept (the value itself is never needed again)
 */
public record PersonalDataColumn(String table, String idColumn, String column, String indexColumn, boolean indexOnly) {

	public PersonalDataColumn {
		for (String name : new String[] { table, idColumn, column }) {
			if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
				throw new IllegalArgumentException("not an SQL name: " + name);
			}
		}
		if (indexColumn != null && !indexColumn.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("not an SQL name: " + indexColumn);
		}
		if (indexOnly && indexColumn == null) {
			throw new IllegalArgumentException("an index-only column needs an index column");
		}
	}

	/** The context a value of this column is sealed for: {@code table.column}. */
	public String context() {
		return table + "." + column;
	}

	public static PersonalDataColumn sealed(String table, String idColumn, String column) {
		return new PersonalDataColumn(table, idColumn, column, null, false);
	}

	public static PersonalDataColumn sealedPhone(String table, String idColumn, String column, String indexColumn) {
		return new PersonalDataColumn(table, idColumn, column, indexColumn, false);
	}

	public static PersonalDataColumn phoneIndexOnly(String table, String idColumn, String column, String indexColumn) {
		return new PersonalDataColumn(table, idColumn, column, indexColumn, true);
	}
}
