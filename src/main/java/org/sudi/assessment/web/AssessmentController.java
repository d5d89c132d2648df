package org.sudi.assessment.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.assessment.MonthResults;
import org.sudi.assessment.domain.ScoringRules;
import org.sudi.assessment.internal.AssessmentService;
import org.sudi.assessment.internal.ExportService;
import org.sudi.directory.Actor;
import org.sudi.platform.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/assessment")
@Tag(name = "Assessment", description = "考核: measures, bottom-up scores, rankings, closing months, export")
class AssessmentController {

	private final AssessmentService assessment;
	private final ExportService export;

	AssessmentController(AssessmentService assessment, ExportService export) {
		this.assessment = assessment;
		this.export = export;
	}

	record ScoreBody(@NotNull Long departmentId, @NotNull @Min(0) @Max(100) Integer score,
			@Size(max = 2000) String comment) {
	}

	record ReasonBody(@NotBlank @Size(max = 2000) String reason) {
	}

	static YearMonth month(String value) {
		try {
			return YearMonth.parse(value);
		}
		catch (java.time.format.DateTimeParseException e) {
			throw new InvalidInputException("month", "must be written yyyy-MM");
		}
	}

	@GetMapping("/rules")
	@Operation(summary = "The scoring parameters in force (weights, w, flags)")
	ScoringRules rules(Actor actor) {
		AssessmentService.requireReader(actor);
		return assessment.rules();
	}

	@GetMapping("/measures")
	@Operation(summary = "Measures, scores and rankings over any range of days (inclusive), computed now")
	AssessmentService.Period period(Actor actor,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		AssessmentService.requireReader(actor);
		return assessment.period(from, to);
	}

	@GetMapping("/months/{month}")
	@Operation(summary = "A month's results: frozen when closed, else live")
	MonthResults month(Actor actor, @PathVariable String month) {
		AssessmentService.requireReader(actor);
		return assessment.month(month(month));
	}

	@PostMapping("/months/{month}/close")
	@Operation(summary = "Close the month, freezing its results (ADMIN, after the month ended)")
	MonthResults close(Actor actor, @PathVariable String month) {
		return assessment.close(actor, month(month));
	}

	@PostMapping("/months/{month}/reopen")
	@Operation(summary = "Reopen a closed month, with the reason (ADMIN; audited)")
	MonthResults reopen(Actor actor, @PathVariable String month, @Valid @RequestBody ReasonBody body) {
		return assessment.reopen(actor, month(month), body.reason());
	}

	@GetMapping("/months/{month}/audit")
	@Operation(summary = "Closes and reopenings of the month")
	List<AssessmentService.AuditEntry> audit(Actor actor, @PathVariable String month) {
		return assessment.audit(actor, month(month));
	}

	@PutMapping("/months/{month}/scores")
	@Operation(summary = "Bottom-up score (下评上): a town scores a department it worked with (0–100)")
	AssessmentService.Score score(Actor actor, @PathVariable String month, @Valid @RequestBody ScoreBody body) {
		return assessment.score(actor, month(month), body.departmentId(), body.score(), body.comment());
	}

	@GetMapping("/months/{month}/scores")
	@Operation(summary = "The month's bottom-up scores the caller may see")
	List<AssessmentService.Score> scores(Actor actor, @PathVariable String month) {
		return assessment.scores(actor, month(month));
	}

	@GetMapping("/months/{month}/export")
	@Operation(summary = "The month's assessment as an Excel workbook")
	ResponseEntity<byte[]> export(Actor actor, @PathVariable String month) {
		YearMonth m = month(month);
		byte[] bytes = export.workbook(actor, m);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("assessment-" + m + ".xlsx").build().toString())
			.body(bytes);
	}
}
