package org.sudi.assessment.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;
import org.sudi.assessment.Measures;
import org.sudi.assessment.MonthResults;
import org.sudi.assessment.UnitResult;
import org.sudi.assessment.domain.ScoringRules;

/** A month's assessment as an Excel workbook: one sheet for departments, one for towns, one explaining it. */
@Component
class ExcelExport {

	static final String[] HEADERS = { "排名 Rank", "单位 Unit", "综合得分 Composite", "标记 Flag", "响应率 Response",
			"按时办结率 On time", "解决率 Resolution", "满意率 Satisfaction", "重办率 Rework", "退单批准率 Approved returns",
			"下评上 Bottom-up", "接收任务 Received", "按时签收 Signed on time", "镇街受理 Reviews", "按时受理 Reviews on time",
			"办结应计 Completable", "按时办结 Completed on time", "关闭 Closed", "一次解决 Resolved first time", "满意 Satisfied",
			"基本满意 Basically", "不满意 Unsatisfied", "未评价 Not given", "重办 Reworks", "退单申请 Return requests",
			"退单批准 Returns approved", "延期申请 Extension requests", "延期批准 Extensions approved", "超期 Overdue",
			"督办 Supervisions", "问责 Accountability" };

	byte[] workbook(MonthResults results, ScoringRules rules) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = wb.createCellStyle();
			Font font = wb.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle percent = wb.createCellStyle();
			percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
			CellStyle score = wb.createCellStyle();
			score.setDataFormat(wb.createDataFormat().getFormat("0.00"));
			sheet(wb.createSheet("部门 Departments"), results.departments(), bold, percent, score);
			sheet(wb.createSheet("镇街 Towns"), results.towns(), bold, percent, score);
			Sheet about = wb.createSheet("说明 About");
			String[][] lines = { { "月份 Month", results.month().toString() },
					{ "状态 Status", results.status() + (results.version() > 0 ? " v" + results.version() : "") },
					{ "权重 Weights", "响应率 " + rules.responseWeight() + " + 解决率 " + rules.resolutionWeight() + " + 满意率 "
							+ rules.satisfactionWeight() },
					{ "下评上占比 Bottom-up share (departments)", String.valueOf(rules.bottomUpShare()) },
					{ "基本满意系数 w", String.valueOf(rules.basicallySatisfiedWeight()) },
					{ "先进集体 Advanced", "前 " + rules.advancedDepartments() + " 名部门" },
					{ "取消评先树优资格 Disqualified", "后 " + rules.disqualifiedDepartments() + " 名部门，后 "
							+ rules.disqualifiedTowns() + " 名镇街" } };
			for (int i = 0; i < lines.length; i++) {
				Row row = about.createRow(i);
				row.createCell(0).setCellValue(lines[i][0]);
				row.getCell(0).setCellStyle(bold);
				row.createCell(1).setCellValue(lines[i][1]);
			}
			about.setColumnWidth(0, 40 * 256);
			about.setColumnWidth(1, 60 * 256);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void sheet(Sheet sheet, List<UnitResult> units, CellStyle bold, CellStyle percent, CellStyle score) {
		Row header = sheet.createRow(0);
		for (int i = 0; i < HEADERS.length; i++) {
			header.createCell(i).setCellValue(HEADERS[i]);
			header.getCell(i).setCellStyle(bold);
		}
		sheet.createFreezePane(2, 1);
		int r = 1;
		for (UnitResult u : units) {
			Row row = sheet.createRow(r++);
			int c = 0;
			if (u.rank() != null) {
				row.createCell(c).setCellValue(u.rank());
			}
			c++;
			row.createCell(c++).setCellValue(u.orgName());
			number(row, c++, u.composite(), score);
			row.createCell(c++).setCellValue(u.flag() == null ? ""
					: u.flag() == UnitResult.Flag.ADVANCED ? "先进集体" : "取消评先树优资格");
			for (Double rate : new Double[] { u.responseRate(), u.onTimeCompletionRate(), u.resolutionRate(),
					u.satisfactionRate(), u.reworkRate(), u.approvedReturnRate() }) {
				number(row, c++, rate, percent);
			}
			number(row, c++, u.bottomUp(), score);
			Measures m = u.measures();
			for (long v : new long[] { m.received(), m.signedOnTime(), m.reviews(), m.reviewsOnTime(), m.completable(),
					m.completedOnTime(), m.closed(), m.resolvedFirstTime(), m.satisfied(), m.basicallySatisfied(),
					m.unsatisfied(), m.notGiven(), m.reworks(), m.returnRequests(), m.returnsApproved(),
					m.extensionRequests(), m.extensionsApproved(), m.overdue(), m.supervisions(), m.accountability() }) {
				row.createCell(c++).setCellValue(v);
			}
		}
		sheet.setColumnWidth(1, 30 * 256);
		for (int i = 2; i < HEADERS.length; i++) {
			sheet.setColumnWidth(i, 14 * 256);
		}
	}

	private static void number(Row row, int c, Double value, CellStyle style) {
		if (value != null) {
			row.createCell(c).setCellValue(value);
			row.getCell(c).setCellStyle(style);
		}
	}
}
