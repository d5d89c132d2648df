package org.sudi.catalog.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.catalog.Category;
import org.sudi.catalog.DutyItem;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * The administrator's work on the catalog: categories, and the duty list (edit items, import a
 * CSV or XLSX file after a preview that lists every row's problems). Only ADMIN may change it.
 */
@Service
public class CatalogAdministration {

	private static final Pattern CATEGORY_CODE = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,59}$");
	/** Columns of an import file, as in demo/duties.tsv; keywords and categories are separated by '|'. */
	public static final List<String> COLUMNS = List.of("org_code", "title", "keywords", "category_codes");
	static final int MAX_IMPORT_ROWS = 5000;

	private final JdbcClient jdbc;
	private final JdbcCatalog catalog;
	private final OrgUnits orgUnits;
	private final AuditTrail audit;

	CatalogAdministration(JdbcClient jdbc, JdbcCatalog catalog, OrgUnits orgUnits, AuditTrail audit) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.orgUnits = orgUnits;
		this.audit = audit;
	}

	@Transactional
	public void createCategory(Actor admin, String code, String name, String parentCode) {
		requireAdmin(admin);
		String c = code == null ? "" : code.strip();
		if (!CATEGORY_CODE.matcher(c).matches()) {
			throw new InvalidInputException("code", "2–60 lower-case letters, digits, '.' or '-'");
		}
		if (catalog.categoryExists(c)) {
			throw new InvalidInputException("code", "is already used");
		}
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("name", "must not be blank");
		}
		String parent = parentCode == null || parentCode.isBlank() ? null : parentCode.strip();
		if (parent != null && !catalog.categoryExists(parent)) {
			throw new InvalidInputException("parentCode", "no such category");
		}
		catalog.insertCategory(c, name.strip(), parent, 1000);
		audit.record(AuditKind.CONFIGURATION_CHANGED, admin.username(), "category:" + c,
				"category created: " + name.strip() + (parent == null ? "" : " under " + parent));
	}

	public record DutyPage(List<DutyItem> items, int page, int size, long total) {
	}

	@Transactional(readOnly = true)
	public DutyPage duties(Actor admin, Long orgId, String q, int page, int size) {
		requireAdmin(admin);
		String query = q == null ? "" : q.strip();
		String where = " where (cast(:org as bigint) is null or org_id = :org) and (:q = '' or strpos(title, :q) > 0"
				+ " or exists (select 1 from unnest(keywords) k where k = :q))";
		long total = jdbc.sql("select count(*) from duty_item" + where).param("org", orgId).param("q", query)
			.query(Long.class).single();
		List<DutyItem> items = jdbc.sql("select * from duty_item" + where + " order by org_id, id limit :l offset :o")
			.param("org", orgId).param("q", query).param("l", size).param("o", (long) page * size)
			.query((rs, n) -> new DutyItem(rs.getLong("id"), rs.getLong("org_id"), rs.getString("title"),
					Arrays.asList((String[]) rs.getArray("keywords").getArray()),
					Arrays.asList((String[]) rs.getArray("category_codes").getArray())))
			.list();
		return new DutyPage(items, page, size, total);
	}

	@Transactional
	public void updateDuty(Actor admin, long id, String title, String keywords) {
		requireAdmin(admin);
		if (title == null || title.isBlank()) {
			throw new InvalidInputException("title", "must not be blank");
		}
		int updated = jdbc.sql("update duty_item set title = ?, keywords = ? where id = ?")
			.params(title.strip(), split(keywords).toArray(String[]::new), id)
			.update();
		if (updated == 0) {
			throw new NotFoundException("Duty item", id);
		}
		audit.record(AuditKind.CONFIGURATION_CHANGED, admin.username(), "duty_item:" + id,
				"duty item changed: " + title.strip());
	}

	/** One row of an import file: its line number, what it says, and what is wrong with it. */
	public record ImportRow(int line, String orgCode, String title, List<String> keywords, List<String> categoryCodes,
			Long orgId, List<String> problems) implements java.io.Serializable {

		public boolean valid() {
			return problems.isEmpty();
		}
	}

	/** Reads a CSV (UTF-8) or XLSX file and checks every row; nothing is stored yet. */
	public List<ImportRow> preview(Actor admin, String filename, byte[] content) {
		requireAdmin(admin);
		List<List<String>> table = filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx")
				? readXlsx(content) : readCsv(content);
		if (table.isEmpty()) {
			throw new InvalidInputException("file", "is empty");
		}
		List<String> header = table.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
		int[] at = new int[COLUMNS.size()];
		for (int i = 0; i < COLUMNS.size(); i++) {
			at[i] = header.indexOf(COLUMNS.get(i));
			if (at[i] < 0 && i < 2) {
				throw new InvalidInputException("file", "the first row must name the columns " + String.join(", ", COLUMNS));
			}
		}
		if (table.size() - 1 > MAX_IMPORT_ROWS) {
			throw new InvalidInputException("file", "more than " + MAX_IMPORT_ROWS + " rows");
		}
		List<ImportRow> rows = new ArrayList<>();
		for (int r = 1; r < table.size(); r++) {
			List<String> cells = table.get(r);
			if (cells.stream().allMatch(String::isBlank)) {
				continue;
			}
			String code = cell(cells, at[0]);
			String title = cell(cells, at[1]);
			List<String> keywords = split(cell(cells, at[2]));
			List<String> categories = split(cell(cells, at[3]));
			List<String> problems = new ArrayList<>();
			Long orgId = null;
			if (code.isEmpty()) {
				problems.add("org_code is empty");
			}
			else {
				OrgUnit unit = orgUnits.findByCode(code).orElse(null);
				if (unit == null) {
					problems.add("no unit with code " + code);
				}
				else if (!unit.kind().canHandleTasks()) {
					problems.add(code + " cannot be given tasks");
				}
				else {
					orgId = unit.id();
				}
			}
			if (title.isEmpty()) {
				problems.add("title is empty");
			}
			for (String category : categories) {
				if (!catalog.categoryExists(category)) {
					problems.add("no category " + category);
				}
			}
			rows.add(new ImportRow(r + 1, code, title, keywords, categories, orgId, problems));
		}
		return rows;
	}

	/** Stores the valid rows of a preview as new duty items; returns how many. */
	@Transactional
	public int importRows(Actor admin, List<ImportRow> rows) {
		requireAdmin(admin);
		int n = 0;
		for (ImportRow row : rows) {
			if (row.valid()) {
				catalog.insertDuty(row.orgId(), row.title(), row.keywords(), row.categoryCodes());
				n++;
			}
		}
		audit.record(AuditKind.CONFIGURATION_CHANGED, admin.username(), "duty_item",
				"duty list import: " + n + " items added, " + (rows.size() - n) + " rows with problems left out");
		return n;
	}

	public List<Category> categories() {
		return catalog.categories();
	}

	static List<List<String>> readXlsx(byte[] content) {
		try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(content))) {
			Sheet sheet = book.getSheetAt(0);
			DataFormatter format = new DataFormatter();
			List<List<String>> table = new ArrayList<>();
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
					cells.add(row.getCell(c) == null ? "" : format.formatCellValue(row.getCell(c)));
				}
				table.add(cells);
			}
			return table;
		}
		catch (IOException | RuntimeException | LinkageError e) {
			// LinkageError: a ZIP entry compressed with a method whose codec is not on the class path
			// (zstd, found by fuzzing) makes commons-compress fail with NoClassDefFoundError.
			throw new InvalidInputException("file", "is not a readable XLSX workbook");
		}
	}

	/** CSV as spreadsheets write it: commas, double quotes around cells that need them, "" for a quote. */
	static List<List<String>> readCsv(byte[] content) {
		String text = new String(content, StandardCharsets.UTF_8);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<List<String>> table = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (ch == '"') {
					quoted = false;
				}
				else {
					cell.append(ch);
				}
			}
			else if (ch == '"') {
				quoted = true;
			}
			else if (ch == ',') {
				row.add(cell.toString());
				cell.setLength(0);
			}
			else if (ch == '\n' || ch == '\r') {
				if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				row.add(cell.toString());
				cell.setLength(0);
				table.add(row);
				row = new ArrayList<>();
			}
			else {
				cell.append(ch);
			}
		}
		if (cell.length() > 0 || !row.isEmpty()) {
			row.add(cell.toString());
			table.add(row);
		}
		return table;
	}

	private static String cell(List<String> cells, int index) {
		return index < 0 || index >= cells.size() ? "" : cells.get(index).strip();
	}

	private static List<String> split(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split("[|｜]")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	private static void requireAdmin(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only an administrator changes the catalog");
		}
	}
}
