package org.sudi.assessment.internal;

import java.time.YearMonth;

import org.springframework.stereotype.Service;
import org.sudi.directory.Actor;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;

/** The month's workbook for whoever may read the assessment. */
@Service
public class ExportService {

	private final AssessmentService assessment;
	private final ExcelExport excel;
	private final AuditTrail audit;

	ExportService(AssessmentService assessment, ExcelExport excel, AuditTrail audit) {
		this.assessment = assessment;
		this.excel = excel;
		this.audit = audit;
	}

	public byte[] workbook(Actor actor, YearMonth month) {
		AssessmentService.requireReader(actor);
		byte[] workbook = excel.workbook(assessment.month(month), assessment.rules());
		audit.record(AuditKind.EXPORT, actor.username(), "assessment:" + month,
				"assessment workbook (Excel), " + workbook.length + " bytes");
		return workbook;
	}
}
