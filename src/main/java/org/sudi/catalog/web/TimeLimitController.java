package org.sudi.catalog.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.catalog.TimeLimit;
import org.sudi.catalog.TimeLimitPolicy;
import org.sudi.catalog.WorkingCalendar;
import org.sudi.catalog.internal.TimeLimitAdministration;
import org.sudi.directory.Actor;
import org.sudi.platform.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

@RestController
@Tag(name = "Time limits", description = "限时办理: time-limit policies and the working calendar")
class TimeLimitController {

	private final TimeLimitAdministration administration;

	TimeLimitController(TimeLimitAdministration administration) {
		this.administration = administration;
	}

	record PolicyView(String caseType, String urgency, String categoryCode, String townReview, String sign,
			String arrive, String complete, String evaluate) {
		static PolicyView of(TimeLimitPolicy p) {
			return new PolicyView(p.caseType(), p.urgency(), p.categoryCode(), p.townReview().toString(),
					p.sign().toString(), p.arrive().toString(), p.complete().toString(), p.evaluate().toString());
		}
	}

	@GetMapping("/api/v1/time-limits")
	@Operation(summary = "All policies: per case type × urgency, and per-category overrides")
	List<PolicyView> policies(Actor actor) {
		return administration.policies().stream().map(PolicyView::of).toList();
	}

	record PolicyBody(@NotBlank String caseType, @NotBlank String urgency, String categoryCode,
			@NotBlank String townReview, @NotBlank String sign, @NotBlank String arrive, @NotBlank String complete,
			@NotBlank String evaluate) {
	}

	@PutMapping("/api/v1/time-limits")
	@Operation(summary = "Create or change a policy (ADMIN); limits like 30m, 2h, 3d, 4wh, 5wd")
	PolicyView save(Actor actor, @Valid @RequestBody PolicyBody body) {
		TimeLimitPolicy policy = new TimeLimitPolicy(body.caseType(), body.urgency(),
				body.categoryCode() == null || body.categoryCode().isBlank() ? null : body.categoryCode(),
				limit("townReview", body.townReview()), limit("sign", body.sign()), limit("arrive", body.arrive()),
				limit("complete", body.complete()), limit("evaluate", body.evaluate()));
		return PolicyView.of(administration.save(actor, policy));
	}

	@DeleteMapping("/api/v1/time-limits")
	@Operation(summary = "Remove a category override (ADMIN)")
	ResponseEntity<Void> deleteOverride(Actor actor, @RequestParam String caseType, @RequestParam String urgency,
			@RequestParam String categoryCode) {
		administration.deleteOverride(actor, caseType, urgency, categoryCode);
		return ResponseEntity.noContent().build();
	}

	private static TimeLimit limit(String field, String text) {
		try {
			return TimeLimit.parse(text);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException(field, e.getMessage());
		}
	}

	record PeriodView(LocalTime start, LocalTime end) {
	}

	record DayView(LocalDate day, WorkingCalendar.DayKind kind, String name) {
	}

	record CalendarView(String zone, List<PeriodView> workingPeriods, int minutesPerWorkingDay, List<DayView> days) {
	}

	@GetMapping("/api/v1/calendar")
	@Operation(summary = "Working periods and the listed holidays and make-up workdays of a year")
	CalendarView calendar(Actor actor, @RequestParam(required = false) Integer year) {
		WorkingCalendar calendar = administration.calendar();
		int y = year == null ? LocalDate.now(calendar.zone()).getYear() : year;
		return new CalendarView(calendar.zone().getId(),
				calendar.periods().stream().map(p -> new PeriodView(p.start(), p.end())).toList(),
				calendar.minutesPerDay(),
				administration.days(y).stream().map(d -> new DayView(d.day(), d.kind(), d.name())).toList());
	}

	record DayBody(@NotNull WorkingCalendar.DayKind kind, String name) {
	}

	@PutMapping("/api/v1/calendar/days/{day}")
	@Operation(summary = "Mark a date as a holiday or a make-up workday (ADMIN)")
	DayView saveDay(Actor actor, @PathVariable LocalDate day, @Valid @RequestBody DayBody body) {
		administration.saveDay(actor, day, body.kind(), body.name());
		return new DayView(day, body.kind(), body.name() == null ? "" : body.name());
	}

	@DeleteMapping("/api/v1/calendar/days/{day}")
	@Operation(summary = "Make a date ordinary again (ADMIN)")
	ResponseEntity<Void> deleteDay(Actor actor, @PathVariable LocalDate day) {
		administration.deleteDay(actor, day);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/api/v1/calendar/import", consumes = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "Import days from text, one 'yyyy-MM-dd HOLIDAY|WORKDAY name' a line, all or nothing (ADMIN)")
	Map<String, Integer> importDays(Actor actor, @RequestBody String text) {
		return Map.of("imported", administration.importDays(actor, text));
	}
}
