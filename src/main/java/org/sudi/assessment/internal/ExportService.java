package org.sudi.assessment.internal;

import java.time.YearMonth;

import org.springframework.stereotype.Service;
import org.sudi.directory.Actor;

/** The month's workbook for whoever may read the assessment. */
@Service
public class ExportService {

	private final AssessmentService assessment;
	private final ExcelExport excel;

	ExportService(AssessmentService assessment, ExcelExport excel) {
		this.assessment = assessment;
		this.excel = excel;
	}

	public byte[] workbook(Actor actor, YearMonth month) {
		AssessmentService.requireReader(actor);
		return excel.workbook(assessment.month(month), assessment.rules());
	}
}
